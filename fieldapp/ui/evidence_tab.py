"""The Evidence tab: the task's items with thumbnails and custody, files added by dialog or by
dropping them on the tab, notes, and corrections (evidence is never edited: a correction is a
new item that names the one it corrects). Capturing runs in the background, a file at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.enums import EvidenceKind
from fieldapp.services.actor import Actor
from fieldapp.services.evidence_capture import (
    CapturedItem,
    CaptureRefused,
    CustodyState,
    ItemCustody,
    capture_file,
    capture_note,
)
from fieldapp.services.evidence_thumbnails import THUMBNAIL_PX, EvidenceView, load_evidence
from fieldapp.ui.assignment_page_labels import label, local_time
from fieldapp.ui.assignment_page_lists import fit_columns
from fieldapp.ui.assignment_page_widgets import ERROR_STYLE
from fieldapp.ui.background import BackgroundRunner, report_unexpected
from fieldapp.ui.record_rights_labels import show_refusal

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class EvidenceTab(QWidget):
    sig_loaded = Signal()
    sig_captured = Signal(object)  # CapturedItem
    sig_capture_failed = Signal(str)  # the message shown
    sig_idle = Signal()  # every capture asked for has answered

    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        blobs_dir: Path,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceTab")
        self.setAcceptDrops(True)
        self._engine, self._actor, self._blobs, self._runner = engine, actor, blobs_dir, runner
        self._assignment_id: str | None = None
        self._generation = 0
        self._capturing = 0
        self._problems: list[str] = []
        self.list = QTreeWidget(self)
        self.list.setObjectName("evidenceList")
        self.list.setAccessibleName(self.tr("Evidence items"))
        self.list.setHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Kind"),
                self.tr("Captured"),
                self.tr("Description"),
                self.tr("Custody"),
            ]
        )
        self.list.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnWidth(0, THUMBNAIL_PX + 180)
        self.add_files = QPushButton(self.tr("Add &files…"), self)
        self.add_files.setObjectName("addFiles")
        self._refusal = ""
        self.add_note = QPushButton(self.tr("Add &note…"), self)
        self.add_note.setObjectName("addNote")
        self.correct = QPushButton(self.tr("&Correct…"), self)
        self.correct.setObjectName("correctEvidence")
        self.status = QLabel(self.tr("Drop files here to add them as evidence."), self)
        self.status.setObjectName("evidenceStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Evidence status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.add_note)
        buttons.addWidget(self.correct)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.add_files.clicked.connect(self.choose_files)
        self.add_note.clicked.connect(self.ask_note)
        self.correct.clicked.connect(self.ask_correction)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self._enable()

    # --- loading ----------------------------------------------------------------------------

    def show_assignment(self, assignment_id: str) -> None:
        self._assignment_id = assignment_id
        self.refresh()

    def refresh(self) -> None:
        if self._assignment_id is None:
            return
        self._generation += 1
        generation, engine, blobs, assignment_id = (
            self._generation,
            self._engine,
            self._blobs,
            self._assignment_id,
        )
        self._runner.submit(
            lambda: load_evidence(engine, blobs, assignment_id),
            lambda view: self._loaded(generation, view),
        )

    def _loaded(self, generation: int, view: EvidenceView) -> None:
        if generation != self._generation:
            return
        corrected: dict[str, list[str]] = {}
        for custody in view.items:
            if custody.item.corrects_id:
                corrected.setdefault(custody.item.corrects_id, []).append(custody.item.id)
        names = {c.item.id: c.item.original_name or label(c.item.kind) for c in view.items}
        self.list.clear()
        for custody in view.items:
            self.list.addTopLevelItem(self._row(custody, view.thumbnails, corrected, names))
        fit_columns(self.list)
        self._enable()
        self.sig_loaded.emit()

    def _row(
        self,
        custody: ItemCustody,
        pictures: dict[str, bytes],
        corrected: dict[str, list[str]],
        names: dict[str, str],
    ) -> QTreeWidgetItem:
        item = custody.item
        title = item.original_name or label(item.kind)
        if item.size is not None:
            title += f"\n{_size(item.size)}"
        description = item.description
        if item.corrects_id:
            what = names.get(item.corrects_id, item.corrects_id[:8])
            description = self.tr("Corrects %1").replace("%1", what) + "\n" + description
        if item.id in corrected:
            description = self.tr("Corrected by a later item") + "\n" + description
        row = QTreeWidgetItem(
            [
                title,
                label(item.kind),
                local_time(item.captured_at),
                description.strip(),
                self._custody_text(custody),
            ]
        )
        row.setData(0, ID_ROLE, item.id)
        row.setData(0, KIND_ROLE, item.kind.value)
        row.setToolTip(0, item.sha256 or "")
        picture = pictures.get(item.sha256 or "")
        if picture:
            pixmap = QPixmap()
            if pixmap.loadFromData(picture, "PNG"):
                row.setIcon(0, QIcon(pixmap))
        return row

    def _custody_text(self, custody: ItemCustody) -> str:
        if custody.state is CustodyState.LAPTOP_ONLY:
            return self.tr("on this laptop only")
        if custody.state is CustodyState.FILE_MISSING:
            return self.tr("file not yet on the server")
        when = local_time(custody.received_at) if custody.received_at else ""
        return self.tr("received by the court %1").replace("%1", when).strip()

    def refuse(self, refusal: str) -> None:
        """Why the signed-in role may not add evidence ("" when it may): buttons and drops off."""
        self._refusal = refusal
        self.setAcceptDrops(not refusal)
        if self._capturing == 0:
            self.status.setStyleSheet("")
            self.status.setText(refusal or self.tr("Drop files here to add them as evidence."))
        self._enable()

    @property
    def refusal(self) -> str:
        return self._refusal

    def _enable(self) -> None:
        show_refusal(
            self.add_files,
            self._refusal,
            enabled=True,
            tip=self.tr("Add photos, videos, audio or scans (Ctrl+Shift+O)"),
        )
        show_refusal(self.add_note, self._refusal, enabled=True)
        show_refusal(
            self.correct,
            self._refusal,
            enabled=self.list.currentItem() is not None,
            tip=self.tr("Evidence is never edited: a correction is a new item naming this one"),
        )

    # --- capturing --------------------------------------------------------------------------

    def choose_files(self) -> None:
        if self._refusal:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add evidence files"),
            "",
            self.tr("Evidence (*.jpg *.jpeg *.png *.heic *.mp4 *.mov *.m4a *.mp3 *.wav *.pdf);;"
                    "All files (*)"),
        )  # fmt: skip
        self.add_paths([Path(name) for name in names])

    def add_paths(self, paths: Sequence[Path], *, corrects_id: str | None = None,
                  description: str = "") -> None:  # fmt: skip
        """Capture each file in the background; each answers on its own."""
        if self._assignment_id is None or self._refusal:
            return
        engine, actor, blobs, assignment_id = (
            self._engine,
            self._actor,
            self._blobs,
            self._assignment_id,
        )
        for path in paths:

            def work(source: Path = path) -> CapturedItem:
                return capture_file(
                    engine,
                    assignment_id=assignment_id,
                    source=source,
                    actor=actor,
                    blobs_dir=blobs,
                    description=description,
                    corrects_id=corrects_id,
                )

            self._start(work, path.name)

    def add_note_text(self, text: str, *, corrects_id: str | None = None) -> None:
        if self._assignment_id is None or self._refusal:
            return
        engine, actor, assignment_id = self._engine, self._actor, self._assignment_id
        self._start(
            lambda: capture_note(
                engine, assignment_id=assignment_id, text=text, actor=actor, corrects_id=corrects_id
            ),
            self.tr("note"),
        )

    def _start(self, work: Callable[[], CapturedItem], name: str) -> None:
        if self._capturing == 0:
            self._problems = []
        self._capturing += 1
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Adding %1…").replace("%1", name))
        self._runner.submit(work, self._captured, lambda error: self._failed(name, error))

    def _captured(self, item: CapturedItem) -> None:
        self.sig_captured.emit(item)
        self._answered()

    def _failed(self, name: str, error: Exception) -> None:
        if not isinstance(error, CaptureRefused):
            report_unexpected(error)
        message = self.tr("Not added: %1 — %2").replace("%1", name).replace("%2", str(error))
        self._problems.append(message)
        self.sig_capture_failed.emit(message)
        self._answered()

    def _answered(self) -> None:
        self._capturing -= 1
        if self._capturing > 0:
            return
        if self._problems:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("\n".join(self._problems))
        else:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Added. Drop more files here to add them."))
        self.refresh()
        self.sig_idle.emit()

    def ask_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Evidence note"), self.tr("What was observed:")
        )
        if ok and text.strip():
            self.add_note_text(text)

    def ask_correction(self) -> None:
        current = self.list.currentItem()
        if current is None:
            return
        old_id = str(current.data(0, ID_ROLE))
        kind = EvidenceKind(str(current.data(0, KIND_ROLE)))
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Correct evidence"),
            self.tr("What is corrected, and why (the original stays as it is):"),
        )
        if not ok or not text.strip():
            return
        if kind is not EvidenceKind.NOTE:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("The corrected file (cancel for a note only)")
            )
            if name:
                self.add_paths([Path(name)], corrects_id=old_id, description=text)
                return
        self.add_note_text(text, corrects_id=old_id)

    # --- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._refusal:
            event.ignore()
        elif event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    @property
    def busy(self) -> bool:
        return self._capturing > 0


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
