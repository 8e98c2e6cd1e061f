"""What the visit and asset-control dialogs share: saving in the background, the refusal shown
under the form, and no closing while a save is under way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import DomainError
from fieldapp.ui.assignment_page_labels import explain
from fieldapp.ui.assignment_page_widgets import RuleLine
from fieldapp.ui.background import BackgroundRunner, report_unexpected


class RecordDialog(QDialog):
    """Subclasses build ``rule`` and their form, lay them out with :meth:`_lay_out_form` and
    call :meth:`_submit` from save()."""

    sig_recorded = Signal(object)  # what the service returned

    buttons: QDialogButtonBox
    save_button: QPushButton
    rule: RuleLine

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._saving = False
        self.recorded: Any = None

    def _lay_out_form(self, form: QFormLayout) -> None:
        """The form, the rule that stops the record under it, then Save and Cancel."""
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rule)
        layout.addWidget(self.buttons)

    def _submit(self, work: Callable[[], object]) -> None:
        self._saving = True
        self.save_button.setEnabled(False)
        self._runner.submit(work, self._saved, self._refused)

    def reject(self) -> None:
        # Cancel/Esc while the save runs would leave the page unrefreshed and the officer
        # unsure whether the record was written: the save answers within moments, wait for it.
        if self._saving:
            return
        super().reject()

    def _saved(self, recorded: object) -> None:
        self._saving = False
        self.recorded = recorded
        self.sig_recorded.emit(recorded)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not isinstance(error, DomainError):
            report_unexpected(error)
            return
        self.rule.setText(explain(error))
