"""Pausing and resuming a task's deadline clock on the laptop, and the clock as the page shows it.

Each change rewrites ``Assignment.clock_pauses`` with its outbox op in one transaction
(`record_changes.change_record_in`); `due_on` is left as it is — it is the due date counted
without pauses, and the escalation pass on both sides pushes it on by the paused days
(`deadlines.paused_due_date`), exactly as `clock_view` does for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.clock_pauses import (
    REASONS_BY_CODE,
    ClockPauseRefused,
    StoredPause,
    TaskClock,
    check_may_pause,
    earliest_start,
    end_pause,
    open_pause,
    paused_days,
    read_pauses,
    start_pause,
)
from fieldapp.domain.deadlines import WorkCalendar, paused_due_date
from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.services.record_changes import change_record_in
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import writing

_CALENDAR = ChinaCalendar()


@dataclass(frozen=True, slots=True)
class PauseRow:
    start: date
    end: date | None  # None: still paused
    reason: str  # the stored code (an older free text is shown as it is)
    basis: str
    note: str
    days: int


@dataclass(frozen=True, slots=True)
class ClockView:
    """The task's clock as shown: the due date with the pauses counted, and the pauses."""

    due_unpaused: date | None
    due_on: date | None  # None while an open pause stops the clock, or when no due date
    pauses: tuple[PauseRow, ...]
    paused_days: int
    stopped_since: date | None  # the start of the open pause
    unreadable: bool  # the stored pauses could not be read: shown without them
    earliest_start: date
    task: TaskClock  # what the rules know of the task, for a dialog's checks as one types
    stored: tuple[StoredPause, ...]


@dataclass(frozen=True, slots=True)
class ClockChanged:
    assignment_id: str
    outbox_seq: int
    pauses: tuple[StoredPause, ...]


def clock_view(task: Any, today: date, calendar: WorkCalendar | None = None) -> ClockView:
    """`task` is the assignment's row mapping (received_at, due_on, status, squad_code…)."""
    clock = _clock(task)
    try:
        pauses = read_pauses(task["clock_pauses"])
        unreadable = False
    except ClockPauseRefused:
        pauses, unreadable = (), True
    due = task["due_on"]
    shown: date | None = due
    if due is not None and pauses:
        shown = paused_due_date(
            clock.received_on, due, [p.as_pause() for p in pauses], calendar or _CALENDAR
        )
    current = open_pause(pauses)
    rows = tuple(
        PauseRow(
            p.start,
            p.end,
            p.reason,
            REASONS_BY_CODE[p.reason].basis if p.reason in REASONS_BY_CODE else "",
            p.note,
            p.days(today),
        )
        for p in pauses
    )
    return ClockView(
        due_unpaused=due,
        due_on=shown,
        pauses=rows,
        paused_days=paused_days(pauses, today),
        stopped_since=current.start if current else None,
        unreadable=unreadable,
        earliest_start=earliest_start(clock, pauses),
        task=clock,
        stored=pauses,
    )


def pause_clock(
    engine: Engine,
    assignment_id: str,
    *,
    start: date,
    reason: str,
    note: str = "",
    role: Role,
    squad_code: str | None,
    today: date,
) -> ClockChanged:
    """Stop the task's clock from `start`; refused (nothing written) naming the rule."""
    with writing(engine).begin() as connection:
        task, clock = _task(connection, assignment_id)
        check_may_pause(role, squad_code, clock)
        pauses = start_pause(
            read_pauses(task["clock_pauses"]),
            start=start,
            reason=reason,
            note=note,
            clock=clock,
            today=today,
        )
        return _write(connection, assignment_id, pauses)


def resume_clock(
    engine: Engine,
    assignment_id: str,
    *,
    end: date,
    role: Role,
    squad_code: str | None,
    today: date,
) -> ClockChanged:
    """End the open pause on `end` (the last day the clock stood still)."""
    with writing(engine).begin() as connection:
        task, clock = _task(connection, assignment_id)
        check_may_pause(role, squad_code, clock)
        pauses = end_pause(read_pauses(task["clock_pauses"]), end=end, today=today)
        return _write(connection, assignment_id, pauses)


def _clock(task: Any) -> TaskClock:
    return TaskClock(
        AssignmentStatus(task["status"]), task["squad_code"], court_date(task["received_at"])
    )


def _task(connection: Connection, assignment_id: object) -> tuple[Any, TaskClock]:
    if not isinstance(assignment_id, str) or not assignment_id or len(assignment_id) > 36:
        raise ClockPauseRefused("no such task on this laptop", reason="not_found")
    row = connection.execute(
        select(
            Assignment.status,
            Assignment.squad_code,
            Assignment.received_at,
            Assignment.clock_pauses,
            Assignment.deleted,
        ).where(Assignment.id == assignment_id)
    ).first()
    if row is None or row.deleted:
        raise ClockPauseRefused("no such task on this laptop", reason="not_found")
    return row._mapping, _clock(row._mapping)


def _write(
    connection: Connection, assignment_id: str, pauses: tuple[StoredPause, ...]
) -> ClockChanged:
    seq = change_record_in(
        connection,
        "assignment",
        assignment_id,
        {"clock_pauses": [pause.to_json() for pause in pauses]},
    )
    return ClockChanged(assignment_id, seq, pauses)
