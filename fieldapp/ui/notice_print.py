"""Printing notice pages through the system's print dialog (PySide6 QtPrintSupport)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # The PDF already has its margins: print edge to edge, as the court's layout says.
    printer.setFullPage(True)
    return printer


def ask_and_print(pages: Sequence[QImage], parent: QWidget | None = None) -> bool:
    """Show the print dialog and print `pages`; False if the officer cancelled."""
    printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_pages(printer, pages)
    return True


def print_pages(printer: QPrinter, pages: Sequence[QImage]) -> None:
    if pages and pages[0].width() > pages[0].height():
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        for index, image in enumerate(pages):
            landscape = image.width() > image.height()
            if index:
                printer.setPageOrientation(
                    QPageLayout.Orientation.Landscape
                    if landscape
                    else QPageLayout.Orientation.Portrait
                )
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
    finally:
        painter.end()
