"""The fast paths of a sync, each against the plain behaviour it replaces: records read straight
from SQLite for a push, batches sent ahead (and sent again when the server saw them first), the
top-up of document numbers asked once per change, and checkpoints made by a thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import msgspec
import pytest
from sqlalchemy import select

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.services.changes import OutboxSink
from fieldapp.services.demo_seed import seed_demo
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.checkpoints import BackgroundCheckpoints
from fieldapp.storage.engine import relaxed, writing
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.schema import ENTITIES, TABLES
from fieldapp.storage.wire import row_payload
from fieldapp.sync import protocol as p
from fieldapp.sync.client import CentralClient, Refused, encode_push
from fieldapp.sync.engine import SyncEngine, SyncReport
from fieldapp.sync.outbox import pending_ops

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "laptop")
    with writing(workspace.engine).begin() as connection:
        seed_demo(connection, now=NOW)
    try:
        yield workspace
    finally:
        workspace.close()


def queue_inserts(workspace: Workspace, entity: str, limit: int) -> list[dict[str, Any]]:
    """Outbox inserts for ``limit`` records of ``entity`` as they are; returns the records."""
    table = TABLES[entity]
    with writing(workspace.engine).begin() as connection:
        rows = [dict(r._mapping) for r in connection.execute(select(table).limit(limit))]
        OutboxSink().inserted(connection, ENTITIES[entity], rows)
    return rows


def test_a_pushed_record_is_the_record_row_payload_makes(laptop: Workspace) -> None:
    expected: dict[str, Any] = {}
    for entity in TABLES:
        for row in queue_inserts(laptop, entity, 20):
            expected[row["id"]] = row_payload(TABLES[entity], row)
    assert expected
    with laptop.engine.connect() as connection:
        ops = pending_ops(connection, 10_000)
    sent = json.loads(encode_push(laptop.device_id, ops))["ops"]
    assert {op["record_id"]: op["data"] for op in sent} == json.loads(json.dumps(expected))


def test_pending_ops_start_after_the_seq_asked(laptop: Workspace) -> None:
    queue_inserts(laptop, "assignment", 10)
    with laptop.engine.connect() as connection:
        first = pending_ops(connection, 4)
        rest = pending_ops(connection, 100, after=first[-1]["seq"])
    assert [op["seq"] for op in first + rest] == list(range(1, 11))


def as_client(fake: object) -> CentralClient:
    """A stand-in with the few methods of CentralClient the step under test calls."""
    return cast(CentralClient, fake)


class FakeCentral:
    """Applies every op at version 1; the first time a batch is sent ahead of its predecessor's
    answer, refuses it for the gap, as the server does when it sees it first."""

    def __init__(self, *, refuse_once: bool) -> None:
        self.refuse_once = refuse_once
        self.sent: list[list[int]] = []

    def push_body(self, body: bytes) -> p.PushResponse:
        ops = msgspec.json.decode(body)["ops"]
        seqs = [op["seq"] for op in ops]
        self.sent.append(seqs)
        if self.refuse_once and len(self.sent) == 2:
            self.refuse_once = False
            raise Refused("op 1 is missing", 409, "seq_gap")
        results = [
            p.OpResult(op_id=op["op_id"], seq=op["seq"], status="applied", version=1) for op in ops
        ]
        return p.PushResponse(results=results, server_time=NOW)


@pytest.mark.parametrize("refuse_once", [False, True], ids=["in order", "ahead seen first"])
def test_batches_sent_ahead_are_all_answered(laptop: Workspace, refuse_once: bool) -> None:
    queue_inserts(laptop, "assignment", 7)
    central = FakeCentral(refuse_once=refuse_once)
    report = SyncReport()
    SyncEngine(laptop.engine, as_client(central), laptop.device_id, push_batch=3).push(report)
    assert report.applied == 7
    assert sorted({seq for batch in central.sent for seq in batch}) == list(range(1, 8))
    assert len(central.sent) == (4 if refuse_once else 3)
    with laptop.engine.connect() as connection:
        states = set(connection.execute(select(OutboxOp.state)).scalars())
    assert {state.value for state in states} == {"applied"}


def test_a_refusal_of_a_batch_sent_in_turn_is_not_retried(laptop: Workspace) -> None:
    queue_inserts(laptop, "assignment", 2)
    central = FakeCentral(refuse_once=False)

    def refuse(body: bytes) -> p.PushResponse:
        raise Refused("op 1 is missing", 409, "seq_gap")

    central.push_body = refuse  # type: ignore[method-assign]
    with pytest.raises(Refused):
        SyncEngine(laptop.engine, as_client(central), laptop.device_id).push(SyncReport())


class LeaseCounter:
    def __init__(self) -> None:
        self.asked = 0

    def lease_numbers(self, device_id: str, items: list[dict[str, Any]]) -> p.LeaseResponse:
        self.asked += 1
        return p.LeaseResponse(blocks=[], server_time=NOW)


def test_numbers_are_topped_up_once_per_change(laptop: Workspace) -> None:
    with laptop.engine.connect() as connection:
        open_tasks = connection.execute(
            select(TABLES["assignment"].c.id).where(
                TABLES["assignment"].c.status == AssignmentStatus.ROUTED.value
            )
        ).first()
    assert open_tasks is not None, "the demo data has open tasks that need numbers"
    central = LeaseCounter()
    engine = SyncEngine(laptop.engine, as_client(central), laptop.device_id)
    engine.lease_numbers(SyncReport())
    engine.lease_numbers(SyncReport())
    assert central.asked == 1
    # Another engine of the same process knows it too (fieldapp watch makes one a sync).
    SyncEngine(laptop.engine, as_client(central), laptop.device_id).lease_numbers(SyncReport())
    assert central.asked == 1
    queue_inserts(laptop, "visit_attempt", 1)  # a local change: tasks may need more now
    engine.lease_numbers(SyncReport())
    assert central.asked == 2


def test_background_checkpoints_leave_sqlite_s_default_behind(laptop: Workspace) -> None:
    table = TABLES["assignment"]
    with BackgroundCheckpoints(laptop.engine) as checkpoints:
        for n in range(3):
            with relaxed(checkpoints.engine).begin() as connection:
                # The thread checkpoints; these transactions do not.
                assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
                connection.execute(table.update().values(notes=f"pass {n}"))
            checkpoints.written()
    with writing(laptop.engine).begin() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        notes = set(connection.execute(select(table.c.notes)).scalars())
    assert notes == {"pass 2"}
