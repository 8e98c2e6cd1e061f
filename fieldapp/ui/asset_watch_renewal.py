"""The documents of a renewal just made — the ruling and the notice to assist — page by page,
to print or save as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import DomainError
from fieldapp.services.asset_renewal import Renewal
from fieldapp.services.notices_issue import IssuedNotice
from fieldapp.ui.background import InlineRunner
from fieldapp.ui.notice_pages import PRINT_DPI, PageBitmap, PageView, render_bitmaps, to_images
from fieldapp.ui.notice_print import ask_and_print
from fieldapp.ui.notice_save import save_notice_pdf


class RenewalDocumentsDialog(QDialog):
    """Shows the two issued documents of `renewal`; pages are rendered inline (PDF work stays
    on the GUI thread, see ui/background.py)."""

    sig_pages_shown = Signal()
    sig_failed = Signal(object)  # the message

    def __init__(self, renewal: Renewal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renewalDocumentsDialog")
        self.renewal = renewal
        self._runner = InlineRunner(self)
        plan = renewal.plan
        self.setWindowTitle(self.tr("Renewal drafted"))
        summary = QLabel(
            self.tr("Renewed until %1. Issued: %2 and %3.")
            .replace("%1", plan.expires_on.isoformat())
            .replace("%2", f"{renewal.ruling.title} {renewal.ruling.document_number}")
            .replace("%3", f"{renewal.assistance.title} {renewal.assistance.document_number}")
        )
        summary.setWordWrap(True)
        summary.setObjectName("renewalSummary")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Renewal documents"))
        self.views: list[PageView] = []
        for notice in self.notices:
            view = PageView()
            view.setAccessibleName(notice.title)
            self.views.append(view)
            self.tabs.addTab(view, f"{notice.title} {notice.document_number}")
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.clicked.connect(self.print_current)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 900)
        self._show_pages()

    @property
    def notices(self) -> tuple[IssuedNotice, IssuedNotice]:
        return self.renewal.ruling, self.renewal.assistance

    def current_notice(self) -> IssuedNotice:
        return self.notices[max(self.tabs.currentIndex(), 0)]

    def _show_pages(self) -> None:
        pdfs = [notice.pdf for notice in self.notices]

        def work() -> list[list[PageBitmap]]:
            return [render_bitmaps(pdf) for pdf in pdfs]

        self._runner.submit(work, self._pages_ready, self._failed)

    def _pages_ready(self, documents: list[list[PageBitmap]]) -> None:
        for view, pages in zip(self.views, documents, strict=True):
            view.show_pages(to_images(pages))
        self.sig_pages_shown.emit()

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, DomainError) else repr(error)
        self.error_label.setText(message)
        self.sig_failed.emit(message)

    def print_current(self) -> None:
        pdf = self.current_notice().pdf
        self._runner.submit(
            lambda: render_bitmaps(pdf, PRINT_DPI),
            lambda pages: ask_and_print(to_images(pages), self),
            self._failed,
        )

    def save_current(self, path: Path | None = None) -> Path | None:
        notice = self.current_notice()
        name = f"{notice.title}{notice.document_number}.pdf"
        return save_notice_pdf(self, notice.pdf, name, path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)
