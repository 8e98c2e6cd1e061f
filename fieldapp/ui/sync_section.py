"""The Sync section: the last syncs and how they went, and the changes the central store
rejected with its reasons — each can be sent again or given up (after a confirmation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.services.rejected_changes import RejectedChange, list_rejected, retry_rejected
from fieldapp.sync.client import CentralClient, SyncError
from fieldapp.sync.discard import Discarded, discard_rejected
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.ui.sections import EVERYONE, Section, WindowContext
from fieldapp.ui.sync_controller import SyncController, SyncRun
from fieldapp.ui.sync_status import local_time

OP_ROLE = Qt.ItemDataRole.UserRole


class SyncSection(QWidget):
    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sync"))
        self.context = context
        self.sync: SyncController | None = (
            context.sync if isinstance(context.sync, SyncController) else None
        )
        self.rejected: list[RejectedChange] = []
        self.busy = False

        runs_title = QLabel(self.tr("<b>Recent syncs</b>"), self)
        self.runs = QTableWidget(0, 3, self)
        self.runs.setObjectName("syncRuns")
        self.runs.setAccessibleName(self.tr("Recent syncs"))
        self.runs.setHorizontalHeaderLabels(
            [self.tr("Finished"), self.tr("Result"), self.tr("Details")]
        )
        self._table_look(self.runs)
        self.sync_button = QPushButton(self.tr("&Sync now"), self)
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setEnabled(self.sync is not None)
        if self.sync is not None:
            self.sync_button.clicked.connect(self.sync.sync_now)
            self.sync.sig_runs_changed.connect(self._show_runs)
            self.sync.sig_synced.connect(lambda _report: self.refresh())

        rejected_title = QLabel(self.tr("<b>Rejected changes</b>"), self)
        explain = QLabel(
            self.tr(
                "The central store did not take these changes. Send one again once the "
                "reason is dealt with, or give it up: the record then goes back to the "
                "central store's version."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("rejectedChanges")
        self.table.setAccessibleName(self.tr("Rejected changes"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Change"), self.tr("Reason"), self.tr("Made at")]
        )
        self._table_look(self.table)
        # The reason is what the user reads: it gets the room, not the time column.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.none_label = QLabel(self.tr("No rejected changes."), self)
        self.none_label.setObjectName("noRejectedChanges")
        self.none_label.hide()
        self.retry_button = QPushButton(self.tr("Send &again"), self)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setAccessibleName(self.tr("Send the selected change again"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("&Give up…"), self)
        self.discard_button.setObjectName("discardButton")
        self.discard_button.setAccessibleName(self.tr("Give up the selected change"))
        self.discard_button.clicked.connect(self.ask_discard)
        self.message = QLabel(self)
        self.message.setObjectName("syncSectionMessage")
        self.message.setAccessibleName(self.tr("Sync section message"))
        self.message.setWordWrap(True)
        # Keyboard: Ctrl+R sends again, Delete gives up, while the list has the focus.
        self.action_retry = QAction(self.tr("Send again"), self.table)
        self.action_retry.setShortcut(QKeySequence("Ctrl+R"))
        self.action_retry.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_retry.triggered.connect(self.retry_selected)
        self.action_discard = QAction(self.tr("Give up"), self.table)
        self.action_discard.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.action_discard.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_discard.triggered.connect(self.ask_discard)
        self.table.addActions([self.action_retry, self.action_discard])

        top = QHBoxLayout()
        top.addWidget(runs_title)
        top.addStretch(1)
        top.addWidget(self.sync_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.runs, 1)
        layout.addWidget(rejected_title)
        layout.addWidget(explain)
        layout.addWidget(self.none_label)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        self._selection_changed()
        self._show_runs()
        self.refresh()

    def entity_name(self, entity: str) -> str:
        names = {
            "assignment": self.tr("Field task"),
            "case": self.tr("Case"),
            "party": self.tr("Party"),
            "visit_attempt": self.tr("Visit"),
            "evidence_item": self.tr("Evidence"),
            "asset_control": self.tr("Asset control"),
            "notice": self.tr("Notice"),
            "service_record": self.tr("Service of documents"),
            "conflict": self.tr("Sync conflict"),
            "escalation": self.tr("Escalation"),
        }
        return names.get(entity, entity)

    def _table_look(self, table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # Reading

    def refresh(self) -> None:
        engine = self.context.engine
        self.context.runner.submit(lambda: list_rejected(engine), self._show_rejected)

    def _show_rejected(self, changes: list[RejectedChange]) -> None:
        selected = self.selected()
        self.rejected = changes
        self.none_label.setVisible(not changes)
        self.table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            record = f"{self.entity_name(change.entity)} {change.label}"
            if change.kind == "insert":
                what = self.tr("new record")
            elif change.kind == "delete":
                what = self.tr("deleted")
            else:
                what = self.tr("changed: {fields}").format(fields=", ".join(change.fields))
            made = local_time(change.made_at)
            for column, text in enumerate((record, what, change.reason, made)):
                item = QTableWidgetItem(text)
                item.setData(OP_ROLE, change.op_id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if selected is not None:
            for row, change in enumerate(changes):
                if change.op_id == selected.op_id:
                    self.table.selectRow(row)
        self._selection_changed()

    def _show_runs(self) -> None:
        runs: list[SyncRun] = self.sync.runs if self.sync is not None else []
        self.runs.setRowCount(len(runs))
        for row, run in enumerate(runs):
            when = local_time(run.finished_at)
            if run.report is not None:
                result = self.tr("Done")
                r = run.report
                details = self.tr(
                    "sent {pushed} (rejected {rejected}, conflicts {conflicts}), received "
                    "{pulled}, files sent {up}, files received {down}"
                ).format(
                    pushed=r.pushed,
                    rejected=r.rejected,
                    conflicts=r.conflicts,
                    pulled=r.pulled,
                    up=r.files_up,
                    down=r.files_down,
                )
            else:
                result = self.tr("Failed")
                if run.kind == "unreachable":
                    details = self.tr("The central store cannot be reached. ({error})")
                elif run.kind == "signed_out":
                    details = self.tr("The central store refused the sign-in: sign in again.")
                else:
                    details = self.tr("The central store refused: {error}")
                details = details.format(error=run.error)
            for column, text in enumerate((when, result, details)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.runs.setItem(row, column, item)

    def selected(self) -> RejectedChange | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.rejected[row] if 0 <= row < len(self.rejected) else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None and not self.busy
        self.retry_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    # Acting

    def retry_selected(self) -> None:
        change = self.selected()
        if change is None or self.busy:
            return
        self._start(self.tr("Queueing the change again…"))
        engine = self.context.engine
        self.context.runner.submit(
            lambda: retry_rejected(engine, change.op_id), self._retried, self._refused
        )

    def _retried(self, _seq: int) -> None:
        self._end(self.tr("The change is queued again; it goes out with the next sync."))
        if self.sync is not None:
            self.sync.sync_now()
            self.sync.refresh_counts()

    def ask_discard(self) -> None:
        change = self.selected()
        if change is None or self.busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Give up the change"),
            self.tr(
                "Give up this change of {record}? It is not sent, and the record goes back "
                "to the central store's version. This cannot be undone."
            ).format(record=f"{self.entity_name(change.entity)} {change.label}"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discardConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda result: (
                self.discard(change) if result == QMessageBox.StandardButton.Discard else None
            )
        )
        box.open()

    def discard(self, change: RejectedChange) -> None:
        if self.busy:
            return
        self._start(self.tr("Fetching the central store's version…"))
        engine = self.context.engine

        def work() -> Discarded:
            enrolment = load_enrolment(engine)
            if enrolment is None or not enrolment.token:
                raise SyncError("sign in online first")
            with CentralClient(enrolment.server_url, enrolment.token, timeout=30) as client:
                return discard_rejected(engine, client, change.op_id)

        self.context.runner.submit(work, self._discarded, self._refused)

    def _discarded(self, done: Discarded) -> None:
        if done.restored:
            self._end(self.tr("Given up: the record is as the central store has it."))
        else:
            self._end(self.tr("Given up: the central store does not have this record; removed."))
        if self.sync is not None:
            self.sync.sig_synced.emit(None)  # the record changed: the window reads it again
            self.sync.refresh_counts()

    def _refused(self, error: Exception) -> None:
        text = error.message if isinstance(error, SyncError) else str(error)
        self._end(self.tr("Not done: {reason}").format(reason=text), error=True)

    def _start(self, text: str) -> None:
        self.busy = True
        self.message.setStyleSheet("")
        self.message.setText(text)
        self._selection_changed()

    def _end(self, text: str, *, error: bool = False) -> None:
        self.busy = False
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)
        self.refresh()


def _make(context: WindowContext, parent: QWidget) -> QWidget:
    return SyncSection(context, parent)


def _title() -> str:
    return QCoreApplication.translate("SyncSection", "Sync")


SECTION = Section(key="sync", title=_title, roles=EVERYONE, make=_make)
