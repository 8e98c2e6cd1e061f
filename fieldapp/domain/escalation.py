"""The four levels of supervision (四级监督): when an open task escalates, and to whom.

How a threshold is read
-----------------------
`days_overdue` is ``today - due_on`` in calendar days: negative before the due day, 0 ON the due
day (still on time — `due_on` is the last on-time day, see `deadlines`), 1 the day after.  Each
level is reached when ``days_overdue >= min_days_overdue``:

* level 1, -3: three days before the due day → the officer;
* level 2,  1: overdue, i.e. from the day after the due day → the squad lead;
* level 3, 16: overdue *more than* 15 days → the centre head;
* level 4, 31: overdue *more than* 30 days → the bureau chief.

"More than" excludes the number itself, as 民法典 第1259条 reads 超过 (以上 would include it), so
level 3 starts on the 16th day after the due day, not the 15th.  A court that means 以上 sets 15
and 30 in its configuration.

The result depends only on (due_on, today, status), so the server's scheduled pass and a laptop
offline compute the same level for the same court day (`clock.court_date`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.domain.errors import DomainError
from fieldapp.domain.status import is_open


class Recipient(StrEnum):
    """Who an escalation goes to; the first two match `Role` values, the others hold no login."""

    OFFICER = "officer"
    LEAD = "lead"
    CENTRE_HEAD = "centre_head"  # 外勤事务中心主任
    BUREAU_CHIEF = "bureau_chief"  # 执行局局长


class InvalidEscalationTable(DomainError):
    base_code = "invalid_escalation_table"


@dataclass(frozen=True, slots=True)
class EscalationLevel:
    """Level `level` is reached once a task is `min_days_overdue` days past its due day."""

    level: int
    min_days_overdue: int
    recipient: Recipient

    def __post_init__(self) -> None:
        for name in ("level", "min_days_overdue"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidEscalationTable(
                    f"escalation level: {name} must be a whole number, not {value!r}",
                    reason=name,
                )
        if not isinstance(self.recipient, Recipient):
            raise InvalidEscalationTable(
                f"escalation level {self.level}: unknown recipient {self.recipient!r}",
                reason="recipient",
            )


EscalationTable = tuple[EscalationLevel, ...]

DEFAULT_LEVELS: EscalationTable = (
    EscalationLevel(1, -3, Recipient.OFFICER),
    EscalationLevel(2, 1, Recipient.LEAD),
    EscalationLevel(3, 16, Recipient.CENTRE_HEAD),
    EscalationLevel(4, 31, Recipient.BUREAU_CHIEF),
)


def check_table(table: EscalationTable) -> EscalationTable:
    """`table` itself when its levels are 1, 2, … with strictly rising thresholds."""
    if not table:
        raise InvalidEscalationTable("the escalation table has no levels", reason="empty")
    for position, entry in enumerate(table, start=1):
        if entry.level != position:
            raise InvalidEscalationTable(
                f"escalation levels must be numbered 1, 2, … in order; found {entry.level} "
                f"in place {position}",
                reason="level",
            )
        if position > 1 and entry.min_days_overdue <= table[position - 2].min_days_overdue:
            raise InvalidEscalationTable(
                f"escalation level {entry.level} must start later than level {entry.level - 1}",
                reason="min_days_overdue",
            )
    return table


def levels_from_mapping(
    mapping: Mapping[str, object], base: EscalationTable = DEFAULT_LEVELS
) -> EscalationTable:
    """An escalation table from configuration, e.g. ``{"3": {"min_days_overdue": 15}}``.

    Keys are level numbers; entries may give ``min_days_overdue`` and/or ``recipient``; the
    rest comes from `base`.  Unknown levels and keys are refused rather than ignored.
    """
    levels = {entry.level: entry for entry in base}
    for key, value in mapping.items():
        level = int(key) if key.isdigit() else None
        if level not in levels:
            raise InvalidEscalationTable(
                f"escalation: unknown level {key!r}; use one of {', '.join(map(str, levels))}",
                reason="level",
            )
        assert level is not None  # narrowed by the membership test above
        if not isinstance(value, Mapping) or not set(value) <= {"min_days_overdue", "recipient"}:
            raise InvalidEscalationTable(
                f"escalation: the entry for level {key} may hold only min_days_overdue and "
                "recipient",
                reason="entry",
            )
        current = levels[level]
        recipient = value.get("recipient", current.recipient)
        try:
            recipient = Recipient(recipient)
        except ValueError:
            raise InvalidEscalationTable(
                f"escalation: unknown recipient {recipient!r} for level {key}; use one of "
                f"{', '.join(Recipient)}",
                reason="recipient",
            ) from None
        levels[level] = EscalationLevel(
            level, value.get("min_days_overdue", current.min_days_overdue), recipient
        )
    return check_table(tuple(levels[number] for number in sorted(levels)))


def escalation_level(
    due_on: date,
    today: date,
    *,
    status: AssignmentStatus,
    table: EscalationTable = DEFAULT_LEVELS,
) -> int | None:
    """The highest level reached on `today`, or None (not yet at level 1, or not open)."""
    if not is_open(status):
        return None
    index = bisect_right([entry.min_days_overdue for entry in table], (today - due_on).days)
    return table[index - 1].level if index else None


@dataclass(frozen=True, slots=True)
class Escalation:
    """One task that needs supervision today, at `level`, sent to `recipient`."""

    assignment_id: str
    level: int
    recipient: Recipient
    due_on: date
    days_overdue: int
    officer_id: str | None
    squad_code: str | None


# (assignment_id, due_on, status, officer_id, squad_code); due_on None = no due date yet or the
# clock is paused, which never escalates.
EscalationItem = tuple[str, date | None, str, str | None, str | None]

_OPEN = frozenset(s for s in AssignmentStatus if is_open(s))
_KNOWN = frozenset(AssignmentStatus)


def escalations_due(
    items: Iterable[EscalationItem],
    today: date,
    *,
    table: EscalationTable = DEFAULT_LEVELS,
) -> list[Escalation]:
    """The tasks among `items` that stand at some level on `today`, in input order.

    A level-1 reminder for a task no officer holds yet goes to the squad lead: there is no
    officer to remind, and handing it out is the lead's move.
    """
    # Ordinals and one bisect per item keep a pass over 100,000 open tasks well under a second.
    thresholds = [entry.min_days_overdue for entry in table]
    today_ordinal = today.toordinal()
    result: list[Escalation] = []
    append = result.append
    for assignment_id, due_on, status, officer_id, squad_code in items:
        if status not in _OPEN:
            if status not in _KNOWN:
                raise ValueError(f"assignment {assignment_id}: unknown status {status!r}")
            continue
        if due_on is None:
            continue
        overdue = today_ordinal - due_on.toordinal()
        index = bisect_right(thresholds, overdue)
        if not index:
            continue
        entry = table[index - 1]
        recipient = entry.recipient
        if recipient is Recipient.OFFICER and officer_id is None:
            recipient = Recipient.LEAD
        append(
            Escalation(
                assignment_id, entry.level, recipient, due_on, overdue, officer_id, squad_code
            )
        )
    return result
