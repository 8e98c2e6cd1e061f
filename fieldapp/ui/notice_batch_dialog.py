"""Issuing one template for many tasks (e.g. 50 查封公告) with a progress bar; all or none."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.errors import DomainError
from fieldapp.services.actor import Actor
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_batch import BatchRefused, issue_batch
from fieldapp.services.notices_issue import IssuedNotice
from fieldapp.storage.types import utcnow
from fieldapp.ui.background import InlineRunner


class _ProgressRelay(QObject):
    # Emitted on the worker thread; Qt queues it to the dialog on the GUI thread. One tuple
    # rather than two ints: PySide6 6.12 drops a reference to int and bool arguments.
    sig_progress = Signal(object)

    def report(self, done: int, total: int) -> None:
        self.sig_progress.emit((done, total))


class BatchIssueDialog(QDialog):
    sig_finished = Signal(object)  # list of IssuedNotice, or None when nothing was issued

    def __init__(
        self,
        engine: Engine,
        template_code: str,
        assignment_ids: Sequence[str],
        actor: Actor,
        *,
        blobs_dir: Path | None = None,
        now: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchIssueDialog")
        self.setWindowTitle(self.tr("Issue notices in batch"))
        self._engine, self._template, self._ids = engine, template_code, list(assignment_ids)
        self._actor, self._blobs_dir, self._now = actor, blobs_dir, now
        self._runner = InlineRunner(self)  # see InlineRunner: PDF work stays on this thread
        self._cancel = threading.Event()
        self._relay = _ProgressRelay(self)
        self._relay.sig_progress.connect(self._show_progress)
        self.issued: list[IssuedNotice] = []

        self.status = QLabel(self.tr("%n notice(s) to issue", "", len(self._ids)))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self._ids)))
        self.progress.setValue(0)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.hide()
        self.start_button = QPushButton(self.tr("&Issue all"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QDialogButtonBox()
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        # The problems list takes any room there is; while it is hidden the stretch does, so
        # the status stays at the top (not centred in an empty band) and the buttons below.
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self._cancel.clear()
        relay, cancel = self._relay, self._cancel
        engine, code, ids = self._engine, self._template, self._ids
        actor, blobs, now = self._actor, self._blobs_dir, self._now()

        def work() -> list[IssuedNotice]:
            return issue_batch(
                engine,
                code,
                ids,
                actor=actor,
                now=now,
                changes=OutboxSink(),
                blobs_dir=blobs,
                progress=relay.report,
                cancelled=cancel.is_set,
            )

        self._runner.submit(work, self._finished, self._failed)

    def _show_progress(self, progress: tuple[int, int]) -> None:
        done, total = progress
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Issued %1 of %2").replace("%1", str(done)).replace("%2", str(total))
        )
        # The batch runs on this thread (see InlineRunner): let the bar and the window paint.
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _finished(self, issued: list[IssuedNotice]) -> None:
        self.issued = issued
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("%n notice(s) issued", "", len(issued)))
        self.cancel_button.setText(self.tr("&Close"))
        self.sig_finished.emit(issued)

    def _failed(self, error: Exception) -> None:
        self.start_button.setEnabled(True)
        self.progress.setValue(0)
        if isinstance(error, BatchRefused):
            self.status.setText(self.tr("Nothing was issued. Fix these tasks and try again:"))
            self.problems.setPlainText("\n".join(str(p) for p in error.problems))
            self.problems.show()
        else:
            message = error.message if isinstance(error, DomainError) else repr(error)
            self.status.setText(self.tr("Nothing was issued: %1").replace("%1", message))
        self.sig_finished.emit(None)

    def _cancel_or_close(self) -> None:
        if self._runner.pending:
            # The batch is one transaction: cancelling rolls back every notice of it.
            self._cancel.set()
            return
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cancel.set()
        self._runner.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._cancel.set()
        self._runner.shutdown()
        super().done(result)
