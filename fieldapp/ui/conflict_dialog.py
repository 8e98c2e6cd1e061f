"""Settling one sync conflict: the laptop's value and the central store's side by side, pick
one or enter another, with a note; the decision is recorded and synced."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.conflict_rules import MAX_NOTE_CHARS, Choice, ConflictRefused
from fieldapp.domain.enums import AssignmentStatus, Matter, Priority
from fieldapp.services.conflicts import ConflictView
from fieldapp.ui import labels

ERROR_STYLE = "color: #b71c1c;"
VALUE_STYLE = "font-size: 13pt; font-weight: bold; padding: 6px;"


def field_label(field: str) -> str:
    names = {
        "priority": QCoreApplication.translate("ConflictTexts", "Priority"),
        "due_on": QCoreApplication.translate("ConflictTexts", "Due date"),
        "officer_id": QCoreApplication.translate("ConflictTexts", "Main officer"),
        "second_officer_id": QCoreApplication.translate("ConflictTexts", "Second officer"),
        "squad_code": QCoreApplication.translate("ConflictTexts", "Squad"),
        "status": QCoreApplication.translate("ConflictTexts", "Status"),
        "matter": QCoreApplication.translate("ConflictTexts", "Matter"),
        "result": QCoreApplication.translate("ConflictTexts", "Result"),
        "notes": QCoreApplication.translate("ConflictTexts", "Notes"),
        "return_reason": QCoreApplication.translate("ConflictTexts", "Reason for return"),
        "address": QCoreApplication.translate("ConflictTexts", "Address"),
        "clock_pauses": QCoreApplication.translate("ConflictTexts", "Deadline pauses"),
    }
    return names.get(field, field)


def value_text(field: str, value: Any, shown: str) -> str:
    """A value as the lead reads it: labels for matters, statuses and priorities."""
    if value is None or value == "":
        return QCoreApplication.translate("ConflictTexts", "(empty)")
    try:
        if field == "matter":
            return labels.matter_label(Matter(value))
        if field == "status":
            return labels.status_label(AssignmentStatus(value))
        if field == "priority":
            return labels.priority_label(Priority(value))
    except ValueError:
        pass
    return shown


def refusal_text(error: ConflictRefused) -> str:
    reason = (error.reason or "").split(".")[-1]
    texts = {
        "role": QCoreApplication.translate(
            "ConflictTexts", "Only the squad lead settles sync conflicts."
        ),
        "resolved": QCoreApplication.translate(
            "ConflictTexts", "This conflict is settled already."
        ),
        "note": QCoreApplication.translate(
            "ConflictTexts", "The note is too long (at most {count} characters)."
        ).format(count=MAX_NOTE_CHARS),
        "not_lead_field": QCoreApplication.translate(
            "ConflictTexts",
            "This field is not the lead's: keep the central store's value and ask its owner to enter it again.",  # noqa: E501
        ),
        "typed": QCoreApplication.translate(
            "ConflictTexts", "Choose one of the two values; this field is not typed."
        ),
        "no_record": QCoreApplication.translate(
            "ConflictTexts", "The task is not on this laptop; sync first."
        ),
        "missing": QCoreApplication.translate(
            "ConflictTexts", "The conflict is not on this laptop; sync first."
        ),
        "too_long": QCoreApplication.translate("ConflictTexts", "The value is too long."),
        "same": QCoreApplication.translate(
            "ConflictTexts", "The main and the second officer would be the same person."
        ),
        "bad_move": QCoreApplication.translate(
            "ConflictTexts", "The task cannot move to that status from the status it has now."
        ),
        "unknown_field": QCoreApplication.translate(
            "ConflictTexts", "This version of the app does not know the field; update it first."
        ),
    }
    if reason == "bad_value":
        return QCoreApplication.translate(
            "ConflictTexts", "The value is not valid: {detail}"
        ).format(detail=error.message)
    return texts.get(reason, error.message)


class ConflictDialog(QDialog):
    """``sig_resolve_requested(choice, edited text, note)``; the window closes the dialog once
    the decision is written, or shows why not."""

    sig_resolve_requested = Signal(str, str, str)

    def __init__(self, conflict: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Settle a sync conflict"))
        self.setAccessibleName(self.tr("Settle a sync conflict"))
        self.conflict = conflict
        heading = QLabel(
            self.tr("{record}: two edits of “{field}” met on the central store.").format(
                record=conflict.record_label, field=field_label(conflict.field)
            ),
            self,
        )
        heading.setWordWrap(True)
        raised = QLocale().toString(
            QDateTime.fromSecsSinceEpoch(int(conflict.raised_at.timestamp())),
            QLocale.FormatType.ShortFormat,
        )
        detail = QLabel(
            self.tr("Raised {when}; the losing edit came from {who}.").format(
                when=raised, who=conflict.raised_by or self.tr("an unknown laptop")
            ),
            self,
        )
        detail.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.device_button = QRadioButton(self.tr("Take the &laptop's value"), self)
        self.device_button.setObjectName("takeDevice")
        self.server_button = QRadioButton(self.tr("&Keep the central store's value"), self)
        self.server_button.setObjectName("keepServer")
        self.edit_button = QRadioButton(self.tr("&Enter another value:"), self)
        self.edit_button.setObjectName("enterValue")
        for button, choice in (
            (self.device_button, Choice.DEVICE),
            (self.server_button, Choice.SERVER),
            (self.edit_button, Choice.EDITED),
        ):
            button.setProperty("choice", choice.value)
            self.choices.addButton(button)
        sides = QGridLayout()
        sides.addWidget(
            self._side(
                self.tr("Sent from the laptop"),
                value_text(conflict.field, conflict.device_value, conflict.device_text),
                self.device_button,
                "deviceValue",
            ),
            0,
            0,
        )
        sides.addWidget(
            self._side(
                self.tr("Kept by the central store"),
                value_text(conflict.field, conflict.server_value, conflict.server_text),
                self.server_button,
                "serverValue",
            ),
            0,
            1,
        )
        self.edited = QLineEdit(self)
        self.edited.setObjectName("editedValue")
        self.edited.setAccessibleName(self.tr("Another value"))
        self.edited.setMaxLength(2000)
        self.edited.setPlaceholderText(self.tr("e.g. 2026-12-01 for a date, 紧急 for a priority"))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("resolutionNote")
        self.note.setAccessibleName(self.tr("Note on the decision"))
        self.note.setPlaceholderText(self.tr("Why (optional): recorded with the decision"))
        self.note.setFixedHeight(70)
        self.owner_label = QLabel(self)
        self.owner_label.setWordWrap(True)
        if not conflict.lead_may_write:
            self.owner_label.setText(
                self.tr(
                    "This field belongs to the officer: the lead can only keep the central "
                    "store's value; the officer enters it again if it is wrong."
                )
            )
            self.device_button.setEnabled(False)
            self.edit_button.setEnabled(False)
        else:
            self.owner_label.hide()
        if not conflict.may_type:
            self.edit_button.setEnabled(False)
            self.edited.setEnabled(False)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("conflictProblem")
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Record decision"))
        self.buttons.accepted.connect(self._request)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(detail)
        layout.addLayout(sides)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.edited)
        layout.addWidget(self.owner_label)
        note_label = QLabel(self.tr("&Note:"), self)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.choices.buttonToggled.connect(lambda *_: self._check())
        self.edited.textChanged.connect(lambda *_: self._check())
        self.note.textChanged.connect(self._check)
        self.edited.textEdited.connect(lambda *_: self.edit_button.setChecked(True))
        self._check()
        self.setMinimumWidth(560)

    @property
    def choice(self) -> Choice | None:
        button = self.choices.checkedButton()
        return None if button is None else Choice(str(button.property("choice")))

    def choose(self, choice: Choice) -> None:
        {
            Choice.DEVICE: self.device_button,
            Choice.SERVER: self.server_button,
            Choice.EDITED: self.edit_button,
        }[choice].setChecked(True)

    def show_refusal(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
        self._check(keep_problem=True)

    def _side(self, title: str, text: str, button: QRadioButton, name: str) -> QGroupBox:
        box = QGroupBox(title, self)
        value = QLabel(text, box)
        value.setObjectName(name)
        value.setWordWrap(True)
        value.setStyleSheet(VALUE_STYLE)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAccessibleName(title)
        column = QVBoxLayout(box)
        column.addWidget(value)
        column.addWidget(button)
        return box

    def _check(self, keep_problem: bool = False) -> None:
        choice = self.choice
        problem = ""
        if len(self.note.toPlainText()) > MAX_NOTE_CHARS:
            problem = self.tr("The note is too long (at most {count} characters).").format(
                count=MAX_NOTE_CHARS
            )
        elif choice is Choice.EDITED and not self.edited.text().strip():
            problem = self.tr("Enter the value, or pick one of the two.")
        if not keep_problem:
            self.problem_label.setText(problem)
            self.problem_label.setVisible(bool(problem))
        self.ok.setEnabled(choice is not None and not problem)

    def _request(self) -> None:
        choice = self.choice
        if choice is None:
            return
        self.ok.setEnabled(False)
        self.sig_resolve_requested.emit(choice.value, self.edited.text(), self.note.toPlainText())
