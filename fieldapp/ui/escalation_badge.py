"""The badge of unacknowledged escalations: their number beside the "Escalations" entry of the
window's navigation, counted at sign-in, after every sync and whenever the section reloads."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from fieldapp.services.escalation_inbox import unacknowledged
from fieldapp.ui.escalation_section import SECTION, load_inbox
from fieldapp.ui.sections import WindowContext


class EscalationBadge(QObject):
    """Keeps the navigation entry's text at "Escalations (n)"; plain when n is 0."""

    def __init__(self, item: QListWidgetItem, context: WindowContext, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("escalationBadge")
        self._item = item
        self._context = context
        self.count = 0

    def refresh(self) -> None:
        context = self._context
        context.runner.submit(
            lambda: unacknowledged(load_inbox(context).rows),
            self.show_count,
            lambda _error: None,  # the section shows load errors; the badge keeps its number
        )

    def show_count(self, count: object) -> None:
        self.count = int(count) if isinstance(count, int) else 0
        title = SECTION.title()
        self._item.setText(f"{title} ({self.count})" if self.count else title)
        tip = self.tr("%1 escalation(s) not acknowledged").replace("%1", str(self.count))
        self._item.setToolTip(tip if self.count else "")
        self._item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {tip}")


def find_badge(widget: QObject) -> EscalationBadge | None:
    """The badge of the window holding ``widget``, if it has one."""
    window = widget.window() if hasattr(widget, "window") else None
    return window.findChild(EscalationBadge, "escalationBadge") if window is not None else None


def install_escalation_badge(
    navigation: QListWidget, context: WindowContext | None
) -> EscalationBadge | None:
    """The hook the main window calls once: a badge when someone is signed in (and syncs) and
    the navigation lists the Escalations section."""
    if context is None or context.sync is None or context.actor.user_id is None:
        return None
    item = next(
        (
            navigation.item(row)
            for row in range(navigation.count())
            if navigation.item(row).data(Qt.ItemDataRole.UserRole) == SECTION.key
        ),
        None,
    )
    if item is None:
        return None
    badge = EscalationBadge(item, context, navigation)
    sig_synced = getattr(context.sync, "sig_synced", None)
    if sig_synced is not None:
        sig_synced.connect(lambda _report: badge.refresh())
    badge.refresh()
    return badge
