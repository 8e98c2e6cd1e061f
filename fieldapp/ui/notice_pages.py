"""Notice PDF pages as images: rendered with pypdfium2 (no Qt PDF module needed), made into
QImages off the GUI thread, and shown in a scrolling column as wide as the pane.

An A4 page at 96 dpi is 794 px wide, more than the pane beside the form; the column scales
each page to the pane's width instead of cutting its right edge.  Previews are rendered at
96 dpi times the screen's device pixel ratio, so a page scaled down stays sharp on a
high-density screen too.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 96
PRINT_DPI = 300
# PDFium is not thread-safe: a preview on a worker and a print on the GUI thread (or two
# previews) rendering at once corrupt its heap. Every use goes through this lock.
_PDFIUM = threading.Lock()
# The device pixel ratio previews are rendered for; set on the GUI thread by PageView (a
# worker must not ask Qt for the screens), read by render_bitmaps on the worker.
_preview_ratio = 1.0
MAX_PREVIEW_RATIO = 3.0
PAGE_BORDER = 1


@dataclass(frozen=True, slots=True)
class PageBitmap:
    """A rendered page as plain bytes (RGB): no Qt object, so it may be made on any thread."""

    width: int
    height: int
    stride: int
    data: bytes
    dpi: int


def preview_dpi() -> int:
    """The resolution previews are rendered at: 96 dpi times the screens' pixel ratio."""
    return round(PREVIEW_DPI * _preview_ratio)


def note_screen_ratio() -> float:
    """Remember the highest device pixel ratio of the screens (GUI thread only)."""
    global _preview_ratio
    ratios = [screen.devicePixelRatio() for screen in QGuiApplication.screens()]
    _preview_ratio = min(max([1.0, *ratios]), MAX_PREVIEW_RATIO)
    return _preview_ratio


def render_bitmaps(pdf: bytes, dpi: int | None = None) -> list[PageBitmap]:
    """Every page of `pdf` rendered (at `preview_dpi()` unless told); the slow part, meant
    for a worker thread."""
    dpi = preview_dpi() if dpi is None else dpi
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


def render_pages(pdf: bytes, dpi: int | None = None) -> list[QImage]:
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
    """The pages of a notice, one under the other, each as wide as the pane (never wider than
    the page at 96 dpi): nothing is cut off on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        note_screen_ratio()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._column = QWidget()
        self._layout = QVBoxLayout(self._column)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._column)
        self._labels: list[QLabel] = []
        self._images: list[QImage] = []

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def show_pages(self, images: Sequence[QImage]) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        self._images = list(images)
        for number, _image in enumerate(self._images, start=1):
            label = QLabel()
            label.setAccessibleName(self.tr("Page %n", "", number))
            label.setStyleSheet(f"border: {PAGE_BORDER}px solid #999; background: white;")
            self._layout.addWidget(label)
            self._labels.append(label)
        self._fit()

    def page_width(self) -> int:
        """The width (logical pixels) a page is shown at: the pane's, or the page's own."""
        margins = self._layout.contentsMargins()
        # Pages are taller than the pane: leave the vertical scroll bar's room from the start,
        # so that its appearing does not push the page's right edge out of sight.
        bar = (
            0
            if self.verticalScrollBar().isVisible()
            else self.verticalScrollBar().sizeHint().width()
        )
        room = self.viewport().width() - bar - margins.left() - margins.right() - 2 * PAGE_BORDER
        natural = max((_natural_width(image) for image in self._images), default=room)
        return max(1, min(room, natural))

    def _fit(self) -> None:
        if not self._images:
            return
        width = self.page_width()
        ratio = self.devicePixelRatioF()
        for label, image in zip(self._labels, self._images, strict=True):
            scaled = image.scaledToWidth(
                max(1, round(width * ratio)), Qt.TransformationMode.SmoothTransformation
            )
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def _natural_width(image: QImage) -> int:
    """The page's width at 96 dpi, whatever it was rendered at."""
    dpi = image.dotsPerMeterX() * 0.0254
    return round(image.width() * PREVIEW_DPI / dpi) if dpi > 0 else image.width()
