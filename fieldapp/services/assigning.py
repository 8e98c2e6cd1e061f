"""Giving field tasks to officers and taking them back: the squad's officers with their open
load, and assigning (or reassigning) tasks in one transaction with their outbox ops."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, or_, select

from fieldapp.domain.assigning import (
    ASSIGNABLE_ROLES,
    AssignmentRefused,
    Candidate,
    check_assignment,
    check_may_assign,
    min_officers,
)
from fieldapp.domain.enums import AssignmentStatus, Matter, Role
from fieldapp.services.record_changes import change_record_in
from fieldapp.storage.assignments import OPEN_STATUSES
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import writing
from fieldapp.storage.reference import MatterType, Squad, StaffMember

# A drop or a dialog names a handful of tasks; this many is a runaway selection.
MAX_TASKS = 5000


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    """An officer of the squad and how many open tasks they hold (as main or second)."""

    id: str
    name: str
    role: Role
    open_count: int


@dataclass(frozen=True, slots=True)
class Refusal:
    registration_no: str
    error: AssignmentRefused

    def __str__(self) -> str:
        return f"{self.registration_no}: {self.error}"


class TasksRefused(Exception):
    """Nothing was written: each refused task with the rule that refused it."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        super().__init__("; ".join(str(refusal) for refusal in refusals))
        self.refusals = tuple(refusals)


@dataclass(frozen=True, slots=True)
class Assigned:
    changed: tuple[str, ...]  # registration numbers whose officers changed
    unchanged: tuple[str, ...]  # already held by these officers: nothing queued


def squad_officers(engine: Engine, squad_code: str | None) -> list[OfficerLoad]:
    """Active officers (and leads) of ``squad_code``, busiest last, with their open load."""
    if squad_code is None:
        return []
    with engine.connect() as connection:
        members = _members(connection, squad_code)
        if not members:
            return []
        loads = _open_loads(connection, [member.id for member in members])
    officers = [
        OfficerLoad(m.id, m.name, m.role, loads.get(m.id, 0))
        for m in members
        if m.active and m.role in ASSIGNABLE_ROLES
    ]
    return sorted(officers, key=lambda o: (o.role is not Role.OFFICER, o.open_count, o.name))


def officers_needed(engine: Engine, matter: Matter) -> int:
    with engine.connect() as connection:
        return _officers_needed(connection, Matter(matter))


@dataclass(frozen=True, slots=True)
class AssignChoices:
    """What the Assign dialog offers for a selection of tasks."""

    officers: tuple[OfficerLoad, ...]
    needed: int  # the most officers any of the tasks needs
    current: tuple[str | None, str | None]  # a single task's main and second officer ids


def assign_choices(
    engine: Engine, squad_code: str | None, assignment_ids: Sequence[str]
) -> AssignChoices:
    """The squad's officers, how many the tasks need, and who holds a single task now."""
    ids = list(dict.fromkeys(assignment_ids))[:MAX_TASKS]
    with engine.connect() as connection:
        tasks = _tasks(connection, ids)
        matters = {task.matter for task in tasks.values()}
        needed = max((_officers_needed(connection, matter) for matter in matters), default=1)
    current: tuple[str | None, str | None] = (None, None)
    if len(tasks) == 1:
        (task,) = tasks.values()
        current = (task.officer_id, task.second_officer_id)
    return AssignChoices(tuple(squad_officers(engine, squad_code)), needed, current)


def assign(
    engine: Engine,
    *,
    role: Role,
    actor_squad: str | None,
    assignment_ids: Sequence[str],
    officer_id: str,
    second_officer_id: str | None = None,
    keep_second: bool = False,
) -> Assigned:
    """Give the tasks ``assignment_ids`` to ``officer_id`` (and a second officer).

    ``keep_second`` (a drop onto the officer list): each task keeps the second officer it
    has, unless that is the new main officer. All tasks or none: any refusal raises
    :class:`TasksRefused` naming every refused task, and nothing is written.
    """
    check_may_assign(role)
    ids = list(dict.fromkeys(assignment_ids))
    if not ids:
        raise AssignmentRefused("no task is selected: choose the tasks to assign", reason="none")
    if len(ids) > MAX_TASKS:
        raise AssignmentRefused(
            f"{len(ids)} tasks at once is more than {MAX_TASKS}; assign fewer", reason="too_many"
        )
    with writing(engine).begin() as connection:
        tasks = _tasks(connection, ids)
        seconds = {
            _second_for(task, officer_id, second_officer_id, keep_second) for task in tasks.values()
        }
        # Every officer the tasks name, and each matter's rule, read once, not once a task.
        candidates = _candidates(connection, {officer_id, *seconds})
        needed = {
            matter: _officers_needed(connection, matter)
            for matter in {task.matter for task in tasks.values()}
        }
        main = candidates.get(officer_id)
        if main is None:
            raise AssignmentRefused("the chosen officer is not known here", reason="unknown")
        refusals: list[Refusal] = []
        missing = [task_id for task_id in ids if task_id not in tasks]
        refusals.extend(
            Refusal(task_id, AssignmentRefused("no such task here", reason="missing"))
            for task_id in missing
        )
        planned: list[tuple[_Task, dict[str, object]]] = []
        for task_id in ids:
            task = tasks.get(task_id)
            if task is None:
                continue
            second = _second_for(task, officer_id, second_officer_id, keep_second)
            second_candidate = None
            if second is not None:
                second_candidate = candidates.get(second)
                if second_candidate is None:
                    refusals.append(
                        Refusal(
                            task.registration_no,
                            AssignmentRefused(
                                "the second officer is not known here", reason="unknown"
                            ),
                        )
                    )
                    continue
            try:
                status = check_assignment(
                    role=role,
                    actor_squad=actor_squad,
                    task_squad=task.squad_code,
                    status=task.status,
                    matter=task.matter,
                    needed=needed[task.matter],
                    main=main,
                    second=second_candidate,
                )
            except AssignmentRefused as error:
                refusals.append(Refusal(task.registration_no, error))
                continue
            wanted: dict[str, object] = {
                "officer_id": officer_id,
                "second_officer_id": second,
                "status": status,
            }
            current = {
                "officer_id": task.officer_id,
                "second_officer_id": task.second_officer_id,
                "status": task.status,
            }
            planned.append((task, {k: v for k, v in wanted.items() if current[k] != v}))
        if refusals:
            raise TasksRefused(refusals)
        changed: list[str] = []
        unchanged: list[str] = []
        for task, fields in planned:
            if fields:
                change_record_in(connection, "assignment", task.id, fields)
                changed.append(task.registration_no)
            else:
                unchanged.append(task.registration_no)
    return Assigned(tuple(changed), tuple(unchanged))


def _second_for(
    task: _Task, officer_id: str, second_officer_id: str | None, keep_second: bool
) -> str | None:
    if not keep_second:
        return second_officer_id
    kept = task.second_officer_id
    if kept == officer_id:
        # The second officer becomes the main one: the old main officer goes with them.
        kept = task.officer_id if task.officer_id != officer_id else None
    return kept


@dataclass(frozen=True, slots=True)
class _Member:
    id: str
    name: str
    role: Role
    squad_code: str | None
    active: bool


def _members(connection: Connection, squad_code: str) -> list[_Member]:
    listed = connection.execute(
        select(Squad.member_ids).where(Squad.code == squad_code, Squad.deleted.is_(False))
    ).scalar_one_or_none()
    member_ids = [str(i) for i in listed or [] if isinstance(i, str)]
    query = select(
        StaffMember.id,
        StaffMember.display_name,
        StaffMember.role,
        StaffMember.squad_code,
        StaffMember.active,
    ).where(
        StaffMember.deleted.is_(False),
        or_(StaffMember.squad_code == squad_code, StaffMember.id.in_(member_ids)),
    )
    return [
        _Member(row[0], row[1], row[2], squad_code, row[4]) for row in connection.execute(query)
    ]


def _open_loads(connection: Connection, officer_ids: list[str]) -> dict[str, int]:
    is_open = Assignment.status.in_([status.value for status in OPEN_STATUSES])
    loads: dict[str, int] = {}
    for column in (Assignment.officer_id, Assignment.second_officer_id):
        query = (
            select(column, func.count())
            .where(column.in_(officer_ids), is_open, Assignment.deleted.is_(False))
            .group_by(column)
        )
        for officer, count in connection.execute(query):
            if officer is not None:
                loads[officer] = loads.get(officer, 0) + count
    return loads


def _candidates(connection: Connection, ids: set[str | None]) -> dict[str, Candidate]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    query = select(StaffMember).where(StaffMember.id.in_(wanted), StaffMember.deleted.is_(False))
    found: dict[str, Candidate] = {}
    for member in connection.execute(query).all():
        squad = member.squad_code
        if squad is None:
            # Squads may list members by id instead of the member naming the squad.
            squad = _listed_squad(connection, member.id)
        found[member.id] = Candidate(
            member.id, member.display_name, squad, Role(member.role), bool(member.active)
        )
    return found


def _listed_squad(connection: Connection, member_id: str) -> str | None:
    for code, member_ids in connection.execute(
        select(Squad.code, Squad.member_ids).where(Squad.deleted.is_(False))
    ):
        if member_id in (member_ids or []):
            return str(code)
    return None


@dataclass(frozen=True, slots=True)
class _Task:
    id: str
    registration_no: str
    squad_code: str | None
    status: AssignmentStatus
    matter: Matter
    officer_id: str | None
    second_officer_id: str | None


def _tasks(connection: Connection, ids: list[str]) -> dict[str, _Task]:
    found: dict[str, _Task] = {}
    for start in range(0, len(ids), 500):
        query = select(
            Assignment.id,
            Assignment.registration_no,
            Assignment.squad_code,
            Assignment.status,
            Assignment.matter,
            Assignment.officer_id,
            Assignment.second_officer_id,
        ).where(Assignment.id.in_(ids[start : start + 500]), Assignment.deleted.is_(False))
        for row in connection.execute(query):
            found[row[0]] = _Task(*row)
    return found


def _officers_needed(connection: Connection, matter: Matter) -> int:
    configured = connection.execute(
        select(MatterType.min_officers).where(
            MatterType.code == matter.value, MatterType.deleted.is_(False)
        )
    ).scalar_one_or_none()
    return min_officers(matter, configured)
