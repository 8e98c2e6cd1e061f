"""The seal strip (封条): its own layout, two strips to an A4 landscape sheet, one per seal
number, each with the court, the big 封, the date under the seal and the warning."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldapp.notices.compose import ComposedNotice, StripPart
from fieldapp.notices.fonts import NoticeFont
from fieldapp.notices.layout import MM, draw_text
from fieldapp.notices.linebreak import break_paragraph
from fieldapp.notices.marks import draw_preview_mark, draw_qr

if TYPE_CHECKING:
    from fieldapp.notices.stamp import NoticeStamp

STRIPS_PER_SHEET = 2
_MARGIN = 10 * MM
_GAP = 10 * MM


def draw_strips(
    canvas: Any,
    notice: ComposedNotice,
    font: NoticeFont,
    matrix: list[list[bool]] | None,
    stamp: NoticeStamp,
    preview: bool,
) -> int:
    """Draw every strip of `notice`; returns the number of sheets."""
    part = next((p for p in notice.parts if isinstance(p, StripPart)), None)
    if part is None:
        raise ValueError("a seal strip template needs a strip block")
    width, height = canvas._pagesize
    seals = part.seal_numbers or ("",)
    strip_w = width - 2 * _MARGIN
    strip_h = (height - 2 * _MARGIN - _GAP * (STRIPS_PER_SHEET - 1)) / STRIPS_PER_SHEET
    sheets = 0
    for index, seal in enumerate(seals):
        slot = index % STRIPS_PER_SHEET
        if slot == 0:
            if index:
                canvas.showPage()
            sheets += 1
            if preview:
                draw_preview_mark(canvas, font, width, height)
        y = height - _MARGIN - (slot + 1) * strip_h - slot * _GAP
        if slot:
            _cut_line(canvas, width, y + strip_h + _GAP / 2)
        _strip(canvas, font, notice, part, seal, _MARGIN, y, strip_w, strip_h)
        if matrix is not None:
            qr = 22 * MM
            draw_qr(canvas, matrix, _MARGIN + strip_w - qr - 3 * MM, y + 3 * MM, qr)
    canvas.showPage()
    return sheets


def _cut_line(canvas: Any, width: float, y: float) -> None:
    canvas.saveState()
    canvas.setDash(4, 4)
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.5)
    canvas.line(0, y, width, y)
    canvas.restoreState()


def _strip(
    canvas: Any,
    font: NoticeFont,
    notice: ComposedNotice,
    part: StripPart,
    seal: str,
    x: float,
    y: float,
    w: float,
    h: float,
) -> None:
    canvas.saveState()
    canvas.setLineWidth(2)
    canvas.rect(x, y, w, h)
    canvas.setLineWidth(0.6)
    canvas.rect(x + 2 * MM, y + 2 * MM, w - 4 * MM, h - 4 * MM)
    canvas.restoreState()
    band = y + h * 0.45  # baseline region of the main line
    court_size = 26.0
    court_w = font.width(notice.court_name, court_size)
    draw_text(canvas, font, x + 10 * MM, band, notice.court_name, court_size, bold=True)
    big_size = 72.0
    big_x = x + 10 * MM + court_w + 10 * MM
    draw_text(canvas, font, big_x, band - 10, part.big, big_size, bold=True)
    date_size = 16.0
    date_text = part.date_text
    date_x = big_x + font.width(part.big, big_size) + 12 * MM
    draw_text(canvas, font, date_x, band + 6, date_text, date_size)
    date_w = font.width(date_text, date_size)
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.5)
    canvas.circle(date_x + date_w / 2, band + 10, 21 * MM, stroke=1, fill=0)
    canvas.restoreState()
    small = 11.0
    lines = [f"{notice.document_number}　封条编号：{seal or '＿＿＿＿'}", *part.lines]
    text_w = w - 40 * MM
    baseline = y + h * 0.22
    for text in lines:
        draw_text(canvas, font, x + 10 * MM, baseline, text, small)
        baseline -= small * 1.6
    for line in break_paragraph(part.text, lambda t: font.width(t, small), text_w):
        draw_text(canvas, font, x + 10 * MM, baseline, line.text, small)
        baseline -= small * 1.6
    top_line = y + h - 12 * MM
    draw_text(canvas, font, x + 10 * MM, top_line, f"案号：{notice.case_number}", small)
