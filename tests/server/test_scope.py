"""Scopes, for every kind of record: what an officer of one squad pulls, pushes and downloads,
and that the all-seeing roles pull everything."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import insert

from fieldapp.server.seeding import log_every_record
from fieldapp.storage.engine import writing
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import new_id
from tests.support.central import (
    BLOBS,
    REFERENCE,
    SEEDED_AT,
    SQUAD_RECORDS,
    Central,
    Pulled,
    asset_control,
    evidence,
    notice,
    service_record,
    visit,
)

Key = tuple[str, str]
BLOB = os.urandom(50_000)
SHA = hashlib.sha256(BLOB).hexdigest()


@dataclass
class Scoped:
    central: Central
    # Per squad: the task the records below hang off, its officer and what was made.
    tasks: dict[str, dict[str, Any]]
    officers: dict[str, str]
    made: dict[str, dict[str, str]]  # squad → entity → record id
    s2_pull: Pulled


def _push_field_records(central: Central, squad: str, sha: str | None) -> dict[str, str]:
    task, officer = central.task(squad)
    ops = central.ops(officer)
    sent = {
        "visit_attempt": ops.insert("visit_attempt", visit(task["id"])),
        "evidence_item": ops.insert(
            "evidence_item", evidence(task["id"], sha256=sha, size=len(BLOB) if sha else None)
        ),
        "asset_control": ops.insert("asset_control", asset_control(task["case_id"], task["id"])),
        "notice": ops.insert("notice", notice(task["case_id"], task["id"])),
    }
    sent["service_record"] = ops.insert(
        "service_record", service_record(sent["notice"]["record_id"])
    )
    central.apply(officer, *sent.values())
    lead = f"lead{squad[1]}"
    central.apply(
        lead,
        central.ops(lead).update(
            "assignment", task["id"], task["version"], {"due_on": "2026-06-01"}
        ),
    )
    (clash,) = central.push_ok(
        "registrar",
        central.ops("registrar").update(
            "assignment", task["id"], task["version"], {"due_on": "2026-06-30"}
        ),
    )
    assert clash["status"] == "conflict"
    made = {entity: op["record_id"] for entity, op in sent.items()}
    (conflict,) = central.rows("conflict", TABLES["conflict"].c.record_id == task["id"])
    made["conflict"] = conflict["id"]
    return made


def _escalate(central: Central, made: dict[str, dict[str, str]], tasks: dict[str, Any]) -> None:
    """Escalations are made by the central store itself: straight into the database."""
    table = TABLES["escalation"]
    stamp = {
        "version": 1,
        "created_at": SEEDED_AT,
        "updated_at": SEEDED_AT,
        "created_by": None,
        "device_id": None,
        "deleted": False,
        "level": 2,
        "reason": "overdue",
        "raised_at": SEEDED_AT,
        "raised_to": None,
        "acknowledged_at": None,
        "acknowledged_by": None,
        "asset_control_id": None,
    }
    with writing(central.engine).begin() as connection:
        for squad, records in made.items():
            by_task, by_asset = new_id(), new_id()
            connection.execute(
                insert(table),
                [
                    {**stamp, "id": by_task, "assignment_id": tasks[squad]["id"]},
                    {
                        **stamp,
                        "id": by_asset,
                        "assignment_id": None,
                        "asset_control_id": records["asset_control"],
                    },
                ],
            )
            records["escalation"] = by_task
            records["escalation_by_asset"] = by_asset
        log_every_record(connection, now=SEEDED_AT)


@pytest.fixture(scope="module")
def scoped(shared_central: Central) -> Scoped:
    central = shared_central
    _, uploader = central.task("S1")
    upload = central.client.patch(
        f"{BLOBS}/{SHA}",
        content=BLOB,
        headers=central.headers(
            uploader, **{"Upload-Offset": "0", "Upload-Length": str(len(BLOB))}
        ),
    )
    assert upload.status_code == 204, upload.text
    made = {
        "S1": _push_field_records(central, "S1", SHA),
        "S2": _push_field_records(central, "S2", None),
    }
    tasks, officers = {}, {}
    for squad in made:
        tasks[squad], officers[squad] = central.task(squad)
    _escalate(central, made, tasks)
    return Scoped(central, tasks, officers, made, central.pull_all("officer21"))


# --- an independent account of who may see what ---------------------------------------------


class Squads:
    """The squads each record belongs to, worked out from the rows (not the change log)."""

    def __init__(self, central: Central) -> None:
        self.rows = {entity: {r["id"]: r for r in central.rows(entity)} for entity in TABLES}

    def of(self, entity: str, record_id: str) -> frozenset[str]:
        row = self.rows[entity][record_id]
        if entity == "assignment":
            return frozenset({row["squad_code"]} - {None})
        if entity == "case":
            return frozenset(
                a["squad_code"]
                for a in self.rows["assignment"].values()
                if a["case_id"] == record_id and a["squad_code"] and not a["deleted"]
            )
        if entity == "party":
            return self.of("case", row["case_id"])
        if entity in ("visit_attempt", "evidence_item"):
            return self.of("assignment", row["assignment_id"])
        if entity in ("asset_control", "notice"):
            if row["assignment_id"]:
                return self.of("assignment", row["assignment_id"])
            return self.of("case", row["case_id"])
        if entity == "service_record":
            return self.of("notice", row["notice_id"])
        if entity == "escalation":
            if row["assignment_id"]:
                return self.of("assignment", row["assignment_id"])
            return self.of("asset_control", row["asset_control_id"])
        if entity == "conflict":
            return self.of(row["entity"], row["record_id"])
        raise AssertionError(entity)

    def keys(self, entity: str) -> set[Key]:
        return {(entity, record_id) for record_id in self.rows[entity]}


@pytest.fixture(scope="module")
def squads(scoped: Scoped) -> Squads:
    return Squads(scoped.central)


@pytest.mark.parametrize("entity", REFERENCE)
def test_an_officer_pulls_every_reference_record(
    scoped: Scoped, squads: Squads, entity: str
) -> None:
    every = squads.keys(entity)
    assert every
    assert scoped.s2_pull.keys(entity) == every


@pytest.mark.parametrize("entity", SQUAD_RECORDS)
def test_an_officer_pulls_their_squads_records_and_none_of_another(
    scoped: Scoped, squads: Squads, entity: str
) -> None:
    every = squads.keys(entity)
    own = {key for key in every if "S2" in squads.of(*key)}
    s1_only = {key for key in every if squads.of(*key) == {"S1"}}
    assert own
    assert s1_only  # so the test can fail
    pulled = scoped.s2_pull.keys(entity)
    assert not pulled & s1_only
    assert pulled == own


def test_every_pulled_change_is_the_current_record(scoped: Scoped) -> None:
    central = scoped.central
    for change in scoped.s2_pull.changes[:: max(1, len(scoped.s2_pull.changes) // 50)]:
        row = central.row(change["entity"], change["record_id"])
        assert change["version"] == row["version"]
        assert change["data"]["id"] == row["id"]


@pytest.mark.parametrize("username", ["registrar", "supervisor", "admin"])
def test_the_all_seeing_roles_pull_everything(
    scoped: Scoped, squads: Squads, username: str
) -> None:
    pulled = scoped.central.pull_all(username)
    every = set().union(*(squads.keys(entity) for entity in TABLES))
    assert pulled.keys() == every
    assert len(pulled.changes) == len(every)  # each once
    assert pulled.removed == []


# --- pushing into another squad --------------------------------------------------------------


def _s1_records(scoped: Scoped) -> tuple[dict[str, Any], dict[str, str]]:
    return scoped.tasks["S1"], scoped.made["S1"]


@pytest.mark.parametrize(
    "entity", ["visit_attempt", "evidence_item", "asset_control", "notice", "service_record"]
)
def test_an_officer_cannot_add_records_to_another_squads_task(scoped: Scoped, entity: str) -> None:
    central = scoped.central
    task, records = _s1_records(scoped)
    data = {
        "visit_attempt": lambda: visit(task["id"]),
        "evidence_item": lambda: evidence(task["id"]),
        "asset_control": lambda: asset_control(task["case_id"], task["id"]),
        "notice": lambda: notice(task["case_id"], task["id"]),
        "service_record": lambda: service_record(records["notice"]),
    }[entity]()
    before = central.count(entity)
    (result,) = central.push_ok("officer21", central.ops("officer21").insert(entity, data))
    assert result["status"] == "rejected"
    assert "belongs to another squad" in result["reason"]
    assert central.count(entity) == before


@pytest.mark.parametrize(
    ("username", "change"),
    [
        ("officer21", {"result": "done by S2"}),
        ("lead2", {"squad_code": "S2"}),
        ("lead2", {"priority": "urgent"}),
    ],
)
def test_another_squad_cannot_change_an_assignment(
    scoped: Scoped, username: str, change: dict[str, str]
) -> None:
    central = scoped.central
    task = central.row("assignment", scoped.tasks["S1"]["id"])
    (result,) = central.push_ok(
        username, central.ops(username).update("assignment", task["id"], task["version"], change)
    )
    assert result["status"] == "rejected"
    assert "belongs to another squad" in result["reason"]
    assert central.row("assignment", task["id"]) == task


def test_another_squads_lead_cannot_resolve_its_conflict(scoped: Scoped) -> None:
    central = scoped.central
    conflict = central.row("conflict", scoped.made["S1"]["conflict"])
    (result,) = central.push_ok(
        "lead2",
        central.ops("lead2").update(
            "conflict", conflict["id"], conflict["version"], {"resolution": "device"}
        ),
    )
    assert result["status"] == "rejected"
    assert central.row("conflict", conflict["id"]) == conflict


# --- files -----------------------------------------------------------------------------------


def test_a_file_of_another_squads_evidence_cannot_be_downloaded(scoped: Scoped) -> None:
    central = scoped.central
    other_officer = next(name for name in central.officers("S1") if name != scoped.officers["S1"])
    for username in (other_officer, "lead1", "registrar", "supervisor"):
        answer = central.client.get(f"{BLOBS}/{SHA}", headers=central.headers(username))
        assert answer.status_code == 200, (username, answer.text)
        assert answer.content == BLOB
    for username in ("officer21", "lead2", "officer31"):
        answer = central.client.get(f"{BLOBS}/{SHA}", headers=central.headers(username))
        assert answer.status_code == 404, username
        assert answer.json() == {"error": "blob_not_found", "message": "no such blob"}
        ranged = central.client.get(
            f"{BLOBS}/{SHA}", headers=central.headers(username, Range="bytes=0-10")
        )
        assert ranged.status_code == 404
