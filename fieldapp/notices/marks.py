"""Marks drawn on notices besides their text: the QR code and the preview watermark."""

from __future__ import annotations

from typing import Any

from fieldapp.notices.fonts import NoticeFont

PREVIEW_MARK = "样稿　未签发"


def draw_preview_mark(canvas: Any, font: NoticeFont, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillGray(0.85)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.setFont(font.name, 60)
    canvas.drawCentredString(0, -20, PREVIEW_MARK)
    canvas.restoreState()


def draw_qr(canvas: Any, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """The QR code with its lower left corner at (x, y), as one filled path.

    Written as PDF operators in module units under one transform: ~500 rectangles through
    reportlab's path object cost more than the rest of the page.
    """
    count = len(matrix)
    module = size / (count + 8)  # four modules of quiet zone on each side
    runs: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                runs.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    top = y + size - 4 * module
    canvas.addLiteral(
        f"q 0 g {module:.5f} 0 0 {-module:.5f} {x + 4 * module:.4f} {top:.4f} cm "
        + " ".join(runs)
        + " f Q"
    )
