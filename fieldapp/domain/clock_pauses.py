"""Rules for pausing a task's deadline clock (公告期间, 暂缓执行, 中止执行 …) and resuming it.

A pause is stored on the assignment (``Assignment.clock_pauses``) as
``{"start": "2026-03-05", "end": "2026-03-12" | null, "reason": "<code>", "note": "…"}``;
`domain.deadlines.Pause` is what the deadline rules count.  `due_on` itself is never moved: it
stays the due date counted without pauses, and every reader (the escalation pass on the
central store, the laptop's own plan, the assignment page) pushes it on with
`deadlines.paused_due_date`, so a pause recorded here moves all of them the same way.

Who may pause: the lead of the task's squad, a registrar or an admin — the roles the central
store lets change ``clock_pauses`` (`server.policy.ASSIGNMENT_LEAD_FIELDS`, and a lead only in
their squad's scope).  A change the laptop accepts is therefore one the server accepts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from fieldapp.domain.deadlines import Pause
from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.domain.errors import DomainError
from fieldapp.domain.status import is_open

NOTE_LIMIT: Final = 200
# A stored list longer than this is not a court's record but a runaway (or hostile) client.
MAX_PAUSES: Final = 100
PAUSING_ROLES: Final = frozenset({Role.LEAD, Role.REGISTRAR, Role.ADMIN})

# Periods not counted in the time limits of execution work.  The list follows
# 《最高人民法院关于人民法院办理执行案件若干期限的规定》 (法发〔2006〕35号), which names the periods
# that are not counted (公告送达, 暂缓执行, 中止执行, 请示, 争议协调); we give no article
# number because we could not confirm it.  The Civil Procedure Law's articles on 暂缓执行 and
# 中止执行 were renumbered by the 2021 and 2023 revisions, and we could not confirm their
# numbers after the 2023 revision either, so the law is named without an article.
_LIMITS = "《最高人民法院关于人民法院办理执行案件若干期限的规定》"
_CPL = "《中华人民共和国民事诉讼法》"


@dataclass(frozen=True, slots=True)
class PauseReason:
    code: str
    name_zh: str
    basis: str  # "" where no legal provision is cited (a court's own practice)


PAUSE_REASONS: Final[tuple[PauseReason, ...]] = (
    PauseReason("public_notice", "公告期间", f"{_LIMITS}：公告送达执行法律文书的期间不计入"),
    PauseReason("stay", "暂缓执行", f"{_CPL}（暂缓执行）；{_LIMITS}"),
    PauseReason("suspension", "中止执行", f"{_CPL}（中止执行）；{_LIMITS}"),
    PauseReason("instructions", "请示上级法院", f"{_LIMITS}：就法律适用问题请示的期间不计入"),
    PauseReason("dispute", "执行争议协调", f"{_LIMITS}：报请共同上级法院协调处理的期间不计入"),
    PauseReason("other", "其他（经批准）", ""),
)
REASONS_BY_CODE: Final = {reason.code: reason for reason in PAUSE_REASONS}


class ClockPauseRefused(DomainError):
    """A pause or its end refused; `reason` names the rule, `day` the date the rule compared
    with (the day of receipt, the start of the open pause…) where there is one."""

    base_code = "clock_pause_refused"

    def __init__(self, message: str, *, reason: str, day: date | None = None) -> None:
        super().__init__(message, reason=reason)
        self.rule = reason
        self.day = day


@dataclass(frozen=True, slots=True)
class StoredPause:
    """One stored pause as the rules read it."""

    start: date
    end: date | None
    reason: str
    note: str = ""

    def as_pause(self) -> Pause:
        return Pause(self.start, self.end, self.reason)

    def days(self, today: date) -> int:
        """Days the clock stood (or stands) still, both ends included; an open pause to today."""
        last = self.end if self.end is not None else today
        return max(0, (last - self.start).days + 1)

    def to_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "start": self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "reason": self.reason,
        }
        if self.note:
            entry["note"] = self.note
        return entry


@dataclass(frozen=True, slots=True)
class TaskClock:
    """What the rules need to know of the task and of who changes it."""

    status: AssignmentStatus
    squad_code: str | None
    received_on: date  # the court day the centre received the request


def _day(value: object, what: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ClockPauseRefused(f"the {what} must be a calendar day", reason="bad_date")
    return value


def read_pauses(value: object) -> tuple[StoredPause, ...]:
    """The stored pauses, oldest first; refused when any entry cannot be read.

    Writing beside an entry nobody can read would hide an overlap, so nothing is changed until
    an admin corrects the stored list.
    """
    if value is None or value == []:
        return ()
    if not isinstance(value, list) or len(value) > MAX_PAUSES:
        raise ClockPauseRefused("the stored pauses cannot be read", reason="unreadable")
    read: list[StoredPause] = []
    for entry in value:
        try:
            end = entry.get("end")
            pause = StoredPause(
                date.fromisoformat(entry["start"]),
                None if end is None else date.fromisoformat(end),
                str(entry.get("reason", "")),
                str(entry.get("note", "") or ""),
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            raise ClockPauseRefused(
                "the stored pauses cannot be read", reason="unreadable"
            ) from None
        if pause.end is not None and pause.end < pause.start:
            raise ClockPauseRefused("the stored pauses cannot be read", reason="unreadable")
        read.append(pause)
    return tuple(sorted(read, key=lambda p: p.start))


def check_may_pause(role: Role, actor_squad: str | None, clock: TaskClock) -> None:
    """Only the task's squad lead (or a registrar or admin) changes its clock, on an open task."""
    if role not in PAUSING_ROLES:
        raise ClockPauseRefused(
            f"a {Role(role).value} may not pause the deadline clock; the squad lead does",
            reason="role",
        )
    if role is Role.LEAD and (clock.squad_code is None or actor_squad != clock.squad_code):
        raise ClockPauseRefused(
            "the task belongs to another squad; a lead pauses only their own squad's tasks",
            reason="other_squad",
        )
    if not is_open(clock.status):
        raise ClockPauseRefused(
            f"the task is {AssignmentStatus(clock.status).value}: a closed task has no clock",
            reason="closed",
        )


def clean_note(note: object) -> str:
    if not isinstance(note, str):
        raise ClockPauseRefused("the note must be text", reason="note_control")
    text = note.strip()
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            raise ClockPauseRefused(
                f"the note holds the invisible character U+{ord(char):04X}",
                reason="note_control",
            )
    if len(text) > NOTE_LIMIT:
        raise ClockPauseRefused(
            f"the note is at most {NOTE_LIMIT} characters, not {len(text)}",
            reason="note_too_long",
        )
    return text


def _overlapping(pauses: Iterable[StoredPause], start: date, end: date | None) -> bool:
    far = date.max
    return any(p.start <= (end or far) and start <= (p.end or far) for p in pauses)


def start_pause(
    pauses: Sequence[StoredPause],
    *,
    start: object,
    reason: object,
    note: object,
    clock: TaskClock,
    today: date,
) -> tuple[StoredPause, ...]:
    """The pauses with a new open one from `start`; refused naming the rule it breaks."""
    day = _day(start, "start of the pause")
    if not isinstance(reason, str) or reason not in REASONS_BY_CODE:
        raise ClockPauseRefused("choose the reason from the list", reason="unknown_reason")
    text = clean_note(note)
    if day < clock.received_on:
        raise ClockPauseRefused(
            f"the pause cannot start ({day.isoformat()}) before the task was received "
            f"({clock.received_on.isoformat()})",
            reason="before_received",
            day=clock.received_on,
        )
    if day > today:
        raise ClockPauseRefused(
            f"the pause cannot start in the future ({day.isoformat()})", reason="future"
        )
    if any(p.end is None for p in pauses):
        raise ClockPauseRefused(
            "the clock is paused already; resume it before pausing it again",
            reason="open_exists",
        )
    if _overlapping(pauses, day, None):
        raise ClockPauseRefused(
            f"a pause from {day.isoformat()} overlaps an earlier pause", reason="overlap"
        )
    if len(pauses) >= MAX_PAUSES:
        raise ClockPauseRefused(f"at most {MAX_PAUSES} pauses per task", reason="too_many")
    return (*pauses, StoredPause(day, None, reason, text))


def end_pause(
    pauses: Sequence[StoredPause], *, end: object, today: date
) -> tuple[StoredPause, ...]:
    """The pauses with the open one ended on `end` (its last paused day, included)."""
    day = _day(end, "end of the pause")
    open_ = [p for p in pauses if p.end is None]
    if not open_:
        raise ClockPauseRefused("the clock is not paused", reason="not_paused")
    current = open_[0]
    if day < current.start:
        raise ClockPauseRefused(
            f"the pause cannot end ({day.isoformat()}) before it started "
            f"({current.start.isoformat()})",
            reason="end_before_start",
            day=current.start,
        )
    if day > today:
        raise ClockPauseRefused(
            f"the pause cannot end in the future ({day.isoformat()})", reason="future_end"
        )
    others = [p for p in pauses if p is not current]
    if _overlapping(others, current.start, day):
        raise ClockPauseRefused(
            f"a pause ending {day.isoformat()} overlaps another pause", reason="overlap"
        )
    ended = StoredPause(current.start, day, current.reason, current.note)
    return tuple(sorted((*others, ended), key=lambda p: p.start))


def open_pause(pauses: Iterable[StoredPause]) -> StoredPause | None:
    return next((p for p in pauses if p.end is None), None)


def paused_days(pauses: Iterable[StoredPause], today: date) -> int:
    """Days the clock has stood still so far (an open pause up to today)."""
    return sum(p.days(today) for p in pauses)


def earliest_start(clock: TaskClock, pauses: Iterable[StoredPause]) -> date:
    """The first day a new pause may start on: after receipt and after every earlier pause."""
    ends = [p.end for p in pauses if p.end is not None]
    latest = max(ends, default=None)
    if latest is None or latest < clock.received_on:
        return clock.received_on
    return latest + timedelta(days=1)


REASON_LIMIT: Final = 64
_KEYS: Final = frozenset({"start", "end", "reason", "note"})


def check_stored_pauses(value: object) -> tuple[StoredPause, ...]:
    """A whole ``clock_pauses`` value as a client sends it, held to the rules every pause
    recorded here keeps: readable entries with only the known keys, a reason (a code of the
    list, or an older free text) and a note within their limits, no two pauses overlapping,
    at most one open.  Dates are not compared with today: a laptop's day may differ."""
    if value is None:
        raise ClockPauseRefused("the stored pauses cannot be read", reason="unreadable")
    pauses = read_pauses(value)
    assert isinstance(value, list)  # read_pauses refused anything else
    for entry in value:
        extra = set(entry) - _KEYS
        reason, note = entry.get("reason", ""), entry.get("note", "")
        if extra or not isinstance(reason, str) or not isinstance(note, str):
            raise ClockPauseRefused("the stored pauses cannot be read", reason="unreadable")
        printable = all(unicodedata.category(char)[0] != "C" for char in reason)
        if not reason.strip() or len(reason) > REASON_LIMIT or not printable:
            raise ClockPauseRefused(
                f"a pause needs a reason of at most {REASON_LIMIT} printable characters",
                reason="unknown_reason",
            )
        clean_note(note)
    if sum(1 for p in pauses if p.end is None) > 1:
        raise ClockPauseRefused("at most one pause may be open", reason="open_exists")
    for earlier, later in zip(pauses, pauses[1:], strict=False):
        if earlier.end is None or later.start <= earlier.end:
            raise ClockPauseRefused("two pauses overlap", reason="overlap")
    return pauses
