"""Notice PDF pages as images: rendered with pypdfium2 (no Qt PDF module needed), made into
QImages off the GUI thread, and shown in a scrolling column."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 96
PRINT_DPI = 300
# PDFium is not thread-safe: a preview on a worker and a print on the GUI thread (or two
# previews) rendering at once corrupt its heap. Every use goes through this lock.
_PDFIUM = threading.Lock()


@dataclass(frozen=True, slots=True)
class PageBitmap:
    """A rendered page as plain bytes (RGB): no Qt object, so it may be made on any thread."""

    width: int
    height: int
    stride: int
    data: bytes
    dpi: int


def render_bitmaps(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[PageBitmap]:
    """Every page of `pdf` rendered; the slow part, meant for a worker thread."""
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            bitmaps = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                try:
                    bitmaps.append(
                        PageBitmap(
                            bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), dpi
                        )
                    )
                finally:
                    bitmap.close()
                    page.close()
        finally:
            document.close()
    return bitmaps


def to_images(bitmaps: Sequence[PageBitmap]) -> list[QImage]:
    """QImages of rendered pages, made on the GUI thread: copying the bytes is quick, and
    Qt objects made on worker threads corrupted memory here now and then."""
    return [_image(bitmap) for bitmap in bitmaps]


def render_pages(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of `pdf` as an RGB QImage, on the calling (GUI) thread."""
    return to_images(render_bitmaps(pdf, dpi))


def _image(bitmap: PageBitmap) -> QImage:
    width, height, stride, data = bitmap.width, bitmap.height, bitmap.stride, bitmap.data
    image = QImage(width, height, QImage.Format.Format_RGB888)
    line = image.bytesPerLine()
    bits = cast(memoryview, image.bits())
    if line == stride:
        bits[: stride * height] = data[: stride * height]
    else:
        row = min(line, stride)
        for y in range(height):
            bits[y * line : y * line + row] = data[y * stride : y * stride + row]
    image.setDotsPerMeterX(round(bitmap.dpi / 0.0254))
    image.setDotsPerMeterY(round(bitmap.dpi / 0.0254))
    return image


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
