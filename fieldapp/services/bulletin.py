"""The weekly bulletin's figures (周通报) per squad and per officer, with the week before.

What each figure counts, for a week W = [Monday 00:00, next Monday 00:00) in court time:

* received — assignments whose ``received_at`` falls in W (whatever became of them);
* completed — assignments ``done`` whose ``completed_at`` falls in W;
* carried over — assignments open when W began: received before, and either still open now or
  done at or after the start. Returned and cancelled ones do not count, as their records do
  not say when they were closed;
* completion rate (办结率) — completed / (carried over + received), as courts compute 结案率
  (结案 / (旧存 + 新收)); None when the week had no work at all;
* average days to complete — mean of ``completed_at - received_at`` over the week's completed;
* overdue (at the end of the week) — open when W ended and due before its first day after
  (``due_on`` is the last on-time day, see ``domain.escalation``);
* escalations by level — Escalation records raised in W, by level 1–4;
* expiring assets — seals, seizures, freezes and renewals in force at the end of W's last day
  (not yet renewed or released by a later record naming them in ``renews_id``) that expire
  within the next 30 days.

An assignment counts for the squad that holds it (``assignment.squad_code``) and for its main
officer within that squad, so an officer who moved between squads has a line in each, and the
officer lines of a squad add up to the squad's (the unassigned work has a line of its own).
Escalations and assets count where their assignment does. Every figure comes from three
grouped queries covering both weeks at once; the rest is adding up at most a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Role
from fieldapp.services.bulletin_week import IsoWeek
from fieldapp.storage.assignments import OPEN_STATUSES
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember

LEVELS = (1, 2, 3, 4)
EXPIRY_WINDOW_DAYS = 30
CONTROL_MEASURES = (
    ControlMeasure.SEAL,
    ControlMeasure.SEIZE,
    ControlMeasure.FREEZE,
    ControlMeasure.RENEW,
)
# Staff who hold field work and so have a line even in a week without any.
FIELD_ROLES = (Role.OFFICER, Role.LEAD)

Key = tuple[str | None, str | None]  # (squad code, officer id)
NO_ESCALATIONS = (0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Figures:
    """One week's figures of a squad, an officer or the whole centre."""

    carried_over: int = 0
    received: int = 0
    completed: int = 0
    days_to_complete_total: float = 0.0
    overdue: int = 0
    escalations: tuple[int, int, int, int] = NO_ESCALATIONS
    expiring_assets: int = 0

    @property
    def workload(self) -> int:
        return self.carried_over + self.received

    @property
    def completion_rate(self) -> float | None:
        """Completed / (carried over + received); None for a week without work."""
        return self.completed / self.workload if self.workload else None

    @property
    def average_days(self) -> float | None:
        return self.days_to_complete_total / self.completed if self.completed else None

    @property
    def escalations_total(self) -> int:
        return sum(self.escalations)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            carried_over=self.carried_over + other.carried_over,
            received=self.received + other.received,
            completed=self.completed + other.completed,
            days_to_complete_total=self.days_to_complete_total + other.days_to_complete_total,
            overdue=self.overdue + other.overdue,
            escalations=(
                self.escalations[0] + other.escalations[0],
                self.escalations[1] + other.escalations[1],
                self.escalations[2] + other.escalations[2],
                self.escalations[3] + other.escalations[3],
            ),
            expiring_assets=self.expiring_assets + other.expiring_assets,
        )


def _difference(this: float | None, last: float | None) -> float | None:
    return None if this is None or last is None else this - last


@dataclass(frozen=True, slots=True)
class Change:
    """This week minus the week before; None where either week has no rate or average."""

    received: int
    completed: int
    completion_rate: float | None
    average_days: float | None
    overdue: int
    escalations: tuple[int, int, int, int]
    expiring_assets: int

    @classmethod
    def between(cls, this: Figures, last: Figures) -> Change:
        return cls(
            received=this.received - last.received,
            completed=this.completed - last.completed,
            completion_rate=_difference(this.completion_rate, last.completion_rate),
            average_days=_difference(this.average_days, last.average_days),
            overdue=this.overdue - last.overdue,
            escalations=(
                this.escalations[0] - last.escalations[0],
                this.escalations[1] - last.escalations[1],
                this.escalations[2] - last.escalations[2],
                this.escalations[3] - last.escalations[3],
            ),
            expiring_assets=this.expiring_assets - last.expiring_assets,
        )


@dataclass(frozen=True, slots=True)
class Line:
    """The figures of this week and the week before."""

    this_week: Figures = Figures()
    last_week: Figures = Figures()

    @property
    def change(self) -> Change:
        return Change.between(self.this_week, self.last_week)


@dataclass(frozen=True, slots=True)
class SquadLine(Line):
    code: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class OfficerLine(Line):
    """An officer's work within one squad; ``officer_id`` None is the squad's unassigned work."""

    squad_code: str = ""
    officer_id: str | None = None
    name: str = ""
    current_squad_code: str | None = None

    @property
    def moved(self) -> bool:
        """The officer belongs to another squad now than the one this work was in."""
        return self.officer_id is not None and self.current_squad_code != self.squad_code


@dataclass(frozen=True, slots=True)
class Bulletin:
    week: IsoWeek
    generated_at: datetime
    total: Line
    squads: tuple[SquadLine, ...]
    officers: tuple[OfficerLine, ...]
    unrouted: Line = Line()
    """Work no squad holds yet (and assets and escalations of no squad's task)."""
    squad_scope: str | None = None
    """Set when the bulletin was narrowed to one squad (a lead's view)."""
    squad_names: tuple[tuple[str, str], ...] = ()
    """(code, name) of every squad, also those a narrowed bulletin leaves out."""

    def squad_name(self, code: str | None) -> str:
        """The name of squad ``code`` (its code when it has none; "" for None)."""
        return dict(self.squad_names).get(code or "", code or "")

    @property
    def previous_week(self) -> IsoWeek:
        return self.week.previous()

    def officers_of(self, squad_code: str) -> tuple[OfficerLine, ...]:
        return tuple(line for line in self.officers if line.squad_code == squad_code)

    def for_squad(self, squad_code: str) -> Bulletin:
        """Only ``squad_code``'s line and officers; its line becomes the total."""
        squads = tuple(line for line in self.squads if line.code == squad_code)
        total: Line = Line(squads[0].this_week, squads[0].last_week) if squads else Line()
        return replace(
            self,
            total=total,
            squads=squads,
            officers=self.officers_of(squad_code),
            unrouted=Line(),
            squad_scope=squad_code,
        )


@dataclass
class _Tally:
    carried_over: int = 0
    received: int = 0
    completed: int = 0
    days: float = 0.0
    overdue: int = 0
    escalations: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    expiring_assets: int = 0

    def figures(self) -> Figures:
        e = self.escalations
        return Figures(
            carried_over=self.carried_over,
            received=self.received,
            completed=self.completed,
            days_to_complete_total=self.days,
            overdue=self.overdue,
            escalations=(e[0], e[1], e[2], e[3]),
            expiring_assets=self.expiring_assets,
        )


def weekly_bulletin(connection: Connection, week: IsoWeek, *, now: datetime) -> Bulletin:
    """The bulletin of ``week`` beside the week before, from the rows ``connection`` sees."""
    weeks = (week, week.previous())
    tallies: dict[Key, tuple[_Tally, _Tally]] = {}

    def tally(key: Key) -> tuple[_Tally, _Tally]:
        found = tallies.get(key)
        if found is None:
            found = tallies[key] = (_Tally(), _Tally())
        return found

    for key, values in _assignment_figures(connection, weeks):
        for index, pair in enumerate(tally(key)):
            carried, received, completed, days, overdue = values[index * 5 : index * 5 + 5]
            pair.carried_over += int(carried or 0)
            pair.received += int(received or 0)
            pair.completed += int(completed or 0)
            pair.days += float(days or 0.0)
            pair.overdue += int(overdue or 0)
    for key, index, level, count in _escalation_counts(connection, weeks):
        if level in LEVELS:
            tally(key)[index].escalations[level - 1] += count
    for key, counts in _expiring_assets(connection, weeks):
        for index, count in enumerate(counts):
            tally(key)[index].expiring_assets += int(count or 0)
    return _assemble(connection, week, now, tallies)


def _assemble(
    connection: Connection,
    week: IsoWeek,
    now: datetime,
    tallies: dict[Key, tuple[_Tally, _Tally]],
) -> Bulletin:
    squad_names: dict[str, str] = {
        code: name
        for code, name in connection.execute(
            select(Squad.code, Squad.name).where(Squad.deleted.is_(False))
        )
    }
    staff = {
        row.id: row
        for row in connection.execute(
            select(
                StaffMember.id,
                StaffMember.display_name,
                StaffMember.squad_code,
                StaffMember.role,
                StaffMember.active,
            ).where(StaffMember.deleted.is_(False))
        )
    }
    lines: dict[Key, Line] = {
        key: Line(this.figures(), last.figures()) for key, (this, last) in tallies.items()
    }
    for member in staff.values():
        if member.active and member.role in FIELD_ROLES and member.squad_code is not None:
            lines.setdefault((member.squad_code, member.id), Line())

    total = _sum(lines.values())
    squad_codes = set(squad_names) | {squad for squad, _ in lines if squad is not None}
    squads = tuple(
        SquadLine(
            *_sum_parts(line for (squad, _), line in lines.items() if squad == code),
            code=code,
            name=squad_names.get(code, code),
        )
        for code in sorted(squad_codes)
    )
    officers: list[OfficerLine] = []
    for (squad, officer), line in lines.items():
        if squad is None:
            continue
        if officer is None and line == Line():
            continue
        who = staff.get(officer or "")
        officers.append(
            OfficerLine(
                line.this_week,
                line.last_week,
                squad_code=squad,
                officer_id=officer,
                name=who.display_name if who is not None else (officer or ""),
                current_squad_code=who.squad_code if who is not None else None,
            )
        )
    officers.sort(key=lambda o: (o.squad_code, o.officer_id is None, o.name, o.officer_id or ""))
    unrouted = _sum(line for (squad, _), line in lines.items() if squad is None)
    return Bulletin(
        week,
        now,
        total,
        squads,
        tuple(officers),
        unrouted=unrouted,
        squad_names=tuple((line.code, line.name) for line in squads),
    )


def _sum_parts(lines: Iterable[Line]) -> tuple[Figures, Figures]:
    line = _sum(lines)
    return line.this_week, line.last_week


def _sum(lines: Iterable[Line]) -> Line:
    this, last = Figures(), Figures()
    for line in lines:
        this += line.this_week
        last += line.last_week
    return Line(this, last)


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _open_at(instant: datetime) -> ColumnElement[bool]:
    """Open at ``instant``: received before, not yet done (returned/cancelled never count)."""
    return and_(
        Assignment.received_at < instant,
        or_(
            Assignment.status.in_([status.value for status in OPEN_STATUSES]),
            and_(
                Assignment.status == AssignmentStatus.DONE,
                Assignment.completed_at >= instant,
            ),
        ),
    )


def _days_between(connection: Connection, start: Any, end: Any) -> Any:
    if connection.dialect.name == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


def _assignment_figures(
    connection: Connection, weeks: tuple[IsoWeek, IsoWeek]
) -> list[tuple[Key, tuple[Any, ...]]]:
    """Per (squad, officer): carried over, received, completed, days, overdue of each week."""
    days = _days_between(connection, Assignment.received_at, Assignment.completed_at)
    columns: list[Any] = []
    for week in weeks:
        start, end = week.start, week.end
        completed = and_(
            Assignment.status == AssignmentStatus.DONE,
            Assignment.completed_at >= start,
            Assignment.completed_at < end,
        )
        columns += [
            _count_if(_open_at(start)),
            _count_if(and_(Assignment.received_at >= start, Assignment.received_at < end)),
            _count_if(completed),
            func.sum(case((completed, days), else_=0.0)),
            # Overdue once the due day is over: due on the last day of the week or before.
            _count_if(and_(_open_at(end), Assignment.due_on <= week.last_day)),
        ]
    query = (
        select(Assignment.squad_code, Assignment.officer_id, *columns)
        .where(Assignment.deleted.is_(False), Assignment.received_at < weeks[0].end)
        .group_by(Assignment.squad_code, Assignment.officer_id)
    )
    return [((row[0], row[1]), tuple(row[2:])) for row in connection.execute(query)]


def _escalation_counts(
    connection: Connection, weeks: tuple[IsoWeek, IsoWeek]
) -> list[tuple[Key, int, int, int]]:
    """(squad, officer), week index (0 this, 1 before), level, count."""
    control = aliased(AssetControl)
    target = func.coalesce(Escalation.assignment_id, control.assignment_id)
    which = case((Escalation.raised_at >= weeks[0].start, 0), else_=1)
    query = (
        select(
            Assignment.squad_code,
            Assignment.officer_id,
            which,
            Escalation.level,
            func.count(),
        )
        .select_from(Escalation)
        .outerjoin(control, control.id == Escalation.asset_control_id)
        .outerjoin(Assignment, Assignment.id == target)
        .where(
            Escalation.deleted.is_(False),
            Escalation.raised_at >= weeks[1].start,
            Escalation.raised_at < weeks[0].end,
        )
        .group_by(Assignment.squad_code, Assignment.officer_id, which, Escalation.level)
    )
    return [
        ((squad, officer), int(index), int(level), int(count))
        for squad, officer, index, level, count in connection.execute(query)
    ]


def _expiring_assets(
    connection: Connection, weeks: tuple[IsoWeek, IsoWeek]
) -> list[tuple[Key, tuple[Any, Any]]]:
    """Per (squad, officer): controls in force at each week's last day expiring within 30 days."""
    later = aliased(AssetControl)
    superseded = (
        select(later.renews_id.label("control_id"), func.min(later.effective_on).label("on"))
        .where(later.renews_id.is_not(None), later.deleted.is_(False))
        .group_by(later.renews_id)
        .subquery()
    )
    window = timedelta(days=EXPIRY_WINDOW_DAYS)

    def expiring(day: date) -> ColumnElement[bool]:
        return and_(
            AssetControl.effective_on <= day,
            or_(superseded.c.on.is_(None), superseded.c.on > day),
            AssetControl.expires_on > day,
            AssetControl.expires_on <= day + window,
        )

    query = (
        select(
            Assignment.squad_code,
            Assignment.officer_id,
            _count_if(expiring(weeks[0].last_day)),
            _count_if(expiring(weeks[1].last_day)),
        )
        .select_from(AssetControl)
        .outerjoin(superseded, superseded.c.control_id == AssetControl.id)
        .outerjoin(Assignment, Assignment.id == AssetControl.assignment_id)
        .where(
            AssetControl.deleted.is_(False),
            AssetControl.measure.in_([measure.value for measure in CONTROL_MEASURES]),
            AssetControl.expires_on > weeks[1].last_day,
            AssetControl.expires_on <= weeks[0].last_day + window,
        )
        .group_by(Assignment.squad_code, Assignment.officer_id)
    )
    return [((row[0], row[1]), (row[2], row[3])) for row in connection.execute(query)]
