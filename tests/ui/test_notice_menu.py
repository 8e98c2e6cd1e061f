"""The window's Notices menu opens the notice dialog for the selected task, and batch issue
for several; it says what to select when the selection does not fit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.notice_batch_dialog import BatchIssueDialog
from fieldapp.ui.notice_dialog import NoticeDialog
from fieldapp.ui.sections import WindowContext
from tests.support.notice_data import ACTOR, demo_engine
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    engine = demo_engine(tmp_path)
    opened = MainWindow(AssignmentViews(engine), notices=(engine, ACTOR, tmp_path / "blobs"))
    qtbot.addWidget(opened)
    opened.show()
    with qtbot.waitSignal(opened.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        opened.refresh()
    return opened


def select_rows(window: MainWindow, count: int) -> None:
    table = window.queue.table
    selection = table.selectionModel()
    selection.clearSelection()
    for row in range(count):
        selection.select(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def choose_first_template(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[0], True)
    )


def test_the_menu_is_there(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Notices" in titles
    assert window.notices is not None
    assert window.notices.action_issue.shortcut().toString() == "Ctrl+P"


def test_issue_opens_the_notice_dialog_for_one_task(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    choose_first_template(monkeypatch)
    select_rows(window, 1)
    assert window.notices is not None
    window.notices.action_issue.trigger()
    dialog = window.notices.dialog
    assert isinstance(dialog, NoticeDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: dialog.pages.page_count > 0, timeout=LOAD_TIMEOUT_MS)
    dialog.reject()


def test_batch_opens_for_several_tasks(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    choose_first_template(monkeypatch)
    select_rows(window, 3)
    assert window.notices is not None
    window.notices.action_batch.trigger()
    dialog = window.notices.dialog
    assert isinstance(dialog, BatchIssueDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=LOAD_TIMEOUT_MS)
    dialog.reject()


def test_issue_without_one_selected_task_says_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    select_rows(window, 0)
    assert window.notices is not None
    window.notices.action_issue.trigger()
    assert told == ["Select one task to issue a notice for."]
    assert window.notices.dialog is None


@pytest.mark.parametrize(("role", "enabled"), [(Role.SUPERVISOR, False), (Role.OFFICER, True)])
def test_the_window_gives_the_notices_menu_its_role(
    qtbot: QtBot, tmp_path: Path, role: Role, enabled: bool
) -> None:
    engine = demo_engine(tmp_path)

    def context(runner: BackgroundRunner) -> WindowContext:
        return WindowContext(
            engine=engine,
            actor=ACTOR,
            role=role,
            squad_code="S1",
            display_name="Test",
            blobs_dir=tmp_path / "blobs",
            runner=runner,
            today=lambda: date(2026, 3, 16),
        )

    opened = MainWindow(
        AssignmentViews(engine), notices=(engine, ACTOR, tmp_path / "blobs"), context=context
    )
    qtbot.addWidget(opened)
    assert opened.notices is not None
    assert opened.notices.action_issue.isEnabled() is enabled
    assert opened.notices.action_batch.isEnabled() is enabled
