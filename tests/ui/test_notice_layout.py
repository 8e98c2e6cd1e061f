"""Notice preview and batch dialog layout: an A4 page fits the pane's width (nothing cut on
the right), sharp on a high-density screen; the batch dialog has no empty band at the top."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from fieldapp.ui import notice_pages
from fieldapp.ui.notice_batch_dialog import BatchIssueDialog
from fieldapp.ui.notice_pages import PREVIEW_DPI, PageView, render_pages
from tests.support.notice_data import ACTOR, NOW, demo_engine


def a4_pdf(pages: int = 2) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    for number in range(pages):
        page.rect(20, 20, width - 40, height - 40)
        page.drawRightString(width - 30, height - 60, f"RIGHT EDGE {number + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


def shot(widget: object, name: str) -> None:
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_a4_pages_fit_the_pane(qtbot: QtBot) -> None:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(680, 700)
    view.show()
    images = render_pages(a4_pdf())
    assert images[0].width() >= 794  # an A4 page at 96 dpi (or more) is wider than the pane
    view.show_pages(images)
    room = view.viewport().width()
    shown = [label.pixmap() for label in view._labels]
    assert len(shown) == 2
    for pixmap in shown:
        logical = pixmap.width() / pixmap.devicePixelRatio()
        assert room - 40 <= logical <= room
    qtbot.waitUntil(lambda: view.widget().height() > 1000)  # the pages are laid out
    assert view.horizontalScrollBar().maximum() == 0
    shot(view, "notice-preview-680.png")
    # Wider than the page: shown at its own size, not blown up.
    view.resize(1400, 700)
    pixmap = view._labels[0].pixmap()
    assert pixmap.width() / pixmap.devicePixelRatio() == pytest.approx(794, abs=2)
    view.show_pages([])
    assert view.page_count == 0


def test_pages_render_at_the_screen_pixel_ratio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notice_pages, "_preview_ratio", 2.0)
    assert notice_pages.preview_dpi() == 2 * PREVIEW_DPI
    (image,) = render_pages(a4_pdf(1))
    assert image.width() == pytest.approx(2 * 794, abs=2)
    view = PageView()  # notes the real ratio again (1 offscreen)
    qtbot.addWidget(view)
    assert notice_pages.preview_dpi() == PREVIEW_DPI
    view.resize(680, 700)
    view.show_pages([image])
    pixmap = view._labels[0].pixmap()
    # Scaled from the 2x rendering, the page is shown at the pane's width.
    assert pixmap.width() / pixmap.devicePixelRatio() <= view.viewport().width()
    # An empty or broken image does not break the view.
    view.show_pages([QImage()])
    assert view.page_count == 1


def test_batch_dialog_has_no_empty_band(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    dialog = BatchIssueDialog(engine, "seal_strip", ["a", "b"], ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    margins = dialog.layout().contentsMargins()
    assert dialog.status.geometry().top() <= margins.top() + 4
    assert dialog.progress.geometry().top() - dialog.status.geometry().bottom() <= 20
    assert dialog.height() <= 160
    shot(dialog, "batch-dialog.png")
