"""The structured facts behind an escalation's reason, for a window that words it itself.

The stored reason (`Escalation.reason`) is Chinese: it is the record synced to the central
store and printed, and stays as raised.  A window in another language words the reason from
these facts instead — the level, the task or asset, its (paused) due or expiry date and how
far past it is today — and, for an escalation computed on the laptop and not yet raised by the
central store, says on which day the level was reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.deadlines import WorkCalendar, paused_due_date
from fieldapp.domain.enums import AssetKind, ControlMeasure, Matter
from fieldapp.domain.escalation import Recipient
from fieldapp.domain.escalation_plan import EscalationRules
from fieldapp.services.escalation_facts import parse_pauses
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import AssetControl

CHUNK = 500


@dataclass(frozen=True, slots=True)
class TaskReason:
    registration_no: str
    matter: Matter
    due_on: date | None  # pushed on by clock pauses; None while a pause stops the clock


@dataclass(frozen=True, slots=True)
class AssetReason:
    asset_kind: AssetKind
    measure: ControlMeasure
    ruling_no: str
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class ReasonFacts:
    """What an escalation is about, on `today`."""

    level: int
    recipient: Recipient | None  # the level's recipient in the rules (None: level unknown)
    task: TaskReason | None
    asset: AssetReason | None
    days_past: int | None  # days past the due/expiry date (negative: days before it)
    reached_on: date | None  # the day the level's rule was met


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start : start + CHUNK]


def task_reasons(
    connection: Connection, ids: Iterable[str], calendar: WorkCalendar
) -> dict[str, TaskReason]:
    found: dict[str, TaskReason] = {}
    for chunk in _chunks(ids):
        query = select(
            Assignment.id,
            Assignment.registration_no,
            Assignment.matter,
            Assignment.due_on,
            Assignment.received_at,
            Assignment.clock_pauses,
        ).where(Assignment.id.in_(chunk))
        for task_id, regno, matter, due_on, received_at, stored in connection.execute(query):
            pauses, _clean = parse_pauses(stored)
            if due_on is not None and pauses and received_at is not None:
                due_on = paused_due_date(court_date(received_at), due_on, pauses, calendar)
            found[task_id] = TaskReason(regno, Matter(matter), due_on)
    return found


def asset_reasons(connection: Connection, ids: Iterable[str]) -> dict[str, AssetReason]:
    found: dict[str, AssetReason] = {}
    for chunk in _chunks(ids):
        query = select(
            AssetControl.id,
            AssetControl.asset_kind,
            AssetControl.measure,
            AssetControl.ruling_no,
            AssetControl.expires_on,
        ).where(AssetControl.id.in_(chunk))
        for asset_id, kind, measure, ruling_no, expires_on in connection.execute(query):
            found[asset_id] = AssetReason(
                AssetKind(kind), ControlMeasure(measure), ruling_no or "", expires_on
            )
    return found


def reason_facts(
    key: tuple[str, str, int],
    today: date,
    rules: EscalationRules,
    tasks: dict[str, TaskReason],
    assets: dict[str, AssetReason],
) -> ReasonFacts | None:
    """The facts of the escalation ``key`` (kind, item id, level); None when the laptop does
    not hold the item (the window then shows the stored reason as it is)."""
    kind, item_id, level = key
    if kind == "assignment":
        task = tasks.get(item_id)
        if task is None:
            return None
        entry = next((e for e in rules.levels if e.level == level), None)
        days_past = reached = None
        if task.due_on is not None:
            days_past = today.toordinal() - task.due_on.toordinal()
            if entry is not None:
                reached = task.due_on + timedelta(days=entry.min_days_overdue)
        return ReasonFacts(
            level, entry.recipient if entry else None, task, None, days_past, reached
        )
    asset = assets.get(item_id)
    if asset is None:
        return None
    asset_entry = next((e for e in rules.asset_levels if e.level == level), None)
    days_past = reached = None
    if asset.expires_on is not None:
        days_past = today.toordinal() - asset.expires_on.toordinal()
        if asset_entry is not None:
            reached = asset.expires_on - timedelta(days=asset_entry.max_days_left)
    return ReasonFacts(
        level, asset_entry.recipient if asset_entry else None, None, asset, days_past, reached
    )
