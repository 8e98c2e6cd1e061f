"""Every window-wide shortcut of the signed-in window (its menus, the session's actions and
every section, made) is bound once, for every role; the session's actions have their keys."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.sign_in_session import Session
from tests.ui.sample_data import TODAY

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _window(qtbot: QtBot, workspace: Workspace, role: Role) -> MainWindow:
    def context(runner: BackgroundRunner) -> WindowContext:
        return WindowContext(
            engine=workspace.engine,
            actor=workspace.actor(),
            role=role,
            squad_code="S1",
            display_name="张三",
            blobs_dir=workspace.blobs_dir,
            runner=runner,
            today=lambda: TODAY,
        )

    window = MainWindow(
        AssignmentViews(workspace.engine),
        notices=(workspace.engine, workspace.actor(), workspace.blobs_dir),
        context=context,
        sections=all_sections(),
        session=Session(workspace.engine, "张三", idle_ms=3_600_000),
    )
    qtbot.addWidget(window)
    return window


def _bindings(window: MainWindow) -> list[str]:
    keys: list[str] = []
    for action in window.findChildren(QAction):
        if action.shortcutContext() in WINDOW_WIDE:
            keys += [k.toString() for k in action.shortcuts() if not k.isEmpty()]
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() in WINDOW_WIDE and not shortcut.key().isEmpty():
            keys.append(shortcut.key().toString())
    return keys


@pytest.mark.parametrize("role", list(Role))
def test_no_window_shortcut_is_bound_twice(qtbot: QtBot, workspace: Workspace, role: Role) -> None:
    window = _window(qtbot, workspace, role)
    window.show()
    for section in window.sections:
        window.show_section(section.key)
    keys = _bindings(window)
    twice = {key: n for key, n in Counter(keys).items() if n > 1}
    assert not twice, f"bound more than once for a {role.value}: {twice}"
    for key in ("F9", "Ctrl+Shift+S", "Ctrl+L", "Ctrl+Shift+L", "Ctrl+,", "F5", "Ctrl+F", "Ctrl+Q"):
        assert key in keys, key
    window.close()


def test_session_actions_are_in_the_menus_with_their_keys(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _window(qtbot, workspace, Role.OFFICER)
    session = window.session
    assert session is not None
    in_menus = {a for menu in window.menuBar().actions() for a in menu.menu().actions()}  # type: ignore[union-attr]
    for action in (
        session.action_sync,
        session.action_lock,
        session.action_sign_out,
        session.action_settings,
    ):
        assert action in in_menus, action.text()
        assert not action.shortcut().isEmpty(), action.text()
    assert session.action_sync.shortcuts() == [QKeySequence("F9"), QKeySequence("Ctrl+Shift+S")]
    window.close()
