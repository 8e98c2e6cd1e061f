"""The "Bulletin" section: the weekly bulletin's figures and charts for a chosen week (a lead
sees their squad), loaded in the background, and Ctrl+S saves the bulletin PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import Role
from fieldapp.domain.errors import DomainError
from fieldapp.services.bulletin import Bulletin, Line, OfficerLine
from fieldapp.services.bulletin_report import (
    format_count_change,
    format_days,
    format_rate,
    load_bulletin,
    render_bulletin_pdf,
    save_pdf,
)
from fieldapp.services.bulletin_week import IsoWeek
from fieldapp.storage.types import utcnow
from fieldapp.ui.background import InlineRunner, report_unexpected
from fieldapp.ui.chart_widgets import BarChart, ChartData
from fieldapp.ui.dashboard_model import BulletinTableModel, Column, TableRow, header_text
from fieldapp.ui.sections import Section, WindowContext

WEEKS_OFFERED = 52
ERROR_STYLE = "color: #c62828;"


def offered_weeks(today: date, count: int = WEEKS_OFFERED) -> list[IsoWeek]:
    """The last ``count`` complete weeks, newest first."""
    weeks = [IsoWeek.containing(today).previous()]
    while len(weeks) < count:
        weeks.append(weeks[-1].previous())
    return weeks


class DashboardSection(QWidget):
    # No int or bool arguments (see ui/background.py on PySide6 6.12).
    sig_loaded = Signal(object)  # the Bulletin
    sig_saved = Signal(object)  # the Path written

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardSection")
        self._context = context
        self._inline = InlineRunner(self)  # PDFs render on the GUI thread, see background.py
        self._generation = 0
        self._loading = False
        self.bulletin: Bulletin | None = None
        self.squad_scope = context.squad_code if context.role is Role.LEAD else None
        self._build()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.week_picker = QComboBox()
        self.week_picker.setObjectName("bulletinWeek")
        self.week_picker.setAccessibleName(self.tr("Week of the bulletin"))
        for week in offered_weeks(self._context.today()):
            self.week_picker.addItem(self._week_label(week), str(week))
        self.week_picker.currentIndexChanged.connect(lambda _index: self.refresh())
        week_label = QLabel(self.tr("&Week:"))
        week_label.setBuddy(self.week_picker)

        self.action_save = QAction(self.tr("&Save as PDF…"), self)
        self.action_save.setShortcut(QKeySequence.StandardKey.Save)
        self.action_save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_save.triggered.connect(self.save_pdf)
        self.action_save.setEnabled(False)
        self.addAction(self.action_save)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save the bulletin as PDF"))
        self.save_button.setToolTip(self.tr("Save the weekly bulletin as a PDF") + " (Ctrl+S)")
        self.save_button.clicked.connect(self.action_save.trigger)
        self.save_button.setEnabled(False)

        self.scope_label = QLabel()
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("bulletinSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("bulletinMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.squad_chart = BarChart()
        self.squad_chart.setObjectName("bulletinSquadChart")
        self.level_chart = BarChart()
        self.level_chart.setObjectName("bulletinLevelChart")
        charts = QWidget()
        chart_row = QHBoxLayout(charts)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_row.addWidget(self.squad_chart, 3)
        chart_row.addWidget(self.level_chart, 2)
        charts.setMinimumHeight(220)

        self.squad_model = BulletinTableModel(self)
        self.officer_model = BulletinTableModel(self)
        self.squad_table = self._table(self.squad_model, self.tr("Figures per squad"))
        self.squad_table.setObjectName("bulletinSquadTable")
        self.officer_table = self._table(self.officer_model, self.tr("Figures per officer"))
        self.officer_table.setObjectName("bulletinOfficerTable")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(charts)
        splitter.addWidget(self.officer_table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        bar = QHBoxLayout()
        bar.addWidget(week_label)
        bar.addWidget(self.week_picker)
        bar.addSpacing(12)
        bar.addWidget(self.scope_label, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.squad_table)
        layout.addWidget(splitter, 1)

    def _table(self, model: BulletinTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME.value, QHeaderView.ResizeMode.Stretch)
        return table

    def _week_label(self, week: IsoWeek) -> str:
        return (
            self.tr("%1 (%2 to %3)")
            .replace("%1", str(week))
            .replace("%2", week.first_day.isoformat())
            .replace("%3", week.last_day.isoformat())
        )

    # --- loading -------------------------------------------------------------------------

    def chosen_week(self) -> IsoWeek:
        return IsoWeek.parse(str(self.week_picker.currentData()))

    def choose_week(self, week: IsoWeek) -> None:
        index = self.week_picker.findData(str(week))
        if index < 0:
            raise ValueError(f"{week} is not offered")
        self.week_picker.setCurrentIndex(index)

    @property
    def busy(self) -> bool:
        return self._loading

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        engine, week, squad = self._context.engine, self.chosen_week(), self.squad_scope
        now = utcnow()
        self._loading = True
        self.action_save.setEnabled(False)
        self.save_button.setEnabled(False)

        def work() -> Bulletin:
            return load_bulletin(engine, week, now=now, squad_code=squad)

        self._context.runner.submit(
            work,
            lambda bulletin: self._loaded(generation, bulletin),
            lambda error: self._failed(generation, error),
        )

    def _loaded(self, generation: int, bulletin: Bulletin) -> None:
        if generation != self._generation:
            return  # a later week was chosen meanwhile
        self._loading = False
        self.bulletin = bulletin
        self.message.hide()
        self.summary.setText(self._summary(bulletin))
        self._fill_charts(bulletin)
        squad_rows = [TableRow(line.name, line) for line in bulletin.squads]
        if bulletin.unrouted != Line():
            squad_rows.append(TableRow(self.tr("Not routed to a squad"), bulletin.unrouted))
        total = self.tr("Total") if bulletin.squad_scope is None else self.tr("Squad total")
        squad_rows.append(TableRow(total, bulletin.total, total=True))
        self.squad_model.set_rows(squad_rows)
        self.officer_model.set_rows(
            [
                TableRow(self._officer_label(officer, bulletin), officer)
                for officer in bulletin.officers
            ]
        )
        self._fit_squad_table()
        if bulletin.squad_scope:
            self.scope_label.setText(bulletin.squad_name(bulletin.squad_scope))
        self.action_save.setEnabled(True)
        self.save_button.setEnabled(True)
        self.sig_loaded.emit(bulletin)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.summary.setText("")
        self._say(self.tr("The bulletin could not be loaded: %1").replace("%1", str(error)))

    def _say(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.show()

    def _officer_label(self, line: OfficerLine, bulletin: Bulletin) -> str:
        if line.officer_id is None:
            label = self.tr("(unassigned)")
        elif line.moved:
            now_in = bulletin.squad_name(line.current_squad_code) or "?"
            label = self.tr("%1 (now in %2)").replace("%1", line.name).replace("%2", now_in)
        else:
            label = line.name
        if bulletin.squad_scope is None:
            return f"{bulletin.squad_name(line.squad_code)} · {label}"
        return label

    def _fit_squad_table(self) -> None:
        """The squad table shows all its few rows without scrolling."""
        table = self.squad_table
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(row) for row in range(self.squad_model.rowCount()))
        frame = 2 * table.frameWidth()
        scroll = table.horizontalScrollBar()
        extra = scroll.sizeHint().height() if scroll.isVisible() else 0
        table.setFixedHeight(table.horizontalHeader().height() + rows + frame + extra)

    def _summary(self, bulletin: Bulletin) -> str:
        this, last, change = (
            bulletin.total.this_week,
            bulletin.total.last_week,
            bulletin.total.change,
        )
        first = (
            self.tr(
                "Carried over %1, received %2 (%3), completed %4 (%5); "
                "completion rate %6 (last week %7)."
            )
            .replace("%1", str(this.carried_over))
            .replace("%2", str(this.received))
            .replace("%3", format_count_change(change.received))
            .replace("%4", str(this.completed))
            .replace("%5", format_count_change(change.completed))
            .replace("%6", format_rate(this.completion_rate))
            .replace("%7", format_rate(last.completion_rate))
        )
        second = (
            self.tr(
                "Average %1 days to complete; %2 overdue at the end of the week (%3); "
                "%4 escalations; %5 assets expire within 30 days."
            )
            .replace("%1", format_days(this.average_days))
            .replace("%2", str(this.overdue))
            .replace("%3", format_count_change(change.overdue))
            .replace("%4", str(this.escalations_total))
            .replace("%5", str(this.expiring_assets))
        )
        return f"{first} {second}"

    def _fill_charts(self, bulletin: Bulletin) -> None:
        squads = bulletin.squads
        self.squad_chart.set_data(
            ChartData(
                self.tr("Received, completed and overdue by squad"),
                tuple(line.name for line in squads),
                (
                    (self.tr("Received"), tuple(float(s.this_week.received) for s in squads)),
                    (self.tr("Completed"), tuple(float(s.this_week.completed) for s in squads)),
                    (self.tr("Overdue"), tuple(float(s.this_week.overdue) for s in squads)),
                ),
            )
        )
        levels = tuple(
            header_text(column)
            for column in (Column.LEVEL_1, Column.LEVEL_2, Column.LEVEL_3, Column.LEVEL_4)
        )
        this, last = bulletin.total.this_week, bulletin.total.last_week
        self.level_chart.set_data(
            ChartData(
                self.tr("Escalations by level"),
                levels,
                (
                    (self.tr("This week"), tuple(float(n) for n in this.escalations)),
                    (self.tr("Last week"), tuple(float(n) for n in last.escalations)),
                ),
            )
        )

    # --- saving --------------------------------------------------------------------------

    def choose_pdf_path(self, suggested: str) -> Path | None:
        """Asks where to save; the dialog itself confirms replacing an existing file."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the bulletin as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save_pdf(self) -> None:
        bulletin = self.bulletin
        if bulletin is None:
            return
        suggested = f"bulletin-{bulletin.week}"
        if bulletin.squad_scope:
            suggested += f"-{bulletin.squad_scope}"
        path = self.choose_pdf_path(str(Path.home() / f"{suggested}.pdf"))
        if path is None:
            return

        def work() -> Path:
            save_pdf(render_bulletin_pdf(bulletin), path, overwrite=True)
            return path

        self._inline.submit(work, self._saved, self._save_failed)

    def _saved(self, path: Path) -> None:
        self._say(self.tr("Saved to %1").replace("%1", str(path)), error=False)
        self.sig_saved.emit(path)

    def _save_failed(self, error: Exception) -> None:
        if not isinstance(error, (DomainError, OSError)):
            report_unexpected(error)
            return
        self._say(self.tr("The PDF could not be saved: %1").replace("%1", str(error)))

    def shutdown(self) -> None:
        self._generation += 1  # an answer still on its way is dropped
        self._inline.shutdown()


def make(context: WindowContext, parent: QWidget) -> QWidget:
    section = DashboardSection(context, parent)
    section.refresh()
    return section


SECTION = Section(
    key="bulletin",
    title=lambda: QCoreApplication.translate("DashboardSection", "Bulletin"),
    roles=frozenset({Role.SUPERVISOR, Role.LEAD}),
    make=make,
)
