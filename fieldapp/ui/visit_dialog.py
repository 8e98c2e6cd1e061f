"""Recording a visit: times, outcome, people, notes and the place with where it came from.

The record is checked as the officer types (the first problem, or the statutory rule that
refuses it, shows under the form and Save waits); saving and the location look-ups run in the
background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimeZone, Signal
from PySide6.QtGui import QDoubleValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.enums import EvidenceKind, LocationSource, Matter, VisitOutcome
from fieldapp.domain.errors import DomainError
from fieldapp.services.actor import Actor
from fieldapp.services.assignment_detail import AssignmentPage
from fieldapp.services.changes import OutboxSink
from fieldapp.services.visit_location import (
    FoundPosition,
    position_from_address,
    position_from_photo,
)
from fieldapp.services.visits import RecordedVisit, VisitInput, record_visit, visit_problems
from fieldapp.storage.types import utcnow
from fieldapp.ui.assignment_page_labels import explain, label, local_time
from fieldapp.ui.assignment_page_widgets import (
    Checklist,
    NamesEdit,
    RuleLine,
    from_utc,
    to_utc,
)
from fieldapp.ui.background import BackgroundRunner, report_unexpected
from fieldapp.ui.labels import matter_label
from fieldapp.ui.record_dialog import RecordDialog


class VisitDialog(RecordDialog):
    """sig_recorded carries the RecordedVisit."""

    sig_located = Signal()  # a location look-up answered (found or not)

    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        runner: BackgroundRunner,
        page: AssignmentPage,
        *,
        now: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("visitDialog")
        self._engine, self._actor, self._now = engine, actor, now
        task = page.overview
        self._assignment_id, self._matter, self._address = task.id, task.matter, task.address
        self._source: LocationSource | None = None
        self.recorded: RecordedVisit | None = None
        self.setWindowTitle(self.tr("Record a visit — %1").replace("%1", task.registration_no))
        self._build(page)
        self._connect()
        self.update_check()

    # --- building ---------------------------------------------------------------------------

    def _build(self, page: AssignmentPage) -> None:
        task = page.overview
        start = from_utc(self._now() - timedelta(minutes=30))
        self.arrived_at = QDateTimeEdit(start)
        self.left_at = QDateTimeEdit(from_utc(self._now()))
        for edit in (self.arrived_at, self.left_at):
            edit.setTimeZone(QTimeZone.utc())  # it holds the court's wall clock: see from_utc
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.arrived_at.setAccessibleName(self.tr("Arrived at"))
        self.left_at.setAccessibleName(self.tr("Left at"))
        self.has_left = QCheckBox(self.tr("&Left"))
        self.has_left.setChecked(True)
        self.has_left.setAccessibleName(self.tr("Departure recorded"))
        self.outcome = QComboBox()
        for outcome in VisitOutcome:
            self.outcome.addItem(label(outcome), outcome.value)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.officers = Checklist()
        self.officers.setAccessibleName(self.tr("Officers on the visit"))
        on_task = {person.id for person in task.officers}
        for person in page.squad_officers:
            self.officers.add(person.id, person.name, person.id in on_task)
        self.persons_present = NamesEdit()
        self.persons_present.setAccessibleName(self.tr("Persons present"))
        self.persons_present.setPlaceholderText(self.tr("One a line, or separated by 、"))
        self.witnesses = NamesEdit()
        self.witnesses.setAccessibleName(self.tr("Witnesses"))
        self.witnesses.setPlaceholderText(self.tr("One a line, or separated by 、"))
        self.warrant_no = QLineEdit()
        self.warrant_no.setAccessibleName(self.tr("Search warrant no."))
        self.media = Checklist()
        self.media.setAccessibleName(self.tr("Photos and videos proving the visit"))
        for item in page.evidence:
            if item.kind in (EvidenceKind.PHOTO, EvidenceKind.VIDEO):
                text = f"{label(item.kind)}  {item.original_name}  {local_time(item.captured_at)}"
                self.media.add(item.id, text)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.lat, self.lon = QLineEdit(), QLineEdit()
        for place_edit, name in ((self.lat, self.tr("Latitude")), (self.lon, self.tr("Longitude"))):
            place_edit.setValidator(QDoubleValidator(-180.0, 180.0, 6, place_edit))
            place_edit.setPlaceholderText(name)
            place_edit.setAccessibleName(name)
        self.source_label = QLabel()
        self.source_label.setObjectName("locationSource")
        self.source_label.setAccessibleName(self.tr("Where the location came from"))
        self.from_photo = QPushButton(self.tr("From a p&hoto…"))
        self.from_address = QPushButton(self.tr("From the a&ddress"))
        self.clear_place = QPushButton(self.tr("Cl&ear"))
        self.rule = RuleLine()
        self.rule.setAccessibleName(self.tr("What stops the visit from being recorded"))

        # Arrival, the dash, "Left" and departure read as one phrase: kept together on the
        # left, the room to spare after them (not spread between them).
        times = QHBoxLayout()
        for widget in (self.arrived_at, QLabel("—"), self.has_left, self.left_at):
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            times.addWidget(widget)
        times.addStretch(1)
        place = QHBoxLayout()
        place.addWidget(self.lat)
        place.addWidget(self.lon)
        place.addWidget(self.from_photo)
        place.addWidget(self.from_address)
        place.addWidget(self.clear_place)
        form = QFormLayout()
        heading = QLabel(
            f"<b>{task.registration_no}</b>  {matter_label(task.matter)}  {task.party_name}"
            f"<br>{task.address}"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(heading)
        when = QLabel(self.tr("&Arrived — left:"))
        when.setBuddy(self.arrived_at)
        form.addRow(when, times)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("O&fficers:"), self.officers)
        form.addRow(self.tr("&Persons present:"), self.persons_present)
        form.addRow(self.tr("&Witnesses:"), self.witnesses)
        if self._matter is Matter.SEARCH:
            form.addRow(self.tr("&Search warrant no.:"), self.warrant_no)
        else:
            self.warrant_no.hide()
        if self.media.count():
            form.addRow(self.tr("Photo/video p&roof:"), self.media)
        else:
            self.media.hide()
        form.addRow(self.tr("&Notes:"), self.notes)
        where = QLabel(self.tr("Lo&cation:"))
        where.setBuddy(self.lat)
        form.addRow(where, place)
        form.addRow("", self.source_label)
        self._lay_out_form(form)
        self.resize(640, 720)

    def _connect(self) -> None:
        for edit in (self.arrived_at, self.left_at):
            edit.dateTimeChanged.connect(self.update_check)
        self.has_left.toggled.connect(self.left_at.setEnabled)
        self.has_left.toggled.connect(self.update_check)
        self.outcome.currentIndexChanged.connect(self.update_check)
        self.officers.sig_changed.connect(self.update_check)
        self.media.sig_changed.connect(self.update_check)
        for box in (self.persons_present, self.witnesses, self.notes):
            box.textChanged.connect(self.update_check)
        self.warrant_no.textChanged.connect(self.update_check)
        self.lat.textEdited.connect(self._typed_place)
        self.lon.textEdited.connect(self._typed_place)
        self.from_photo.clicked.connect(self.choose_photo)
        self.from_address.clicked.connect(self.locate_by_address)
        self.clear_place.clicked.connect(self.clear_location)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)

    # --- the record -------------------------------------------------------------------------

    def visit_input(self) -> VisitInput:
        lat, lon = _number(self.lat.text()), _number(self.lon.text())
        return VisitInput(
            arrived_at=to_utc(self.arrived_at.dateTime()),
            left_at=to_utc(self.left_at.dateTime()) if self.has_left.isChecked() else None,
            outcome=VisitOutcome(self.outcome.currentData()),
            officer_ids=self.officers.checked_ids(),
            persons_present=self.persons_present.names(),
            witnesses=self.witnesses.names(),
            notes=self.notes.toPlainText(),
            lat=lat,
            lon=lon,
            location_source=self._source if lat is not None or lon is not None else None,
            warrant_no=self.warrant_no.text(),
            media_evidence_ids=self.media.checked_ids(),
        )

    def problems(self) -> list[DomainError]:
        return visit_problems(self.visit_input(), matter=self._matter, now=self._now())

    def update_check(self) -> None:
        problems = self.problems()
        self.rule.setText(explain(problems[0]) if problems else "")
        self.save_button.setEnabled(not problems and not self._saving)

    def save(self) -> None:
        """Record the visit in the background; a refusal shows its rule and keeps the form."""
        if self._saving or self.problems():
            self.update_check()
            return
        engine, actor, assignment_id = self._engine, self._actor, self._assignment_id
        data, now = self.visit_input(), self._now()
        self._submit(
            lambda: record_visit(
                engine, assignment_id, data, actor=actor, now=now, changes=OutboxSink()
            )
        )

    # --- where ------------------------------------------------------------------------------

    def _typed_place(self, _text: str) -> None:
        self._show_source(LocationSource.MANUAL, "")
        self.update_check()

    def choose_photo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo with the position"),
            "",
            self.tr("Photos (*.jpg *.jpeg *.png *.tif *.tiff *.heic *.webp);;All files (*)"),
        )
        if name:
            self.locate_by_photo(Path(name))

    def locate_by_photo(self, path: Path) -> None:
        self._locate(lambda: position_from_photo(path))

    def locate_by_address(self) -> None:
        address = self._address
        self._locate(lambda: position_from_address(address))

    def _locate(self, work: Callable[[], FoundPosition]) -> None:
        self.source_label.setText(self.tr("Looking up…"))
        self._runner.submit(work, self._located, self._not_located)

    def _located(self, found: FoundPosition) -> None:
        self.lat.setText(f"{found.lat:.6f}")
        self.lon.setText(f"{found.lon:.6f}")
        self._show_source(found.source, found.detail)
        self.update_check()
        self.sig_located.emit()

    def _not_located(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            report_unexpected(error)
            return
        message = {
            "location_unavailable.unreadable": self.tr("The file cannot be read."),
            "location_unavailable.not_a_photo": self.tr("The file is not a photo."),
            "location_unavailable.no_gps": self.tr("The photo holds no GPS position."),
            "location_unavailable.unknown_address": self.tr(
                "No region of this court is named in the address."
            ),
        }.get(error.code, error.message)
        self.source_label.setText(message)
        self.sig_located.emit()

    def clear_location(self) -> None:
        self.lat.clear()
        self.lon.clear()
        self._source = None
        self.source_label.clear()
        self.update_check()

    def _show_source(self, source: LocationSource, detail: str) -> None:
        self._source = source
        text = self.tr("Source: %1").replace("%1", label(source))
        self.source_label.setText(f"{text}  {detail}".strip())


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return float("nan")


__all__: Sequence[str] = ("VisitDialog",)
