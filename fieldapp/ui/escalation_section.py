"""The "Escalations" section: the signed-in person's escalations (督办) — level, item, reason,
when raised — acknowledged with Ctrl+Enter, and the history of the selected item's levels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import Role
from fieldapp.domain.escalation_plan import EscalationRules
from fieldapp.services.escalation_ack import CannotAcknowledge, acknowledge
from fieldapp.services.escalation_inbox import (
    EscalationView,
    inbox,
    item_history,
    staff_names,
    unacknowledged,
)
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage.types import utcnow
from fieldapp.ui.escalation_model import Column, EscalationModel, level_text, local_time
from fieldapp.ui.sections import Section, WindowContext
from fieldapp.ui.table_fit import fit_columns, stretch_column

# The laptop computes with the default table (documented in escalation_inbox): the server's
# records, configured by the court, replace the provisional ones as they arrive.
RULES = EscalationRules()
CALENDAR = ChinaCalendar()


@dataclass(frozen=True)
class Loaded:
    rows: list[EscalationView]
    names: dict[str, str]


def load_inbox(context: WindowContext) -> Loaded:
    """The signed-in person's escalations (run off the GUI thread)."""
    user = context.actor.user_id
    rows = (
        inbox(context.engine, user, context.today(), rules=RULES, calendar=CALENDAR) if user else []
    )
    return Loaded(rows, staff_names(context.engine))


class EscalationSection(QWidget):
    sig_rows_loaded = Signal()
    sig_count_changed = Signal(object)  # the number not acknowledged
    sig_message = Signal(object)

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationSection")
        self._context = context
        self._generation = 0
        self._names: dict[str, str] = {}
        self.model = EscalationModel(self)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("escalationSummary")
        self.message = QLabel()
        self.message.setObjectName("escalationMessage")
        self.message.setWordWrap(True)
        self.action_acknowledge = QAction(self.tr("&Acknowledge"), self)
        self.action_acknowledge.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.action_acknowledge.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_acknowledge.triggered.connect(self.acknowledge_selected)
        self.addAction(self.action_acknowledge)
        self.acknowledge_button = QPushButton(self.tr("&Acknowledge"))
        self.acknowledge_button.setAccessibleName(self.tr("Acknowledge the selected escalation"))
        self.acknowledge_button.setToolTip(
            self.tr("Record that you have seen the selected escalation") + " (Ctrl+Enter)"
        )
        self.acknowledge_button.clicked.connect(self.action_acknowledge.trigger)
        self._enable_acknowledge(None)  # nothing loaded yet, nothing to acknowledge

        self.table = QTableView()
        self.table.setObjectName("escalationTable")
        self.table.setAccessibleName(self.tr("My escalations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        # The reason takes the room left over; the others fit their contents.
        stretch_column(self.table, Column.REASON.value)
        fit_columns(self.table, skip=Column.REASON.value)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.action_open = QAction(self.tr("&Open task"), self)
        self.action_open.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.action_open.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action_open.triggered.connect(self.open_selected)
        self.table.addAction(self.action_open)

        self.history_title = QLabel(self.tr("History of the selected item"))
        self.history = QListWidget()
        self.history.setObjectName("escalationHistory")
        self.history.setAccessibleName(self.tr("Escalation history of the selected item"))
        self.history_title.setBuddy(self.history)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.acknowledge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        context = self._context
        self._context.runner.submit(
            lambda: load_inbox(context),
            lambda loaded: self._loaded(generation, loaded),
            self._failed,
        )

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return
        selected = self.selected()
        self._names = loaded.names
        self.model.set_rows(loaded.rows)
        fit_columns(self.table, skip=Column.REASON.value)
        waiting = unacknowledged(loaded.rows)
        self.summary.setText(
            self.tr("%1 not acknowledged · %2 in all")
            .replace("%1", str(waiting))
            .replace("%2", str(len(loaded.rows)))
        )
        if not loaded.rows:
            self.summary.setText(self.tr("No escalations are raised to you."))
        row = self.model.row_of(selected.key) if selected is not None else -1
        if row < 0 and loaded.rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.history.clear()
        self._enable_acknowledge(self.selected())
        self.sig_count_changed.emit(waiting)
        from fieldapp.ui.escalation_badge import find_badge  # it imports this module

        badge = find_badge(self)
        if badge is not None:
            badge.show_count(waiting)
        self.sig_rows_loaded.emit()

    def _failed(self, error: Exception) -> None:
        self._say(self.tr("The escalations could not be loaded: %1").replace("%1", str(error)))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.sig_message.emit(text)

    # --- selection and history ---------------------------------------------------------------

    def selected(self) -> EscalationView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable_acknowledge(self, view: EscalationView | None) -> None:
        """Acknowledge applies to a selected record the central store raised, not yet
        acknowledged; the tooltip says why it does not apply otherwise."""
        if view is None:
            why = self.tr("Nothing to acknowledge: no escalation is selected.")
            if self.model.rowCount() == 0:
                why = self.tr("Nothing to acknowledge: no escalation is raised to you.")
        elif view.provisional:
            why = self.tr("Computed on this laptop: it can be acknowledged after the next sync.")
        elif view.acknowledged_at is not None:
            why = self.tr("You have acknowledged this escalation already.")
        else:
            why = ""
        enabled = not why
        self.acknowledge_button.setEnabled(enabled)
        self.action_acknowledge.setEnabled(enabled)
        self.acknowledge_button.setToolTip(
            why or self.tr("Record that you have seen the selected escalation") + " (Ctrl+Enter)"
        )

    def _selected(self, *_args: object) -> None:
        view = self.selected()
        self._enable_acknowledge(view)
        self.history.clear()
        if view is None:
            return
        if view.provisional:
            self.history.addItem(
                self.tr(
                    "Computed on this laptop from its data; the central store raises the "
                    "record at its next pass, and it can be acknowledged then."
                )
            )
        engine = self._context.engine
        # A handful of rows by an indexed column: fast enough for the GUI thread.
        for entry in item_history(engine, view.kind, view.item_id):
            recipient = self._names.get(entry.raised_to or "", "—")
            state = (
                self.tr("acknowledged")
                if entry.acknowledged_at is not None
                else self.tr("not acknowledged")
            )
            self.history.addItem(
                f"{level_text(entry.level)} · {local_time(entry)} · {recipient} · {state}"
            )

    def open_selected(self) -> None:
        """Open the selected escalation's task (asset escalations have none to open)."""
        view = self.selected()
        if view is not None and view.assignment_id:
            self._context.open_assignment(view.assignment_id)

    # --- acknowledging -------------------------------------------------------------------

    def acknowledge_selected(self) -> None:
        view = self.selected()
        if view is None:
            self._say(self.tr("Select an escalation first."))
            return
        if view.provisional or view.record_id is None:
            self._say(
                self.tr(
                    "This escalation was computed on this laptop; it can be acknowledged "
                    "once the central store has raised it (after the next sync)."
                )
            )
            return
        if view.acknowledged_at is not None:
            self._say(self.tr("You have acknowledged this escalation already."))
            return
        record_id, engine, actor = view.record_id, self._context.engine, self._context.actor

        def work() -> int:
            return acknowledge(engine, record_id, actor=actor, now=utcnow())

        self._context.runner.submit(work, self._acknowledged, self._refused)

    def _acknowledged(self, _seq: int) -> None:
        self._say(self.tr("Acknowledged; it reaches the central store at the next sync."))
        self.refresh()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, CannotAcknowledge):
            reasons = {
                "not_found": self.tr("This escalation is no longer on this laptop."),
                "not_recipient": self.tr("Only the person it was raised to may acknowledge it."),
                "already": self.tr("You have acknowledged this escalation already."),
            }
            self._say(reasons.get(error.reason, str(error)))
        else:
            self._say(self.tr("The acknowledgement was not saved: %1").replace("%1", str(error)))
        self.refresh()


def _make(context: WindowContext, parent: QWidget) -> QWidget:
    return EscalationSection(context, parent)


def _title() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("EscalationSection", "Escalations")


SECTION = Section(
    "escalations",
    _title,
    frozenset({Role.OFFICER, Role.LEAD, Role.SUPERVISOR, Role.ADMIN}),
    _make,
)
