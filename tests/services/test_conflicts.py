"""Conflict review on the laptop, with conflicts as the central store sends them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from fieldapp.domain.conflict_rules import LEAD_SETTLED_FIELDS, Choice, ConflictRefused
from fieldapp.domain.enums import Priority, Role
from fieldapp.server.policy import ASSIGNMENT_LEAD_FIELDS, editable_fields
from fieldapp.services.actor import Actor
from fieldapp.services.conflicts import open_conflicts, resolve_conflict
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.oversight import Conflict
from fieldapp.storage.types import new_id
from tests.ui.sample_data import add_samples

LEAD = Actor(user_id="lead-1", device_id="device-1")
RAISED = datetime(2026, 3, 15, 1, 0, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    add_samples(workspace.engine)
    try:
        yield workspace
    finally:
        workspace.close()


def task_id(engine: Engine, registration_no: str) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                select(Assignment.id).where(Assignment.registration_no == registration_no)
            ).scalar_one()
        )


def raise_conflict(
    engine: Engine, record_id: str, field: str, device: object, server: object
) -> str:
    """A conflict row as a pull writes it: version 1, made by the central store."""
    conflict_id = new_id()
    with engine.begin() as connection:
        connection.execute(
            insert(Conflict).values(
                id=conflict_id, version=1, created_at=RAISED, updated_at=RAISED,
                created_by="officer-x", device_id="device-x", deleted=False,
                entity="assignment", record_id=record_id, field=field,
                device_value=device, server_value=server, raised_at=RAISED, note="",
            )
        )  # fmt: skip
    return conflict_id


def outbox(engine: Engine) -> list[OutboxOp]:
    with Session(engine) as session:
        rows = list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq)))
        session.expunge_all()
        return rows


def test_the_lead_rules_agree_with_the_central_store() -> None:
    assert editable_fields(Role.LEAD, "assignment") - {"updated_at"} == LEAD_SETTLED_FIELDS
    assert ASSIGNMENT_LEAD_FIELDS <= LEAD_SETTLED_FIELDS


def test_open_conflicts_side_by_side(workspace: Workspace) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    raise_conflict(engine, record, "priority", "urgent", "normal")
    raise_conflict(engine, record, "result", "找到", "未找到")
    views = open_conflicts(engine)
    assert [(v.record_label, v.field) for v in views] == [
        ("WQ-2026-000002", "priority"),
        ("WQ-2026-000002", "result"),
    ]
    priority, result = views
    assert (priority.device_text, priority.server_text, priority.current_value) == (
        "urgent",
        "normal",
        "normal",
    )
    assert priority.lead_may_write
    assert not result.lead_may_write


def test_take_the_devices_value_writes_record_and_decision(workspace: Workspace) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    conflict = raise_conflict(engine, record, "priority", "urgent", "normal")
    settled = resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=conflict,
                               choice=Choice.DEVICE, note="  加急  ")  # fmt: skip
    assert settled.record_changed
    assert settled.value is Priority.URGENT
    with Session(engine) as session:
        stored = session.get(Conflict, conflict)
        assert stored is not None
        assert (stored.resolution, stored.resolved_by, stored.note) == ("device", "lead-1", "加急")
        assert stored.resolved_value == "urgent"
        assert stored.resolved_at is not None
        task = session.get(Assignment, record)
        assert task is not None
        assert task.priority is Priority.URGENT
    assert [(op.entity, op.record_id) for op in outbox(engine)] == [
        ("assignment", record),
        ("conflict", conflict),
    ]
    assert open_conflicts(engine) == []
    with pytest.raises(ConflictRefused) as again:
        resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=conflict,
                         choice=Choice.SERVER)  # fmt: skip
    assert again.value.code == "conflict_refused.resolved"


def test_keeping_the_servers_value_changes_only_the_conflict(workspace: Workspace) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    conflict = raise_conflict(engine, record, "result", "找到", "未找到")
    settled = resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=conflict,
                               choice=Choice.SERVER)  # fmt: skip
    assert not settled.record_changed
    assert [op.entity for op in outbox(engine)] == ["conflict"]


def test_an_edited_date_is_checked_and_written(workspace: Workspace) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    conflict = raise_conflict(engine, record, "due_on", "2026-04-01", "2026-04-10")
    for bad in ("2026-02-30", "明天", "x" * 5000, "'; DROP TABLE assignment; --"):
        with pytest.raises(ConflictRefused):
            resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=conflict,
                             choice=Choice.EDITED, edited=bad)  # fmt: skip
    assert outbox(engine) == []
    resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=conflict,
                     choice=Choice.EDITED, edited=" 2026-04-05 ")  # fmt: skip
    with Session(engine) as session:
        task = session.get(Assignment, record)
        assert task is not None
        assert task.due_on is not None
        assert task.due_on.isoformat() == "2026-04-05"


@pytest.mark.parametrize(
    ("role", "field", "choice", "edited", "note", "reason"),
    [
        (Role.OFFICER, "priority", Choice.DEVICE, None, "", "role"),
        (Role.SUPERVISOR, "priority", Choice.SERVER, None, "", "role"),
        (Role.LEAD, "result", Choice.DEVICE, None, "", "not_lead_field"),
        (Role.LEAD, "result", Choice.EDITED, "x", "", "not_lead_field"),
        (Role.LEAD, "officer_id", Choice.EDITED, "someone", "", "typed"),
        (Role.LEAD, "priority", Choice.SERVER, None, "注" * 2001, "note"),
        (Role.LEAD, "priority", Choice.EDITED, "极其紧急", "", "bad_value"),
        (Role.LEAD, "status", Choice.DEVICE, None, "", "bad_move"),  # in_progress → registered
    ],
)
def test_refusals_write_nothing(
    workspace: Workspace,
    role: Role,
    field: str,
    choice: Choice,
    edited: str | None,
    note: str,
    reason: str,
) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000001")  # in progress
    device = "registered" if field == "status" else "urgent"
    conflict = raise_conflict(engine, record, field, device, "normal")
    with pytest.raises(ConflictRefused) as caught:
        resolve_conflict(engine, actor=LEAD, role=role, conflict_id=conflict, choice=choice,
                         edited=edited, note=note)  # fmt: skip
    assert caught.value.code == f"conflict_refused.{reason}"
    assert outbox(engine) == []
    assert len(open_conflicts(engine)) == 1


def test_an_unknown_conflict_or_a_record_not_here(workspace: Workspace) -> None:
    engine = workspace.engine
    with pytest.raises(ConflictRefused):
        resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id="nope",
                         choice=Choice.SERVER)  # fmt: skip
    gone = raise_conflict(engine, new_id(), "priority", "urgent", "normal")
    (view,) = open_conflicts(engine)
    assert view.record_label == view.record_id  # shown by id when the task is not here
    with pytest.raises(ConflictRefused) as caught:
        resolve_conflict(engine, actor=LEAD, role=Role.LEAD, conflict_id=gone,
                         choice=Choice.DEVICE)  # fmt: skip
    assert caught.value.code == "conflict_refused.no_record"
