"""The Assign dialog: the main officer and, where the matter needs two, a second officer."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.assigning import AssignmentRefused, pair_problem
from fieldapp.domain.enums import AssignmentStatus, Matter
from fieldapp.services.assigning import OfficerLoad, Refusal, TasksRefused
from fieldapp.services.assignment_views import AssignmentRow
from fieldapp.ui import labels

ERROR_STYLE = "color: #b71c1c;"
# The dialog lists this many registration numbers, then says how many more.
LISTED_TASKS = 6


def refusal_text(error: AssignmentRefused) -> str:
    """The refusal in the interface language, with the names it is about."""
    d = error.details
    reason = (error.reason or "").split(".")[-1]
    if reason == "role":
        return QCoreApplication.translate("AssignMessages", "Only the squad lead assigns tasks.")
    if reason == "unrouted":
        return QCoreApplication.translate(
            "AssignMessages",
            "The task is not routed to a squad yet; the registrar routes it first.",
        )
    if reason == "other_squad_task":
        return QCoreApplication.translate(
            "AssignMessages",
            "The task belongs to squad {squad}; a lead assigns only their own squad's.",
        ).format(squad=d.get("task_squad", ""))
    if reason == "closed":
        status = d.get("status", "")
        known = status in set(AssignmentStatus)
        label = labels.status_label(AssignmentStatus(status)) if known else status
        return QCoreApplication.translate(
            "AssignMessages", "The task is closed ({status}) and is not assigned again."
        ).format(status=label)
    if reason == "other_squad":
        return QCoreApplication.translate(
            "AssignMessages", "{name} belongs to another squad than the task."
        ).format(name=d.get("name", ""))
    if reason == "same":
        return QCoreApplication.translate(
            "AssignMessages", "{name} cannot be both the main and the second officer."
        ).format(name=d.get("name", ""))
    if reason == "needs_two":
        matter = d.get("matter", "")
        label = labels.matter_label(Matter(matter)) if matter in set(Matter) else matter
        return QCoreApplication.translate(
            "AssignMessages", "{matter} needs at least {count} officers: choose a second officer."
        ).format(matter=label, count=d.get("needed", "2"))
    if reason == "inactive":
        return QCoreApplication.translate("AssignMessages", "{name} is no longer active.").format(
            name=d.get("name", "")
        )
    if reason == "not_officer":
        return QCoreApplication.translate(
            "AssignMessages", "{name} is not a field officer."
        ).format(name=d.get("name", ""))
    if reason == "none":
        return QCoreApplication.translate(
            "AssignMessages", "No task is selected: select the tasks to assign first."
        )
    if reason == "too_many":
        return QCoreApplication.translate("AssignMessages", "Too many tasks at once; assign fewer.")
    if reason in ("unknown", "missing"):
        return QCoreApplication.translate(
            "AssignMessages", "The task or officer is not on this laptop; sync and try again."
        )
    return str(error)


def refused_text(error: TasksRefused | AssignmentRefused) -> str:
    if isinstance(error, AssignmentRefused):
        return refusal_text(error)
    return "\n".join(_one(refusal) for refusal in error.refusals)


def _one(refusal: Refusal) -> str:
    return f"{refusal.registration_no}: {refusal_text(refusal.error)}"


class AssignDialog(QDialog):
    """Choose officers for ``tasks``; ``needed`` is the most officers any of them needs.

    Assign asks (``sig_assign_requested``) and waits: the window closes the dialog when the
    tasks are assigned, or shows why not and leaves it open.
    """

    # main officer id, second officer id or None
    sig_assign_requested = Signal(str, object)

    def __init__(
        self,
        tasks: Sequence[AssignmentRow],
        officers: Sequence[OfficerLoad],
        needed: int,
        *,
        current: tuple[str | None, str | None] = (None, None),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign tasks"))
        self.setAccessibleName(self.tr("Assign tasks"))
        self._needed = needed
        self.tasks_label = QLabel(self._tasks_text(tasks), self)
        self.tasks_label.setObjectName("assignTasks")
        self.tasks_label.setWordWrap(True)
        self.tasks_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.main_combo = QComboBox(self)
        self.main_combo.setObjectName("mainOfficer")
        self.main_combo.setAccessibleName(self.tr("Main officer"))
        self.second_combo = QComboBox(self)
        self.second_combo.setObjectName("secondOfficer")
        self.second_combo.setAccessibleName(self.tr("Second officer"))
        self.main_combo.addItem(self.tr("— choose an officer —"), None)
        self.second_combo.addItem(self.tr("(none)"), None)
        for officer in officers:
            text = self.tr("{name} ({count} open)").format(
                name=officer.name, count=officer.open_count
            )
            self.main_combo.addItem(text, officer.id)
            self.second_combo.addItem(text, officer.id)
        self._select(self.main_combo, current[0])
        self._select(self.second_combo, current[1])
        self.needs_label = QLabel(self)
        self.needs_label.setObjectName("needsTwo")
        self.needs_label.setWordWrap(True)
        if needed >= 2:
            self.needs_label.setText(
                self.tr("The matter needs at least {count} officers on site.").format(count=needed)
            )
        else:
            self.needs_label.hide()
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("assignProblem")
        self.problem_label.setAccessibleName(self.tr("Why the tasks cannot be assigned"))
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Assign"))
        self.buttons.accepted.connect(self._request)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Main officer:"), self.main_combo)
        form.addRow(self.tr("&Second officer:"), self.second_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tasks_label)
        layout.addLayout(form)
        layout.addWidget(self.needs_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.main_combo.currentIndexChanged.connect(self._check)
        self.second_combo.currentIndexChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(440)

    @property
    def main_officer(self) -> str | None:
        value = self.main_combo.currentData()
        return str(value) if value else None

    @property
    def second_officer(self) -> str | None:
        value = self.second_combo.currentData()
        return str(value) if value else None

    def show_refusal(self, text: str) -> None:
        """A refusal from the service (after Assign): shown, the dialog stays open."""
        self.problem_label.setText(text)
        self.problem_label.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _request(self) -> None:
        main = self.main_officer
        if main is None or pair_problem(main, self.second_officer, self._needed):
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.sig_assign_requested.emit(main, self.second_officer)

    def _check(self) -> None:
        problem = pair_problem(self.main_officer, self.second_officer, self._needed)
        texts = {
            "no_officer": self.tr("Choose the main officer."),
            "same": self.tr("The main and the second officer must be two different people."),
            "needs_two": self.tr("Choose a second officer: the matter needs two."),
        }
        text = texts.get(problem or "", "")
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def _tasks_text(self, tasks: Sequence[AssignmentRow]) -> str:
        numbers = [task.registration_no for task in tasks[:LISTED_TASKS]]
        listed = "、".join(numbers)
        if len(tasks) > LISTED_TASKS:
            listed += self.tr(" and {count} more").format(count=len(tasks) - LISTED_TASKS)
        if len(tasks) == 1:
            task = tasks[0]
            return self.tr("Task {number}: {matter}, {party}, {address}").format(
                number=task.registration_no,
                matter=labels.matter_label(task.matter),
                party=task.party_name,
                address=task.address,
            )
        return self.tr("{count} tasks: {numbers}").format(count=len(tasks), numbers=listed)

    @staticmethod
    def _select(combo: QComboBox, value: str | None) -> None:
        if value is None:
            return
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
