"""Reading what the escalation plan needs, set-wise, from a laptop's or the central store's
database: open tasks near or past their due day, active asset controls near expiry, and who
holds each post.  The same queries on both sides, so both compute the same escalations."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, and_, exists, select, type_coerce
from sqlalchemy.orm import aliased

from fieldapp.domain.clock import court_date
from fieldapp.domain.deadlines import Pause
from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Matter
from fieldapp.domain.escalation_plan import AssetFacts, EscalationRules, Holders, TaskFacts
from fieldapp.storage.assignments import OPEN_STATUSES
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.reference import Squad, StaffMember

CONTROLLING = (
    ControlMeasure.SEAL,
    ControlMeasure.SEIZE,
    ControlMeasure.FREEZE,
    ControlMeasure.RENEW,
)
_OPEN = [status.value for status in OPEN_STATUSES]


@dataclass(frozen=True)
class Facts:
    """The plan's input, plus each asset control's squads (the scope its records go to)."""

    tasks: list[TaskFacts]
    assets: list[AssetFacts]
    asset_squads: Mapping[str, frozenset[str]]
    bad_pauses: int  # tasks whose pauses could not be read (counted as having none)


def parse_pauses(value: Any) -> tuple[tuple[Pause, ...], bool]:
    """The pauses stored on an assignment, and False when some entry could not be read.

    An unreadable entry is left out, which can only escalate earlier: the safe side.
    """
    if not value:
        return (), True
    if not isinstance(value, list):
        return (), False
    pauses: list[Pause] = []
    clean = True
    for entry in value:
        try:
            start = date.fromisoformat(entry["start"])
            end = entry.get("end")
            pauses.append(
                Pause(
                    start,
                    None if end is None else date.fromisoformat(end),
                    str(entry.get("reason", "")),
                )
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            clean = False
    return tuple(pauses), clean


def load_tasks(
    connection: Connection, today: date, rules: EscalationRules
) -> tuple[list[TaskFacts], int]:
    """Open tasks whose due day is close enough for the first level (pauses only push due
    days later, so this takes in every task that can stand at some level)."""
    horizon = today - timedelta(days=rules.levels[0].min_days_overdue)
    # Raw values (no per-row result processing): only the rare task with pauses needs its
    # time of receipt, and dates come as ISO text from SQLite.
    query = select(
        Assignment.id,
        Assignment.registration_no,
        type_coerce(Assignment.matter, String),
        type_coerce(Assignment.status, String),
        Assignment.due_on,
        Assignment.officer_id,
        Assignment.squad_code,
        type_coerce(Assignment.clock_pauses, String),
    ).where(
        Assignment.deleted.is_(False),
        Assignment.status.in_(_OPEN),
        Assignment.due_on <= horizon,
    )
    tasks: list[TaskFacts] = []
    bad = 0
    paused: list[int] = []
    for row in connection.execute(query).all():
        due_on = row[4]
        assert due_on is not None  # compared with the horizon in SQL
        pauses: tuple[Pause, ...] = ()
        if row[7] and row[7] not in ("[]", []):
            pauses, clean = parse_pauses(_json(row[7]))
            bad += not clean
            paused.append(len(tasks))
        tasks.append(
            TaskFacts(
                row[0],
                row[1],
                Matter(row[2]),
                AssignmentStatus(row[3]),
                due_on,
                due_on,
                row[5],
                row[6],
                pauses,
            )
        )
    if paused:
        received = _received(connection, [tasks[n].id for n in paused])
        for n in paused:
            task = tasks[n]
            when = received.get(task.id)
            if when is not None:
                tasks[n] = replace(task, received_on=court_date(when))
    return tasks, bad


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # PostgreSQL's driver has parsed it already
    try:
        return json.loads(value)
    except ValueError:
        return None


def _received(connection: Connection, ids: list[str]) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    for start in range(0, len(ids), 500):
        query = select(Assignment.id, Assignment.received_at).where(
            Assignment.id.in_(ids[start : start + 500])
        )
        found.update({i: at for i, at in connection.execute(query).all()})
    return found


def load_assets(
    connection: Connection, today: date, rules: EscalationRules
) -> tuple[list[AssetFacts], dict[str, frozenset[str]]]:
    """Active controls (no renewal or release points at them) within the first reminder."""
    horizon = today + timedelta(days=rules.asset_levels[0].max_days_left)
    later = aliased(AssetControl)
    task = aliased(Assignment)
    query = (
        select(
            AssetControl.id,
            AssetControl.asset_kind,
            AssetControl.measure,
            AssetControl.ruling_no,
            AssetControl.expires_on,
            AssetControl.case_id,
            AssetControl.assignment_id,
            task.officer_id,
            task.squad_code,
        )
        .outerjoin(task, task.id == AssetControl.assignment_id)
        .where(
            AssetControl.deleted.is_(False),
            AssetControl.measure.in_([m.value for m in CONTROLLING]),
            AssetControl.expires_on <= horizon,
            ~exists().where(and_(later.renews_id == AssetControl.id, later.deleted.is_(False))),
        )
    )
    rows = connection.execute(query).all()
    # Controls not made by a task (renewals) belong to their case: its latest task's officer
    # and squad answer for them, and every squad working on the case sees them.
    by_case = _case_tasks(connection, {row[5] for row in rows})
    assets: list[AssetFacts] = []
    squads: dict[str, frozenset[str]] = {}
    for row in rows:
        officer, squad = row[7], row[8]
        if row[6] is not None:
            squads[row[0]] = frozenset([squad] if squad else [])
        else:
            case_tasks = by_case.get(row[5], [])
            squads[row[0]] = frozenset(s for _, s in case_tasks if s)
            officer, squad = case_tasks[-1] if case_tasks else (None, None)
        expires_on = row[4]
        assert expires_on is not None  # compared with the horizon in SQL
        assets.append(AssetFacts(row[0], row[1], row[2], row[3] or "", expires_on, officer, squad))
    return assets, squads


def _case_tasks(
    connection: Connection, case_ids: set[str]
) -> dict[str, list[tuple[str | None, str | None]]]:
    """(officer, squad) of each case's tasks, oldest first."""
    found: dict[str, list[tuple[str | None, str | None]]] = {}
    wanted = sorted(case_ids)
    for start in range(0, len(wanted), 500):
        query = (
            select(Assignment.case_id, Assignment.officer_id, Assignment.squad_code)
            .where(
                Assignment.case_id.in_(wanted[start : start + 500]),
                Assignment.deleted.is_(False),
            )
            .order_by(Assignment.received_at, Assignment.id)
        )
        for case_id, officer, squad in connection.execute(query):
            found.setdefault(case_id, []).append((officer, squad))
    return found


def load_facts(connection: Connection, today: date, rules: EscalationRules) -> Facts:
    tasks, bad = load_tasks(connection, today, rules)
    assets, squads = load_assets(connection, today, rules)
    return Facts(tasks, assets, squads, bad)


def squad_leads(connection: Connection) -> dict[str, str | None]:
    query = select(Squad.code, Squad.lead_id).where(Squad.deleted.is_(False))
    return {code: lead for code, lead in connection.execute(query)}


def user_ids(connection: Connection, usernames: list[str]) -> dict[str, str]:
    """username → id of the staff named (active ones only)."""
    if not usernames:
        return {}
    query = select(StaffMember.username, StaffMember.id).where(
        StaffMember.username.in_(usernames),
        StaffMember.deleted.is_(False),
        StaffMember.active.is_(True),
    )
    return {name: user_id for name, user_id in connection.execute(query)}


def user_squads(connection: Connection) -> dict[str, str | None]:
    query = select(StaffMember.id, StaffMember.squad_code)
    return {user_id: squad for user_id, squad in connection.execute(query)}


def holders_named(
    connection: Connection, *, centre_head: str | None, bureau_chief: str | None
) -> Holders:
    """The posts as the central store's configuration names them (by username)."""
    ids = user_ids(connection, [name for name in (centre_head, bureau_chief) if name])
    return Holders(
        squad_leads(connection),
        ids.get(centre_head) if centre_head else None,
        ids.get(bureau_chief) if bureau_chief else None,
    )
