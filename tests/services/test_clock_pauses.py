"""Pausing and resuming a task's clock on the laptop: the assignment and its outbox op written in
one transaction, nothing written on a refusal, `due_on` left as it is and the page showing the
paused due date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from fieldapp.domain.clock_pauses import ClockPauseRefused
from fieldapp.domain.enums import OpKind, Role
from fieldapp.services.assignment_detail import load_page
from fieldapp.services.clock_pauses import pause_clock, resume_clock
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from tests.support.field_records import TODAY, add_field_samples, task_id
from tests.support.workspace_copies import WorkspaceTemplate

LEAD = {"role": Role.LEAD, "squad_code": "S1", "today": TODAY}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_field_samples)


@pytest.fixture
def workspace(samples: WorkspaceTemplate, tmp_path: Path) -> Iterator[Workspace]:
    workspace = samples.copy(tmp_path / "data")
    yield workspace
    workspace.close()


def stored(engine: Engine, assignment_id: str) -> dict[str, Any]:
    with engine.connect() as connection:
        row = connection.execute(
            select(Assignment.clock_pauses, Assignment.due_on, Assignment.updated_at).where(
                Assignment.id == assignment_id
            )
        ).one()
    return dict(row._mapping)


def outbox_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return len(connection.execute(select(OutboxOp.seq)).all())


def ops(engine: Engine, assignment_id: str) -> list[Any]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(OutboxOp.kind, OutboxOp.payload, OutboxOp.seq)
                .where(OutboxOp.record_id == assignment_id)
                .order_by(OutboxOp.seq)
            )
        )


def test_pause_and_resume_write_the_task_and_its_outbox_op(workspace: Workspace) -> None:
    engine = workspace.engine
    task = task_id(engine, "WQ-2026-000001")  # received 2026-03-01, due 2026-03-10
    paused = pause_clock(
        engine, task, start=date(2026, 3, 5), reason="public_notice", note="公告", **LEAD
    )
    after = stored(engine, task)
    assert after["clock_pauses"] == [
        {"start": "2026-03-05", "end": None, "reason": "public_notice", "note": "公告"}
    ]
    assert after["due_on"] == date(2026, 3, 10)  # never moved: counted without the pauses
    [op] = ops(engine, task)
    assert (op.kind, op.seq) == (OpKind.UPDATE, paused.outbox_seq)
    assert json.loads(op.payload)["clock_pauses"] == after["clock_pauses"]
    # While it holds, the clock stands still: no due date, no days left.
    overview = load_page(engine, task, today=TODAY).overview
    assert overview.due_on is None
    assert overview.days_left is None
    assert overview.clock is not None
    assert overview.clock.stopped_since == date(2026, 3, 5)
    assert overview.clock.paused_days == 12  # 5…16 March

    resumed = resume_clock(engine, task, end=date(2026, 3, 12), **LEAD)
    assert resumed.outbox_seq > paused.outbox_seq
    assert stored(engine, task)["clock_pauses"][0]["end"] == "2026-03-12"
    assert len(ops(engine, task)) == 2
    overview = load_page(engine, task, today=TODAY).overview
    assert overview.clock is not None
    # 8 paused days (5…12 March) on the last day 10 March: 18 March, a Wednesday.
    assert overview.due_on == date(2026, 3, 18)
    assert overview.days_left == 2
    assert overview.clock.due_unpaused == date(2026, 3, 10)
    assert overview.clock.paused_days == 8
    [row] = overview.clock.pauses
    assert (row.start, row.end, row.reason, row.days) == (
        date(2026, 3, 5),
        date(2026, 3, 12),
        "public_notice",
        8,
    )
    assert "若干期限的规定" in row.basis


@pytest.mark.parametrize(
    ("registration_no", "kwargs", "rule"),
    [
        ("WQ-2026-000001", {"role": Role.OFFICER, "squad_code": "S1"}, "role"),
        ("WQ-2026-000001", {"role": Role.SUPERVISOR, "squad_code": None}, "role"),
        ("WQ-2026-000005", {"role": Role.LEAD, "squad_code": "S1"}, "other_squad"),
        ("WQ-2026-000003", {"role": Role.LEAD, "squad_code": "S1"}, "closed"),
        ("WQ-2026-000001", {"start": date(2026, 2, 27)}, "before_received"),
        ("WQ-2026-000001", {"start": date(2026, 3, 17)}, "future"),
        ("WQ-2026-000001", {"reason": "x" * 10_000}, "unknown_reason"),
        ("WQ-2026-000001", {"note": "长" * 1_000_000}, "note_too_long"),
        ("WQ-2026-000001", {"note": "\x1b[31m"}, "note_control"),
        ("WQ-2026-000001", {"start": "2026-03-05"}, "bad_date"),
    ],
)
def test_a_refused_pause_writes_nothing(
    workspace: Workspace, registration_no: str, kwargs: dict[str, Any], rule: str
) -> None:
    engine = workspace.engine
    task = task_id(engine, registration_no)
    before, outbox = stored(engine, task), outbox_count(engine)
    values: dict[str, Any] = {"start": date(2026, 3, 5), "reason": "stay", **LEAD, **kwargs}
    with pytest.raises(ClockPauseRefused) as caught:
        pause_clock(engine, task, **values)
    assert caught.value.rule == rule
    assert stored(engine, task) == before
    assert outbox_count(engine) == outbox


def test_refused_changes_of_an_open_pause_write_nothing(workspace: Workspace) -> None:
    engine = workspace.engine
    task = task_id(engine, "WQ-2026-000002")
    pause_clock(engine, task, start=date(2026, 3, 5), reason="stay", **LEAD)
    before, outbox = stored(engine, task), outbox_count(engine)
    attempts: list[tuple[str, Any]] = [
        ("open_exists", lambda: pause_clock(engine, task, start=TODAY, reason="stay", **LEAD)),
        ("end_before_start", lambda: resume_clock(engine, task, end=date(2026, 3, 4), **LEAD)),
        ("future_end", lambda: resume_clock(engine, task, end=date(2026, 3, 17), **LEAD)),
        ("bad_date", lambda: resume_clock(engine, task, end="yesterday", **LEAD)),
    ]
    for rule, attempt in attempts:
        with pytest.raises(ClockPauseRefused) as caught:
            attempt()
        assert caught.value.rule == rule
    assert stored(engine, task) == before
    assert outbox_count(engine) == outbox
    resume_clock(engine, task, end=date(2026, 3, 6), **LEAD)
    # Overlapping the pause just ended; the day after is free.
    with pytest.raises(ClockPauseRefused) as caught:
        pause_clock(engine, task, start=date(2026, 3, 6), reason="stay", **LEAD)
    assert caught.value.rule == "overlap"
    pause_clock(engine, task, start=date(2026, 3, 7), reason="suspension", **LEAD)
    with pytest.raises(ClockPauseRefused) as caught:
        resume_clock(engine, task, end=date(2026, 3, 6), **LEAD)
    assert caught.value.rule == "end_before_start"


def test_unknown_tasks_and_unreadable_pauses_are_refused(workspace: Workspace) -> None:
    engine = workspace.engine
    for bad_id in ("", "no-such-task", "x" * 10_000):
        with pytest.raises(ClockPauseRefused) as caught:
            pause_clock(engine, bad_id, start=TODAY, reason="stay", **LEAD)
        assert caught.value.rule == "not_found"
    task = task_id(engine, "WQ-2026-000001")
    with engine.begin() as connection:
        connection.execute(
            Assignment.__table__.update()
            .where(Assignment.id == task)
            .values(clock_pauses=[{"start": "not a day"}])
        )
    outbox = outbox_count(engine)
    with pytest.raises(ClockPauseRefused) as caught:
        pause_clock(engine, task, start=TODAY, reason="stay", **LEAD)
    assert caught.value.rule == "unreadable"
    assert outbox_count(engine) == outbox
    # The page still opens, showing the due date without the pauses it cannot read.
    overview = load_page(engine, task, today=TODAY).overview
    assert overview.clock is not None
    assert overview.clock.unreadable
    assert overview.due_on == date(2026, 3, 10)


def test_a_registrar_and_an_admin_may_pause_any_squads_task(workspace: Workspace) -> None:
    engine = workspace.engine
    task = task_id(engine, "WQ-2026-000005")  # squad S2
    pause_clock(
        engine, task, start=TODAY, reason="dispute", role=Role.REGISTRAR, squad_code=None,
        today=TODAY,
    )  # fmt: skip
    resume_clock(engine, task, end=TODAY, role=Role.ADMIN, squad_code=None, today=TODAY)
    assert stored(engine, task)["clock_pauses"] == [
        {"start": "2026-03-16", "end": "2026-03-16", "reason": "dispute"}
    ]
