"""Notice PDF pages as images: rendered with pypdfium2 (no Qt PDF module needed), made into
QImages off the GUI thread, and shown in a scrolling column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 96
PRINT_DPI = 300


def render_pages(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of `pdf` as an RGB QImage. Safe on a worker thread: QImage is no QObject."""
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            try:
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                data = bytes(bitmap.buffer)
            finally:
                bitmap.close()
                page.close()
            # The QImage owns its pixels from the start: one made over a Python buffer
            # releases that buffer from Qt's side later, on whichever thread drops it.
            image = QImage(width, height, QImage.Format.Format_RGB888)
            line = image.bytesPerLine()
            bits = cast(memoryview, image.bits())
            if line == stride:
                bits[: stride * height] = data[: stride * height]
            else:
                row = min(line, stride)
                for y in range(height):
                    bits[y * line : y * line + row] = data[y * stride : y * stride + row]
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
    finally:
        document.close()
    return images


class PageView(QScrollArea):
    """The pages of a notice, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._column = QWidget()
        self._layout = QVBoxLayout(self._column)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._column)
        self._labels: list[QLabel] = []

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def show_pages(self, images: Sequence[QImage]) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page %n", "", number))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self._layout.addWidget(label)
            self._labels.append(label)
