"""Saving an issued notice's PDF where the officer chooses (shared by the notice dialog and
the renewal documents)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoticeDialog", text)


def save_notice_pdf(
    parent: QWidget, pdf: bytes, suggested_name: str, path: Path | None = None
) -> Path | None:
    """Write ``pdf`` to ``path``, or where the officer chooses; None if cancelled or refused
    (the reason shown)."""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, _tr("Save notice as PDF"), suggested_name, _tr("PDF files (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        path.write_bytes(pdf)
    except OSError as error:
        QMessageBox.warning(parent, _tr("Save as PDF"), str(error))
        return None
    return path
