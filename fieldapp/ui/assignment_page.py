"""The assignment page (DESIGN §4b): one field task with tabs Overview, Visits, Evidence, Asset
control, Notices & service and History, beside the current section.

Everything it shows is read in the background (one read service, plain rows); recording opens
a dialog, and when the dialog has recorded, the page reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.clock_pauses import PAUSING_ROLES, ClockPauseRefused, check_may_pause
from fieldapp.domain.enums import ControlMeasure
from fieldapp.notices.templates import default_library
from fieldapp.services.assignment_detail import AssignmentNotFound, AssignmentPage, load_page
from fieldapp.services.notices_issue import prepare
from fieldapp.storage.types import utcnow
from fieldapp.ui.asset_control_dialog import AssetControlDialog
from fieldapp.ui.assignment_page_labels import days_left_text
from fieldapp.ui.assignment_page_lists import ControlsTab, HistoryTab, NoticesTab, VisitsTab
from fieldapp.ui.assignment_page_overview import OVERDUE_STYLE, OverviewTab
from fieldapp.ui.background import report_unexpected
from fieldapp.ui.clock_pause_dialog import ClockPauseDialog
from fieldapp.ui.clock_pause_labels import explain_pause
from fieldapp.ui.evidence_tab import EvidenceTab
from fieldapp.ui.labels import matter_label, status_label
from fieldapp.ui.notice_dialog import NoticeDialog
from fieldapp.ui.record_rights_labels import creation_refusal
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.service_dialog import ServiceDialog
from fieldapp.ui.visit_dialog import VisitDialog

D = TypeVar("D", bound=QDialog)


class AssignmentPageView(QWidget):
    """Shows one assignment; ``open(id)`` loads it, ``refresh()`` loads it again."""

    sig_loaded = Signal(object)  # the AssignmentPage
    sig_not_found = Signal(str)  # the id this laptop does not know

    def __init__(
        self,
        context: WindowContext,
        *,
        now: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignmentPage")
        self.setAccessibleName(self.tr("Field task"))
        self._context, self._now = context, now
        self._assignment_id: str | None = None
        self._generation = 0
        self.page: AssignmentPage | None = None
        self.dialog: QDialog | None = None

        self.heading = QLabel(self.tr("No task opened. Double-click a task to open it."))
        self.heading.setObjectName("assignmentHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.due = QLabel()
        self.due.setObjectName("assignmentDue")
        self.overview = OverviewTab(self)
        self.visits = VisitsTab(self)
        self.evidence = EvidenceTab(
            context.engine, context.actor, context.blobs_dir, context.runner, self
        )
        self.controls = ControlsTab(self)
        self.notices = NoticesTab(self)
        self.history = HistoryTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("assignmentTabs")
        self.tabs.setAccessibleName(self.tr("Field task tabs"))
        self.tabs.addTab(self.overview, self.tr("&Overview"))
        self.tabs.addTab(self.visits, self.tr("&Visits"))
        self.tabs.addTab(self.evidence, self.tr("&Evidence"))
        self.tabs.addTab(self.controls, self.tr("&Asset control"))
        self.tabs.addTab(self.notices, self.tr("Notices && &service"))
        self.tabs.addTab(self.history, self.tr("&History"))
        self.tabs.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.due)
        layout.addWidget(self.tabs, 1)

        self.visits.sig_record.connect(self.record_visit)
        self.controls.sig_record.connect(lambda: self.record_control(ControlMeasure.SEAL, None))
        self.controls.sig_follow.connect(self.record_control)
        self.notices.sig_issue.connect(self.issue_notice)
        self.notices.sig_serve.connect(self.record_service)
        self.evidence.sig_captured.connect(lambda _item: self.refresh())
        self.overview.pauses.sig_pause.connect(self.pause_clock)
        self.overview.pauses.sig_resume.connect(self.resume_clock)
        shortcuts = (
            ("Ctrl+Shift+H", self.pause_clock),
            ("Ctrl+Shift+R", self.resume_clock),
            ("Ctrl+Shift+V", self.record_visit),
            ("Ctrl+Shift+A", lambda: self.record_control(ControlMeasure.SEAL, None)),
            ("Ctrl+Shift+O", self.evidence.choose_files),
        )
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._apply_rights()

    def _refusal(self, entity: str) -> str:
        """Why the signed-in role may not create ``entity`` records ("" when it may)."""
        return creation_refusal(self._context.role, entity)

    def _apply_rights(self) -> None:
        # The central store refuses these inserts for some roles (domain.record_rights): the
        # actions are off beforehand rather than rejected at the next sync.
        self.visits.refuse(self._refusal("visit_attempt"))
        self.controls.refuse(self._refusal("asset_control"))
        self.notices.refuse(self._refusal("notice"), self._refusal("service_record"))
        self.evidence.refuse(self._refusal("evidence_item"))

    # --- loading ----------------------------------------------------------------------------

    @property
    def assignment_id(self) -> str | None:
        return self._assignment_id

    def open(self, assignment_id: str) -> None:
        self._assignment_id = assignment_id
        self.evidence.show_assignment(assignment_id)
        self.refresh()

    def refresh(self) -> None:
        if self._assignment_id is None:
            return
        self._generation += 1
        engine, today, assignment_id = (
            self._context.engine,
            self._context.today(),
            self._assignment_id,
        )
        self._context.runner.submit(
            lambda: load_page(engine, assignment_id, today=today),
            partial(self._loaded, self._generation),
            partial(self._failed, self._generation, assignment_id),
        )

    def _loaded(self, generation: int, page: AssignmentPage) -> None:
        if generation != self._generation:
            return
        self.page = page
        task = page.overview
        self.heading.setText(
            f"{task.registration_no}  ·  {matter_label(task.matter)}  ·  {task.party_name}"
            f"  ·  {status_label(task.status)}"
        )
        late = task.days_left is not None and task.days_left < 0
        due = ""
        if task.due_on is not None:
            due = self.tr("Due %1 — %2").replace("%1", task.due_on.isoformat())
            due = due.replace("%2", days_left_text(task.days_left))
        elif task.clock is not None and task.clock.stopped_since is not None:
            since = task.clock.stopped_since.isoformat()
            due = self.tr("Deadline clock paused since %1").replace("%1", since)
        self.due.setText(due)
        self.due.setStyleSheet(OVERDUE_STYLE if late else "")
        self.overview.show_overview(task)
        self.overview.pauses.show_clock(
            task.clock,
            actions=self._context.role in PAUSING_ROLES,
            refusal=self._clock_refusal(),
        )
        self.visits.show_visits(page.visits)
        self.controls.show_controls(page.controls, {c.id for c in page.open_controls})
        self.notices.show_notices(page.notices)
        self.history.show_history(page.history)
        self.tabs.setEnabled(True)
        self.sig_loaded.emit(page)

    def _failed(self, generation: int, assignment_id: str, error: Exception) -> None:
        if generation != self._generation:
            return
        if isinstance(error, AssignmentNotFound):
            self.page = None
            self.tabs.setEnabled(False)
            self.heading.setText(self.tr("This laptop does not hold that task (any more)."))
            self.due.clear()
            self.sig_not_found.emit(assignment_id)
            return
        report_unexpected(error)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()

    # --- recording --------------------------------------------------------------------------

    def _today(self) -> date:
        return self._context.today()

    def record_visit(self) -> VisitDialog | None:
        if self.page is None or self._refusal("visit_attempt"):
            return None
        dialog = VisitDialog(
            self._context.engine,
            self._context.actor,
            self._context.runner,
            self.page,
            now=self._now,
            parent=self,
        )
        return self._show(dialog)

    def record_control(
        self, measure: ControlMeasure, previous_id: str | None
    ) -> AssetControlDialog | None:
        if self.page is None or self._refusal("asset_control"):
            return None
        dialog = AssetControlDialog(
            self._context.engine,
            self._context.actor,
            self._context.runner,
            self.page,
            today=self._today,
            now=self._now,
            measure=measure,
            previous_id=previous_id,
            parent=self,
        )
        return self._show(dialog)

    def _clock_refusal(self) -> str:
        """Why the signed-in person may not change this task's clock; "" when they may."""
        clock = self.page.overview.clock if self.page else None
        if clock is None:
            return ""
        try:
            check_may_pause(self._context.role, self._context.squad_code, clock.task)
        except ClockPauseRefused as error:
            return explain_pause(error)
        return ""

    def pause_clock(self) -> ClockPauseDialog | None:
        return self._clock_dialog(resume=False)

    def resume_clock(self) -> ClockPauseDialog | None:
        return self._clock_dialog(resume=True)

    def _clock_dialog(self, *, resume: bool) -> ClockPauseDialog | None:
        buttons = self.overview.pauses
        button = buttons.resume_button if resume else buttons.pause_button
        # Enabled only for those who may change this task's clock, and only when it applies.
        if self.page is None or not button.isEnabled():
            return None
        self.tabs.setCurrentWidget(self.overview)
        dialog = ClockPauseDialog(
            self._context.engine,
            self._context.runner,
            self.page,
            role=self._context.role,
            squad_code=self._context.squad_code,
            today=self._today,
            resume=resume,
            parent=self,
        )
        return self._show(dialog)

    def issue_notice(self, template_code: str | None = None) -> NoticeDialog | None:
        if self.page is None or self._refusal("notice"):
            return None
        code = template_code or self._choose_template()
        if code is None:
            return None
        draft = prepare(self._context.engine, code, assignment_id=self.page.overview.id)
        dialog = NoticeDialog(
            self._context.engine,
            draft,
            self._context.actor,
            blobs_dir=self._context.blobs_dir,
            parent=self,
        )
        return self._show(dialog)

    def record_service(self, notice_id: str, document_number: str) -> ServiceDialog | None:
        if self.page is None or self._refusal("service_record"):
            return None
        dialog = ServiceDialog(
            self._context.engine, notice_id, document_number, self._context.actor, parent=self
        )
        return self._show(dialog)

    def _choose_template(self) -> str | None:
        templates = list(default_library())
        names = [f"{template.title} ({template.code})" for template in templates]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Notice"), self.tr("Which document:"), names, 0, False
        )
        return templates[names.index(chosen)].code if ok else None

    def _show(self, dialog: D) -> D:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(partial(self._dialog_closed, dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog, result: int) -> None:
        self.dialog = None
        # The notice dialog may have issued before it was closed with Cancel.
        wrote = getattr(dialog, "issued", None) is not None
        if result == QDialog.DialogCode.Accepted.value or wrote:
            self.refresh()
