"""Bad input never gets a 500 and never writes a record: a malformed request is refused whole
with a JSON error; an op whose data does not fit its record is answered ``rejected`` (the
protocol's per-op refusal, DESIGN §4.3), naming the field. SQL and path fragments are stored
as the text they are, or refused; never executed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import inspect

from fieldapp.evidence.keys import SigningKey
from fieldapp.storage.central_tables import AppliedOp, AuditEntry, Device, User
from fieldapp.storage.schema import TABLES
from fieldapp.sync.protocol import MAX_JSON_BODY
from tests.support.central import (
    HEALTH,
    LOGIN,
    PUSH,
    Central,
    asset_control,
    evidence,
    new_uuid,
    visit,
)

SQL = "'; DROP TABLE assignment; --"
PATH = "../../etc/passwd"
HOSTILE = (SQL, PATH, 'Robert"); DELETE FROM users; --', "%s%s%n", "\\x00'--")


def footprint(central: Central) -> tuple[int, ...]:
    """Everything a request could write, but the audit log and the answers kept for ops."""
    return (
        *(central.count(table) for table in TABLES.values()),
        int(central.scalar("SELECT value FROM counters WHERE name = 'change_log'")),
        central.count(User.__table__),
        central.count(Device.__table__),
    )


def assert_still_standing(central: Central) -> None:
    assert central.client.get(HEALTH).status_code == 200
    names = set(inspect(central.engine).get_table_names())
    assert {"assignment", "users", "devices", "change_log", "audit_log"} <= names
    assert central.count("assignment") >= 250
    assert central.pull("officer11", 0, 1).status_code == 200


def assert_json_error(answer: httpx.Response, status: int, code: str | None = None) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"error", "message"}
    assert body["message"]
    if code is not None:
        assert body["error"] == code
    message: str = body["message"]
    return message


@pytest.fixture
def task(shared_central: Central) -> tuple[dict[str, Any], str]:
    return shared_central.task("S1")


# --- requests refused whole ------------------------------------------------------------------


def _op(central: Central, officer: str, task: dict[str, Any], **fields: Any) -> dict[str, Any]:
    ops = central.ops(officer)
    op = ops.op("insert", "visit_attempt", new_uuid(), 0, visit(task["id"]), seq=ops.next_seq)
    return {**op, **fields}


Body = Callable[[Central, str, dict[str, Any]], Any]

REFUSED: dict[str, Body] = {
    "malformed JSON": lambda c, o, t: b'{"device_id": "',
    "JSON array": lambda c, o, t: b"[]",
    "JSON string": lambda c, o, t: b'"ops"',
    "JSON null": lambda c, o, t: b"null",
    "empty body": lambda c, o, t: b"",
    "not UTF-8": lambda c, o, t: b'{"device_id": "\xff\xfe"}',
    "no ops": lambda c, o, t: {"device_id": c.account(o).device_id},
    "unknown top-level field": lambda c, o, t: {
        "device_id": c.account(o).device_id,
        "ops": [],
        "extra": 1,
    },
    "device id not a uuid": lambda c, o, t: {"device_id": SQL, "ops": []},
    "ops not a list": lambda c, o, t: {"device_id": c.account(o).device_id, "ops": {}},
    "seq as text": lambda c, o, t: [_op(c, o, t, seq=str(c.ops(o).next_seq))],
    "seq as true": lambda c, o, t: [_op(c, o, t, seq=True)],
    "seq as a fraction": lambda c, o, t: [_op(c, o, t, seq=1.5)],
    "seq 0": lambda c, o, t: [_op(c, o, t, seq=0)],
    "seq too large": lambda c, o, t: [_op(c, o, t, seq=2**63)],
    "base_version -1": lambda c, o, t: [_op(c, o, t, base_version=-1)],
    "base_version as text": lambda c, o, t: [_op(c, o, t, base_version="0")],
    "op id not a uuid": lambda c, o, t: [_op(c, o, t, op_id=SQL)],
    "record id a path": lambda c, o, t: [_op(c, o, t, record_id=PATH)],
    "uppercase uuid": lambda c, o, t: [_op(c, o, t, record_id=new_uuid().upper())],
    "entity with SQL": lambda c, o, t: [_op(c, o, t, entity=SQL)],
    "entity a path": lambda c, o, t: [_op(c, o, t, entity=PATH)],
    "unknown kind": lambda c, o, t: [_op(c, o, t, kind="upsert")],
    "data a list": lambda c, o, t: [_op(c, o, t, data=[1, 2])],
    "data null": lambda c, o, t: [_op(c, o, t, data=None)],
    "unknown op field": lambda c, o, t: [_op(c, o, t, extra="x")],
    "1,001 ops": lambda c, o, t: [_op(c, o, t, seq=c.ops(o).next_seq + n) for n in range(1001)],
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_malformed_push_gets_422_and_writes_nothing(
    shared_central: Central, task: tuple[dict[str, Any], str], case: str
) -> None:
    central = shared_central
    row, officer = task
    body = REFUSED[case](central, officer, row)
    if isinstance(body, list):
        body = {"device_id": central.account(officer).device_id, "ops": body}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    before = footprint(central)
    applied = central.count(AppliedOp.__table__)
    answer = central.client.post(
        PUSH,
        content=content,
        headers=central.headers(officer, **{"Content-Type": "application/json"}),
    )
    if case == "not UTF-8":
        assert_json_error(answer, 400)
    else:
        assert_json_error(answer, 422, "invalid_request")
    assert footprint(central) == before
    assert central.count(AppliedOp.__table__) == applied
    assert_still_standing(central)


def test_a_body_over_the_limit_gets_413(shared_central: Central) -> None:
    central = shared_central
    before = footprint(central)
    padding = "x" * (20 * 1024 * 1024)
    body = json.dumps(
        {"device_id": central.account("officer11").device_id, "ops": [], "p": padding}
    )
    assert len(body) > MAX_JSON_BODY
    answer = central.client.post(
        PUSH,
        content=body.encode(),
        headers=central.headers("officer11", **{"Content-Type": "application/json"}),
    )
    assert_json_error(answer, 413, "too_large")
    login = central.client.post(LOGIN, content=body.encode())
    assert_json_error(login, 413, "too_large")
    assert footprint(central) == before
    assert_still_standing(central)


def test_a_streamed_body_over_the_limit_gets_413(shared_central: Central) -> None:
    central = shared_central

    def chunks() -> Any:
        yield b'{"device_id": "' + b"x" * (MAX_JSON_BODY // 2)
        yield b"x" * (MAX_JSON_BODY // 2 + 10)
        yield b'", "ops": []}'

    answer = central.client.post(
        PUSH,
        content=chunks(),
        headers=central.headers("officer11", **{"Content-Type": "application/json"}),
    )
    assert_json_error(answer, 413, "too_large")
    assert_still_standing(central)


# --- ops answered "rejected" -----------------------------------------------------------------


def _rejected_data(task: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any], str]]:
    """case → (entity, data, what the reason must say)."""
    case_id, task_id = task["case_id"], task["id"]
    return {
        "unknown entity": ("bogus_record", {"x": 1}, "unknown kind of record 'bogus_record'"),
        "unknown field": ("visit_attempt", visit(task_id, colour="red"), "no field(s) colour"),
        "SQL as a field name": ("visit_attempt", visit(task_id, **{SQL: "x"}), "no field(s)"),
        "field too long": (
            "evidence_item",
            evidence(task_id, mime="x" * 129),
            "evidence_item.mime is 129 characters long; at most 128",
        ),
        "impossible date": (
            "asset_control",
            asset_control(case_id, task_id, effective_on="2026-13-45"),
            "asset_control.effective_on must be a date",
        ),
        "date with a time": (
            "asset_control",
            asset_control(case_id, task_id, effective_on="2026-05-12T00:00:00+08:00"),
            "asset_control.effective_on must be a date",
        ),
        "naive datetime": (
            "visit_attempt",
            visit(task_id, arrived_at="2026-05-12T09:30:00"),
            "visit_attempt.arrived_at must carry a time zone offset",
        ),
        "not a time": (
            "visit_attempt",
            visit(task_id, arrived_at=PATH),
            "visit_attempt.arrived_at must be a time",
        ),
        "enum value not in the enum": (
            "visit_attempt",
            visit(task_id, outcome="exploded"),
            "visit_attempt.outcome must be one of",
        ),
        "number as text": (
            "visit_attempt",
            visit(task_id, lat="26.5"),
            "visit_attempt.lat must be a number",
        ),
        "not a finite number": (
            "evidence_item",
            evidence(task_id, size=10**30),
            "evidence_item.size is out of range",
        ),
        "text as a number": (
            "visit_attempt",
            visit(task_id, notes=12),
            "visit_attempt.notes must be text",
        ),
        "required field null": (
            "visit_attempt",
            visit(task_id, outcome=None),
            "visit_attempt.outcome may not be empty",
        ),
        "required field missing": (
            "evidence_item",
            {"assignment_id": task_id, "kind": "photo"},
            "missing required field(s) captured_at",
        ),
        "null byte in text": (
            "visit_attempt",
            visit(task_id, notes="before\x00after"),
            "visit_attempt.notes",
        ),
        "null byte in a short text": (
            "evidence_item",
            evidence(task_id, mime="image/\x00jpeg"),
            "evidence_item.mime",
        ),
        "JSON too large": (
            "visit_attempt",
            visit(task_id, witnesses=["x" * 70_000]),
            "visit_attempt.witnesses is larger than 64 KB",
        ),
    }


REJECTED = list(_rejected_data({"case_id": "c", "id": "a"}))


@pytest.mark.parametrize("case", REJECTED)
def test_an_op_whose_data_does_not_fit_is_rejected_naming_the_field(
    shared_central: Central, task: tuple[dict[str, Any], str], case: str
) -> None:
    central = shared_central
    row, officer = task
    entity, data, reason = _rejected_data(row)[case]
    before = footprint(central)
    ops = central.ops(officer)
    op = ops.insert(entity, data)
    (result,) = central.push_ok(officer, op)
    assert result["status"] == "rejected", result
    assert reason in result["reason"]
    assert footprint(central) == before
    # The answer is kept, so the laptop gets the same one if it sends the op again.
    (again,) = central.push_ok(officer, op)
    assert (again["status"], again["original_status"]) == ("duplicate", "rejected")
    assert again["reason"] == result["reason"]
    assert_still_standing(central)


def test_an_update_whose_data_does_not_fit_is_rejected(
    shared_central: Central, task: tuple[dict[str, Any], str]
) -> None:
    central = shared_central
    row, officer = task
    current = central.row("assignment", row["id"])
    ops = central.ops("lead1")
    results = central.push_ok(
        "lead1",
        ops.update("assignment", row["id"], current["version"], {"due_on": "2026-02-30"}),
        ops.update("assignment", row["id"], current["version"], {"priority": "whenever"}),
        ops.update("assignment", row["id"], current["version"], {"squad_code": "S" * 17}),
        ops.update("assignment", row["id"], current["version"], {"notes": "a\x00b"}),
    )
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert central.row("assignment", row["id"]) == current


# --- hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_of_a_login_is_inert(
    shared_central: Central, text: str
) -> None:
    central = shared_central
    before = footprint(central)
    for field in ("username", "password", "device_name", "public_key"):
        body = {
            "username": "nobody",
            "password": "whatever",
            "device_id": new_uuid(),
            "device_name": "laptop",
            field: text,
        }
        answer = central.client.post(LOGIN, json=body)
        assert_json_error(answer, 401, "bad_credentials")
    everything = {"username": text, "password": text, "device_name": text, "public_key": text}
    answer = central.client.post(LOGIN, json={**everything, "device_id": new_uuid()})
    assert_json_error(answer, 401, "bad_credentials")
    assert_json_error(central.client.post(LOGIN, json={**everything, "device_id": text}), 422)
    assert footprint(central) == before
    (refused, *_) = central.rows(
        AuditEntry.__table__, AuditEntry.event == "login_refused", AuditEntry.username == text
    )
    assert refused["detail"] == "bad_credentials"
    assert_still_standing(central)


def test_hostile_text_in_a_device_name_and_key_is_stored_verbatim(
    shared_central: Central,
) -> None:
    central = shared_central
    device = new_uuid()
    answer = central.client.post(
        LOGIN,
        json={
            "username": "officer13",
            "password": "fieldapp-demo",
            "device_id": device,
            "device_name": SQL,
            "public_key": PATH,
        },
    )
    # A signing key must be one (issue 7): anything else is refused, and nothing is stored.
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "bad_public_key"
    assert central.rows(Device.__table__, Device.id == device) == []
    key = SigningKey.generate().public_key
    answer = central.client.post(
        LOGIN,
        json={
            "username": "officer13",
            "password": "fieldapp-demo",
            "device_id": device,
            "device_name": SQL,
            "public_key": key,
        },
    )
    assert answer.status_code == 200, answer.text
    (row,) = central.rows(Device.__table__, Device.id == device)
    assert (row["name"], row["public_key"]) == (SQL, key)
    assert_still_standing(central)


def _text_columns(entity: str) -> list[str]:
    skip = {"id", "created_by", "device_id", "assignment_id", "case_id", "notice_id"}
    table = TABLES[entity]
    return [
        c.key
        for c in table.columns
        if c.key not in skip
        and c.type.python_type is str
        and getattr(c.type, "enum_cls", None) is None
    ]


@pytest.mark.parametrize("text", [SQL, PATH])
def test_hostile_text_in_every_text_field_of_an_op_is_stored_verbatim(
    shared_central: Central, task: tuple[dict[str, Any], str], text: str
) -> None:
    central = shared_central
    row, officer = task
    columns = _text_columns("evidence_item")
    assert {"mime", "original_name", "description", "sha256", "signature"} <= set(columns)
    data = evidence(row["id"], **dict.fromkeys(columns, text))
    seen = visit(row["id"], notes=text, witnesses=[text, SQL], persons_present=[PATH])
    ops = central.ops(officer)
    inserted = [ops.insert("evidence_item", data), ops.insert("visit_attempt", seen)]
    central.apply(officer, *inserted)
    stored = central.row("evidence_item", inserted[0]["record_id"])
    assert {column: stored[column] for column in columns} == dict.fromkeys(columns, text)
    visited = central.row("visit_attempt", inserted[1]["record_id"])
    assert (visited["notes"], visited["witnesses"]) == (text, [text, SQL])
    current = central.row("assignment", row["id"])
    central.apply(
        "lead1",
        central.ops("lead1").update(
            "assignment", row["id"], current["version"], {"notes": text, "return_reason": text}
        ),
    )
    assert central.row("assignment", row["id"])["notes"] == text
    pulled = central.pull_all("lead1")
    record = pulled.record("evidence_item", inserted[0]["record_id"])
    assert record is not None
    assert record["data"]["description"] == text
    # The blob endpoints never take a record's text for a file name.
    blob = central.client.get(f"/api/v1/blobs/{PATH}", headers=central.headers("lead1"))
    assert blob.status_code in (400, 404)
    assert_still_standing(central)


def test_null_bytes_in_json_fields_are_stored_verbatim(
    shared_central: Central, task: tuple[dict[str, Any], str]
) -> None:
    central = shared_central
    row, officer = task
    op = central.ops(officer).insert("visit_attempt", visit(row["id"], witnesses=["a\x00b"]))
    central.apply(officer, op)
    assert central.row("visit_attempt", op["record_id"])["witnesses"] == ["a\x00b"]
    pulled = central.pull_all("lead1").record("visit_attempt", op["record_id"])
    assert pulled is not None
    assert pulled["data"]["witnesses"] == ["a\x00b"]
    assert_still_standing(central)


def test_null_bytes_in_a_login_are_refused_or_inert(shared_central: Central) -> None:
    central = shared_central
    before = footprint(central)
    for field in ("username", "password", "device_name", "public_key"):
        body = {
            "username": "officer14",
            "password": "fieldapp-demo",
            "device_id": new_uuid(),
            "device_name": "laptop",
            field: "officer14\x00" if field == "username" else "fieldapp-demo\x00",
        }
        answer = central.client.post(LOGIN, json=body)
        assert answer.status_code in (401, 422), (field, answer.text)
        assert_json_error(answer, answer.status_code)
    assert footprint(central) == before
    assert_still_standing(central)
