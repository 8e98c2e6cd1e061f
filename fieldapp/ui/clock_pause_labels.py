"""Translated names of the reasons a deadline clock pauses, and the rules that refuse a pause."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.clock_pauses import REASONS_BY_CODE, ClockPauseRefused
from fieldapp.domain.errors import DomainError

_C = "ClockPauseLabels"

_REASONS: dict[str, object] = {
    "public_notice": QT_TRANSLATE_NOOP("ClockPauseLabels", "Public notice period"),
    "stay": QT_TRANSLATE_NOOP("ClockPauseLabels", "Stay of execution"),
    "suspension": QT_TRANSLATE_NOOP("ClockPauseLabels", "Suspension of execution"),
    "instructions": QT_TRANSLATE_NOOP("ClockPauseLabels", "Awaiting a higher court's instructions"),
    "dispute": QT_TRANSLATE_NOOP("ClockPauseLabels", "Execution dispute referred for coordination"),
    "other": QT_TRANSLATE_NOOP("ClockPauseLabels", "Other (approved)"),
}

# By ClockPauseRefused.rule; %1 is the day the rule compared with, where it has one.
_RULES: dict[str, object] = {
    "role": QT_TRANSLATE_NOOP(
        "ClockPauseLabels",
        "Only the lead of the task's squad, a registrar or an admin may pause or resume the clock.",
    ),
    "other_squad": QT_TRANSLATE_NOOP(
        "ClockPauseLabels",
        "The task belongs to another squad: a lead pauses only their own squad's tasks.",
    ),
    "closed": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "The task is closed: its clock no longer runs."
    ),
    "unknown_reason": QT_TRANSLATE_NOOP("ClockPauseLabels", "Choose the reason from the list."),
    "before_received": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "A pause cannot start before the task was received (%1)."
    ),
    "future": QT_TRANSLATE_NOOP("ClockPauseLabels", "A pause cannot start in the future."),
    "open_exists": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "The clock is paused already: resume it before pausing it again."
    ),
    "overlap": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "The pause overlaps another pause of this task."
    ),
    "not_paused": QT_TRANSLATE_NOOP("ClockPauseLabels", "The clock is not paused."),
    "end_before_start": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "A pause cannot end before it started (%1)."
    ),
    "future_end": QT_TRANSLATE_NOOP("ClockPauseLabels", "A pause cannot end in the future."),
    "note_too_long": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "The note is too long (at most 200 characters)."
    ),
    "note_control": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "The note holds invisible control characters: remove them."
    ),
    "unreadable": QT_TRANSLATE_NOOP(
        "ClockPauseLabels",
        "The stored pauses of this task cannot be read; an admin must correct them first.",
    ),
    "too_many": QT_TRANSLATE_NOOP("ClockPauseLabels", "This task has too many pauses."),
    "bad_date": QT_TRANSLATE_NOOP("ClockPauseLabels", "Enter a valid date."),
    "not_found": QT_TRANSLATE_NOOP(
        "ClockPauseLabels", "This laptop does not hold that task (any more)."
    ),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate(_C, str(text))


def reason_label(code: str) -> str:
    """The reason's name; a reason stored as free text (older records) as it is."""
    text = _REASONS.get(code)
    return _tr(text) if text else code


def reason_basis(code: str) -> str:
    reason = REASONS_BY_CODE.get(code)
    return reason.basis if reason else ""


def explain_pause(error: DomainError) -> str:
    if isinstance(error, ClockPauseRefused) and error.rule in _RULES:
        day = error.day.isoformat() if error.day else ""
        return _tr(_RULES[error.rule]).replace("%1", day)
    return error.message
