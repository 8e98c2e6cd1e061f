"""The dialog that issues one notice: the officer edits the free text, sees the pages, issues,
prints and saves the PDF. Rendering and writing happen off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.errors import DomainError
from fieldapp.notices.templates import FieldKind, FieldSpec
from fieldapp.services.actor import Actor
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_issue import IssuedNotice, NoticeDraft, issue, preview
from fieldapp.storage.types import utcnow
from fieldapp.ui.background import InlineRunner
from fieldapp.ui.notice_pages import PRINT_DPI, PageBitmap, PageView, render_bitmaps, to_images
from fieldapp.ui.notice_print import ask_and_print
from fieldapp.ui.notice_save import save_notice_pdf
from fieldapp.ui.service_dialog import ServiceDialog

WARNING_STYLE = "color: #c62828;"


class NoticeDialog(QDialog):
    """Preview, issue, print and save one notice made from `draft`."""

    # No int or bool arguments: PySide6 6.12 drops a reference to such arguments on their
    # way to a Python slot, which crashes the interpreter later (see ui/background.py).
    sig_preview_ready = Signal()  # pages shown: self.pages.page_count
    sig_issued = Signal(object)  # the IssuedNotice
    sig_failed = Signal(object)  # the message

    def __init__(
        self,
        engine: Engine,
        draft: NoticeDraft,
        actor: Actor,
        *,
        blobs_dir: Path | None = None,
        now: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self._engine, self._draft, self._actor = engine, draft, actor
        self._blobs_dir, self._now = blobs_dir, now
        self._runner = InlineRunner(self)  # see InlineRunner: PDF work stays on this thread
        self._editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._generation = 0  # only the newest preview is shown
        self.issued: IssuedNotice | None = None
        self.setWindowTitle(self.tr("Notice: %1").replace("%1", draft.template.title))
        self._build()
        self.refresh_preview()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        form_side = QWidget()
        form = QFormLayout(form_side)
        for spec in self._draft.template.fields:
            if spec.editable:
                form.addRow(self._label(spec), self._editor(spec))
        self.number_label = QLabel()
        self.missing_label = QLabel()
        self.missing_label.setStyleSheet(WARNING_STYLE)
        self.missing_label.setWordWrap(True)
        self.glyph_label = QLabel()
        self.glyph_label.setStyleSheet(WARNING_STYLE)
        self.glyph_label.setWordWrap(True)
        for label in (self.number_label, self.missing_label, self.glyph_label):
            form.addRow(label)
        self.pages = PageView()
        splitter = QSplitter()
        splitter.addWidget(form_side)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 720])  # the fields readable beside the page

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.issue_button = QPushButton(self.tr("&Issue"))
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.serve_button = QPushButton(self.tr("Record ser&vice…"))
        self.serve_button.setEnabled(False)
        self.serve_button.clicked.connect(self.record_service)
        # Issue waits for a preview that finds nothing missing.
        self.issue_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.issue_button.clicked.connect(self.issue_notice)
        self.print_button.clicked.connect(self.print_notice)
        self.save_button.clicked.connect(self.save_notice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.preview_button, self.issue_button, self.print_button):
            row.addWidget(button)
        row.addWidget(self.save_button)
        row.addWidget(self.serve_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.resize(1100, 800)

    def _label(self, spec: FieldSpec) -> QLabel:
        # Field labels are the template's: Chinese court wording, not interface text.
        label = QLabel(spec.label + (" *" if spec.required else ""))
        label.setToolTip(spec.hint)
        return label

    def _editor(self, spec: FieldSpec) -> QWidget:
        value = self._draft.values.get(spec.name)
        editor: QLineEdit | QPlainTextEdit
        if spec.kind is FieldKind.TEXT:
            editor = QLineEdit(str(value or ""))
        else:
            text = "\n".join(value) if isinstance(value, list) else str(value or "")
            editor = QPlainTextEdit(text)
            editor.setMinimumHeight(70)
            if spec.kind is FieldKind.LIST:
                editor.setToolTip(self.tr("One entry per line"))
        editor.setObjectName(f"field_{spec.name}")
        self._editors[spec.name] = editor
        return editor

    # --- the officer's edits ---------------------------------------------------------------

    def edited_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, editor in self._editors.items():
            if isinstance(editor, QLineEdit):
                values[name] = editor.text()
            elif self._draft.template.field(name).kind is FieldKind.LIST:
                values[name] = editor.toPlainText().splitlines()
            else:
                values[name] = editor.toPlainText()
        return values

    def current_draft(self) -> NoticeDraft:
        return self._draft.with_values(self.edited_values())

    # --- preview -----------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        if self.issued is not None:
            return
        draft = self.current_draft()
        self._generation += 1
        generation = self._generation
        engine, now = self._engine, self._now()

        def work() -> tuple[list[PageBitmap], str | None, list[str], list[str], list[str]]:
            rendered, number = preview(engine, draft, now=now)
            # Labels only: the template's field names (ruling_no) mean nothing to an officer.
            missing = [field.label for field in draft.missing]
            editable = {spec.name for spec in draft.template.fields if spec.editable}
            from_records = [field.label for field in draft.missing if field.name not in editable]
            glyphs = [str(glyph) for glyph in rendered.missing_glyphs]
            return render_bitmaps(rendered.pdf), number, missing, from_records, glyphs

        self.preview_button.setEnabled(False)
        self._runner.submit(
            work,
            lambda result: self._show_preview(generation, *result),
            self._show_failure,
        )

    def _show_preview(
        self,
        generation: int,
        pages: list[PageBitmap],
        number: str | None,
        missing: list[str],
        from_records: list[str],
        glyphs: list[str],
    ) -> None:
        self.preview_button.setEnabled(True)
        if generation != self._generation:
            return
        self.pages.show_pages(to_images(pages))
        if number is None:
            self.number_label.setText(
                self.tr("No document number left for this case: sync to lease more.")
            )
            self.number_label.setStyleSheet(WARNING_STYLE)
        else:
            self.number_label.setText(self.tr("Will be issued as %1").replace("%1", number))
            self.number_label.setStyleSheet("")
        text = self.tr("Required fields empty: %1").replace("%1", "、".join(missing))
        if from_records:
            # Not fields of this dialog: the officer would look for them here in vain.
            text += "\n" + self.tr(
                "Not entered here: %1 come from the task's records (asset control, visits). "
                "Record them on the task first."
            ).replace("%1", "、".join(from_records))
        self.missing_label.setText(text if missing else "")
        self.glyph_label.setText(
            self.tr("The notice font cannot print: %1 (shown as 〓)").replace(
                "%1", "; ".join(glyphs)
            )
            if glyphs
            else ""
        )
        self.issue_button.setEnabled(number is not None and not missing and not glyphs)
        self.sig_preview_ready.emit()

    # --- issue, print, save ------------------------------------------------------------------

    def issue_notice(self) -> None:
        draft = self.current_draft()
        engine, actor, blobs, now = self._engine, self._actor, self._blobs_dir, self._now()

        def work() -> tuple[IssuedNotice, list[PageBitmap]]:
            notice = issue(
                engine, draft, actor=actor, now=now, changes=OutboxSink(), blobs_dir=blobs
            )
            return notice, render_bitmaps(notice.pdf)

        self.issue_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self._runner.submit(work, lambda result: self._show_issued(*result), self._show_failure)

    def _show_issued(self, notice: IssuedNotice, pages: list[PageBitmap]) -> None:
        self.issued = notice
        self.pages.show_pages(to_images(pages))
        self.number_label.setText(self.tr("Issued as %1").replace("%1", notice.document_number))
        for editor in self._editors.values():
            editor.setReadOnly(True)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.serve_button.setEnabled(True)
        self.sig_issued.emit(notice)

    def _show_failure(self, error: Exception) -> None:
        self.preview_button.setEnabled(self.issued is None)
        message = error.message if isinstance(error, DomainError) else repr(error)
        self.missing_label.setText(message)
        self.sig_failed.emit(message)

    def print_notice(self) -> None:
        if self.issued is None:
            return
        pdf = self.issued.pdf
        self._runner.submit(
            lambda: render_bitmaps(pdf, PRINT_DPI),
            lambda pages: ask_and_print(to_images(pages), self),
            self._show_failure,
        )

    def record_service(self) -> ServiceDialog | None:
        """Open the service record of the issued notice (送达回证's facts)."""
        if self.issued is None:
            return None
        dialog = ServiceDialog(
            self._engine, self.issued.id, self.issued.document_number, self._actor, parent=self
        )
        dialog.open()
        return dialog

    def save_notice(self, path: Path | None = None) -> Path | None:
        """Write the issued PDF to `path`, or where the officer chooses."""
        if self.issued is None:
            return None
        name = f"{self.issued.title}{self.issued.document_number}.pdf"
        return save_notice_pdf(self, self.issued.pdf, name, path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)
