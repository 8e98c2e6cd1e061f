"""The window lists the sections the signed-in role may see, makes each when first shown,
reaches them by Ctrl+number, and refreshes and shuts down the ones it made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.sections import Section, WindowContext
from tests.ui.sample_data import TODAY


class Probe(QLabel):
    made: list[Probe] = []

    def __init__(self, parent: QWidget) -> None:
        super().__init__("probe", parent)
        self.refreshed = 0
        self.shut_down = False
        Probe.made.append(self)

    def refresh(self) -> None:
        self.refreshed += 1

    def shutdown(self) -> None:
        self.shut_down = True


def probe(_context: WindowContext, parent: QWidget) -> QWidget:
    return Probe(parent)


SECTIONS = [
    Section("leads", lambda: "Leads only", frozenset({Role.LEAD}), probe),
    Section("officers", lambda: "Officers only", frozenset({Role.OFFICER}), probe),
]


def open_window(
    qtbot: QtBot, workspace: Workspace, role: Role, sections: list[Section] = SECTIONS
) -> MainWindow:
    def context(runner: BackgroundRunner) -> WindowContext:
        return WindowContext(
            engine=workspace.engine,
            actor=Actor(user_id=None, device_id=None),
            role=role,
            squad_code="S1",
            display_name="Test",
            blobs_dir=Path(workspace.blobs_dir),
            runner=runner,
            today=lambda: TODAY,
        )

    window = MainWindow(
        AssignmentViews(workspace.engine), today=lambda: TODAY, context=context, sections=sections
    )
    qtbot.addWidget(window)
    return window


def test_only_the_roles_sections_are_listed(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == ["Squad queue", "Leads only"]
    assert window.section("officers") is None


def test_a_section_is_made_once_when_first_shown(qtbot: QtBot, workspace: Workspace) -> None:
    Probe.made.clear()
    window = open_window(qtbot, workspace, Role.LEAD)
    assert Probe.made == []
    window.navigation.setCurrentRow(1)
    made = window.section("leads")
    assert isinstance(made, Probe)
    assert window.stack.currentWidget() is made
    window.navigation.setCurrentRow(0)
    assert window.stack.currentWidget() is window.queue
    window.section_actions[1].trigger()
    assert window.stack.currentWidget() is made
    assert Probe.made == [made]


def test_refresh_and_close_reach_the_made_sections(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD)
    made = window.show_section("leads")
    assert isinstance(made, Probe)
    window.refresh()
    assert made.refreshed == 1
    window.close()
    assert made.shut_down


def test_without_sections_there_is_no_navigation(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(AssignmentViews(workspace.engine), today=lambda: TODAY)
    qtbot.addWidget(window)
    assert window.navigation.isHidden()
    assert window.centralWidget() is window.stack


class Counting(QLabel):
    """A listing section: it reports its counts and has a search field."""

    sig_counts_changed = Signal(int, int, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__("counting", parent)
        self.searched = 0

    def focus_search(self) -> None:
        self.searched += 1


COUNTING = [
    Section("counting", lambda: "Counting", frozenset({Role.LEAD}), lambda _c, p: Counting(p)),
    Section("quiet", lambda: "Quiet", frozenset({Role.LEAD}), probe),
]


def test_the_status_bar_counts_and_ctrl_f_follow_the_section_on_screen(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace, Role.LEAD, sections=COUNTING)
    window.show()
    counting = window.show_section("counting")
    assert isinstance(counting, Counting)
    counting.sig_counts_changed.emit(3, 10, 2)
    assert window.count_label.text() == "3 of 10 tasks shown"
    assert window.overdue_label.text() == "2 overdue"
    window.action_find.trigger()
    assert counting.searched == 1
    window.show_section("quiet")
    assert window.count_label.text() == ""
    assert window.overdue_label.isHidden()
    window.action_find.trigger()  # nothing to search here: nothing happens
    counting.sig_counts_changed.emit(4, 4, 0)  # reported while off screen: kept for later
    assert window.count_label.text() == ""
    window.show_section("counting")
    assert window.count_label.text() == "4 tasks"


def test_the_navigation_keeps_a_sensible_width(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    assert 120 <= window.navigation.width() <= 260
    assert window.stack.width() >= 1400 - 300
