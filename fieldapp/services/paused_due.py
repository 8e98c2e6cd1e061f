"""Due dates in the lists with the deadline clock's pauses counted, as the assignment page shows.

The stored `due_on` is the due date counted without pauses (`domain.clock_pauses`). Most tasks
have no pause, so the lists read `due_on` in SQL as it is and only the rows that store pauses
(`storage.assignments.has_clock_pauses`) are read again and pushed on by
`deadlines.paused_due_date`, exactly as `services.clock_pauses.clock_view` does for the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Connection

from fieldapp.domain.clock import court_date
from fieldapp.domain.clock_pauses import ClockPauseRefused, open_pause, read_pauses
from fieldapp.domain.deadlines import WorkCalendar, paused_due_date
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage import assignments as storage
from fieldapp.storage.assignments import AssignmentRow, GroupCount, PauseFacts

__all__ = ["count_pauses", "due_with_pauses", "group_counts"]

_CALENDAR = ChinaCalendar()
# Up to this many rows (an officer's tasks, a filtered list) the rows with pauses are looked up
# by id; a longer list (a squad's queue) scans the table once for them instead.
_LOOK_UP_AT_MOST = 1000


class _Remembered:
    """A calendar that asks the one it wraps once per day: the same few weeks of days come up
    for every paused task of a list, and the official calendar takes its time per question."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._days: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._days.get(day)
        if known is None:
            known = self._days[day] = self._calendar.is_working_day(day)
        return known


def due_with_pauses(
    facts: PauseFacts, calendar: WorkCalendar | None = None
) -> tuple[date | None, bool]:
    """(the due date with the pauses counted, whether an open pause stops the clock).

    Pauses nobody can read are left out, as the page does (it says so there).
    """
    try:
        pauses = read_pauses(facts.clock_pauses)
    except ClockPauseRefused:
        return facts.due_on, False
    stopped = open_pause(pauses) is not None
    if facts.due_on is None or not pauses:
        return facts.due_on, stopped
    due = paused_due_date(
        court_date(facts.received_at),
        facts.due_on,
        [pause.as_pause() for pause in pauses],
        calendar or _CALENDAR,
    )
    return due, stopped


def count_pauses(
    connection: Connection,
    rows: Sequence[AssignmentRow],
    calendar: WorkCalendar | None = None,
) -> list[AssignmentRow]:
    """`rows` with the due date of those that have pauses pushed on; the others as they are."""
    positions: Sequence[int]
    if len(rows) <= _LOOK_UP_AT_MOST:
        positions = range(len(rows))
    else:
        # A long list: one scan finds the few rows with pauses faster than looking each up.
        paused = storage.ids_with_pauses(connection)
        if not paused:
            return list(rows)
        positions = [index for index, row in enumerate(rows) if row.id in paused]
    facts = storage.pause_facts(connection, [rows[index].id for index in positions])
    counted = list(rows)
    if not facts:
        return counted
    remembered = _Remembered(calendar or _CALENDAR)
    for index in positions:
        row = counted[index]
        found = facts.get(row.id)
        if found is not None:
            due, stopped = due_with_pauses(found, remembered)
            stored = found.clock_pauses not in (None, [])  # "[ ]" and "null" hold none
            counted[index] = replace(row, due_on=due, has_pauses=stored, clock_stopped=stopped)
    return counted


def group_counts(
    connection: Connection, today: date, calendar: WorkCalendar | None = None
) -> list[GroupCount]:
    """Counts per squad, region and matter, a row with pauses overdue only by its paused date."""
    counts = storage.group_counts(connection, today)
    candidates = [task_id for count in counts for task_id in count.paused_late_ids]
    if not candidates:
        return counts
    remembered = _Remembered(calendar or _CALENDAR)
    on_time = set()
    for task_id, facts in storage.pause_facts(connection, candidates).items():
        due, _ = due_with_pauses(facts, remembered)
        if due is None or due >= today:
            on_time.add(task_id)
    return [
        replace(
            count,
            overdue=count.overdue - sum(task_id in on_time for task_id in count.paused_late_ids),
            paused_late_ids=(),
        )
        if count.paused_late_ids
        else count
        for count in counts
    ]
