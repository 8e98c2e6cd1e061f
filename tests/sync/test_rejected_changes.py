"""Rejected changes against the real central store: listed with their reasons, retried under a
new seq until the server takes them, discarded with the server's version put back, and the
one-record endpoint that discarding uses, with its scope and bad input."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from fieldapp.domain.enums import OutboxState
from fieldapp.server.database import open_central
from fieldapp.services.rejected_changes import (
    NotRejected,
    list_rejected,
    outbox_counts,
    retry_rejected,
)
from fieldapp.sync.discard import discard_rejected
from fieldapp.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, SCHEMA_VERSION
from tests.support.central_process import CentralProcess, seed
from tests.support.laptops import Laptop
from tests.support.sync_world import World


@pytest.fixture(scope="module")
def shared_central(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, CentralProcess]]:
    """One central store on SQLite for the module (what is tested here does not depend on
    the server's database): each test leaves the records of the others as they were."""
    folder = tmp_path_factory.mktemp("central")
    db_url = f"sqlite:///{folder / 'central.sqlite'}"
    open_central(db_url).dispose()
    server = CentralProcess(db_url, folder / "blobs", folder / "central.log")
    server.launch()
    try:
        seed(db_url)
        server.wait_healthy()
        yield db_url, server
    finally:
        server.stop()


@pytest.fixture
def world(shared_central: tuple[str, CentralProcess], tmp_path: Path) -> Iterator[World]:
    db_url, server = shared_central
    made = World(db_url, tmp_path, server)
    try:
        yield made
    finally:
        made.close()


def _own_task(world: World, officer: Laptop) -> dict[str, object]:
    rows = world.rows("assignment", officer_id=officer.user_id)
    assert rows, "the demo data gives every officer tasks"
    return rows[0]


def test_a_rejected_change_is_listed_and_discarded_back_to_the_servers_version(
    world: World,
) -> None:
    officer = world.laptop("officer11")
    task = _own_task(world, officer)
    task_id = str(task["id"])
    before = officer.row("assignment", task_id)
    assert before is not None
    new_due = (date.fromisoformat(str(before["due_on"])) + timedelta(days=30)).isoformat()
    officer.edit("assignment", task_id, due_on=date.fromisoformat(new_due))
    assert outbox_counts(officer.engine).pending == 1
    report = officer.sync()
    assert report.rejected == 1

    [rejected] = list_rejected(officer.engine)
    assert rejected.record_id == task_id
    assert rejected.label == task["registration_no"]
    assert rejected.fields == ("due_on",)
    assert "due_on" in rejected.reason
    counts = outbox_counts(officer.engine)
    assert (counts.pending, counts.rejected) == (0, 1)
    assert officer.row("assignment", task_id)["due_on"] == new_due  # type: ignore[index]

    with officer.client() as client:
        done = discard_rejected(officer.engine, client, rejected.op_id)
    assert done.restored
    after = officer.row("assignment", task_id)
    assert after is not None
    assert after["due_on"] == before["due_on"]
    assert after["version"] == before["version"]
    assert list_rejected(officer.engine) == []
    assert officer.outbox()[-1]["state"] is OutboxState.DISCARDED
    # Given up for good: neither queued again nor sent by the next sync.
    with pytest.raises(NotRejected):
        retry_rejected(officer.engine, rejected.op_id)
    assert officer.sync().pushed == 0


def test_a_retried_change_goes_out_under_a_new_seq_and_is_applied_once_allowed(
    world: World,
) -> None:
    officer, lead = world.laptop("officer11"), world.laptop("lead1")
    others = [
        row
        for row in world.rows("assignment", squad_code=officer.squad)
        if row["officer_id"] != officer.user_id
        and row["second_officer_id"] != officer.user_id
        and row["status"] == "assigned"
    ]
    assert others, "the demo data has tasks of the squad given to other officers"
    task_id = str(others[0]["id"])
    officer.edit("assignment", task_id, status="in_progress")
    assert officer.sync().rejected == 1
    [rejected] = list_rejected(officer.engine)
    assert "only the officers assigned" in rejected.reason

    # The lead gives the task to this officer; the same change is now allowed.
    lead.edit("assignment", task_id, officer_id=officer.user_id)
    assert lead.sync().applied == 1
    officer.sync()  # brings the new officer (the rejected edit is not pending: it is replaced)
    seq = retry_rejected(officer.engine, rejected.op_id)
    assert seq == max(op["seq"] for op in officer.outbox())
    [again] = officer.pending()
    assert again["op_id"] != rejected.op_id
    assert again["base_version"] == officer.row("assignment", task_id)["version"]  # type: ignore[index]
    assert list_rejected(officer.engine) == []
    report = officer.sync()
    assert (report.applied, report.rejected) == (1, 0)
    assert world.row("assignment", task_id)["status"] == "in_progress"  # type: ignore[index]


def test_discarding_a_rejected_new_record_removes_it_from_the_laptop(world: World) -> None:
    supervisor = world.laptop("supervisor")
    task_id = str(world.rows("assignment")[0]["id"])
    visit_id = supervisor.add_visit(task_id, notes="a supervisor may not record visits")
    assert supervisor.sync().rejected == 1
    [rejected] = list_rejected(supervisor.engine)
    assert rejected.record_id == visit_id
    with supervisor.client() as client:
        done = discard_rejected(supervisor.engine, client, rejected.op_id)
    assert not done.restored
    assert supervisor.row("visit_attempt", visit_id) is None


def _get(world: World, token: str | None, path: str) -> httpx.Response:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.get(f"{world.central.url}/api/v1/sync/record/{path}", headers=headers)


def test_the_record_endpoint_keeps_scopes_and_refuses_bad_input(world: World) -> None:
    officer, stranger = world.laptop("officer11"), world.laptop("officer21", synced=False)
    task = _own_task(world, officer)
    mine = _get(world, officer.enrolment.token, f"assignment/{task['id']}")
    assert mine.status_code == 200, mine.text
    body = mine.json()
    assert (body["entity"], body["record_id"]) == ("assignment", task["id"])
    assert body["data"]["registration_no"] == task["registration_no"]
    assert body["version"] == task["version"]
    # Another squad's officer: as unknown as a record that does not exist.
    theirs = _get(world, stranger.enrolment.token, f"assignment/{task['id']}")
    assert (theirs.status_code, theirs.json()["error"]) == (404, "not_found")
    token = officer.enrolment.token
    for path, status in [
        (f"assignment/{'0' * 36}", 404),
        (f"secrets/{task['id']}", 404),
        (f"assignment/{'a' * 5000}", 422),
        ("assignment/..%2F..%2Fetc%2Fpasswd", 404),  # no such route: "/" decoded
        ("assignment/' OR 1=1 --", 422),
        ("ASSIGNMENT/x", 422),
    ]:
        answer = _get(world, token, path)
        assert answer.status_code == status, (path, answer.status_code, answer.text)
        assert "error" in answer.json(), answer.text
    assert _get(world, None, f"assignment/{task['id']}").status_code == 401
    assert _get(world, "forged", f"assignment/{task['id']}").status_code == 401
