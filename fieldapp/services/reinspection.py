"""Re-inspection (复查) of the assets of cases closed "for now" (终本): every few months (six by
default) each such case that still holds an asset under control gets one re-inspection task,
registered and routed like any other field request.

A case is closed for now when its ``closed_for_now_on`` is set. Its periods run from that day:
the first re-inspection falls due `interval` months later, the next `interval` months after
that, and so on. A run registers the task of the period the day falls in, and only that one —
a run missed for a year does not bring back two stale tasks. The period's first day is part of
the request's key, so running again (on this laptop or any other) never makes two tasks for
the same period: the second is recognised as already registered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.deadlines import WorkCalendar, add_months, due_date
from fieldapp.domain.enums import AssetKind, Matter, PartyKind, PartyRole, Priority
from fieldapp.domain.reinspection import (
    DEFAULT_INTERVAL_MONTHS,
    check_interval,
)
from fieldapp.services.actor import Actor
from fieldapp.services.asset_watch import WatchedControl, active_controls
from fieldapp.services.changes import ChangeSink
from fieldapp.services.notices_fields import MEASURE_NAMES
from fieldapp.services.registration import load_router, register_requests
from fieldapp.services.request_rows import FieldRequest
from fieldapp.storage.casework import Case, Party
from fieldapp.storage.engine import writing

REQUESTED_BY = "终本案件定期复查"
# Where an officer can go and look: the physical assets first, the accounts last.
_VISIT_ORDER = (
    AssetKind.REAL_ESTATE,
    AssetKind.VEHICLE,
    AssetKind.MOVABLE,
    AssetKind.EQUITY,
    AssetKind.OTHER,
    AssetKind.BANK_DEPOSIT,
)
_NOTES_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class ReinspectionRequest(FieldRequest):
    """A field request whose key is the case and the period, not who and where."""

    case_id: str
    period_starts: date

    @property
    def request_key(self) -> str:
        text = f"re_inspection\x1f{self.case_id}\x1f{self.period_starts.isoformat()}"
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class PlannedReinspection:
    case_id: str
    case_number: str
    closed_for_now_on: date
    period: int
    """1 for the first re-inspection after the case closed, 2 for the next…"""
    period_starts: date
    party_name: str
    address: str
    region_code: str | None
    squad_code: str | None
    due_on: date | None
    assets: tuple[str, ...]
    registration_no: str | None = None
    """Set once registered (or when the period's task already exists)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    case_number: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReinspectionRun:
    dry_run: bool
    generated: tuple[PlannedReinspection, ...]
    """Registered now (or, in a dry run, that would be)."""
    existing: tuple[PlannedReinspection, ...]
    """This period's task was registered before: nothing new."""
    skipped: tuple[Skipped, ...]


def current_period(closed_on: date, today: date, months: int) -> tuple[int, date] | None:
    """The period `today` falls in (number, first day), or None before the first is due."""
    check_interval(months)
    elapsed = (today.year - closed_on.year) * 12 + today.month - closed_on.month
    period = max(elapsed // months, 0) + 1
    while period > 0 and add_months(closed_on, period * months) > today:
        period -= 1
    if period == 0:
        return None
    return period, add_months(closed_on, period * months)


def _where_to_go(controls: Sequence[WatchedControl]) -> WatchedControl:
    ranked = sorted(
        controls, key=lambda c: (not c.location.strip(), _VISIT_ORDER.index(c.asset_kind))
    )
    return ranked[0]


def _asset_line(control: WatchedControl) -> str:
    until = control.expires_on.isoformat() if control.expires_on else "期限未记录"
    return f"{control.asset_description}（{MEASURE_NAMES[control.measure]}，至{until}）"


def _notes(period: int, starts: date, lines: Sequence[str]) -> str:
    head = f"终本案件第{period}次复查（自{starts.isoformat()}起）。复查下列控制财产的现状："
    text = head + "；".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))
    return text if len(text) <= _NOTES_LIMIT else text[: _NOTES_LIMIT - 1] + "…"


def plan_reinspections(
    connection: Connection,
    *,
    today: date,
    region_of: Callable[[str], str | None],
    calendar: WorkCalendar,
    interval_months: int = DEFAULT_INTERVAL_MONTHS,
) -> tuple[list[ReinspectionRequest], list[PlannedReinspection], list[Skipped]]:
    """The requests this period calls for, each with its plan, and the cases left out."""
    check_interval(interval_months)
    cases = connection.execute(
        select(Case.id, Case.case_number, Case.closed_for_now_on)
        .where(
            Case.deleted.is_(False),
            Case.closed_for_now_on.is_not(None),
            Case.closed_for_now_on <= today,
        )
        .order_by(Case.case_number)
    ).all()
    if not cases:
        return [], [], []
    controls: dict[str, list[WatchedControl]] = {}
    for control in active_controls(connection, today):
        controls.setdefault(control.case_id, []).append(control)
    respondents: dict[str, tuple[str, PartyKind, str | None, tuple[str, ...]]] = {}
    party_rows = connection.execute(
        select(Party.case_id, Party.name, Party.kind, Party.id_number, Party.addresses)
        .where(Party.deleted.is_(False), Party.role == PartyRole.RESPONDENT)
        .order_by(Party.case_id, Party.created_at, Party.id)
    )
    for case_id, name, kind, id_number, addresses in party_rows:
        respondents.setdefault(case_id, (name, PartyKind(kind), id_number, tuple(addresses or ())))
    router = load_router(connection)
    requests: list[ReinspectionRequest] = []
    plans: list[PlannedReinspection] = []
    skipped: list[Skipped] = []
    due = due_date(today, Matter.RE_INSPECTION, Priority.NORMAL, calendar=calendar)
    for case_id, case_number, closed_value in cases:
        if closed_value is None:  # the query keeps only cases closed for now
            continue
        closed_on: date = closed_value
        period = current_period(closed_on, today, interval_months)
        held = controls.get(case_id, [])
        if period is None:
            continue
        if not held:
            skipped.append(Skipped(case_number, "no asset of the case is under control"))
            continue
        respondent = respondents.get(case_id)
        if respondent is None:
            skipped.append(Skipped(case_number, "the case has no respondent recorded"))
            continue
        name, kind, id_number, party_addresses = respondent
        target = _where_to_go(held)
        address = target.location.strip() or (party_addresses[0] if party_addresses else "")
        if not address:
            skipped.append(
                Skipped(case_number, "neither the assets nor the respondent have an address")
            )
            continue
        region = target.region_code or region_of(address)
        number, starts = period
        assets = tuple(_asset_line(control) for control in held)
        requests.append(
            ReinspectionRequest(
                line=len(requests) + 1,
                case_number=case_number,
                matter=Matter.RE_INSPECTION,
                party_name=name,
                party_kind=kind,
                id_number=id_number,
                address=address,
                region_code=region or "",
                requested_by=REQUESTED_BY,
                due_on=due,
                priority=Priority.NORMAL,
                notes=_notes(number, starts, assets),
                case_id=case_id,
                period_starts=starts,
            )
        )
        plans.append(
            PlannedReinspection(
                case_id=case_id,
                case_number=case_number,
                closed_for_now_on=closed_on,
                period=number,
                period_starts=starts,
                party_name=name,
                address=address,
                region_code=region,
                squad_code=router.route(Matter.RE_INSPECTION.value, region or ""),
                due_on=due,
                assets=assets,
            )
        )
    return requests, plans, skipped


def generate_reinspections(
    connection: Connection,
    *,
    now: datetime,
    actor: Actor,
    changes: ChangeSink,
    region_of: Callable[[str], str | None],
    calendar: WorkCalendar,
    interval_months: int = DEFAULT_INTERVAL_MONTHS,
    dry_run: bool = False,
) -> ReinspectionRun:
    """Register this period's re-inspection tasks in the caller's transaction."""
    today = court_date(now)
    requests, plans, skipped = plan_reinspections(
        connection,
        today=today,
        region_of=region_of,
        calendar=calendar,
        interval_months=interval_months,
    )
    registration = register_requests(
        connection, requests, actor=actor, now=now, changes=changes, write=not dry_run
    )
    by_line = {plan_line: plan for plan_line, plan in enumerate(plans, start=1)}
    existing = {duplicate.line: duplicate.registration_no for duplicate in registration.duplicates}
    generated: list[PlannedReinspection] = []
    already: list[PlannedReinspection] = []
    for line, plan in by_line.items():
        if line in existing:
            already.append(_with_number(plan, existing[line], plan.squad_code))
    if dry_run:
        generated = [plan for line, plan in by_line.items() if line not in existing]
    else:
        for registered in registration.registered:
            plan = by_line[registered.line]
            generated.append(_with_number(plan, registered.registration_no, registered.squad_code))
    return ReinspectionRun(dry_run, tuple(generated), tuple(already), tuple(skipped))


def _with_number(
    plan: PlannedReinspection, number: str | None, squad: str | None
) -> PlannedReinspection:
    return replace(plan, registration_no=number, squad_code=squad)


def run_reinspections(
    engine: Engine,
    *,
    now: datetime,
    actor: Actor,
    changes: ChangeSink,
    region_of: Callable[[str], str | None],
    calendar: WorkCalendar,
    interval_months: int = DEFAULT_INTERVAL_MONTHS,
    dry_run: bool = False,
) -> ReinspectionRun:
    """:func:`generate_reinspections` in a transaction of its own."""
    with writing(engine).begin() as connection:
        return generate_reinspections(
            connection,
            now=now,
            actor=actor,
            changes=changes,
            region_of=region_of,
            calendar=calendar,
            interval_months=interval_months,
            dry_run=dry_run,
        )
