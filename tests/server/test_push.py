"""Pushing ops: replays, gaps and order, append-only records, field-level merge and conflicts,
the status machine and who may change what."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.storage.central_tables import AppliedOp, ChangeLogEntry
from fieldapp.storage.schema import TABLES
from tests.support.central import (
    PUSH,
    Central,
    asset_control,
    evidence,
    new_assignment,
    new_uuid,
    notice,
    service_record,
    visit,
)

APPEND_ONLY = ("visit_attempt", "evidence_item", "asset_control", "notice", "service_record")


def change_counter(central: Central) -> int:
    return int(central.scalar("SELECT value FROM counters WHERE name = 'change_log'"))


def footprint(central: Central) -> tuple[int, ...]:
    """What a push writes: records of every kind, the change log and the applied ops."""
    return (
        *(central.count(table) for table in TABLES.values()),
        central.count(ChangeLogEntry.__table__),
        change_counter(central),
        central.count(AppliedOp.__table__),
    )


def error(answer: Any, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == code
    message: str = body["message"]
    assert message
    return message


def statuses(results: list[dict[str, Any]]) -> list[str]:
    return [result["status"] for result in results]


# --- replays, gaps and order -----------------------------------------------------------------


def test_a_replayed_batch_is_answered_duplicate_and_written_once(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    batch = [
        ops.insert("visit_attempt", visit(task["id"])),
        ops.insert("evidence_item", evidence(task["id"])),
        ops.update("assignment", task["id"], task["version"], {"result": "met the respondent"}),
    ]
    first = central.apply(officer, *batch)
    assert [r["version"] for r in first] == [1, 1, task["version"] + 1]
    before = footprint(central)

    again = central.push_ok(officer, *batch)
    assert statuses(again) == ["duplicate"] * 3
    assert [(r["op_id"], r["seq"], r["version"]) for r in again] == [
        (r["op_id"], r["seq"], r["version"]) for r in first
    ]
    assert {r["original_status"] for r in again} == {"applied"}
    assert footprint(central) == before
    assert central.row("assignment", task["id"])["version"] == task["version"] + 1


def test_a_batch_partly_replayed_applies_only_the_new_ops(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    old = ops.insert("visit_attempt", visit(task["id"]))
    central.apply(officer, old)
    new = ops.insert("visit_attempt", visit(task["id"], notes="second visit"))
    results = central.push_ok(officer, old, new)
    assert statuses(results) == ["duplicate", "applied"]
    visits = TABLES["visit_attempt"]
    assert central.count(visits, visits.c.id.in_([old["record_id"], new["record_id"]])) == 2


def test_a_gap_in_seq_refuses_the_whole_batch(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    central.apply(officer, ops.insert("visit_attempt", visit(task["id"])))
    before = footprint(central)
    skipped = ops.next_seq
    ops.next_seq += 1
    late = ops.insert("visit_attempt", visit(task["id"]))
    message = error(central.push(officer, late), 409, "seq_gap")
    assert f"op {skipped} is missing" in message
    # Nor is the op before the gap taken from a batch that has one.
    ops.next_seq = skipped
    first = ops.insert("visit_attempt", visit(task["id"]))
    ops.next_seq += 1
    third = ops.insert("visit_attempt", visit(task["id"]))
    error(central.push(officer, first, third), 409, "seq_gap")
    assert footprint(central) == before


def test_the_first_op_of_a_device_must_be_1(central: Central) -> None:
    task, officer = central.task("S2")
    ops = central.ops(officer)
    ops.next_seq = 2
    before = footprint(central)
    error(central.push(officer, ops.insert("visit_attempt", visit(task["id"]))), 409, "seq_gap")
    assert footprint(central) == before


@pytest.mark.parametrize("order", [(2, 1), (1, 1), (1, 3, 2)])
def test_ops_out_of_order_get_400(central: Central, order: tuple[int, ...]) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    before = footprint(central)
    batch = [
        ops.op("insert", "visit_attempt", new_uuid(), 0, visit(task["id"]), seq=n) for n in order
    ]
    error(central.push(officer, *batch), 400, "ops_out_of_order")
    assert footprint(central) == before


def test_a_forged_device_id_gets_403(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    forged = {
        "device_id": central.account("lead1").device_id,
        "ops": [ops.insert("visit_attempt", visit(task["id"]))],
    }
    before = footprint(central)
    answer = central.client.post(PUSH, json=forged, headers=central.headers(officer))
    error(answer, 403, "forged_device")
    assert footprint(central) == before


def test_a_seq_reused_by_another_op_gets_409_and_nothing_is_applied(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    sent = ops.insert("visit_attempt", visit(task["id"]))
    central.apply(officer, sent)
    before = footprint(central)
    impostor = ops.op("insert", "visit_attempt", new_uuid(), 0, visit(task["id"]), seq=sent["seq"])
    fresh = ops.insert("visit_attempt", visit(task["id"]))
    message = error(central.push(officer, impostor, fresh), 409, "seq_reused")
    assert f"op {sent['seq']}" in message
    assert footprint(central) == before


# --- append-only records ---------------------------------------------------------------------


@pytest.fixture
def field_records(central: Central) -> tuple[str, dict[str, dict[str, Any]]]:
    """One record of each append-only kind on an S1 task, made by its officer."""
    task, officer = central.task("S1")
    ops = central.ops(officer)
    made = {
        "visit_attempt": ops.insert("visit_attempt", visit(task["id"])),
        "evidence_item": ops.insert("evidence_item", evidence(task["id"])),
        "asset_control": ops.insert("asset_control", asset_control(task["case_id"], task["id"])),
        "notice": ops.insert("notice", notice(task["case_id"], task["id"])),
    }
    made["service_record"] = ops.insert(
        "service_record", service_record(made["notice"]["record_id"])
    )
    central.apply(officer, *made.values())
    return officer, made


@pytest.mark.parametrize("entity", APPEND_ONLY)
@pytest.mark.parametrize("who", ["officer", "admin"])
def test_append_only_records_refuse_update_and_delete(
    central: Central, field_records: tuple[str, dict[str, dict[str, Any]]], entity: str, who: str
) -> None:
    officer, made = field_records
    user = officer if who == "officer" else "admin"
    record = made[entity]
    row = central.row(entity, record["record_id"])
    ops = central.ops(user)
    change = (
        {"notes": "edited"}
        if entity == "visit_attempt"
        else {"updated_at": row["updated_at"].isoformat()}
    )
    before = footprint(central)
    results = central.push_ok(
        user,
        ops.update(entity, record["record_id"], 1, change),
        ops.delete(entity, record["record_id"], 1),
    )
    assert statuses(results) == ["rejected", "rejected"]
    assert "cannot be changed" in results[0]["reason"]
    assert "never deleted" in results[1]["reason"]
    assert "record a correction" in results[1]["reason"]
    after = central.row(entity, record["record_id"])
    assert after == row
    assert footprint(central)[:-1] == before[:-1]  # only the two answers were kept


def test_an_append_only_record_sent_again_is_a_duplicate_no_op(central: Central) -> None:
    task, officer = central.task("S1")
    ops = central.ops(officer)
    sent = ops.insert("visit_attempt", visit(task["id"], notes="first"))
    central.apply(officer, sent)
    row = central.row("visit_attempt", sent["record_id"])
    log = central.count(ChangeLogEntry.__table__)
    counter = change_counter(central)
    # A re-enrolled laptop sends the same record under a new op (and slightly different).
    again = ops.insert("visit_attempt", visit(task["id"], notes="second"), sent["record_id"])
    (result,) = central.push_ok(officer, again)
    assert (result["status"], result["version"]) == ("duplicate", 1)
    assert central.row("visit_attempt", sent["record_id"]) == row
    assert (central.count(ChangeLogEntry.__table__), change_counter(central)) == (log, counter)


# --- merging ---------------------------------------------------------------------------------


def test_an_officer_and_a_lead_editing_different_fields_both_stand(central: Central) -> None:
    task, officer = central.task("S1", ("in_progress",))
    base = task["version"]
    new_priority = "normal" if task["priority"] == "urgent" else "urgent"
    (by_officer,) = central.apply(
        officer, central.ops(officer).update("assignment", task["id"], base, {"result": "found"})
    )
    (by_lead,) = central.apply(
        "lead1",
        central.ops("lead1").update("assignment", task["id"], base, {"priority": new_priority}),
    )
    assert (by_officer["version"], by_lead["version"]) == (base + 1, base + 2)
    row = central.row("assignment", task["id"])
    assert (row["result"], row["priority"], row["version"]) == ("found", new_priority, base + 2)
    seen = central.pull_all("lead1").record("assignment", task["id"])
    assert seen is not None
    assert (seen["data"]["result"], seen["data"]["priority"], seen["version"]) == (
        "found",
        new_priority,
        base + 2,
    )


def test_two_edits_of_one_field_make_a_conflict_the_lead_sees(central: Central) -> None:
    task, _ = central.task("S1")
    base = task["version"]
    lead_cursor = central.pull_all("lead1").next_cursor
    central.apply(
        "lead1",
        central.ops("lead1").update("assignment", task["id"], base, {"due_on": "2026-06-01"}),
    )
    before = change_counter(central)
    (result,) = central.push_ok(
        "registrar",
        central.ops("registrar").update(
            "assignment", task["id"], base, {"due_on": "2026-06-15", "notes": "moved by registrar"}
        ),
    )
    assert result["status"] == "conflict"
    assert "due_on" in result["reason"]
    assert result["record"]["due_on"] == "2026-06-01"  # the server's record
    assert result["record"]["notes"] == "moved by registrar"  # the other field stands
    assert result["version"] == base + 2
    row = central.row("assignment", task["id"])
    assert (str(row["due_on"]), row["notes"]) == ("2026-06-01", "moved by registrar")

    conflicts = central.rows("conflict", TABLES["conflict"].c.record_id == task["id"])
    assert [(c["entity"], c["field"], c["device_value"], c["server_value"]) for c in conflicts] == [
        ("assignment", "due_on", "2026-06-15", "2026-06-01")
    ]
    assert change_counter(central) > before
    pulled = central.pull_all("lead1", lead_cursor)
    seen = pulled.record("conflict", conflicts[0]["id"])
    assert seen is not None
    assert seen["data"]["field"] == "due_on"
    assert pulled.one("assignment", task["id"])["version"] == base + 2
    assert central.pull_all("officer21").record("conflict", conflicts[0]["id"]) is None


def test_an_edit_on_the_current_version_replaces_the_value(central: Central) -> None:
    task, _ = central.task("S1")
    central.apply(
        "lead1",
        central.ops("lead1").update(
            "assignment", task["id"], task["version"], {"due_on": "2026-06-01"}
        ),
    )
    (result,) = central.apply(
        "registrar",
        central.ops("registrar").update(
            "assignment", task["id"], task["version"] + 1, {"due_on": "2026-06-15"}
        ),
    )
    assert result["version"] == task["version"] + 2
    assert str(central.row("assignment", task["id"])["due_on"]) == "2026-06-15"
    assert central.count("conflict") == 0


def test_a_base_version_the_server_never_issued_is_rejected(central: Central) -> None:
    task, _ = central.task("S1")
    (result,) = central.push_ok(
        "lead1",
        central.ops("lead1").update(
            "assignment", task["id"], task["version"] + 5, {"priority": "urgent"}
        ),
    )
    assert result["status"] == "rejected"
    assert "never issued" in result["reason"]


# --- the status machine ----------------------------------------------------------------------


def test_a_done_assignment_cannot_go_back_to_assigned(central: Central) -> None:
    task, _ = central.task("S1", ("done",))
    (result,) = central.push_ok(
        "lead1",
        central.ops("lead1").update(
            "assignment", task["id"], task["version"], {"status": "assigned"}
        ),
    )
    assert result["status"] == "rejected"
    assert "from done to assigned" in result["reason"]
    assert central.row("assignment", task["id"])["status"] == "done"


def test_an_officer_moves_a_task_through_its_statuses(central: Central) -> None:
    task, officer = central.task("S1", ("assigned",))
    ops = central.ops(officer)
    results = central.push_ok(
        officer,
        ops.update("assignment", task["id"], task["version"], {"status": "in_progress"}),
        ops.update(
            "assignment",
            task["id"],
            task["version"] + 1,
            {"status": "done", "result": "served", "completed_at": "2026-05-12T11:00:00+08:00"},
        ),
        ops.update("assignment", task["id"], task["version"] + 2, {"status": "in_progress"}),
    )
    assert statuses(results) == ["applied", "applied", "rejected"]
    assert "from done to in_progress" in results[2]["reason"]
    assert central.row("assignment", task["id"])["status"] == "done"


def test_a_new_assignment_starts_registered_or_routed(central: Central) -> None:
    task, _ = central.task("S1")
    ops = central.ops("registrar")
    results = central.push_ok(
        "registrar",
        ops.insert("assignment", new_assignment(task["case_id"], "S1", status="in_progress")),
        ops.insert("assignment", new_assignment(task["case_id"], "S1")),
    )
    assert statuses(results) == ["rejected", "applied"]
    assert "registered or routed" in results[0]["reason"]


# --- who may change what ---------------------------------------------------------------------


def test_a_supervisor_changes_nothing(central: Central) -> None:
    task, _ = central.task("S1")
    ops = central.ops("supervisor")
    before = footprint(central)
    results = central.push_ok(
        "supervisor",
        ops.insert("visit_attempt", visit(task["id"])),
        ops.update("assignment", task["id"], task["version"], {"priority": "urgent"}),
        ops.delete("assignment", task["id"], task["version"]),
        ops.insert(
            "region", {"code": "999999", "name": "x", "centroid_lat": 1.0, "centroid_lon": 1.0}
        ),
    )
    assert statuses(results) == ["rejected"] * 4
    assert "supervisors read" in results[0]["reason"]
    assert "supervisor may not change" in results[1]["reason"]
    assert "supervisor may not delete" in results[2]["reason"]
    assert footprint(central)[:-1] == before[:-1]


@pytest.mark.parametrize(
    ("field", "value"), [("squad_code", "S2"), ("due_on", "2026-07-01"), ("officer_id", None)]
)
def test_an_officer_may_not_change_lead_fields(central: Central, field: str, value: Any) -> None:
    task, officer = central.task("S1")
    (result,) = central.push_ok(
        officer,
        central.ops(officer).update("assignment", task["id"], task["version"], {field: value}),
    )
    assert result["status"] == "rejected"
    assert f"officer may not change {field}" in result["reason"]
    assert central.row("assignment", task["id"])[field] == task[field]


def test_an_officer_may_not_change_a_task_of_another_officer(central: Central) -> None:
    task, officer = central.task("S1")
    other = next(
        name
        for name in central.officers("S1")
        if central.account(name).user_id not in (task["officer_id"], task["second_officer_id"])
    )
    (result,) = central.push_ok(
        other, central.ops(other).update("assignment", task["id"], task["version"], {"result": "x"})
    )
    assert result["status"] == "rejected"
    assert "only the officers assigned" in result["reason"]
    assert central.row("assignment", task["id"])["result"] == task["result"]


REGION = {"code": "520199", "name": "测试区", "centroid_lat": 26.5, "centroid_lon": 106.7}


@pytest.mark.parametrize("who", ["lead1", "registrar", "officer11"])
def test_only_an_admin_writes_reference_records(central: Central, who: str) -> None:
    squad = central.rows("squad", TABLES["squad"].c.code == "S1")[0]
    ops = central.ops(who)
    results = central.push_ok(
        who,
        ops.insert("region", REGION),
        ops.update("squad", squad["id"], squad["version"], {"name": "renamed"}),
        ops.delete("squad", squad["id"], squad["version"]),
    )
    assert statuses(results) == ["rejected"] * 3
    assert "only an admin may add region" in results[0]["reason"]
    assert central.count("region", TABLES["region"].c.code == REGION["code"]) == 0
    assert central.row("squad", squad["id"])["name"] == squad["name"]


def test_an_admin_writes_reference_records_everyone_receives(central: Central) -> None:
    squad = central.rows("squad", TABLES["squad"].c.code == "S1")[0]
    cursor = central.pull_all("officer21").next_cursor
    ops = central.ops("admin")
    region = ops.insert("region", REGION)
    central.apply(
        "admin", region, ops.update("squad", squad["id"], squad["version"], {"name": "第一组"})
    )
    pulled = central.pull_all("officer21", cursor)
    assert pulled.keys() == {("region", region["record_id"]), ("squad", squad["id"])}


def test_a_registrar_deletes_an_assignment_as_a_tombstone(central: Central) -> None:
    task, officer = central.task("S1")
    cursor = central.pull_all(officer).next_cursor
    (result,) = central.apply(
        "registrar", central.ops("registrar").delete("assignment", task["id"], task["version"])
    )
    assert result["version"] == task["version"] + 1
    assert central.row("assignment", task["id"])["deleted"] is True
    seen = central.pull_all(officer, cursor).record("assignment", task["id"])
    assert seen is not None
    assert seen["deleted"] is True
    (again,) = central.push_ok(
        "lead1",
        central.ops("lead1").update(
            "assignment", task["id"], task["version"] + 1, {"priority": "urgent"}
        ),
    )
    assert again["status"] == "rejected"
    assert "deleted" in again["reason"]
    (lead_delete,) = central.push_ok(
        "lead1", central.ops("lead1").delete("case", task["case_id"], 1)
    )
    assert lead_delete["status"] == "rejected"


# --- unique fields ---------------------------------------------------------------------------


def test_a_record_repeating_a_unique_field_is_rejected(central: Central) -> None:
    task, officer = central.task("S1")
    first = notice(task["case_id"], task["id"])
    central.apply(officer, central.ops(officer).insert("notice", first))
    same_number = notice(task["case_id"], task["id"], document_number=first["document_number"])
    before = footprint(central)
    (result,) = central.push_ok(officer, central.ops(officer).insert("notice", same_number))
    assert result["status"] == "rejected"
    assert "document_number" in result["reason"]
    assert footprint(central)[:-1] == before[:-1]

    registrar = central.ops("registrar")
    twin = new_assignment(task["case_id"], "S1")
    results = central.push_ok(
        "registrar",
        registrar.insert(
            "assignment",
            new_assignment(task["case_id"], "S1", registration_no=task["registration_no"]),
        ),
        registrar.insert("assignment", twin),
        registrar.insert(
            "assignment", new_assignment(task["case_id"], "S1", request_key=twin["request_key"])
        ),
    )
    assert statuses(results) == ["rejected", "applied", "rejected"]
    assert "registration_no" in results[0]["reason"]
    assert "request_key" in results[2]["reason"]
    assert (
        central.count("assignment", TABLES["assignment"].c.request_key == twin["request_key"]) == 1
    )


def test_an_update_to_a_unique_value_another_record_has_is_rejected(central: Central) -> None:
    first, second = sorted(central.rows("region"), key=lambda row: row["code"])[:2]
    ops = central.ops("admin")
    results = central.push_ok(
        "admin",
        ops.update("region", second["id"], second["version"], {"code": first["code"]}),
        ops.insert("region", {**REGION, "code": first["code"]}),
        ops.update("region", second["id"], second["version"], {"name": "改名"}),
    )
    assert statuses(results) == ["rejected", "rejected", "applied"]
    assert "another region has the code" in results[0]["reason"]
    assert central.row("region", second["id"])["code"] == second["code"]


def test_a_notice_and_its_service_in_one_batch_are_both_applied(central: Central) -> None:
    task, officer = central.task("S2")
    cursor = central.pull_all("lead2").next_cursor
    ops = central.ops(officer)
    served = ops.insert("notice", notice(task["case_id"], task["id"]))
    service = ops.insert("service_record", service_record(served["record_id"]))
    central.apply(officer, served, service)
    pulled = central.pull_all("lead2", cursor)
    assert {("notice", served["record_id"]), ("service_record", service["record_id"])} <= (
        pulled.keys()
    )
    assert central.pull_all("officer11").record("service_record", service["record_id"]) is None
