"""The lead assigns from the queue (dialog, drag onto the officer list); the supervisor reads
every squad through a squad filter and has no assign actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.services.actor import Actor
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.reference import StaffMember
from fieldapp.ui.assign_actions import AssignTools, SquadFilter
from fieldapp.ui.assignment_table_model import TASK_IDS_MIME
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.groups import ALL
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.officer_list import OfficerView
from fieldapp.ui.sections import WindowContext
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.sample_data import TODAY


def add_staff(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for username, name, squad in (("a1", "甲", "S1"), ("a2", "乙", "S1"), ("a3", "丙", "S2")):
            session.add(StaffMember(username=username, display_name=name, role=Role.OFFICER,
                                    squad_code=squad))  # fmt: skip


def open_window(qtbot: QtBot, workspace: Workspace, role: Role, squad: str | None) -> MainWindow:
    add_staff(workspace.engine)

    def context(runner: BackgroundRunner) -> WindowContext:
        return WindowContext(
            engine=workspace.engine,
            actor=Actor(user_id="u-lead", device_id="d-1"),
            role=role,
            squad_code=squad,
            display_name="组长",
            blobs_dir=Path(workspace.blobs_dir),
            runner=runner,
            today=lambda: TODAY,
        )

    window = MainWindow(AssignmentViews(workspace.engine), today=lambda: TODAY, context=context)
    qtbot.addWidget(window)
    window.resize(1400, 700)
    window.show()
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        window.refresh()
    return window


def tools(window: MainWindow) -> AssignTools:
    found = window.queue.findChild(AssignTools)
    assert found is not None
    return found


def select_task(window: MainWindow, registration_no: str) -> None:
    table, model = window.queue.table, window.queue.table_model
    rows = [
        r for r in range(model.rowCount()) if model.row_at(r).registration_no == registration_no
    ]
    table.clearSelection()
    for row in rows:
        table.selectRow(row)


def stored(engine: Engine, registration_no: str) -> Assignment:
    with Session(engine) as session:
        row = session.scalars(
            select(Assignment).where(Assignment.registration_no == registration_no)
        ).one()
        session.expunge(row)
        return row


def staff_id(engine: Engine, name: str) -> str:
    with Session(engine) as session:
        return session.scalars(select(StaffMember.id).where(StaffMember.display_name == name)).one()


def outbox_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.scalars(select(OutboxOp)).all())


def wait_officers(qtbot: QtBot, window: MainWindow) -> OfficerView:
    view = tools(window).officers.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 2, timeout=LOAD_TIMEOUT_MS)
    return view


def drop(view: OfficerView, name: str, data: QMimeData) -> bool:
    """Drag ``data`` over the officer ``name`` and drop it, as Qt delivers a real drag;
    False when the list refuses the drag as it enters."""
    model = view.model()
    row = next(r for r in range(model.rowCount()) if name in str(model.index(r, 0).data()))
    point = view.visualRect(model.index(row, 0)).center()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, data, left, none)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(point, actions, data, left, none))
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), actions, data, left, none))
    return True


def test_assign_by_dialog_with_shortcut(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD, "S1")
    wait_officers(qtbot, window)
    select_task(window, "WQ-2026-000004")
    assign = tools(window)
    assert assign.action.shortcut().toString() == "Ctrl+Shift+A"
    assign.action.trigger()
    qtbot.waitUntil(lambda: assign.dialog is not None, timeout=LOAD_TIMEOUT_MS)
    dialog = assign.dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no officer chosen yet
    dialog.main_combo.setCurrentIndex(dialog.main_combo.findData(staff_id(workspace.engine, "甲")))
    # The same person twice is refused as it is chosen.
    dialog.second_combo.setCurrentIndex(
        dialog.second_combo.findData(staff_id(workspace.engine, "甲"))
    )
    assert not ok.isEnabled()
    assert dialog.problem_label.text()
    dialog.second_combo.setCurrentIndex(
        dialog.second_combo.findData(staff_id(workspace.engine, "乙"))
    )
    assert ok.isEnabled()
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        ok.click()
    after = stored(workspace.engine, "WQ-2026-000004")
    assert after.officer_id == staff_id(workspace.engine, "甲")
    assert after.second_officer_id == staff_id(workspace.engine, "乙")
    assert after.status is AssignmentStatus.ASSIGNED
    assert outbox_count(workspace.engine) == 1
    assert "WQ-2026-000004" in assign.message.text()
    # The officer list shows the new load.
    qtbot.waitUntil(lambda: "1" in str(assign.officers.model.index(0, 0).data()), timeout=5000)


def test_assign_by_drag_onto_an_officer_then_reassign(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD, "S1")
    view = wait_officers(qtbot, window)
    select_task(window, "WQ-2026-000004")
    model = window.queue.table_model
    selected = window.queue.table.selectionModel().selectedIndexes()
    data = model.mimeData(selected)
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        drop(view, "乙", data)
    assert stored(workspace.engine, "WQ-2026-000004").officer_id == staff_id(workspace.engine, "乙")
    select_task(window, "WQ-2026-000004")
    data = model.mimeData(window.queue.table.selectionModel().selectedIndexes())
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        drop(view, "甲", data)
    after = stored(workspace.engine, "WQ-2026-000004")
    assert after.officer_id == staff_id(workspace.engine, "甲")
    assert after.status is AssignmentStatus.ASSIGNED
    assert outbox_count(workspace.engine) == 2  # the history of both changes goes to the server


def test_a_drop_of_zero_rows_or_a_closed_task_says_why(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD, "S1")
    view = wait_officers(qtbot, window)
    assign = tools(window)
    empty = QMimeData()
    empty.setData(TASK_IDS_MIME, b"")
    assert not drop(view, "甲", empty)  # a drag of zero rows is refused as it enters
    # Foreign drops (text from another program) are not taken at all.
    foreign = QMimeData()
    foreign.setText("WQ-2026-000004")
    assert not drop(view, "甲", foreign)
    # Should an empty drop get through all the same, the lead is told, nothing is written.
    view.sig_tasks_dropped.emit([], staff_id(workspace.engine, "甲"))
    qtbot.waitUntil(lambda: bool(assign.message.text()), timeout=LOAD_TIMEOUT_MS)
    assert "No task" in assign.message.text()
    select_task(window, "WQ-2026-000003")  # done
    data = window.queue.table_model.mimeData(window.queue.table.selectionModel().selectedIndexes())
    assert drop(view, "甲", data)
    qtbot.waitUntil(lambda: "WQ-2026-000003" in assign.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert "closed" in assign.message.text()
    assert outbox_count(workspace.engine) == 0


def test_assign_without_selection_says_so(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, Role.LEAD, "S1")
    window.queue.table.clearSelection()
    tools(window).action.trigger()
    assert tools(window).dialog is None
    assert "Select" in tools(window).message.text()


def test_supervisor_reads_every_squad_without_assign_actions(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace, Role.SUPERVISOR, None)
    assert window.queue.findChild(AssignTools) is None
    assert not window.queue.table.dragEnabled()
    squad_filter = window.queue.findChild(SquadFilter)
    assert squad_filter is not None
    combo = squad_filter.combo
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=LOAD_TIMEOUT_MS)
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        combo.setCurrentIndex(combo.findData("S2"))
    squads = {window.queue.table_model.row_at(r).squad_code
              for r in range(window.queue.table_model.rowCount())}  # fmt: skip
    assert squads == {"S2"}
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        combo.setCurrentIndex(0)
    assert window.queue.current_group == ALL


@pytest.mark.parametrize("role", [Role.OFFICER, Role.REGISTRAR])
def test_roles_that_may_not_assign_get_no_assign_tools(
    qtbot: QtBot, workspace: Workspace, role: Role
) -> None:
    window = open_window(qtbot, workspace, role, "S1")
    assert window.queue.findChild(AssignTools) is None
    assert window.queue.findChild(SquadFilter) is None
