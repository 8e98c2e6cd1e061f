"""The Overview's deadline-clock pauses: each pause with its start, end (or "still paused"),
reason and days, and for those who may change the clock, Pause… and Resume…"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.services.clock_pauses import ClockView
from fieldapp.ui.clock_pause_labels import reason_label


class ClockPausePanel(QWidget):
    sig_pause = Signal()
    sig_resume = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockPausePanel")
        # As tall as its rows: the Overview's form must not spread its spare height here.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("clockPauses")
        self.table.setAccessibleName(self.tr("Deadline clock pauses"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("From"), self.tr("Until"), self.tr("Reason"), self.tr("Days")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("The clock has not been paused."))
        self.empty.setObjectName("clockPausesEmpty")
        self.pause_button = QPushButton(self.tr("Pause the clock…"))
        self.pause_button.setObjectName("pauseClock")
        self.pause_button.setToolTip(self.tr("Pause the deadline clock (Ctrl+Shift+H)"))
        self.resume_button = QPushButton(self.tr("Resume the clock…"))
        self.resume_button.setObjectName("resumeClock")
        self.resume_button.setToolTip(self.tr("Resume the deadline clock (Ctrl+Shift+R)"))
        self._tips = {
            self.pause_button: self.pause_button.toolTip(),
            self.resume_button: self.resume_button.toolTip(),
        }
        self.pause_button.clicked.connect(self.sig_pause)
        self.resume_button.clicked.connect(self.sig_resume)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_clock(self, clock: ClockView | None, *, actions: bool, refusal: str) -> None:
        """``actions``: whether the signed-in role changes clocks at all (the buttons show);
        ``refusal``: why this task's clock may not be changed by them, "" when it may."""
        rows = clock.pauses if clock else ()
        self.table.setRowCount(len(rows))
        for row, pause in enumerate(rows):
            reason = reason_label(pause.reason)
            tip = "\n".join(part for part in (pause.basis, pause.note) if part)
            cells = (
                pause.start.isoformat(),
                pause.end.isoformat() if pause.end else self.tr("still paused"),
                f"{reason} — {pause.note}" if pause.note else reason,
                str(pause.days),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.ensurePolished()
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader().sizeHint().height()
        length = self.table.verticalHeader().length()
        self.table.setFixedHeight(header + length + 2 * self.table.frameWidth())
        self.table.setVisible(bool(rows))
        if clock is not None and clock.unreadable:
            self.empty.setText(self.tr("The stored pauses cannot be read."))
        else:
            self.empty.setText(self.tr("The clock has not been paused."))
        self.empty.setVisible(not rows)
        paused = clock is not None and clock.stopped_since is not None
        for button, tip in self._tips.items():
            button.setVisible(actions)
            button.setToolTip(refusal or tip)
        self.pause_button.setEnabled(actions and not refusal and not paused)
        self.resume_button.setEnabled(actions and not refusal and paused)
        # The Overview's form does not learn of the new height by itself: tell it.
        self.updateGeometry()
