"""The sync part of the status bar: online or offline, unsent changes, the last successful
sync, and a progress bar while a sync runs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from fieldapp.ui.sync_controller import Progress, SyncStatus

ONLINE_STYLE = "color: #2e7d32; font-weight: bold;"
OFFLINE_STYLE = "color: #c62828; font-weight: bold;"
REJECTED_STYLE = "color: #c62828;"


class SyncStatusBar(QWidget):
    """Shows a :class:`SyncStatus`; the main window puts it in its status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAccessibleName(self.tr("Sync status"))
        self.online_label = self._label("onlineLabel", self.tr("Connection"))
        self.unsent_label = self._label("unsentLabel", self.tr("Unsent changes"))
        self.rejected_label = self._label("rejectedLabel", self.tr("Rejected changes"))
        self.rejected_label.setStyleSheet(REJECTED_STYLE)
        self.last_sync_label = self._label("lastSyncLabel", self.tr("Last successful sync"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("syncProgress")
        self.progress_bar.setAccessibleName(self.tr("Sync progress"))
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.hide()
        # Busy bars draw no text in most styles: the figures go beside the bar.
        self.progress_label = self._label("syncProgressLabel", self.tr("What the sync is doing"))
        self.progress_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.progress_bar,
            self.progress_label,
            self.online_label,
            self.unsent_label,
            self.rejected_label,
            self.last_sync_label,
        ):
            layout.addWidget(widget)
        self.show_status(SyncStatus())

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        return label

    def show_status(self, status: SyncStatus) -> None:
        if status.signed_out:
            self.online_label.setText(self.tr("Signed out: sign in to sync"))
            self.online_label.setStyleSheet(OFFLINE_STYLE)
        elif status.online is None:
            self.online_label.setText(self.tr("Connecting…"))
            self.online_label.setStyleSheet("")
        elif status.online:
            self.online_label.setText(self.tr("● Online"))
            self.online_label.setStyleSheet(ONLINE_STYLE)
        else:
            self.online_label.setText(self.tr("● Offline"))
            self.online_label.setStyleSheet(OFFLINE_STYLE)
        self.online_label.setToolTip(status.last_error)
        self.unsent_label.setText(
            self.tr("Unsent changes: {count}").format(count=status.counts.pending)
        )
        rejected = status.counts.rejected
        self.rejected_label.setText(self.tr("Rejected: {count}").format(count=rejected))
        self.rejected_label.setVisible(bool(rejected))
        self.last_sync_label.setText(
            self.tr("Last sync: {when}").format(when=local_time(status.last_success))
            if status.last_success
            else self.tr("Never synced")
        )
        self._show_progress(status.syncing, status.progress)

    def _show_progress(self, syncing: bool, progress: Progress | None) -> None:
        self.progress_bar.setVisible(syncing)
        self.progress_label.setVisible(syncing)
        if not syncing:
            return
        if progress is None:
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(self.tr("Syncing…"))
            return
        locale = QLocale()
        done = progress.done
        if progress.phase == "files up":
            text = self.tr("Sending files: {done} of {total}").format(
                done=locale.formattedDataSize(done), total=locale.formattedDataSize(progress.total)
            )
        elif progress.phase == "files down":
            text = self.tr("Receiving files: {done} of {total}").format(
                done=done, total=progress.total
            )
        elif progress.phase == "push":
            text = self.tr("Sending changes: {done}").format(done=locale.toString(done))
        else:
            text = self.tr("Receiving records: {done}").format(done=locale.toString(done))
        if progress.total > 0:
            # QProgressBar counts in int: scale bytes down to a per-mille.
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(min(1000, done * 1000 // progress.total))
        else:
            self.progress_bar.setRange(0, 0)
        self.progress_label.setText(text)
        self.progress_bar.setToolTip(text)


def local_time(moment: datetime) -> str:
    """A UTC time in local time: the clock time today, else date and time (ISO order, which
    reads the same in Chinese and English)."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
