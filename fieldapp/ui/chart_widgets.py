"""A grouped bar chart painted with QPainter (PySide6-Essentials ships no QtCharts)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# The colours of the bulletin PDF's charts, so screen and paper read alike.
SERIES_COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#C00000")


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    """(legend name, one value per category)."""


def nice_top(highest: float) -> float:
    """A round axis maximum (5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, …) with room above
    ``highest``, so the five grid steps are round too."""
    magnitude = 1.0
    while True:
        for factor in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0):
            top = factor * magnitude
            if top >= 5 and top >= highest * 1.1:
                return top
        magnitude *= 10


class BarChart(QWidget):
    """Bars grouped by category, one colour per series, a legend above and values on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ChartData("", (), ())
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read

    @property
    def data(self) -> ChartData:
        return self._data

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.setAccessibleName(data.title)
        # What the bars show, in words, for screen readers and tooltips.
        parts = []
        for index, category in enumerate(data.categories):
            values = ", ".join(f"{name} {_number(values[index])}" for name, values in data.series)
            parts.append(f"{category}: {values}")
        self.setAccessibleDescription("; ".join(parts))
        self.setToolTip("\n".join(parts))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 260)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text_colour = palette.windowText().color()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        painter.setPen(text_colour)
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(area.left(), area.top(), area.width(), line + 2),
            Qt.AlignmentFlag.AlignCenter,
            self._data.title,
        )
        painter.setFont(self.font())
        top = area.top() + line + 6
        top = self._paint_legend(painter, metrics, area, top) + 4
        data = self._data
        values = [v for _, series in data.series for v in series]
        axis_top = nice_top(max(values, default=0.0))
        label_width = metrics.horizontalAdvance(_number(axis_top)) + 6
        plot = QRectF(
            area.left() + label_width,
            top + line,  # room for the value above the highest bar
            area.width() - label_width,
            area.bottom() - top - line - 2 * line - 4,
        )
        if plot.height() < 20 or plot.width() < 40:
            return
        grid = QPen(QColor(text_colour))
        grid.setColor(QColor(128, 128, 128, 70))
        for step in range(6):
            value = axis_top * step / 5
            y = plot.bottom() - plot.height() * step / 5
            painter.setPen(grid)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(area.left(), y - line / 2, label_width - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _number(value),
            )
        categories = len(data.categories)
        if not categories or not data.series:
            return
        group = plot.width() / categories
        bars = len(data.series)
        bar = max(2.0, min(36.0, group * 0.8 / bars))
        small = self.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        small_metrics = QFontMetrics(small)
        for c, category in enumerate(data.categories):
            left = plot.left() + c * group + (group - bar * bars) / 2
            for s, (_name, series) in enumerate(data.series):
                value = series[c] if c < len(series) else 0.0
                height = plot.height() * (value / axis_top) if axis_top else 0.0
                rect = QRectF(left + s * bar, plot.bottom() - height, bar - 1, height)
                painter.fillRect(rect, QColor(SERIES_COLOURS[s % len(SERIES_COLOURS)]))
                painter.setFont(small)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(rect.center().x() - 30, rect.top() - small_metrics.height(), 60,
                           small_metrics.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    _number(value),
                )  # fmt: skip
            painter.setFont(self.font())
            painter.setPen(text_colour)
            # Two lines under each group; a name too long for them ends in an ellipsis.
            box = QRectF(plot.left() + c * group + 2, plot.bottom() + 3, group - 4, 2 * line)
            text = _fit(metrics, category, int(box.width()), 2)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        painter.setPen(text_colour)
        painter.drawLine(
            int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom())
        )

    def _paint_legend(
        self, painter: QPainter, metrics: QFontMetrics, area: QRectF, top: float
    ) -> float:
        """Legend entries in a centred row (wrapping); returns the y below them."""
        entries = [(name, SERIES_COLOURS[i % len(SERIES_COLOURS)])
                   for i, (name, _) in enumerate(self._data.series)]  # fmt: skip
        line = metrics.height()
        swatch = line * 0.7
        widths = [swatch + 4 + metrics.horizontalAdvance(name) + 14 for name, _ in entries]
        rows: list[list[int]] = [[]]
        used = 0.0
        for index, width in enumerate(widths):
            if rows[-1] and used + width > area.width():
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        y = top
        for row in rows:
            x = area.left() + (area.width() - sum(widths[i] for i in row)) / 2
            for index in row:
                name, colour = entries[index]
                painter.fillRect(QRectF(x, y + (line - swatch) / 2, swatch, swatch), QColor(colour))
                painter.drawText(
                    QRectF(x + swatch + 4, y, widths[index] - swatch - 4, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    name,
                )
                x += widths[index]
            y += line
        return y


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _fit(metrics: QFontMetrics, text: str, width: int, lines: int) -> str:
    """``text`` broken into at most ``lines`` lines of ``width`` pixels, elided at the end."""
    result: list[str] = []
    rest = text
    while rest and len(result) < lines - 1:
        cut = len(rest)
        while cut > 1 and metrics.horizontalAdvance(rest[:cut]) > width:
            cut -= 1
        if cut == len(rest):
            break
        result.append(rest[:cut])
        rest = rest[cut:]
    result.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(width, 1)))
    return "\n".join(result)
