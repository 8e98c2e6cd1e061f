"""Escalations in words: the level in one form everywhere (二级督办 / Level 2), the reason for
the interface's language, and when an escalation was raised (or reached, when computed)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.escalation import Recipient
from fieldapp.services.escalation_inbox import EscalationView
from fieldapp.services.escalation_reasons import AssetReason, ReasonFacts, TaskReason
from fieldapp.ui.assignment_page_labels import label
from fieldapp.ui.labels import matter_label

_CONTEXT = "EscalationLabels"
# One string per level, so that Chinese reads 一级督办 … 四级督办 as the stored reasons do.
_LEVELS: dict[int, str] = {
    1: str(QT_TRANSLATE_NOOP("EscalationLabels", "Level 1")),
    2: str(QT_TRANSLATE_NOOP("EscalationLabels", "Level 2")),
    3: str(QT_TRANSLATE_NOOP("EscalationLabels", "Level 3")),
    4: str(QT_TRANSLATE_NOOP("EscalationLabels", "Level 4")),
}
_LEVEL_N = str(QT_TRANSLATE_NOOP("EscalationLabels", "Level %1"))
_RECIPIENTS: dict[Recipient, str] = {
    Recipient.OFFICER: str(QT_TRANSLATE_NOOP("EscalationLabels", "the officer in charge")),
    Recipient.LEAD: str(QT_TRANSLATE_NOOP("EscalationLabels", "the squad lead")),
    Recipient.CENTRE_HEAD: str(
        QT_TRANSLATE_NOOP("EscalationLabels", "the head of the field affairs centre")
    ),
    Recipient.BUREAU_CHIEF: str(
        QT_TRANSLATE_NOOP("EscalationLabels", "the chief of the enforcement bureau")
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def level_text(level: int) -> str:
    """二级督办 / Level 2 — the one form of a level in every table, list and summary."""
    marked = _LEVELS.get(level)
    return _tr(marked) if marked else _tr(_LEVEL_N).replace("%1", str(level))


def interface_is_chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def reason_text(view: EscalationView) -> str:
    """The stored (Chinese) reason in a Chinese window; elsewhere the reason worded from the
    escalation's facts, or the stored one when the laptop does not hold the item."""
    if interface_is_chinese() or view.facts is None:
        return view.reason
    return worded_reason(view.facts)


def worded_reason(facts: ReasonFacts) -> str:
    if facts.task is not None:
        text = _task_reason(facts.task, facts.days_past)
    elif facts.asset is not None:
        text = _asset_reason(facts.asset, facts.days_past)
    else:
        text = ""
    text = f"{level_text(facts.level)}: {text}"
    if facts.recipient is not None:
        to = _tr(_RECIPIENTS[facts.recipient])
        raised = QCoreApplication.translate("EscalationLabels", "Raised to %1.")
        text = f"{text} {raised.replace('%1', to)}"
    return text


def _task_reason(task: TaskReason, days_past: int | None) -> str:
    if task.due_on is None or days_past is None:
        return (
            QCoreApplication.translate(
                "EscalationLabels", "field task %1 (%2): its deadline clock is paused."
            )
            .replace("%1", task.registration_no)
            .replace("%2", matter_label(task.matter))
        )
    if days_past > 0:
        state = QCoreApplication.translate("EscalationLabels", "%1 day(s) overdue").replace(
            "%1", str(days_past)
        )
    elif days_past == 0:
        state = QCoreApplication.translate("EscalationLabels", "due today")
    else:
        state = QCoreApplication.translate("EscalationLabels", "due in %1 day(s)").replace(
            "%1", str(-days_past)
        )
    return (
        QCoreApplication.translate("EscalationLabels", "field task %1 (%2) was due on %3 — %4.")
        .replace("%1", task.registration_no)
        .replace("%2", matter_label(task.matter))
        .replace("%3", task.due_on.isoformat())
        .replace("%4", state)
    )


def _asset_reason(asset: AssetReason, days_past: int | None) -> str:
    what = f"{label(asset.measure)} · {label(asset.asset_kind)}"
    if asset.ruling_no:
        what = f"{what} ({asset.ruling_no})"
    if asset.expires_on is None or days_past is None:
        return QCoreApplication.translate("EscalationLabels", "%1 has no expiry date.").replace(
            "%1", what
        )
    if days_past > 0:
        state = QCoreApplication.translate(
            "EscalationLabels", "expired %1 day(s) ago, at risk of losing control"
        ).replace("%1", str(days_past))
    elif days_past == 0:
        state = QCoreApplication.translate("EscalationLabels", "expires today")
    else:
        state = QCoreApplication.translate("EscalationLabels", "%1 day(s) left").replace(
            "%1", str(-days_past)
        )
    return (
        QCoreApplication.translate("EscalationLabels", "%1 expires on %2 — %3; renew it in time.")
        .replace("%1", what)
        .replace("%2", asset.expires_on.isoformat())
        .replace("%3", state)
    )


def raised_text(view: EscalationView) -> str:
    """When the central store raised it; for one computed on this laptop, the day its level
    was reached, marked as computed."""
    if view.raised_at is not None:
        return view.raised_at.astimezone(COURT_TZ).strftime("%Y-%m-%d %H:%M")
    if view.facts is not None and view.facts.reached_on is not None:
        return QCoreApplication.translate("EscalationLabels", "%1 (computed)").replace(
            "%1", view.facts.reached_on.isoformat()
        )
    return "—"
