"""Pausing a task's deadline clock, or resuming it: a small dialog that checks the rules as the
lead types (naming the rule that refuses) and saves in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.clock_pauses import (
    PAUSE_REASONS,
    ClockPauseRefused,
    check_may_pause,
    end_pause,
    open_pause,
    start_pause,
)
from fieldapp.domain.enums import Role
from fieldapp.domain.errors import DomainError
from fieldapp.services.assignment_detail import AssignmentPage
from fieldapp.services.clock_pauses import ClockView, pause_clock, resume_clock
from fieldapp.ui.assignment_page_widgets import RuleLine, from_date, to_date
from fieldapp.ui.background import BackgroundRunner, report_unexpected
from fieldapp.ui.clock_pause_labels import explain_pause, reason_basis, reason_label
from fieldapp.ui.record_dialog import RecordDialog


class ClockPauseDialog(RecordDialog):
    """``resume`` False: start a pause; True: end the open one. sig_recorded: ClockChanged."""

    def __init__(
        self,
        engine: Engine,
        runner: BackgroundRunner,
        page: AssignmentPage,
        *,
        role: Role,
        squad_code: str | None,
        today: Callable[[], date],
        resume: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("clockResumeDialog" if resume else "clockPauseDialog")
        self._engine, self._role, self._squad, self._today = engine, role, squad_code, today
        self._resume = resume
        self._assignment_id = page.overview.id
        clock = page.overview.clock
        assert clock is not None  # load_page always reads the clock
        self._clock: ClockView = clock
        regno = page.overview.registration_no
        title = self.tr("Resume the clock — %1") if resume else self.tr("Pause the clock — %1")
        self.setWindowTitle(title.replace("%1", regno))
        form = QFormLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(from_date(today()))
        self.reason = QComboBox()
        self.basis = QLabel()
        self.basis.setObjectName("pauseBasis")
        self.basis.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("pauseNote")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("e.g. the number of the ruling or decision"))
        if resume:
            current = open_pause(clock.stored)
            since = QLabel()
            since.setObjectName("pauseSince")
            if current is not None:
                since.setText(
                    self.tr("since %1 — %2")
                    .replace("%1", current.start.isoformat())
                    .replace("%2", reason_label(current.reason))
                )
            form.addRow(self.tr("Paused:"), since)
            self.day.setAccessibleName(self.tr("Last paused day"))
            form.addRow(self.tr("&Last paused day:"), self.day)
        else:
            for reason in PAUSE_REASONS:
                self.reason.addItem(reason_label(reason.code), reason.code)
            self.reason.setAccessibleName(self.tr("Reason"))
            self.day.setAccessibleName(self.tr("First paused day"))
            form.addRow(self.tr("&First paused day:"), self.day)
            form.addRow(self.tr("&Reason:"), self.reason)
            form.addRow(self.tr("Legal basis:"), self.basis)
            form.addRow(self.tr("&Note:"), self.note)
        self.rule = RuleLine()
        self.rule.setAccessibleName(self.tr("What stops the change"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        self.save_button.setText(self.tr("&Resume") if resume else self.tr("&Pause"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rule)
        layout.addWidget(buttons)
        self.day.dateChanged.connect(self.update_check)
        self.reason.currentIndexChanged.connect(self.update_check)
        self.note.textChanged.connect(self.update_check)
        self.update_check()

    def problem(self) -> DomainError | None:
        """The first rule the form breaks, checked as the service will check it."""
        clock, today = self._clock, self._today()
        try:
            if clock.unreadable:
                raise ClockPauseRefused("the stored pauses cannot be read", reason="unreadable")
            check_may_pause(self._role, self._squad, clock.task)
            if self._resume:
                end_pause(clock.stored, end=to_date(self.day.date()), today=today)
            else:
                start_pause(
                    clock.stored,
                    start=to_date(self.day.date()),
                    reason=self.reason.currentData(),
                    note=self.note.text(),
                    clock=clock.task,
                    today=today,
                )
        except DomainError as error:
            return error
        return None

    def update_check(self) -> None:
        code = self.reason.currentData()
        if isinstance(code, str):
            basis = reason_basis(code)
            self.basis.setText(basis or self.tr("court practice (no statutory provision)"))
        problem = self.problem()
        self.rule.setText(explain_pause(problem) if problem else "")
        self.save_button.setEnabled(problem is None and not self._saving)

    def save(self) -> None:
        if self._saving or self.problem() is not None:
            self.update_check()
            return
        engine, assignment_id = self._engine, self._assignment_id
        role, squad, today = self._role, self._squad, self._today()
        day = to_date(self.day.date())
        if self._resume:
            self._submit(
                lambda: resume_clock(
                    engine, assignment_id, end=day, role=role, squad_code=squad, today=today
                )
            )
            return
        reason, note = str(self.reason.currentData()), self.note.text()
        self._submit(
            lambda: pause_clock(
                engine,
                assignment_id,
                start=day,
                reason=reason,
                note=note,
                role=role,
                squad_code=squad,
                today=today,
            )
        )

    def _refused(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not isinstance(error, DomainError):
            report_unexpected(error)
            return
        self.rule.setText(explain_pause(error))
