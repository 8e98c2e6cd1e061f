"""Recording asset control: seal, seize, freeze, renew or release one asset.

The identifiers asked for follow the kind of asset; the expiry the legal period gives, with the
days left, and the first problem or statutory rule that refuses the record update as the
officer types. Saving runs in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.domain.errors import DomainError
from fieldapp.domain.field_records import IDENTIFIER_FIELDS, MEASURES_FOR_KIND, split_names
from fieldapp.domain.legal_periods import period_for
from fieldapp.services.actor import Actor
from fieldapp.services.asset_controls import (
    ControlInput,
    PreviousControl,
    RecordedControl,
    control_problems,
    expiry,
    record_control,
)
from fieldapp.services.assignment_detail import AssignmentPage
from fieldapp.services.changes import OutboxSink
from fieldapp.storage.types import utcnow
from fieldapp.ui.assignment_page_labels import days_left_text, explain, field_label, label
from fieldapp.ui.assignment_page_widgets import (
    OK_STYLE,
    Checklist,
    NamesEdit,
    RuleLine,
    from_date,
    to_date,
)
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.record_dialog import RecordDialog

FOLLOW_UPS = (ControlMeasure.RENEW, ControlMeasure.RELEASE)


class AssetControlDialog(RecordDialog):
    """sig_recorded carries the RecordedControl."""

    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        runner: BackgroundRunner,
        page: AssignmentPage,
        *,
        today: Callable[[], date],
        now: Callable[[], datetime] = utcnow,
        measure: ControlMeasure = ControlMeasure.SEAL,
        previous_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("assetControlDialog")
        self._engine, self._actor = engine, actor
        self._today, self._now = today, now
        self._assignment_id = page.overview.id
        self._previous = {c.id: c for c in page.open_controls}
        self._id_edits: dict[str, QLineEdit] = {}
        self._months_kind: AssetKind | None = None
        self.recorded: RecordedControl | None = None
        self.setWindowTitle(
            self.tr("Asset control — %1").replace("%1", page.overview.registration_no)
        )
        self._build(page)
        self.measure.setCurrentIndex(self.measure.findData(measure.value))
        if previous_id is not None:
            self.previous.setCurrentIndex(max(0, self.previous.findData(previous_id)))
        self._measure_changed()
        self._connect()
        self.update_check()

    # --- building ---------------------------------------------------------------------------

    def _build(self, page: AssignmentPage) -> None:
        self.measure = QComboBox()
        for measure in ControlMeasure:
            self.measure.addItem(label(measure), measure.value)
        self.measure.setAccessibleName(self.tr("Measure"))
        self.previous = QComboBox()
        self.previous.setAccessibleName(self.tr("Earlier measure to renew or release"))
        for control in page.open_controls:
            expires = control.expires_on.isoformat() if control.expires_on else ""
            text = (
                f"{label(control.measure)} · {label(control.asset_kind)} · "
                f"{control.asset_description[:40]} · {expires}"
            )
            self.previous.addItem(text, control.id)
        self.kind = QComboBox()
        for kind in AssetKind:
            self.kind.addItem(label(kind), kind.value)
        self.kind.setAccessibleName(self.tr("Kind of asset"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(70)
        self.description.setAccessibleName(self.tr("Asset description"))
        self.location = QLineEdit()
        self.location.setAccessibleName(self.tr("Where the asset is"))
        self.ruling_no = QLineEdit()
        self.ruling_no.setAccessibleName(self.tr("Ruling no."))
        self.ruling_no.setPlaceholderText("（2026）黔01执1234号之一")
        self.assisting_body = QLineEdit()
        self.assisting_body.setAccessibleName(self.tr("Assisting body"))
        self.custodian = QLineEdit()
        self.custodian.setAccessibleName(self.tr("Custodian"))
        self.seal_numbers = QLineEdit()
        self.seal_numbers.setAccessibleName(self.tr("Seal numbers"))
        self.seal_numbers.setPlaceholderText(self.tr("Separated by 、"))
        self.effective_on = QDateEdit(from_date(self._today()))
        self.effective_on.setCalendarPopup(True)
        self.effective_on.setDisplayFormat("yyyy-MM-dd")
        self.effective_on.setAccessibleName(self.tr("Effective on"))
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setSuffix(self.tr(" months"))
        self.months.setAccessibleName(self.tr("Period in months"))
        self.officers = Checklist()
        self.officers.setAccessibleName(self.tr("Officers carrying out the measure"))
        on_task = {person.id for person in page.overview.officers}
        for person in page.squad_officers:
            self.officers.add(person.id, person.name, person.id in on_task)
        self.persons_present = NamesEdit()
        self.persons_present.setAccessibleName(self.tr("Persons present"))
        self.persons_present.setPlaceholderText(self.tr("One a line, or separated by 、"))
        self.expiry = QLabel()
        self.expiry.setObjectName("expiryLine")
        self.expiry.setWordWrap(True)
        # Beside its row label, not centred in the spare height the form gives it.
        self.expiry.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.expiry.setAccessibleName(self.tr("Expiry and days left"))
        self.rule = RuleLine()
        self.rule.setAccessibleName(self.tr("What stops the record"))

        form = QFormLayout()
        form.addRow(self.tr("&Measure:"), self.measure)
        self.previous_label = QLabel(self.tr("&Earlier measure:"))
        self.previous_label.setBuddy(self.previous)
        form.addRow(self.previous_label, self.previous)
        form.addRow(self.tr("&Kind of asset:"), self.kind)
        form.addRow(self.tr("&Description:"), self.description)
        # The identifiers of the chosen kind go in rows of their own from here on.
        self._form = form
        self._id_row = form.rowCount()
        form.addRow(self.tr("Lo&cation:"), self.location)
        form.addRow(self.tr("&Ruling no.:"), self.ruling_no)
        form.addRow(self.tr("&Assisting body:"), self.assisting_body)
        form.addRow(self.tr("C&ustodian:"), self.custodian)
        form.addRow(self.tr("&Seal numbers:"), self.seal_numbers)
        form.addRow(self.tr("E&ffective on:"), self.effective_on)
        form.addRow(self.tr("&Period:"), self.months)
        form.addRow(self.tr("&Officers:"), self.officers)
        form.addRow(self.tr("Persons prese&nt:"), self.persons_present)
        form.addRow(self.tr("Expires:"), self.expiry)
        self._lay_out_form(form)
        self.resize(640, 780)

    def _connect(self) -> None:
        self.measure.currentIndexChanged.connect(self._measure_changed)
        self.previous.currentIndexChanged.connect(self._measure_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (
            self.location,
            self.ruling_no,
            self.assisting_body,
            self.custodian,
            self.seal_numbers,
        ):
            edit.textChanged.connect(self.update_check)
        self.description.textChanged.connect(self.update_check)
        self.persons_present.textChanged.connect(self.update_check)
        self.effective_on.dateChanged.connect(self.update_check)
        self.months.valueChanged.connect(self.update_check)
        self.officers.sig_changed.connect(self.update_check)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)

    def _chosen_previous(self) -> PreviousControl | None:
        if ControlMeasure(self.measure.currentData()) not in FOLLOW_UPS:
            return None
        return self._previous.get(str(self.previous.currentData()))

    def _measure_changed(self) -> None:
        follow_up = ControlMeasure(self.measure.currentData()) in FOLLOW_UPS
        self.previous.setVisible(follow_up)
        self.previous_label.setVisible(follow_up)
        previous = self._chosen_previous()
        self.kind.setEnabled(previous is None)
        if previous is not None:
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(previous.asset_kind.value))
            self.kind.blockSignals(False)
            self._fill_from(previous)
        self._kind_changed()

    def _fill_from(self, previous: PreviousControl) -> None:
        self._rebuild_identifiers(previous.asset_kind)
        self.description.setPlainText(previous.asset_description)
        for key, edit in self._id_edits.items():
            edit.setText(previous.identifiers.get(key, ""))
        self.location.setText(previous.location)
        self.assisting_body.setText(previous.assisting_body)
        self.custodian.setText(previous.custodian)
        self.seal_numbers.setText("、".join(previous.seal_numbers))

    def _kind_changed(self) -> None:
        kind = AssetKind(self.kind.currentData())
        if set(self._id_edits) != {spec.key for spec in IDENTIFIER_FIELDS[kind]}:
            self._rebuild_identifiers(kind)
        measure = ControlMeasure(self.measure.currentData())
        if kind is not self._months_kind:
            # A new kind starts at its legal maximum; the officer may shorten it.
            self._months_kind = kind
            self.months.setValue(period_for(kind).max_months)
        self.months.setEnabled(measure is not ControlMeasure.RELEASE)
        self.effective_on.setEnabled(measure is not ControlMeasure.RENEW)
        self.update_check()

    def _rebuild_identifiers(self, kind: AssetKind) -> None:
        for _ in self._id_edits:
            self._form.removeRow(self._id_row)
        self._id_edits = {}
        for row, spec in enumerate(IDENTIFIER_FIELDS[kind], start=self._id_row):
            edit = QLineEdit()
            name = field_label(spec.key)
            edit.setAccessibleName(name)
            edit.setObjectName(f"identifier_{spec.key}")
            edit.textChanged.connect(self.update_check)
            marker = " *" if spec.required else (" †" if spec.one_of else "")
            self._form.insertRow(row, f"{name}{marker}:", edit)
            self._id_edits[spec.key] = edit

    def identifier_edit(self, key: str) -> QLineEdit:
        return self._id_edits[key]

    # --- the record -------------------------------------------------------------------------

    def control_input(self) -> ControlInput:
        measure = ControlMeasure(self.measure.currentData())
        kind = AssetKind(self.kind.currentData())
        return ControlInput(
            asset_kind=kind,
            measure=measure,
            effective_on=to_date(self.effective_on.date()),
            ruling_no=self.ruling_no.text(),
            asset_description=self.description.toPlainText(),
            identifiers={key: edit.text() for key, edit in self._id_edits.items()},
            location=self.location.text(),
            assisting_body=self.assisting_body.text(),
            period_months=self.months.value() if measure is not ControlMeasure.RELEASE else None,
            custodian=self.custodian.text(),
            seal_numbers=split_names(self.seal_numbers.text()),
            officer_ids=self.officers.checked_ids(),
            persons_present=self.persons_present.names(),
            previous=self._chosen_previous(),
        )

    def update_check(self) -> None:
        control = self.control_input()
        today = self._today()
        try:
            due = expiry(control, today=today)
        except DomainError:
            self.expiry.setText("")
        else:
            if due.expires_on is None:
                self.expiry.setText(self.tr("Released: no expiry"))
            else:
                if control.measure is ControlMeasure.RENEW:
                    # A renewal runs on from the day after the earlier expiry.
                    self.effective_on.blockSignals(True)
                    self.effective_on.setDate(from_date(due.effective_on))
                    self.effective_on.blockSignals(False)
                text = self.tr("%1 (%2), counted from %3 — %4")
                self.expiry.setText(
                    text.replace("%1", due.expires_on.isoformat())
                    .replace("%2", days_left_text(due.days_left))
                    .replace("%3", due.effective_on.isoformat())
                    .replace("%4", due.basis)
                )
                self.expiry.setStyleSheet(OK_STYLE)
        problems = control_problems(control, today=today)
        self.rule.setText(explain(problems[0]) if problems else "")
        self.save_button.setEnabled(not problems and not self._saving)
        self._hint_measures(AssetKind(self.kind.currentData()))

    def _hint_measures(self, kind: AssetKind) -> None:
        allowed = " / ".join(label(m) for m in ControlMeasure if m in MEASURES_FOR_KIND[kind])
        self.kind.setToolTip(self.tr("First measure for this kind: %1").replace("%1", allowed))

    def save(self) -> None:
        """Record the event in the background; a refusal shows its rule and keeps the form."""
        control, today = self.control_input(), self._today()
        if self._saving or control_problems(control, today=today):
            self.update_check()
            return
        engine, actor, assignment_id, now = (
            self._engine,
            self._actor,
            self._assignment_id,
            self._now(),
        )
        self._submit(
            lambda: record_control(
                engine,
                assignment_id,
                control,
                actor=actor,
                now=now,
                today=today,
                changes=OutboxSink(),
            )
        )
