"""The signed-in officer's tasks (as main or second officer), sorted into Today, Overdue and All.

What "today" means here (the court's calendar day, :data:`fieldapp.domain.clock.COURT_TZ`,
whatever the laptop's clock zone):

- a task is on the **Today** list when it is open (registered, routed, assigned, in progress)
  and due today, or when a visit to it was recorded today (arrival on today's court day) —
  whatever its status, so that the work done today stays in sight after it is finished;
  a task has no planned date of its own, so "planned for today" is its due date;
- a task is **Overdue** when it is open and its due date has passed;
- the due date is the one with the deadline clock's pauses counted (`services.paused_due`):
  a paused task is due later, and one whose clock stands still is due on no day at all;
- **All** is every task the officer is named on.

The stops of today's route are the open tasks of Today and Overdue: what the officer should
still go to today.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import Connection, Engine, or_, select

from fieldapp.domain.clock import COURT_TZ
from fieldapp.services.paused_due import count_pauses
from fieldapp.storage.assignments import OPEN_STATUSES, AssignmentRow, list_assignments
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import VisitAttempt

__all__ = [
    "MyTask",
    "MyTasks",
    "TaskList",
    "court_day_bounds",
    "latest_visit_point_today",
    "load_my_tasks",
    "read_my_tasks",
    "valid_point",
]

# SQLite refuses statements with more than 32,766 parameters: read long id lists in pieces.
_ID_CHUNK = 10_000


class TaskList(StrEnum):
    TODAY = "today"
    OVERDUE = "overdue"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class MyTask:
    row: AssignmentRow
    lat: float | None
    lon: float | None
    as_second_officer: bool
    visited_today: bool

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def is_open(self) -> bool:
        return self.row.status in OPEN_STATUSES

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon), or None when the task has no usable coordinates."""
        return valid_point(self.lat, self.lon)

    def on_list(self, which: TaskList, today: date) -> bool:
        if which is TaskList.ALL:
            return True
        if which is TaskList.OVERDUE:
            return self.row.is_overdue(today)
        return self.visited_today or (self.is_open and self.row.due_on == today)

    def is_stop_today(self, today: date) -> bool:
        """Whether the officer should still go there today (see the module's docstring)."""
        return self.is_open and (
            self.on_list(TaskList.TODAY, today) or self.on_list(TaskList.OVERDUE, today)
        )


@dataclass(frozen=True, slots=True)
class MyTasks:
    """Every task of one officer as read at one moment, for the court day ``today``."""

    officer_id: str
    today: date
    tasks: tuple[MyTask, ...]

    def on_list(self, which: TaskList) -> list[MyTask]:
        return [task for task in self.tasks if task.on_list(which, self.today)]

    def counts(self) -> dict[TaskList, int]:
        return {which: len(self.on_list(which)) for which in TaskList}

    def stops_today(self) -> list[MyTask]:
        return [task for task in self.tasks if task.is_stop_today(self.today)]


def valid_point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """(lat, lon) when both are finite and on the globe; None for missing or impossible ones."""
    if lat is None or lon is None:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return (float(lat), float(lon))


def court_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which the court day ``day`` begins and the next one begins."""
    start = datetime.combine(day, time(0), tzinfo=COURT_TZ)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def load_my_tasks(engine: Engine, *, officer_id: str, today: date) -> MyTasks:
    """Read the officer's tasks in one short read transaction (call it off the GUI thread)."""
    with engine.connect() as connection:
        return read_my_tasks(connection, officer_id=officer_id, today=today)


def read_my_tasks(connection: Connection, *, officer_id: str, today: date) -> MyTasks:
    mine = (
        select(Assignment.id)
        .where(Assignment.deleted.is_(False))
        .where(or_(Assignment.officer_id == officer_id, Assignment.second_officer_id == officer_id))
    )
    places = {
        assignment_id: (lat, lon, second == officer_id and main != officer_id)
        for assignment_id, lat, lon, main, second in connection.execute(
            select(
                Assignment.id,
                Assignment.lat,
                Assignment.lon,
                Assignment.officer_id,
                Assignment.second_officer_id,
            ).where(Assignment.id.in_(mine))
        )
    }
    begins, ends = court_day_bounds(today)
    visited = set(
        connection.execute(
            select(VisitAttempt.assignment_id)
            .where(VisitAttempt.deleted.is_(False))
            .where(VisitAttempt.assignment_id.in_(mine))
            .where(VisitAttempt.arrived_at >= begins, VisitAttempt.arrived_at < ends)
        ).scalars()
    )
    rows = _rows(connection, list(places))
    tasks = tuple(
        MyTask(
            row=row,
            lat=places[row.id][0],
            lon=places[row.id][1],
            as_second_officer=places[row.id][2],
            visited_today=row.id in visited,
        )
        for row in rows
    )
    return MyTasks(officer_id=officer_id, today=today, tasks=tasks)


def latest_visit_point_today(
    connection: Connection, *, officer_id: str, today: date
) -> tuple[float, float] | None:
    """Where the officer's latest visit today was recorded, if it has coordinates."""
    begins, ends = court_day_bounds(today)
    mine = select(Assignment.id).where(
        or_(Assignment.officer_id == officer_id, Assignment.second_officer_id == officer_id)
    )
    query = (
        select(VisitAttempt.lat, VisitAttempt.lon)
        .where(VisitAttempt.deleted.is_(False))
        .where(VisitAttempt.assignment_id.in_(mine))
        .where(VisitAttempt.arrived_at >= begins, VisitAttempt.arrived_at < ends)
        .order_by(VisitAttempt.arrived_at.desc())
    )
    for lat, lon in connection.execute(query):
        point = valid_point(lat, lon)
        if point is not None:
            return point
    return None


def _rows(connection: Connection, ids: Sequence[str]) -> list[AssignmentRow]:
    rows: list[AssignmentRow] = []
    for chunk in _chunks(ids, _ID_CHUNK):
        rows.extend(count_pauses(connection, list_assignments(connection, ids=chunk)))
    rows.sort(key=lambda row: row.registration_no)
    return rows


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
