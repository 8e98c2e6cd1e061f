"""The lead's Conflicts section: open sync conflicts, each settled in the conflict dialog."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.conflict_rules import Choice, ConflictRefused
from fieldapp.domain.enums import Role
from fieldapp.services.conflicts import ConflictView, Settled, open_conflicts, resolve_conflict
from fieldapp.ui.conflict_dialog import ConflictDialog, field_label, refusal_text, value_text
from fieldapp.ui.sections import Section, WindowContext

ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
_HEADERS = (
    QT_TRANSLATE_NOOP("ConflictTableModel", "Task"),
    QT_TRANSLATE_NOOP("ConflictTableModel", "Field"),
    QT_TRANSLATE_NOOP("ConflictTableModel", "Sent from the laptop"),
    QT_TRANSLATE_NOOP("ConflictTableModel", "Kept by the central store"),
    QT_TRANSLATE_NOOP("ConflictTableModel", "Raised"),
    QT_TRANSLATE_NOOP("ConflictTableModel", "From"),
)


class ConflictTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConflictView] = []

    def set_conflicts(self, rows: list[ConflictView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict_at(self, row: int) -> ConflictView:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> object:
        if role not in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return row.record_label
        if column == 1:
            return field_label(row.field)
        if column == 2:
            return value_text(row.field, row.device_value, row.device_text)
        if column == 3:
            return value_text(row.field, row.server_value, row.server_text)
        if column == 4:
            raised = QDateTime.fromSecsSinceEpoch(int(row.raised_at.timestamp()))
            return QLocale().toString(raised, QLocale.FormatType.ShortFormat)
        return row.raised_by

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if role != DISPLAY_ROLE or orientation != Qt.Orientation.Horizontal:
            return None
        return QCoreApplication.translate("ConflictTableModel", str(_HEADERS[section]))


class ConflictSection(QWidget):
    """Loads the open conflicts in the background; Enter or double-click opens one."""

    sig_loaded = Signal(int)
    sig_settled = Signal(str)

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._generation = 0
        self.dialog: ConflictDialog | None = None
        self.model = ConflictTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("conflictTable")
        self.table.setAccessibleName(self.tr("Open sync conflicts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.review_selected())
        self.heading = QLabel(self)
        self.heading.setObjectName("conflictHeading")
        self.message = QLabel(self)
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.review_action = QAction(self.tr("&Review…"), self)
        self.review_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.review_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.review_action.triggered.connect(self.review_selected)
        self.table.addAction(self.review_action)
        self.review_button = QPushButton(self.tr("&Review…"), self)
        self.review_button.setObjectName("reviewButton")
        self.review_button.setAccessibleName(self.tr("Review the selected conflict"))
        self.review_button.clicked.connect(self.review_selected)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Two edits of the same field met on the central store; it kept the first. "
                    "Pick the value that stands: the decision is recorded and synced."
                ),
                self,
                wordWrap=True,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        engine = self._context.engine
        self._context.runner.submit(
            lambda: open_conflicts(engine), partial(self._loaded, self._generation)
        )

    def _loaded(self, generation: int, rows: list[ConflictView]) -> None:
        if generation != self._generation:
            return
        self.model.set_conflicts(rows)
        if rows:
            self.heading.setText(self.tr("{count} open conflicts").format(count=len(rows)))
            self.table.selectRow(0)
        else:
            self.heading.setText(self.tr("No open conflicts"))
        self.review_button.setEnabled(bool(rows))
        self.sig_loaded.emit(len(rows))

    def review_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        conflict = self.model.conflict_at(rows[0].row())
        dialog = ConflictDialog(conflict, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_resolve_requested.connect(partial(self._resolve, dialog, conflict.id))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _resolve(
        self, dialog: ConflictDialog, conflict_id: str, choice: str, edited: str, note: str
    ) -> None:
        context = self._context

        def work() -> Settled | ConflictRefused:
            try:
                return resolve_conflict(
                    context.engine,
                    actor=context.actor,
                    role=context.role,
                    conflict_id=conflict_id,
                    choice=Choice(choice),
                    edited=edited,
                    note=note,
                )
            except ConflictRefused as error:
                return error

        def answered(outcome: Settled | ConflictRefused) -> None:
            if isinstance(outcome, ConflictRefused):
                dialog.show_refusal(refusal_text(outcome))
                return
            dialog.accept()
            self.message.setText(self.tr("Decision recorded; it goes out with the next sync."))
            self.sig_settled.emit(conflict_id)
            self.refresh()

        def failed(error: Exception) -> None:
            # Not a rule's refusal (a locked or broken database): say so, keep the dialog open.
            dialog.show_refusal(
                self.tr("The decision was not recorded: {reason}").format(reason=error)
            )

        context.runner.submit(work, answered, failed)


def _title() -> str:
    return QCoreApplication.translate("ConflictSection", "Conflicts")


SECTION = Section(
    "conflicts",
    _title,
    frozenset({Role.LEAD, Role.ADMIN}),
    lambda context, parent: ConflictSection(context, parent),
)
