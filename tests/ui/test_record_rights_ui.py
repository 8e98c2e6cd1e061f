"""A role the central store would refuse (a supervisor) finds the recording actions of the
assignment page and the Notices menu disabled, with the reason as tooltip; others keep them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.workspace import Workspace
from fieldapp.ui.assignment_page import AssignmentPageView
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.notice_actions import NoticeActions
from fieldapp.ui.sections import WindowContext
from tests.support.field_records import ACTOR, NOW, TODAY, add_field_samples, count, task_id
from tests.support.workspace_copies import WorkspaceTemplate

WAIT = 10_000


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_field_samples)


@pytest.fixture
def workspace(samples: WorkspaceTemplate, tmp_path: Path) -> Iterator[Workspace]:
    workspace = samples.copy(tmp_path / "data")
    yield workspace
    workspace.close()


def open_page(qtbot: QtBot, workspace: Workspace, role: Role) -> AssignmentPageView:
    runner = BackgroundRunner()
    context = WindowContext(
        engine=workspace.engine,
        actor=ACTOR,
        role=role,
        squad_code="S1",
        display_name="张三",
        blobs_dir=workspace.blobs_dir,
        runner=runner,
        today=lambda: TODAY,
    )
    page = AssignmentPageView(context, now=lambda: NOW)
    runner.setParent(page)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with (
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
        qtbot.waitSignal(page.evidence.sig_loaded, timeout=WAIT),
    ):
        page.open(task_id(workspace.engine, "WQ-2026-000001"))
    return page


def recording_buttons(page: AssignmentPageView) -> list[QWidget]:
    return [
        page.visits.record,
        page.controls.record,
        page.notices.issue,
        page.evidence.add_files,
        page.evidence.add_note,
    ]


def test_a_supervisor_may_not_record_and_is_told_why(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace, Role.SUPERVISOR)
    for button in recording_buttons(page):
        assert not button.isEnabled(), button.objectName()
        assert "Supervisors read" in button.toolTip()
    # Selecting a record does not bring back the follow-up actions.
    page.controls.list.setCurrentItem(page.controls.list.topLevelItem(0))
    page.notices.list.setCurrentItem(page.notices.list.topLevelItem(0))
    for button in (page.controls.renew, page.controls.release, page.notices.serve):
        assert not button.isEnabled()
        assert button.toolTip()
    # Nor do the shortcuts and direct calls open a dialog, nor does a drop capture anything.
    assert page.record_visit() is None
    assert page.issue_notice("any") is None
    evidence_before = count(workspace.engine, "evidence_item")
    photo = tmp_path / "x.jpg"
    photo.write_bytes(b"\xff\xd8 not really")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDragEnterEvent(
        QPointF(5, 5).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.evidence.dragEnterEvent(event)
    assert not event.isAccepted()
    page.evidence.add_paths([photo])
    page.evidence.add_note_text("seen")
    assert not page.evidence.busy
    assert count(workspace.engine, "evidence_item") == evidence_before
    assert "Supervisors read" in page.evidence.status.text()
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        page.tabs.setCurrentWidget(page.evidence)
        page.grab().save(str(Path(folder) / "supervisor-evidence.png"))


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEAD, Role.REGISTRAR, Role.ADMIN])
def test_roles_the_central_store_accepts_keep_the_actions(
    qtbot: QtBot, workspace: Workspace, role: Role
) -> None:
    page = open_page(qtbot, workspace, role)
    for button in recording_buttons(page):
        assert button.isEnabled(), button.objectName()
        assert "central store" not in button.toolTip()
    assert "Ctrl+Shift+V" in page.visits.record.toolTip()


def test_the_notices_menu_knows_the_role(qtbot: QtBot, workspace: Workspace) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = NoticeActions(
        parent, workspace.engine, ACTOR, workspace.blobs_dir, lambda: [], role=Role.SUPERVISOR
    )
    for action in (actions.action_issue, actions.action_batch):
        assert not action.isEnabled()
        assert "Supervisors read" in action.toolTip()
    actions.issue()  # a shortcut that slipped through does nothing
    assert actions.dialog is None
    actions.set_role(Role.OFFICER)
    assert actions.action_issue.isEnabled()
    assert actions.action_batch.isEnabled()
    unknown = NoticeActions(parent, workspace.engine, ACTOR, workspace.blobs_dir, lambda: [])
    assert unknown.action_issue.isEnabled()  # the window has not said the role yet
