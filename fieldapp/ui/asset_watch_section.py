"""The "Asset watch" section: every seal, seizure and freeze in force with its days left,
coloured by reminder band, filtered by measure and squad; Ctrl+R drafts the renewal of the
selected one (the renewal ruling and the notice to assist) and shows the documents."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import ControlMeasure, Role
from fieldapp.domain.errors import DomainError
from fieldapp.services.asset_renewal import Renewal as RenewalResult
from fieldapp.services.asset_renewal import RenewalPlan, check_renewal, renew
from fieldapp.services.asset_watch import WatchedControl, squads_watched, watch_list
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.changes import OutboxSink
from fieldapp.storage.types import utcnow
from fieldapp.ui.asset_watch_model import (
    MEASURE_LABELS,
    AssetWatchModel,
    Column,
    counts_by_band,
)
from fieldapp.ui.asset_watch_renewal import RenewalDocumentsDialog
from fieldapp.ui.background import InlineRunner
from fieldapp.ui.sections import Section, WindowContext

WARNING_STYLE = "color: #c62828;"
FILTER_MEASURES = (ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE)


class AssetWatchSection(QWidget):
    # No int or bool arguments (see ui/background.py on PySide6 6.12).
    sig_rows_loaded = Signal()
    sig_renewed = Signal(object)  # the Renewal
    sig_refused = Signal(object)  # the message

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assetWatchSection")
        self._context = context
        self._inline = InlineRunner(self)  # renewal makes PDFs: GUI thread, see background.py
        self._generation = 0
        self.dialog: RenewalDocumentsDialog | None = None
        self.model = AssetWatchModel(self)
        self._loaded_once = False
        self._build()

    def showEvent(self, event: QShowEvent) -> None:
        # The window makes a section when it is first shown and does not load it: load here.
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.measure_filter = QComboBox()
        self.measure_filter.setAccessibleName(self.tr("Filter by measure"))
        self.measure_filter.addItem(self.tr("All measures"), None)
        for measure in FILTER_MEASURES:
            label = QCoreApplication.translate("AssetWatchModel", MEASURE_LABELS[measure])
            self.measure_filter.addItem(label, measure.value)
        self.squad_filter = QComboBox()
        self.squad_filter.setAccessibleName(self.tr("Filter by squad"))
        self.squad_filter.addItem(self.tr("All squads"), None)
        measure_label = QLabel(self.tr("&Measure:"))
        measure_label.setBuddy(self.measure_filter)
        squad_label = QLabel(self.tr("S&quad:"))
        squad_label.setBuddy(self.squad_filter)
        self.measure_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.squad_filter.currentIndexChanged.connect(lambda _index: self.refresh())

        self.action_renew = QAction(self.tr("Draft &renewal…"), self)
        self.action_renew.setShortcut(QKeySequence("Ctrl+R"))
        self.action_renew.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_renew.triggered.connect(self.draft_renewal)
        self.addAction(self.action_renew)
        self.renew_button = QPushButton(self.tr("Draft &renewal…"))
        self.renew_button.setAccessibleName(self.tr("Draft renewal"))
        self.renew_button.setToolTip(
            self.tr("Issue the renewal ruling and the notice to assist for the selected control")
            + " (Ctrl+R)"
        )
        self.renew_button.clicked.connect(self.action_renew.trigger)
        if self._context.role is Role.SUPERVISOR:
            # Supervisors read; the central store refuses their changes.
            self.action_renew.setEnabled(False)
            self.renew_button.setEnabled(False)
            self.renew_button.setToolTip(self.tr("A squad lead or an officer drafts renewals."))

        self.summary = QLabel()
        self.summary.setObjectName("assetWatchSummary")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("assetWatchMessage")

        self.table = QTableView()
        self.table.setObjectName("assetWatchTable")
        self.table.setAccessibleName(self.tr("Assets under control"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DAYS_LEFT.value, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.ASSET.value, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.DAYS_LEFT, 110),
            (Column.EXPIRES_ON, 100),
            (Column.MEASURE, 70),
            (Column.CASE_NUMBER, 230),
            (Column.TASK, 130),
            (Column.SQUAD, 170),  # by name: 第四外勤组（财产控制组）
            (Column.RENEWALS, 70),
        ):
            self.table.setColumnWidth(column.value, width)
        self.table.doubleClicked.connect(self._open_task)

        filters = QHBoxLayout()
        for widget in (measure_label, self.measure_filter, squad_label, self.squad_filter):
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.summary, 1)
        filters.addWidget(self.renew_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    # --- loading -------------------------------------------------------------------------

    def chosen_measure(self) -> ControlMeasure | None:
        value = self.measure_filter.currentData()
        return ControlMeasure(value) if value else None

    def chosen_squad(self) -> str | None:
        value = self.squad_filter.currentData()
        return str(value) if value else None

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        engine, today = self._context.engine, self._context.today()
        measure, squad = self.chosen_measure(), self.chosen_squad()

        def work() -> tuple[list[WatchedControl], list[str], dict[str, str]]:
            return (
                watch_list(engine, today, measure=measure, squad_code=squad),
                squads_watched(engine),
                AssignmentViews(engine).squad_names(),
            )

        self._context.runner.submit(
            work, lambda result: self._loaded(generation, *result), self._load_failed
        )

    def _loaded(
        self,
        generation: int,
        rows: list[WatchedControl],
        squads: list[str],
        squad_names: dict[str, str],
    ) -> None:
        if generation != self._generation:
            return
        self.model.set_squad_names(squad_names)
        self._set_squads(squads)
        selected = self.selected_control()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_control(selected.control_id)
        counts = counts_by_band(rows)
        self.summary.setText(
            self.tr("%1 in force · expired %2 · within 7 days %3 · 30 days %4 · 90 days %5")
            .replace("%1", str(len(rows)))
            .replace("%2", str(counts[-1]))
            .replace("%3", str(counts[7]))
            .replace("%4", str(counts[30]))
            .replace("%5", str(counts[90]))
        )
        self.sig_rows_loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        self._say(self.tr("The watch list could not be loaded: %1").replace("%1", str(error)))

    def _set_squads(self, squads: list[str]) -> None:
        known = [
            (self.squad_filter.itemData(i), self.squad_filter.itemText(i))
            for i in range(1, self.squad_filter.count())
        ]
        if known == [(code, self.model.squad_name(code)) for code in squads]:
            return
        chosen = self.chosen_squad()
        self.squad_filter.blockSignals(True)
        while self.squad_filter.count() > 1:
            self.squad_filter.removeItem(1)
        for code in squads:
            self.squad_filter.addItem(self.model.squad_name(code), code)
        if chosen is not None:
            index = self.squad_filter.findData(chosen)
            self.squad_filter.setCurrentIndex(max(index, 0))
        self.squad_filter.blockSignals(False)

    # --- selection -----------------------------------------------------------------------

    def selected_control(self) -> WatchedControl | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_control(self, control_id: str) -> bool:
        row = self.model.row_of(control_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _open_task(self) -> None:
        control = self.selected_control()
        if control is not None and control.assignment_id:
            self._context.open_assignment(control.assignment_id)

    # --- renewal -------------------------------------------------------------------------

    def draft_renewal(self) -> None:
        if not self.action_renew.isEnabled():
            return
        control = self.selected_control()
        if control is None:
            self._say(self.tr("Select the control to renew."))
            return
        engine, today = self._context.engine, self._context.today()
        # The rules read the chain of renewals from the database: off the GUI thread.
        self._context.runner.submit(
            lambda: check_renewal(engine, control.control_id, today=today),
            partial(self._checked, control),
            partial(self._renewal_failed, control),
        )

    def _checked(self, control: WatchedControl, plan: RenewalPlan) -> None:
        if not self.confirm(control, plan):
            return
        engine, actor, blobs = self._context.engine, self._context.actor, self._context.blobs_dir
        now = utcnow()

        def work() -> RenewalResult:
            return renew(
                engine, control.control_id, actor=actor, now=now, changes=OutboxSink(),
                blobs_dir=blobs,
            )  # fmt: skip

        self._inline.submit(work, self._renewed, partial(self._renewal_failed, control))

    def confirm(self, control: WatchedControl, plan: RenewalPlan) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Draft renewal"),
            self.tr(
                "Renew the control of %1 from %2 until %3?\n\nThis issues the renewal ruling "
                "and the notice to assist (two document numbers of case %4) and records the "
                "renewal."
            )
            .replace("%1", control.asset_description)
            .replace("%2", plan.effective_on.isoformat())
            .replace("%3", plan.expires_on.isoformat())
            .replace("%4", control.case_number),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _renewed(self, result: RenewalResult) -> None:
        self._say(
            self.tr("Renewed until %1: %2, %3")
            .replace("%1", result.plan.expires_on.isoformat())
            .replace("%2", result.ruling.document_number)
            .replace("%3", result.assistance.document_number),
            warning=False,
        )
        self.dialog = RenewalDocumentsDialog(result, self)
        self.dialog.open()
        self.sig_renewed.emit(result)
        self.refresh()

    def _renewal_failed(self, control: WatchedControl, error: Exception) -> None:
        # `control` is the one the renewal was asked for: the selection may have moved since.
        if isinstance(error, DomainError):
            self._refuse(self.refusal_text(error, control))
        else:
            self._refuse(str(error))

    def refusal_text(self, error: DomainError, control: WatchedControl) -> str:
        """The reason in the interface's language; the service's English as a fallback."""
        expires = control.expires_on.isoformat() if control.expires_on else "—"
        texts = {
            "renewal_refused.expired": self.tr(
                "it expired on %1. A lapsed control cannot be renewed: the asset must be "
                "sealed, seized or frozen anew."
            ).replace("%1", expires),
            "renewal_refused.renewed": self.tr(
                "it was already renewed; renew its latest renewal instead (refresh the list)."
            ),
            "renewal_refused.released": self.tr(
                "the asset was released; a released control cannot be renewed."
            ),
            "renewal_refused.not_found": self.tr(
                "this control is no longer on this laptop; refresh the list."
            ),
            "renewal_refused.not_a_control": self.tr("this record is a release, not a control."),
            "renewal_refused.no_expiry": self.tr(
                "no expiry date is recorded for it, so the renewal cannot be dated."
            ),
            "renewal_refused.broken_chain": self.tr(
                "it continues a control that is not on this laptop; sync, then try again."
            ),
            "notice_numbers_exhausted": self.tr(
                "no document number is left for this case; sync to lease more."
            ),
        }
        return texts.get(error.code, error.message)

    def _refuse(self, message: str) -> None:
        self._say(self.tr("Cannot renew: %1").replace("%1", message))
        self.sig_refused.emit(message)

    def _say(self, text: str, *, warning: bool = True) -> None:
        self.message.setStyleSheet(WARNING_STYLE if warning else "")
        self.message.setText(text)

    def shutdown(self) -> None:
        self._inline.shutdown()
        if self.dialog is not None:
            self.dialog.close()


def _make(context: WindowContext, parent: QWidget) -> QWidget:
    return AssetWatchSection(context, parent)


def _title() -> str:
    return QCoreApplication.translate("AssetWatchSection", "Asset watch")


SECTION = Section(
    "asset_watch",
    _title,
    frozenset({Role.SUPERVISOR, Role.LEAD, Role.OFFICER}),
    _make,
)
