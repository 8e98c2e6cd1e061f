"""The Overview tab: every field of the task, its status, due date with days left, officers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QWidget

from fieldapp.services.assignment_detail import Overview
from fieldapp.ui.assignment_page_labels import days_left_text, local_time
from fieldapp.ui.clock_pause_panel import ClockPausePanel
from fieldapp.ui.labels import join_names, matter_label, priority_label, status_label

OVERDUE_STYLE = "color: #c62828; font-weight: bold;"


class OverviewTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewTab")
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.form = QFormLayout(body)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, title in self._rows():
            value = QLabel()
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(title)
            self.values[key] = value
            self.form.addRow(f"{title}:", value)
        # Below the due date it explains (rows: registration no., status, due on).
        self.pauses = ClockPausePanel(body)
        self.pauses.setAccessibleName(self.tr("Clock pauses"))
        self.form.insertRow(3, f"{self.tr('Clock pauses')}:", self.pauses)
        self.setWidget(body)

    def _rows(self) -> list[tuple[str, str]]:
        return [
            ("registration_no", self.tr("Registration no.")),
            ("status", self.tr("Status")),
            ("due_on", self.tr("Due on")),
            ("matter", self.tr("Matter")),
            ("priority", self.tr("Priority")),
            ("case_number", self.tr("Case number")),
            ("judge", self.tr("Judge in charge")),
            ("party", self.tr("Party")),
            ("id_number", self.tr("ID number")),
            ("phones", self.tr("Phones")),
            ("address", self.tr("Address")),
            ("position", self.tr("Position")),
            ("region", self.tr("Region")),
            ("squad", self.tr("Field squad")),
            ("officers", self.tr("Officers")),
            ("min_officers", self.tr("Officers the matter needs")),
            ("requested_by", self.tr("Requested by")),
            ("received_at", self.tr("Received")),
            ("result", self.tr("Result")),
            ("return_reason", self.tr("Reason for return")),
            ("notes", self.tr("Notes")),
        ]

    def due_text(self, task: Overview) -> str:
        """The due date with the pauses counted, and what the pauses did to it."""
        clock = task.clock
        due = ""
        if task.due_on is not None:
            due = f"{task.due_on.isoformat()}  ({days_left_text(task.days_left)})"
        if clock is None or clock.due_unpaused is None or not clock.pauses:
            return due
        unpaused = clock.due_unpaused.isoformat()
        if clock.stopped_since is not None:
            days = sum(pause.days for pause in clock.pauses if pause.end is None)
            return (
                self.tr("clock paused since %1 (%2 day(s) so far); %3 without the pauses")
                .replace("%1", clock.stopped_since.isoformat())
                .replace("%2", str(days))
                .replace("%3", unpaused)
            )
        note = (
            self.tr("paused %1 day(s); %2 without the pauses")
            .replace("%1", str(clock.paused_days))
            .replace("%2", unpaused)
        )
        return f"{due} — {note}"

    def show_overview(self, task: Overview) -> None:
        due = self.due_text(task)
        late = task.days_left is not None and task.days_left < 0
        self.values["due_on"].setStyleSheet(OVERDUE_STYLE if late else "")
        position = ""
        if task.lat is not None and task.lon is not None:
            position = f"{task.lat:.5f}, {task.lon:.5f}"
        texts = {
            "registration_no": task.registration_no,
            "status": status_label(task.status),
            "due_on": due,
            "matter": matter_label(task.matter),
            "priority": priority_label(task.priority),
            "case_number": task.case_number,
            "judge": " · ".join(part for part in (task.judge, task.team) if part),
            "party": task.party_name,
            "id_number": task.party_id_number,
            "phones": join_names(task.party_phones),
            "address": task.address,
            "position": position,
            "region": task.region_name,
            "squad": task.squad_name,
            "officers": join_names(person.name for person in task.officers)
            or self.tr("not assigned"),
            "min_officers": str(task.min_officers),
            "requested_by": task.requested_by,
            "received_at": local_time(task.received_at),
            "result": task.result,
            "return_reason": task.return_reason,
            "notes": task.notes,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
