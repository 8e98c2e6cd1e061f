"""Small widgets the recording dialogs share: a checklist of officers or evidence, a box of
names, the line that names the rule refusing a record, and local-time conversions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.field_records import split_names

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"


class Checklist(QListWidget):
    """Items with check boxes; each item carries an id."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemChanged.connect(lambda _item: self.sig_changed.emit())
        self.setMaximumHeight(110)

    def add(self, item_id: str, text: str, checked: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.addItem(item)

    def checked_ids(self) -> list[str]:
        return [
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        for row in range(self.count()):
            item = self.item(row)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)


class NamesEdit(QPlainTextEdit):
    """Names one a line, or separated by 、，, or ;."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(64)

    def names(self) -> list[str]:
        return split_names(self.toPlainText())


class RuleLine(QLabel):
    """The first problem that stops the record, in red; empty when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleLine")
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def to_utc(value: QDateTime) -> datetime:
    """What the officer typed, read as the court's wall clock (see from_utc), in UTC."""
    day, time = value.date(), value.time()
    wall = datetime(
        day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second(),
        tzinfo=COURT_TZ,
    )  # fmt: skip
    return wall.astimezone(UTC)


def from_utc(value: datetime) -> QDateTime:
    """The instant as the court's wall clock (the day and the hour the officer lives by, and
    what "today" means in My tasks), held as a UTC QDateTime so that the laptop's own zone
    (a laptop left on UTC, a zone with summer time) never shifts what is shown or typed."""
    wall = value.astimezone(COURT_TZ)
    return QDateTime(
        QDate(wall.year, wall.month, wall.day),
        QTime(wall.hour, wall.minute, wall.second),
        QTimeZone.utc(),
    )


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_date(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
