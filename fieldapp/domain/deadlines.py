"""The deadline clock: due dates of field tasks and cases from a configurable table of rules.

How a deadline is counted
-------------------------
`due_date` returns the LAST DAY ON WHICH THE WORK IS STILL ON TIME.  Following 民事诉讼法
第85条 literally, the starting day is not counted: a 7-day rule started on 2026-03-02 is due on
2026-03-09 (start + 7), and a 6-month rule started on 2026-01-10 is due on 2026-07-10, the
same-numbered day (民法典 第202条: when the last month has no such day, its last day —
2026-08-31 + 6 months is 2027-02-28).  When that last day is not a working day (a public holiday
or a weekend not made a working day), the period ends on the next working day (第85条).

Days on which a `Pause` holds (public notice, stay of execution) are not counted: each paused
day after the start pushes the last day one day later.  A pause that begins after the last day
changes nothing — the time had already run out.  While an open pause (no end yet) holds, the
clock stands still and the due date is unknown: `due_date` returns None.

Why this differs from `legal_periods`: there the effective day is counted and no holiday shift
is applied, because an asset whose control lapses one day early is harmless and one day late is
lost.  Here the law's own reading is the right one: these are the court's time limits, the
supervision measures the officers against them, and counting a day short would escalate work
that is still on time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal, Protocol

from fieldapp.domain.enums import Matter, Priority
from fieldapp.domain.errors import DomainError, InvalidPeriod, UnknownMatter

CASE: Final = "case"
"""The table key of the case-level deadline (the case as a whole, from its filing)."""

Subject = Matter | Literal["case"]
CountsFrom = Literal["received", "filed"]
PRACTICE: Final = "court practice (configurable)"

_INVESTIGATION_RULES = "《最高人民法院关于民事执行中财产调查若干问题的规定》第二条"
_ART_480 = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十条"


class InvalidDeadlineTable(DomainError):
    base_code = "invalid_deadline_table"


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How long one kind of work may take, counted from `counts_from`, and why.

    Exactly one of `days` (calendar days) and `months` is given.  `priority` None means the
    rule applies to every priority that has no entry of its own.  `counts_from` tells the caller
    which day to pass as `start`: "received" (the centre received the request) or "filed" (the
    case was filed) — the execution notice's 10 days run from filing, not from the hand-over.
    """

    subject: Subject
    priority: Priority | None
    days: int | None
    months: int | None
    basis: str
    counts_from: CountsFrom = "received"

    def __post_init__(self) -> None:
        if self.subject != CASE and not isinstance(self.subject, Matter):
            raise InvalidDeadlineTable(
                f"deadline rule: unknown matter {self.subject!r}", reason="subject"
            )
        if self.priority is not None and not isinstance(self.priority, Priority):
            raise InvalidDeadlineTable(
                f"deadline rule for {self.subject}: unknown priority {self.priority!r}",
                reason="priority",
            )
        given = [name for name in ("days", "months") if getattr(self, name) is not None]
        if len(given) != 1:
            raise InvalidDeadlineTable(
                f"deadline rule for {self.subject}: give either days or months, not "
                f"{' and '.join(given) or 'neither'}",
                reason="length",
            )
        length = getattr(self, given[0])
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise InvalidDeadlineTable(
                f"deadline rule for {self.subject}: {given[0]} must be a whole number, at "
                f"least 1, not {length!r}",
                reason="length",
            )
        if not isinstance(self.basis, str) or not self.basis.strip():
            raise InvalidDeadlineTable(
                f"deadline rule for {self.subject}: the basis must be given (the law, or "
                f"{PRACTICE!r})",
                reason="basis",
            )
        if self.counts_from not in ("received", "filed"):
            raise InvalidDeadlineTable(
                f"deadline rule for {self.subject}: counts_from must be received or filed, "
                f"not {self.counts_from!r}",
                reason="counts_from",
            )


DeadlineTable = tuple[DeadlineRule, ...]

_N, _U = Priority.NORMAL, Priority.URGENT

# Only three numbers come from the law as given to us (the issue and NOTICES.md); the rest are
# starting points for a court to replace by configuration.  Asset control is urgent by nature
# (a respondent who learns of it moves the asset), hence the short defaults there.
DEFAULT_DEADLINES: DeadlineTable = (
    DeadlineRule(
        Matter.SERVICE,
        _N,
        10,
        None,
        f"{_ART_480}：人民法院应当在收到申请执行书或者移交执行书后十日内发出执行通知",
        counts_from="filed",
    ),
    DeadlineRule(Matter.SERVICE, _U, 3, None, PRACTICE),
    # Finding property and investigating on site are how the centre verifies a lead the
    # applicant reported, which the rules on property investigation time-limit.
    DeadlineRule(
        Matter.LOCATE, _N, 7, None, f"{_INVESTIGATION_RULES}：财产线索应当在七日内调查核实"
    ),
    DeadlineRule(
        Matter.LOCATE, _U, 3, None, f"{_INVESTIGATION_RULES}：情况紧急的，应当在三日内调查核实"
    ),
    DeadlineRule(
        Matter.INVESTIGATION,
        _N,
        7,
        None,
        f"{_INVESTIGATION_RULES}：财产线索应当在七日内调查核实",
    ),
    DeadlineRule(
        Matter.INVESTIGATION,
        _U,
        3,
        None,
        f"{_INVESTIGATION_RULES}：情况紧急的，应当在三日内调查核实",
    ),
    DeadlineRule(Matter.SEAL, _N, 7, None, PRACTICE),
    DeadlineRule(Matter.SEAL, _U, 1, None, PRACTICE),
    DeadlineRule(Matter.SEIZE, _N, 7, None, PRACTICE),
    DeadlineRule(Matter.SEIZE, _U, 1, None, PRACTICE),
    DeadlineRule(Matter.FREEZE, _N, 7, None, PRACTICE),
    DeadlineRule(Matter.FREEZE, _U, 1, None, PRACTICE),
    DeadlineRule(Matter.POSTING, _N, 5, None, PRACTICE),
    DeadlineRule(Matter.POSTING, _U, 2, None, PRACTICE),
    DeadlineRule(Matter.SEARCH, _N, 15, None, PRACTICE),
    DeadlineRule(Matter.SEARCH, _U, 3, None, PRACTICE),
    # Eviction follows a notice period the occupant is given, so it runs longest.
    DeadlineRule(Matter.EVICTION, _N, 30, None, PRACTICE),
    DeadlineRule(Matter.EVICTION, _U, 15, None, PRACTICE),
    DeadlineRule(Matter.RE_INSPECTION, _N, 15, None, PRACTICE),
    DeadlineRule(Matter.RE_INSPECTION, _U, 5, None, PRACTICE),
    # Commonly traced to 《最高人民法院关于人民法院办理执行案件若干期限的规定》第一条; left as
    # practice until the court confirms the citation it wants printed.
    DeadlineRule(CASE, None, None, 6, PRACTICE, counts_from="filed"),
)


def _subject_of(key: str) -> Subject:
    if key == CASE:
        return CASE
    try:
        return Matter(key)
    except ValueError:
        accepted = ", ".join([*Matter, CASE])
        raise InvalidDeadlineTable(
            f"deadlines: unknown matter {key!r}; use one of {accepted}", reason="subject"
        ) from None


def _priority_of(key: str) -> Priority:
    try:
        return Priority(key)
    except ValueError:
        accepted = ", ".join(Priority)
        raise InvalidDeadlineTable(
            f"deadlines: unknown priority {key!r}; use one of {accepted}", reason="priority"
        ) from None


_ENTRY_KEYS = ("days", "months", "basis", "counts_from")


def deadlines_from_mapping(
    mapping: Mapping[str, object], base: DeadlineTable = DEFAULT_DEADLINES
) -> DeadlineTable:
    """A deadline table built from a court's configuration.

    Keys are ``"<matter>"`` (every priority) or ``"<matter>/<priority>"``, with ``"case"`` for
    the case as a whole; each entry holds ``days`` or ``months``, ``basis`` and optionally
    ``counts_from``, e.g. ``{"locate/urgent": {"days": 2, "basis": "本院规定"}}``.  Entries the
    mapping leaves out keep their rule from `base`.  A ``"<matter>"`` key replaces all of that
    matter's rules.  Unknown matters, priorities and entry keys are refused rather than
    ignored: a misspelt key must not silently leave the old deadline in force.
    """
    rules: dict[tuple[Subject, Priority | None], DeadlineRule] = {
        (rule.subject, rule.priority): rule for rule in base
    }
    for key, value in mapping.items():
        subject_key, _, priority_key = key.partition("/")
        subject = _subject_of(subject_key)
        priority = _priority_of(priority_key) if priority_key else None
        if not isinstance(value, Mapping):
            raise InvalidDeadlineTable(
                f"deadlines: the entry for {key} must hold days or months, and basis",
                reason="entry",
            )
        extra = sorted(str(name) for name in value if name not in _ENTRY_KEYS)
        if extra or "basis" not in value:
            problems = ([f"unknown keys {', '.join(extra)}"] if extra else []) + (
                ["no basis"] if "basis" not in value else []
            )
            raise InvalidDeadlineTable(
                f"deadlines: the entry for {key} has {' and '.join(problems)}", reason="entry"
            )
        rule = DeadlineRule(
            subject,
            priority,
            value.get("days"),
            value.get("months"),
            value["basis"],
            value.get("counts_from", "received"),
        )
        if priority is None:
            rules = {k: r for k, r in rules.items() if k[0] != subject}
        rules[(subject, priority)] = rule
    return tuple(rules.values())


def rule_for(
    subject: Subject, priority: Priority | None, table: DeadlineTable = DEFAULT_DEADLINES
) -> DeadlineRule:
    """The table's rule for `subject` at `priority`, else its rule for every priority."""
    fallback: DeadlineRule | None = None
    for rule in table:
        if rule.subject == subject:
            if rule.priority == priority:
                return rule
            if rule.priority is None:
                fallback = rule
    if fallback is None:
        raise UnknownMatter(
            f"no deadline is configured for {subject!r} at priority {priority!r}",
            reason="not_configured",
        )
    return fallback


class WorkCalendar(Protocol):
    """Tells working days (工作日) from rest days; official holidays live in the services."""

    def is_working_day(self, day: date) -> bool: ...


class WeekendCalendar:
    """Monday to Friday are working days: the fallback when no holiday data is known."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


@dataclass(frozen=True, slots=True)
class Pause:
    """Days on which the clock stands still, `start` and `end` both included.

    `end` None means the pause still holds (e.g. a stay of execution not yet lifted).
    """

    start: date
    end: date | None
    reason: str

    def __post_init__(self) -> None:
        _require_date(self.start, "pause start")
        if self.end is not None:
            _require_date(self.end, "pause end")
            if self.end < self.start:
                raise InvalidPeriod(
                    f"a pause cannot end ({self.end.isoformat()}) before it starts "
                    f"({self.start.isoformat()})",
                    reason="pause",
                )


def _require_date(value: object, name: str) -> None:
    # datetime is a subclass of date; letting one through would mix in a time and a zone.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")


def add_months(start: date, months: int) -> date:
    """The same-numbered day `months` later, or that month's last day (民法典 第202条)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    try:
        return date(year, month, start.day)
    except ValueError:
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)


# A calendar that never reports a working day would otherwise loop forever; no official
# holiday run comes close to this.
_MAX_REST_RUN = 60


def next_working_day(day: date, calendar: WorkCalendar) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    for offset in range(_MAX_REST_RUN + 1):
        candidate = day + timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    raise InvalidPeriod(
        f"the work calendar has no working day within {_MAX_REST_RUN} days of {day.isoformat()}",
        reason="calendar",
    )


def _merged(pauses: Iterable[Pause]) -> list[tuple[date, date | None]]:
    spans = sorted(pauses, key=lambda p: p.start)
    merged: list[tuple[date, date | None]] = []
    for pause in spans:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break  # an open pause swallows everything after it
            if pause.start <= last_end + timedelta(days=1):
                end = None if pause.end is None else max(last_end, pause.end)
                merged[-1] = (last_start, end)
                continue
        merged.append((pause.start, pause.end))
    return merged


def _extended(start: date, last: date, pauses: Iterable[Pause]) -> date | None:
    first_counted = start + timedelta(days=1)
    for pause_start, pause_end in _merged(pauses):
        if pause_end is not None and pause_end < first_counted:
            continue
        begins = max(pause_start, first_counted)
        if begins > last:
            break  # the time had already run out; later pauses start later still
        if pause_end is None:
            return None
        last += timedelta(days=(pause_end - begins).days + 1)
    return last


def _due(
    start: date, rule: DeadlineRule, calendar: WorkCalendar, pauses: Iterable[Pause]
) -> date | None:
    _require_date(start, "start")
    if rule.days is not None:
        last = start + timedelta(days=rule.days)
    else:
        assert rule.months is not None  # DeadlineRule guarantees one of the two
        last = add_months(start, rule.months)
    extended = _extended(start, last, pauses)
    return None if extended is None else next_working_day(extended, calendar)


def due_date(
    start: date,
    matter: Matter,
    priority: Priority,
    *,
    calendar: WorkCalendar,
    pauses: Iterable[Pause] = (),
    table: DeadlineTable = DEFAULT_DEADLINES,
) -> date | None:
    """The last on-time day of a task of `matter` at `priority` (see the module docstring).

    `start` is the day the rule counts from (`rule_for(...).counts_from`); it is not counted.
    None while an open pause stops the clock.
    """
    return _due(start, rule_for(Matter(matter), Priority(priority), table), calendar, pauses)


def case_due_date(
    filed_on: date,
    calendar: WorkCalendar,
    pauses: Iterable[Pause] = (),
    *,
    table: DeadlineTable = DEFAULT_DEADLINES,
) -> date | None:
    """The last on-time day of the case as a whole, counted from its filing day."""
    return _due(filed_on, rule_for(CASE, None, table), calendar, pauses)


def paused_due_date(
    start: date, due_on: date, pauses: Iterable[Pause], calendar: WorkCalendar
) -> date | None:
    """`due_on` (a last on-time day counted from `start`) pushed on by the `pauses` since.

    For a due date that was set without the pauses (by registration, or by a lead): each paused
    day after `start` up to the last day pushes it one day on, then a rest day moves it to the
    next working day, as `due_date` counts.  None while an open pause stops the clock.
    """
    _require_date(start, "start")
    _require_date(due_on, "due_on")
    extended = _extended(start, due_on, pauses)
    if extended is None or extended == due_on:
        return extended
    return next_working_day(extended, calendar)
