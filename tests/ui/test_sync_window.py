"""Sync in the window against the real central store: the status bar while a sync runs, after
it fails (server stopped) and when the store is back (a sync at once); the Sync section with a
rejected change sent again and then given up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.rejected_changes import OutboxCounts, list_rejected, outbox_counts
from fieldapp.sync.schedule import SyncSchedule
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.queue_view import court_today
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.sign_in_session import Session
from fieldapp.ui.sync_controller import Connection, Progress, SyncController, SyncStatus
from fieldapp.ui.sync_section import SECTION, SyncSection
from fieldapp.ui.sync_status import SyncStatusBar
from tests.support.central_process import CentralProcess
from tests.support.laptops import Laptop
from tests.ui import central_fixtures

central = central_fixtures.central
cheap_argon2 = central_fixtures.cheap_argon2
officer = central_fixtures.officer

TIMEOUT_MS = 20_000


def _controller(laptop: Laptop, schedule: SyncSchedule | None = None) -> SyncController:
    enrolment = laptop.enrolment
    return SyncController(
        laptop.engine,
        Connection(enrolment.server_url, enrolment.token, enrolment.device_id),
        laptop.workspace.blobs_dir,
        schedule=schedule,
    )


def _window(qtbot: QtBot, laptop: Laptop, sync: SyncController) -> MainWindow:
    def context(runner: BackgroundRunner) -> WindowContext:
        return WindowContext(
            engine=laptop.engine,
            actor=laptop.actor,
            role=laptop.enrolment.role,  # type: ignore[arg-type]
            squad_code=laptop.squad,
            display_name=laptop.name,
            blobs_dir=laptop.workspace.blobs_dir,
            runner=runner,
            today=court_today,
            sync=sync,
        )

    window = MainWindow(
        AssignmentViews(laptop.engine),
        context=context,
        sections=[SECTION],
        session=Session(laptop.engine, laptop.name, sync=sync, idle_ms=3_600_000),
    )
    sync.setParent(window)
    qtbot.addWidget(window)
    window.show()
    return window


def _shown_box(section: SyncSection) -> QMessageBox:
    [box] = [b for b in section.findChildren(QMessageBox) if b.isVisible()]
    assert box.objectName() == "discardConfirmation"
    return box


def _own_tasks(laptop: Laptop) -> list[str]:
    return [
        key[1]
        for key, row in laptop.snapshot().items()
        if key[0] == "assignment" and row["officer_id"] == laptop.user_id
    ]


@pytest.mark.usefixtures("cheap_argon2")
def test_status_bar_while_syncing_after_a_failure_and_at_once_on_reconnect(
    qtbot: QtBot, officer: Laptop, central: CentralProcess
) -> None:
    for number, task_id in enumerate(_own_tasks(officer)[:3]):
        officer.edit("assignment", task_id, result=f"note {number} typed offline")
    schedule = SyncSchedule(interval_s=3600, probe_s=0.2, base_s=0.1, cap_s=0.2)
    sync = _controller(officer, schedule)
    window = _window(qtbot, officer, sync)
    bar = window.session.sync_status  # type: ignore[union-attr]
    assert bar is not None
    seen: list[tuple[SyncStatus, bool, str]] = []
    sync.sig_status_changed.connect(
        lambda status: seen.append(
            (status, bar.progress_bar.isVisible(), bar.progress_label.text())
        )
    )
    sync.start(sync_now=False)
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent changes: 3", timeout=TIMEOUT_MS)
    assert bar.last_sync_label.text().startswith("Last sync:")  # the fixture synced once

    with qtbot.waitSignal(sync.sig_synced, timeout=TIMEOUT_MS):
        window.session.action_sync.trigger()  # type: ignore[union-attr]
    during = [(visible, text) for status, visible, text in seen if status.syncing]
    assert during, "the status never said a sync was running"
    assert all(visible for visible, _ in during)
    assert any(text.startswith(("Syncing", "Sending changes")) for _, text in during)
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent changes: 0", timeout=TIMEOUT_MS)
    assert bar.online_label.text() == "● Online"
    assert not bar.progress_bar.isVisible()
    assert sync.runs[0].ok
    assert sync.runs[0].report.applied == 3  # type: ignore[union-attr]

    central.stop()
    officer.edit("assignment", _own_tasks(officer)[0], result="typed while the store is down")
    with qtbot.waitSignal(sync.sig_runs_changed, timeout=TIMEOUT_MS):
        window.session.action_sync.trigger()  # type: ignore[union-attr]
    assert not sync.runs[0].ok
    assert "cannot be reached" in sync.runs[0].error
    qtbot.waitUntil(lambda: bar.online_label.text() == "● Offline", timeout=TIMEOUT_MS)
    assert "cannot be reached" in bar.online_label.toolTip()
    assert not bar.progress_bar.isVisible()
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent changes: 1", timeout=TIMEOUT_MS)
    # The Sync section lists both runs.
    section = window.show_section("sync")
    assert isinstance(section, SyncSection)
    assert section.runs.rowCount() >= 2
    assert section.runs.item(0, 1).text() == "Failed"

    central.start()  # the probe finds it, and the unsent change goes at once
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent changes: 0", timeout=TIMEOUT_MS)
    assert bar.online_label.text() == "● Online"
    assert sync.runs[0].ok
    window.close()


@pytest.mark.usefixtures("cheap_argon2")
def test_a_rejected_change_is_sent_again_then_given_up_in_the_sync_section(
    qtbot: QtBot, officer: Laptop
) -> None:
    task_id = _own_tasks(officer)[0]
    due = officer.row("assignment", task_id)["due_on"]  # type: ignore[index]
    later = date.fromisoformat(due) + timedelta(days=20)
    officer.edit("assignment", task_id, due_on=later)  # a lead's field: the store refuses
    sync = _controller(officer)
    window = _window(qtbot, officer, sync)
    sync.start(sync_now=False)
    with qtbot.waitSignal(sync.sig_synced, timeout=TIMEOUT_MS):
        sync.sync_now()
    section = window.show_section("sync")
    assert isinstance(section, SyncSection)
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=TIMEOUT_MS)
    assert "may not change due_on" in section.table.item(0, 2).text()
    assert section.table.item(0, 1).text() == "changed: due_on"
    assert section.none_label.isHidden()  # a rejected change: no "none" note
    # The reason gets the room to be read, not the last (time) column.
    header = section.table.horizontalHeader()
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch
    assert not header.stretchLastSection()
    assert not section.retry_button.isEnabled()  # nothing selected yet

    section.table.setFocus()
    section.table.selectRow(0)
    assert section.retry_button.isEnabled()
    first = section.rejected[0]
    with qtbot.waitSignal(sync.sig_runs_changed, timeout=TIMEOUT_MS):
        qtbot.keyClick(section.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    # Sent again under a new seq, and refused again: the reason has not gone away.
    qtbot.waitUntil(lambda: section.table.rowCount() == 1 and not section.busy, timeout=TIMEOUT_MS)
    [again] = list_rejected(officer.engine)
    assert again.op_id != first.op_id
    assert again.seq > first.seq
    assert sync.runs[0].report.rejected == 1  # type: ignore[union-attr]

    section.table.selectRow(0)
    section.discard_button.click()
    box = _shown_box(section)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert list_rejected(officer.engine)  # cancelled: nothing given up
    section.discard_button.click()
    box = _shown_box(section)
    box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 0 and not section.busy, timeout=TIMEOUT_MS)
    assert section.message.text().startswith("Given up")
    assert not section.none_label.isHidden()  # nothing left: the list says so
    assert officer.row("assignment", task_id)["due_on"] == due  # type: ignore[index]
    assert outbox_counts(officer.engine).rejected == 0
    window.close()


def test_the_status_bar_shows_file_bytes_and_records_while_syncing(qtbot: QtBot) -> None:
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    bar.show()
    counts = OutboxCounts(pending=12, rejected=2, conflicts=0)
    bar.show_status(
        SyncStatus(
            online=True,
            syncing=True,
            counts=counts,
            progress=Progress("files up", 5 << 20, 20 << 20),
        )
    )
    assert bar.progress_bar.isVisible()
    assert (bar.progress_bar.maximum(), bar.progress_bar.value()) == (1000, 250)
    assert bar.progress_label.text() == "Sending files: 5.00 MiB of 20.00 MiB"
    assert bar.unsent_label.text() == "Unsent changes: 12"
    assert bar.rejected_label.isVisible()
    assert bar.rejected_label.text() == "Rejected: 2"
    bar.show_status(SyncStatus(online=True, syncing=True, progress=Progress("pull", 25_000, 0)))
    assert bar.progress_bar.maximum() == 0  # busy: the total is not known
    assert bar.progress_label.text().replace(",", "") == "Receiving records: 25000"
    assert not bar.rejected_label.isVisible()
    bar.show_status(SyncStatus(online=False, last_error="the central store cannot be reached"))
    assert not bar.progress_bar.isVisible()
    assert bar.online_label.text() == "● Offline"
    assert bar.last_sync_label.text() == "Never synced"
    bar.show_status(SyncStatus(signed_out=True))
    assert bar.online_label.text() == "Signed out: sign in to sync"
