"""The Visits, Asset control, Notices & service and History tabs: a short list each, with the
buttons that record something new. The page opens the dialogs; the tabs only show and ask."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import ControlMeasure
from fieldapp.services.assignment_detail import (
    ControlRow,
    HistoryEntry,
    NoticeRow,
    VisitRow,
)
from fieldapp.ui.assignment_page_labels import (
    days_left_text,
    field_label,
    label,
    local_time,
    short_date,
)
from fieldapp.ui.labels import join_names
from fieldapp.ui.record_rights_labels import show_refusal

ID_ROLE = Qt.ItemDataRole.UserRole
LATE = QBrush(QColor("#c62828"))
SOON_DAYS = 30


WIDEST_COLUMN = 320


def fit_columns(tree: QTreeWidget) -> None:
    """Columns as wide as their contents (the lists are short), none wider than a limit."""
    for column in range(tree.columnCount() - 1):
        tree.resizeColumnToContents(column)
        tree.setColumnWidth(column, min(tree.columnWidth(column) + 8, WIDEST_COLUMN))


def _tree(parent: QWidget, headers: Sequence[str], name: str) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(list(headers))
    tree.setAccessibleName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    return tree


class _ListTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        # Said above an empty list, so that an empty tab is not mistaken for one still loading.
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("emptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()

    def _say_empty(self, empty: bool, text: str) -> None:
        if self.layout_.indexOf(self.empty_note) < 0:
            self.layout_.insertWidget(self.layout_.count() - 1, self.empty_note)
        self.empty_note.setText(text if empty else "")
        self.empty_note.setVisible(empty)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button


class VisitsTab(_ListTab):
    sig_record = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitsTab")
        self.list = _tree(
            self,
            [
                self.tr("Arrived"),
                self.tr("Left"),
                self.tr("Outcome"),
                self.tr("Officers"),
                self.tr("Persons present"),
                self.tr("Witnesses"),
                self.tr("Location"),
                self.tr("Notes"),
            ],
            self.tr("Visits"),
        )
        self.record = self._button(self.tr("&Record visit…"), "recordVisit")
        self.record.clicked.connect(self.sig_record.emit)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.list)
        self.refuse("")

    def refuse(self, refusal: str) -> None:
        """Why the signed-in role may not record a visit ("" when it may)."""
        show_refusal(
            self.record, refusal, enabled=True, tip=self.tr("Record a visit (Ctrl+Shift+V)")
        )

    def show_visits(self, visits: Sequence[VisitRow]) -> None:
        self.list.clear()
        for visit in visits:
            place = ""
            if visit.lat is not None and visit.lon is not None:
                place = f"{visit.lat:.5f}, {visit.lon:.5f} ({label(visit.location_source)})"
            notes = visit.notes
            if visit.warrant_no:
                notes = f"{field_label('warrant_no')}: {visit.warrant_no}\n{notes}".strip()
            item = QTreeWidgetItem(
                [
                    local_time(visit.arrived_at),
                    local_time(visit.left_at),
                    label(visit.outcome),
                    join_names(visit.officers),
                    join_names(visit.persons_present),
                    join_names(visit.witnesses),
                    place,
                    notes,
                ]
            )
            item.setData(0, ID_ROLE, visit.id)
            self.list.addTopLevelItem(item)
        fit_columns(self.list)
        self._say_empty(not visits, self.tr("No visit recorded for this task yet."))


class ControlsTab(_ListTab):
    sig_record = Signal()
    sig_follow = Signal(object, str)  # the ControlMeasure (renew/release), the control id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlsTab")
        self.list = _tree(
            self,
            [
                self.tr("Measure"),
                self.tr("Asset"),
                self.tr("Identifiers"),
                self.tr("Ruling no."),
                self.tr("Effective on"),
                self.tr("Expires on"),
                self.tr("Days left"),
                self.tr("Custodian"),
                self.tr("Seal numbers"),
            ],
            self.tr("Asset control of the case"),
        )
        self.record = self._button(self.tr("Record &measure…"), "recordControl")
        self.renew = self._button(self.tr("Re&new…"), "renewControl")
        self.release = self._button(self.tr("Re&lease…"), "releaseControl")
        self.record.clicked.connect(self.sig_record.emit)
        self.renew.clicked.connect(lambda: self._follow(ControlMeasure.RENEW))
        self.release.clicked.connect(lambda: self._follow(ControlMeasure.RELEASE))
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.list)
        self._open: set[str] = set()
        self._refusal = ""
        self._enable()

    def refuse(self, refusal: str) -> None:
        """Why the signed-in role may not record asset control ("" when it may)."""
        self._refusal = refusal
        self._enable()

    def show_controls(self, controls: Sequence[ControlRow], open_ids: set[str]) -> None:
        self._open = open_ids
        self.list.clear()
        for c in controls:
            identifiers = "；".join(f"{field_label(k)} {v}" for k, v in c.identifiers.items())
            item = QTreeWidgetItem(
                [
                    label(c.measure),
                    f"{label(c.asset_kind)} · {c.asset_description}",
                    identifiers,
                    c.ruling_no,
                    short_date(c.effective_on),
                    short_date(c.expires_on),
                    "" if c.followed else days_left_text(c.days_left),
                    c.custodian,
                    join_names(c.seal_numbers),
                ]
            )
            item.setData(0, ID_ROLE, c.id)
            if c.days_left is not None and not c.followed and c.days_left <= SOON_DAYS:
                for column in (5, 6):
                    item.setForeground(column, LATE)
            self.list.addTopLevelItem(item)
        fit_columns(self.list)
        self._say_empty(not controls, self.tr("No asset put under control by this task yet."))
        self._enable()

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(0, ID_ROLE))

    def _enable(self) -> None:
        chosen = self._selected()
        can_follow = chosen in self._open if chosen else bool(self._open)
        show_refusal(
            self.record,
            self._refusal,
            enabled=True,
            tip=self.tr("Record asset control (Ctrl+Shift+A)"),
        )
        show_refusal(self.renew, self._refusal, enabled=can_follow)
        show_refusal(self.release, self._refusal, enabled=can_follow)

    def _follow(self, measure: ControlMeasure) -> None:
        chosen = self._selected()
        if chosen not in self._open:
            chosen = next(iter(self._open), None)
        if chosen is not None:
            self.sig_follow.emit(measure, chosen)


class NoticesTab(_ListTab):
    sig_issue = Signal()
    sig_serve = Signal(str, str)  # notice id, document number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticesTab")
        self.list = _tree(
            self,
            [self.tr("Document"), self.tr("Issued / served"), self.tr("Method"), self.tr("To")],
            self.tr("Notices and their service"),
        )
        self.list.setRootIsDecorated(True)
        self.issue = self._button(self.tr("&Issue notice…"), "issueNotice")
        self.serve = self._button(self.tr("Record &service…"), "recordService")
        self.issue.clicked.connect(self.sig_issue.emit)
        self.serve.clicked.connect(self._serve)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.list)
        self._issue_refusal = self._serve_refusal = ""
        self._enable()

    def refuse(self, issue: str, serve: str) -> None:
        """Why the signed-in role may not issue a notice / record service ("" when it may)."""
        self._issue_refusal, self._serve_refusal = issue, serve
        self._enable()

    def show_notices(self, notices: Sequence[NoticeRow]) -> None:
        self.list.clear()
        for notice in notices:
            top = QTreeWidgetItem(
                [
                    f"{notice.document_number}  ({notice.template_code})",
                    local_time(notice.issued_at),
                    "" if notice.services else self.tr("not served yet"),
                    "",
                ]
            )
            top.setData(0, ID_ROLE, notice.id)
            top.setData(1, ID_ROLE, notice.document_number)
            for service in notice.services:
                to = service.recipient or service.witness
                child = QTreeWidgetItem(
                    [self.tr("service"), local_time(service.served_at), label(service.method), to]
                )
                child.setData(0, ID_ROLE, notice.id)
                child.setData(1, ID_ROLE, notice.document_number)
                top.addChild(child)
            self.list.addTopLevelItem(top)
        self.list.expandAll()
        fit_columns(self.list)
        self._say_empty(not notices, self.tr("No notice issued for this task yet."))
        self._enable()

    def _enable(self) -> None:
        show_refusal(self.issue, self._issue_refusal, enabled=True)
        show_refusal(self.serve, self._serve_refusal, enabled=self.list.currentItem() is not None)

    def _serve(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.sig_serve.emit(str(item.data(0, ID_ROLE)), str(item.data(1, ID_ROLE)))


class HistoryTab(_ListTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self.list = _tree(
            self,
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Record"),
                self.tr("By"),
                self.tr("Details"),
                self.tr("Sync"),
            ],
            self.tr("History of the task"),
        )
        self.layout_.addWidget(self.list)

    def _kinds(self) -> dict[str, str]:
        return {
            "created": self.tr("registered"),
            "recorded": self.tr("recorded"),
            "changed": self.tr("changed"),
            "deleted": self.tr("deleted"),
            "synced": self.tr("changed centrally"),
            "conflict": self.tr("sync conflict"),
            "escalated": self.tr("escalated"),
        }

    def _entities(self) -> dict[str, str]:
        return {
            "assignment": self.tr("field task"),
            "visit_attempt": self.tr("visit"),
            "evidence_item": self.tr("evidence"),
            "asset_control": self.tr("asset control"),
            "notice": self.tr("notice"),
            "service_record": self.tr("service"),
            "escalation": self.tr("escalation"),
        }

    def _states(self) -> dict[str, str]:
        return {
            "pending": self.tr("not sent yet"),
            "applied": self.tr("accepted"),
            "duplicate": self.tr("accepted"),
            "conflict": self.tr("conflict"),
            "rejected": self.tr("rejected"),
            "central": self.tr("from the central store"),
            "open": self.tr("open"),
        }

    def show_history(self, entries: Sequence[HistoryEntry]) -> None:
        kinds, entities, states = self._kinds(), self._entities(), self._states()
        self.list.clear()
        for entry in entries:
            details = "；".join(f"{name} = {value}" for name, value in entry.fields)
            state = states.get(entry.state, entry.state)
            if entry.error:
                state = f"{state}: {entry.error}"
            item = QTreeWidgetItem(
                [
                    local_time(entry.at),
                    kinds.get(entry.kind, entry.kind),
                    entities.get(entry.entity, entry.entity),
                    entry.who,
                    details,
                    state,
                ]
            )
            if entry.state == "rejected":
                item.setForeground(5, LATE)
            self.list.addTopLevelItem(item)
        fit_columns(self.list)
