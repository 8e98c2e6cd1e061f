"""The page layout of a court document: the parts of a composed notice set as lines, table
rows and the closing, then cut into A4 pages.

Drawn on a bare reportlab canvas rather than through platypus: a court document needs only
justified Chinese lines, simple tables and a fixed closing, and the canvas is twice as fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from fieldapp.notices.compose import (
    ClosingPart,
    ComposedNotice,
    PageBreakPart,
    SignaturesPart,
    TablePart,
    TextPart,
)
from fieldapp.notices.fonts import NoticeFont
from fieldapp.notices.linebreak import Line, break_text
from fieldapp.notices.templates import BlockType

MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class Geometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


# A4 with the margins of GB/T 9704 left and right; top and bottom a little smaller so the
# usual notice keeps to one page, and the bottom still holds the QR code and page number.
A4 = Geometry(210 * MM, 297 * MM, left=28 * MM, right=26 * MM, top=28 * MM, bottom=33 * MM)


@dataclass(frozen=True, slots=True)
class Styles:
    body: float = 16.0  # 三号
    leading: float = 27.0
    court: float = 22.0  # 二号
    title: float = 26.0  # 一号
    number: float = 15.0
    small: float = 12.0  # 小四
    small_leading: float = 19.0
    cell_dense: float = 10.5  # 五号, for tables of more than five columns
    cell_dense_leading: float = 16.0
    cell_padding: float = 4.0


STYLES = Styles()


class Item(Protocol):
    keep_with_next: bool

    @property
    def height(self) -> float: ...

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None: ...


def draw_text(
    canvas: Any,
    font: NoticeFont,
    x: float,
    baseline: float,
    text: str,
    size: float,
    *,
    char_space: float = 0.0,
    bold: bool = False,
) -> None:
    t = canvas.beginText(x, baseline)
    t.setFont(font.name, size)
    # Character spacing is page state in PDF: every line sets its own, or it inherits the
    # spacing of the justified line before it.
    t.setCharSpace(char_space)
    if bold:
        # The font has no bold face: fill and stroke the outlines to thicken them, inside a
        # saved state so the stroke mode ends with this text.
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        t.setTextRenderMode(2)
        t.textOut(text)
        canvas.drawText(t)
        canvas.restoreState()
        return
    t.textOut(text)
    canvas.drawText(t)


def _baseline(top: float, leading: float, size: float) -> float:
    # Centres the em box (about 0.88 above and 0.12 below the baseline) in the line.
    return top - (leading - size) / 2 - size * 0.88


@dataclass(slots=True)
class TextLine:
    text: str
    size: float
    leading: float
    x: float = 0.0
    char_space: float = 0.0
    bold: bool = False
    keep_with_next: bool = False

    @property
    def height(self) -> float:
        return self.leading

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        if self.text:
            baseline = _baseline(top, self.leading, self.size)
            draw_text(
                canvas,
                font,
                left + self.x,
                baseline,
                self.text,
                self.size,
                char_space=self.char_space,
                bold=self.bold,
            )


@dataclass(slots=True)
class Space:
    height: float
    keep_with_next: bool = False

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        return None


@dataclass(slots=True)
class PageBreak:
    height: float = 0.0
    keep_with_next: bool = False

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        return None


@dataclass(slots=True)
class TableRow:
    cells: list[list[str]]
    col_x: list[float]
    col_w: list[float]
    size: float
    leading: float
    padding: float
    height: float
    centred: bool = False
    repeat: TableRow | None = None
    """The header row to draw again above this row when it opens a page."""
    keep_with_next: bool = False

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        right = left + self.col_x[-1] + self.col_w[-1]
        bottom = top - self.height
        canvas.setLineWidth(0.6)
        path = canvas.beginPath()
        for y in (top, bottom):
            path.moveTo(left, y)
            path.lineTo(right, y)
        for x in [*self.col_x, self.col_x[-1] + self.col_w[-1]]:
            path.moveTo(left + x, top)
            path.lineTo(left + x, bottom)
        canvas.drawPath(path, stroke=1, fill=0)
        for lines, x, w in zip(self.cells, self.col_x, self.col_w, strict=True):
            y = top - self.padding
            for text in lines:
                dx = self.padding
                if self.centred:
                    dx = (w - font.width(text, self.size)) / 2
                baseline = _baseline(y, self.leading, self.size)
                draw_text(canvas, font, left + x + dx, baseline, text, self.size)
                y -= self.leading


@dataclass(slots=True)
class SignatureLine:
    label: str
    size: float
    leading: float
    width: float
    keep_with_next: bool = False

    @property
    def height(self) -> float:
        return self.leading * 1.6

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        baseline = top - self.height + self.leading * 0.35
        draw_text(canvas, font, left, baseline, self.label, self.size)
        start = left + font.width(self.label, self.size) + 4
        date = "年　　月　　日"
        date_x = left + self.width - font.width(date, self.size)
        end = date_x - self.size * 1.5
        if end > start:
            canvas.setLineWidth(0.6)
            canvas.line(start, baseline - 3, end, baseline - 3)
        draw_text(canvas, font, date_x, baseline, date, self.size)


@dataclass(slots=True)
class Closing:
    """The court's name over the date, right-aligned, and the marked place of the seal."""

    court_name: str
    date_text: str
    size: float
    leading: float
    width: float
    keep_with_next: bool = False
    seal_diameter: float = 42 * MM

    @property
    def height(self) -> float:
        return self.leading * 3.2

    @property
    def overhang(self) -> float:
        return max(0.0, self.leading * 2.1 + self.seal_diameter / 2 - self.height)

    def draw(self, canvas: Any, font: NoticeFont, left: float, top: float) -> None:
        date_w = font.width(self.date_text, self.size)
        name_w = font.width(self.court_name, self.size)
        # 右空二字: the date ends two characters from the right margin.
        date_right = left + self.width - 2 * self.size
        centre = date_right - max(date_w, name_w) / 2
        name_top = top - self.leading * 1.1
        date_top = name_top - self.leading
        draw_text(
            canvas,
            font,
            centre - name_w / 2,
            _baseline(name_top, self.leading, self.size),
            self.court_name,
            self.size,
        )
        draw_text(
            canvas,
            font,
            centre - date_w / 2,
            _baseline(date_top, self.leading, self.size),
            self.date_text,
            self.size,
        )
        # The seal covers the court's name and the date (骑年盖月): a faint dashed ring shows
        # the officer where it goes; the red seal covers it.
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 3)
        canvas.circle(centre, date_top, self.seal_diameter / 2, stroke=1, fill=0)
        canvas.setFillGray(0.55)
        label = "（院印）"
        small = self.size * 0.6
        canvas.setFont(font.name, small)
        canvas.drawCentredString(centre, date_top - self.seal_diameter / 2 + small * 0.8, label)
        canvas.restoreState()


@dataclass
class LaidOut:
    """A notice cut into pages of items."""

    pages: list[list[Item]] = field(default_factory=list)


def _justified(
    lines: Sequence[Line], size: float, leading: float, width: float, first_indent: float
) -> list[TextLine]:
    result = []
    for index, line in enumerate(lines):
        indent = first_indent if index == 0 else 0.0
        spare = width - indent - line.width
        char_space = 0.0
        if not line.last and len(line.text) > 1 and spare > 0:
            # Beyond a quarter of a character between letters a line reads as gapped: such a
            # line (before an unbreakable long number) is left ragged instead.
            char_space = spare / (len(line.text) - 1)
            if char_space > size * 0.25:
                char_space = 0.0
        result.append(TextLine(line.text, size, leading, indent, char_space))
    return result


def _text_items(part: TextPart, font: NoticeFont, geometry: Geometry, styles: Styles) -> list[Item]:
    width = geometry.text_width

    def width_of_body(text: str) -> float:
        return font.width(text, styles.body)

    if part.style is BlockType.NOTE:
        items: list[Item] = []
        for paragraph in break_text(part.text, lambda t: font.width(t, styles.small), width):
            lines = _justified(paragraph, styles.small, styles.small_leading, width, 0.0)
            # Small print is a few lines: kept whole on one page.
            for line in lines[:-1]:
                line.keep_with_next = True
            items.extend(lines)
        return items
    indent = 2 * styles.body if part.style is BlockType.PARAGRAPH else 0.0
    items = []
    for paragraph in break_text(part.text, width_of_body, width, first_indent=indent):
        lines = _justified(paragraph, styles.body, styles.leading, width, indent)
        # Two lines of a paragraph stay together: no lone first or last line on a page.
        if len(lines) > 1:
            lines[0].keep_with_next = True
            lines[-2].keep_with_next = True
        items.extend(lines)
    return items


def _table_items(
    part: TablePart, font: NoticeFont, geometry: Geometry, styles: Styles
) -> list[Item]:
    width = geometry.text_width
    total = sum(column.weight for column in part.columns)
    col_w = [width * column.weight / total for column in part.columns]
    col_x = [sum(col_w[:i]) for i in range(len(col_w))]
    size, leading, pad = styles.small, styles.small_leading, styles.cell_padding
    if len(part.columns) > 5:
        size, leading = styles.cell_dense, styles.cell_dense_leading
    max_height = geometry.text_height * 0.8

    def wrap(text: str, w: float) -> list[str]:
        return [
            line.text
            for paragraph in break_text(text, lambda t: font.width(t, size), w - 2 * pad)
            for line in paragraph
        ]

    def rows_of(cells: list[list[str]], centred: bool, min_lines: int) -> list[TableRow]:
        count = max(min_lines, *(len(c) for c in cells))
        per_row = max(1, int((max_height - 2 * pad) // leading))
        rows = []
        for start in range(0, count, per_row):
            chunk = [c[start : start + per_row] for c in cells]
            n = min(per_row, count - start)
            rows.append(
                TableRow(chunk, col_x, col_w, size, leading, pad, n * leading + 2 * pad, centred)
            )
        return rows

    items: list[Item] = []
    header: TableRow | None = None
    if part.header:
        labels = [wrap(column.label, w) for column, w in zip(part.columns, col_w, strict=True)]
        header = rows_of(labels, True, 1)[0]
        header.keep_with_next = True
        items.append(header)
    for row in part.rows:
        cells = [wrap(text, w) for text, w in zip(row, col_w, strict=True)]
        # An empty cell of a form is where someone writes or signs by hand.
        min_lines = 1 if part.header else (2 if any(not text for text in row) else 1)
        for piece in rows_of(cells, False, min_lines):
            piece.repeat = header
            items.append(piece)
    return items


def layout(
    notice: ComposedNotice,
    font: NoticeFont,
    geometry: Geometry = A4,
    styles: Styles = STYLES,
) -> LaidOut:
    """Set every part of `notice` and cut the result into pages."""
    width = geometry.text_width
    items: list[Item] = []
    court_w = font.width(notice.court_name, styles.court)
    items.append(
        TextLine(notice.court_name, styles.court, styles.court * 1.5, (width - court_w) / 2)
    )
    title_space = styles.title * 0.4 if len(notice.title) <= 8 else 0.0
    title_w = font.width(notice.title, styles.title) + title_space * (len(notice.title) - 1)
    items.append(
        TextLine(
            notice.title,
            styles.title,
            styles.title * 1.6,
            (width - title_w) / 2,
            char_space=title_space,
            bold=True,
        )
    )
    number_w = font.width(notice.document_number, styles.number)
    items.append(TextLine(notice.document_number, styles.number, styles.leading, width - number_w))
    items.append(Space(styles.leading * 0.2))
    for part in notice.parts:
        if isinstance(part, TextPart):
            items.extend(_text_items(part, font, geometry, styles))
        elif isinstance(part, TablePart):
            items.append(Space(styles.leading * 0.2))
            items.extend(_table_items(part, font, geometry, styles))
            items.append(Space(styles.leading * 0.3))
        elif isinstance(part, SignaturesPart):
            signatures = [
                SignatureLine(label, styles.body, styles.leading, width) for label in part.labels
            ]
            # Whoever signs signs on one page.
            for line in signatures[:-1]:
                line.keep_with_next = True
            items.extend(signatures)
        elif isinstance(part, ClosingPart):
            # The closing never stands alone on a page: it takes the last lines with it.
            for previous in items[-2:]:
                previous.keep_with_next = True
            closing = Closing(part.court_name, part.date_text, styles.body, styles.leading, width)
            items.append(closing)
            # The seal ring reaches below the date: whatever follows starts under it.
            items.append(Space(closing.overhang))
        elif isinstance(part, PageBreakPart):
            items.append(PageBreak())
    return LaidOut(paginate(items, geometry.text_height))


def paginate(items: Sequence[Item], height: float) -> list[list[Item]]:
    """Items cut into pages; an item marked keep_with_next goes over with the one after it."""
    pages: list[list[Item]] = [[]]
    used = 0.0
    for item in items:
        page = pages[-1]
        if isinstance(item, PageBreak):
            if page:
                pages.append([])
                used = 0.0
            continue
        if isinstance(item, Space) and not page:
            continue  # no space at the top of a page
        if used + item.height > height + 1e-6 and page:
            if isinstance(item, Space):
                continue  # the end of a page takes the place of space
            carried: list[Item] = []
            while len(page) > 1 and page[-1].keep_with_next and len(carried) < 6:
                carried.insert(0, page.pop())
            while carried and isinstance(carried[0], Space):
                carried.pop(0)
            new_page: list[Item] = []
            first = carried[0] if carried else item
            if (
                isinstance(first, TableRow)
                and first.repeat is not None
                and first is not first.repeat
            ):
                new_page.append(replace(first.repeat, keep_with_next=False))
            new_page.extend(carried)
            pages.append(new_page)
            page = new_page
            used = sum(i.height for i in page)
        page.append(item)
        used += item.height
    return [page for page in pages if any(not isinstance(i, Space) for i in page)] or [[]]
