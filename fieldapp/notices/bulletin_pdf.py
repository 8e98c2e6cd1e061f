"""The weekly bulletin (周通报) as an A4 PDF: title, summary, bar charts and tables in the
embedded notice font.

The services compose the document (every text already in Chinese and formatted); this module
only lays it out, so the same figures read the same in the window and on paper.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm as MM
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from fieldapp.notices.fonts import NoticeFont, substitute_missing
from fieldapp.notices.render import _RENDER_LOCK  # reportlab's font state is shared

MARGIN = 18 * MM
CONTENT_WIDTH = A4[0] - 2 * MARGIN
SERIES_COLOURS = (
    colors.HexColor("#4472C4"),
    colors.HexColor("#ED7D31"),
    colors.HexColor("#A5A5A5"),
    colors.HexColor("#C00000"),
)
GRID = colors.HexColor("#7F7F7F")
HEADER_FILL = colors.HexColor("#DCE6F1")
TOTAL_FILL = colors.HexColor("#F2F2F2")
CHANGE_COLOUR = "#595959"


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure and, below it in small print, its change on the week before."""

    value: str
    change: str = ""


@dataclass(frozen=True, slots=True)
class FigureTable:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    total_row: bool = False
    """The last row is a total (shaded)."""


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    """(legend name, one value per category)."""
    value_suffix: str = ""


@dataclass(frozen=True, slots=True)
class BulletinDocument:
    title: str
    subtitle: str
    summary: tuple[str, ...]
    charts: tuple[BarChart, ...]
    tables: tuple[FigureTable, ...]
    footer: str = ""
    author: str = ""
    notes: tuple[str, ...] = field(default=())


def render_bulletin(document: BulletinDocument, font: NoticeFont) -> tuple[bytes, int]:
    """PDF bytes of ``document`` and its number of pages."""
    with _RENDER_LOCK:
        return _render(document, font)


def _render(document: BulletinDocument, font: NoticeFont) -> tuple[bytes, int]:
    styles = _Styles(font)
    text = _Text(font)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * MM,
        title=text(document.title + " " + document.subtitle),
        author=text(document.author),
        creator="Fieldapp",
        invariant=1,
        pageCompression=1,
        lang="zh-CN",
        # Pages start in the embedded font; the default Helvetica would be named unembedded.
        initialFontName=font.name,
    )
    story: list[Flowable] = [
        Paragraph(text(document.title), styles.title),
        Paragraph(text(document.subtitle), styles.subtitle),
        Spacer(1, 4 * MM),
        Paragraph("一、总体情况", styles.heading),
    ]
    story += [Paragraph(text(line), styles.body) for line in document.summary]
    if document.charts:
        story.append(Paragraph("二、图表", styles.heading))
        for chart in document.charts:
            story.append(KeepTogether([_chart(chart, font, text), Spacer(1, 3 * MM)]))
    for number, table in enumerate(document.tables, start=3):
        story.append(CondPageBreak(45 * MM))
        heading = Paragraph(f"{_chinese_ordinal(number)}、{text(table.title)}", styles.heading)
        story.append(heading)
        story.append(_table(table, styles, text))
        if table.note:
            story.append(Paragraph(text(table.note), styles.note))
    for note in document.notes:
        story.append(Paragraph(text(note), styles.note))
    footer = text(document.footer)

    canvases: list[_NumberedCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> Canvas:
        canvas = _NumberedCanvas(footer, font.name, *args, **kwargs)
        canvases.append(canvas)
        return canvas

    template.build(story, canvasmaker=maker)
    return buffer.getvalue(), canvases[-1].pages


class _Text:
    """Text the font can draw: a missing glyph shows as 〓 rather than an empty box."""

    def __init__(self, font: NoticeFont) -> None:
        self.font = font

    def __call__(self, value: str) -> str:
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return substitute_missing(escaped, self.font).replace("\n", "<br/>")

    def plain(self, value: str) -> str:
        return substitute_missing(value, self.font)


class _Styles:
    def __init__(self, font: NoticeFont) -> None:
        name = font.name
        base = {"fontName": name, "wordWrap": "CJK"}
        self.title = ParagraphStyle(
            "title", fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=2 * MM, **base
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontSize=11.5, leading=16, alignment=TA_CENTER, **base
        )
        self.heading = ParagraphStyle(
            "heading", fontSize=12.5, leading=18, spaceBefore=4 * MM, spaceAfter=2 * MM, **base
        )
        self.body = ParagraphStyle(
            "body", fontSize=10.5, leading=17, firstLineIndent=21, spaceAfter=1.5 * MM, **base
        )
        self.note = ParagraphStyle(
            "note", fontSize=8.5, leading=12, textColor=colors.HexColor(CHANGE_COLOUR), **base
        )
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=10.5, alignment=TA_CENTER, **base)
        self.cell_left = ParagraphStyle("cell_left", fontSize=8.5, leading=10.5, **base)
        self.header = ParagraphStyle("header", fontSize=8, leading=10, alignment=TA_CENTER, **base)


def _table(table: FigureTable, styles: _Styles, text: _Text) -> Table:
    columns = len(table.header)
    first = 32 * MM
    rest = (CONTENT_WIDTH - first) / max(columns - 1, 1)
    data: list[list[Paragraph]] = [[Paragraph(text(h), styles.header) for h in table.header]]
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row):
            markup = text(cell.value)
            if cell.change:
                markup += (
                    f'<br/><font size="6.5" color="{CHANGE_COLOUR}">{text(cell.change)}</font>'
                )
            cells.append(Paragraph(markup, styles.cell_left if index == 0 else styles.cell))
        data.append(cells)
    result = Table(data, colWidths=[first] + [rest] * (columns - 1), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        # Cells start in this font even when they hold paragraphs: not Helvetica, unembedded.
        ("FONTNAME", (0, 0), (-1, -1), styles.cell.fontName),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if table.total_row and table.rows:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL))
    result.setStyle(TableStyle(commands))
    return result


def _chart(chart: BarChart, font: NoticeFont, text: _Text) -> Drawing:
    width, height = CONTENT_WIDTH, 62 * MM
    drawing = Drawing(width, height)
    # The renderer starts a drawing in Helvetica, which the PDF would name without embedding.
    drawing.initialFontName = font.name
    drawing.add(
        String(
            width / 2,
            height - 12,
            text.plain(chart.title),
            fontName=font.name,
            fontSize=10.5,
            textAnchor="middle",
        )
    )
    bars = VerticalBarChart()
    bars.x, bars.y = 34, 30
    # At most ~120 pt per category, so one squad (a lead's bulletin) gets bars, not slabs.
    bars.width = min(width - 34 - 110, max(160, 120 * len(chart.categories)))
    bars.height = height - 30 - 24
    values = [list(values) for _, values in chart.series] or [[0.0]]
    bars.data = values
    highest = max((v for series in values for v in series), default=0.0)
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = _nice_top(highest)
    bars.valueAxis.valueStep = _nice_top(highest) / 5
    bars.valueAxis.labels.fontName = font.name
    bars.valueAxis.labels.fontSize = 7.5
    if chart.value_suffix:
        bars.valueAxis.labelTextFormat = "%g" + chart.value_suffix
    # A long name such as 第四外勤组（财产控制组） goes on two lines under its bars.
    bars.categoryAxis.categoryNames = [
        text.plain(name).replace("（", "\n（", 1) for name in chart.categories
    ]
    bars.categoryAxis.labels.fontName = font.name
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.labels.boxAnchor = "n"
    bars.categoryAxis.labels.dy = -3
    bars.groupSpacing = 8
    bars.barSpacing = 1
    bars.barLabelFormat = "%g" + chart.value_suffix
    bars.barLabels.fontName = font.name
    bars.barLabels.fontSize = 6.5
    bars.barLabels.nudge = 5
    for index in range(len(values)):
        bars.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y = width - 100, height - 34
    legend.fontName = font.name
    legend.fontSize = 8
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = 6
    legend.colorNamePairs = [
        (SERIES_COLOURS[index % len(SERIES_COLOURS)], text.plain(name))
        for index, (name, _) in enumerate(chart.series)
    ]
    drawing.add(legend)
    return drawing


def _nice_top(highest: float) -> float:
    """A round axis maximum above ``highest`` that divides into five steps."""
    if highest <= 0:
        return 5.0
    for top in (5, 10, 20, 25, 50, 100, 150, 200, 250, 500, 1000, 2000, 2500, 5000):
        if highest * 1.12 <= top:
            return float(top)
    step = 10 ** (len(str(int(highest))) - 1)
    return float((int(highest * 1.12 / step) + 1) * step)


def _chinese_ordinal(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("十" if tens == 1 else digits[tens] + "十") + (digits[ones] if ones else "")


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Writes 第 n 页 共 m 页 and the footer once the number of pages is known."""

    def __init__(self, footer: str, font_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._font_name = font_name
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    @property
    def pages(self) -> int:
        return len(self._saved)

    def save(self) -> None:
        total = len(self._saved)
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(self._font_name, 8)
        self.setFillColor(colors.HexColor(CHANGE_COLOUR))
        y = MARGIN - 2 * MM
        if self._footer:
            self.drawString(MARGIN, y, self._footer)
        self.drawRightString(A4[0] - MARGIN, y, f"第 {number} 页 共 {total} 页")
        self.restoreState()
