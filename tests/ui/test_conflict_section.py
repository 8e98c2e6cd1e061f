"""The lead's Conflicts section: the two values side by side, pick or edit, the decision
recorded; a field that is not the lead's can only keep the central store's value."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.conflict_rules import Choice
from fieldapp.domain.enums import Priority, Role
from fieldapp.services.actor import Actor
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.oversight import Conflict
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.conflict_section import SECTION, ConflictSection
from fieldapp.ui.sections import WindowContext
from tests.services.test_conflicts import raise_conflict, task_id
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.sample_data import TODAY


class Holder(QWidget):
    """Stands in for the window: owns the runner and stops it on close, as the window does."""

    def __init__(self) -> None:
        super().__init__()
        self.runner = BackgroundRunner(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        super().closeEvent(event)


def make_section(
    qtbot: QtBot, workspace: Workspace, role: Role = Role.LEAD
) -> tuple[Holder, ConflictSection]:
    """The section in a holder; keep the holder referenced, it owns the section."""
    holder = Holder()
    qtbot.addWidget(holder)
    runner = holder.runner
    context = WindowContext(
        engine=workspace.engine,
        actor=Actor(user_id="lead-1", device_id="device-1"),
        role=role,
        squad_code="S1",
        display_name="组长",
        blobs_dir=Path(workspace.blobs_dir),
        runner=runner,
        today=lambda: TODAY,
    )
    section = SECTION.make(context, holder)
    assert isinstance(section, ConflictSection)
    holder.resize(900, 500)
    holder.show()
    return holder, section


def wait_loaded(qtbot: QtBot, section: ConflictSection, count: int) -> None:
    qtbot.waitUntil(lambda: section.model.rowCount() == count and section.heading.text() != "",
                    timeout=LOAD_TIMEOUT_MS)  # fmt: skip


def test_the_section_is_for_leads() -> None:
    assert SECTION.visible_to(Role.LEAD)
    assert not SECTION.visible_to(Role.OFFICER)
    assert not SECTION.visible_to(Role.SUPERVISOR)


def test_pick_the_laptops_value(qtbot: QtBot, workspace: Workspace) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    conflict = raise_conflict(engine, record, "priority", "urgent", "normal")
    _holder, section = make_section(qtbot, workspace)
    wait_loaded(qtbot, section, 1)
    assert section.model.index(0, 0).data() == "WQ-2026-000002"
    assert section.model.index(0, 2).data() == "Urgent"
    assert section.model.index(0, 3).data() == "Normal"
    section.review_action.trigger()
    dialog = section.dialog
    assert dialog is not None
    assert not dialog.ok.isEnabled()  # nothing chosen yet
    assert dialog.findChild(QWidget, "deviceValue").text() == "Urgent"  # type: ignore[union-attr]
    dialog.choose(Choice.DEVICE)
    dialog.note.setPlainText("<script>alert(1)</script>")
    with qtbot.waitSignal(section.sig_settled, timeout=LOAD_TIMEOUT_MS):
        dialog.ok.click()
    wait_loaded(qtbot, section, 0)
    with Session(engine) as session:
        stored = session.get(Conflict, conflict)
        assert stored is not None
        assert stored.resolution == "device"
        assert stored.note == "<script>alert(1)</script>"
        task = session.scalars(select(Assignment).where(Assignment.id == record)).one()
        assert task.priority is Priority.URGENT


def test_a_bad_edit_is_refused_in_the_dialog_and_kept_open(
    qtbot: QtBot, workspace: Workspace
) -> None:
    engine = workspace.engine
    record = task_id(engine, "WQ-2026-000002")
    raise_conflict(engine, record, "due_on", "2026-04-01", "2026-04-10")
    _holder, section = make_section(qtbot, workspace)
    wait_loaded(qtbot, section, 1)
    section.review_selected()
    dialog = section.dialog
    assert dialog is not None
    dialog.edited.setText("2026-02-30")
    dialog.choose(Choice.EDITED)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.problem_label.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert "not valid" in dialog.problem_label.text()
    assert section.dialog is dialog  # still open
    dialog.edited.setText("2026-04-05")
    with qtbot.waitSignal(section.sig_settled, timeout=LOAD_TIMEOUT_MS):
        dialog.ok.click()


def test_an_officers_field_can_only_keep_the_server_value(
    qtbot: QtBot, workspace: Workspace
) -> None:
    engine = workspace.engine
    raise_conflict(engine, task_id(engine, "WQ-2026-000002"), "result", "找到", "x" * 10_000)
    _holder, section = make_section(qtbot, workspace)
    wait_loaded(qtbot, section, 1)
    section.review_selected()
    dialog = section.dialog
    assert dialog is not None
    assert not dialog.device_button.isEnabled()
    assert not dialog.edit_button.isEnabled()
    assert dialog.owner_label.text()
    dialog.choose(Choice.SERVER)
    with qtbot.waitSignal(section.sig_settled, timeout=LOAD_TIMEOUT_MS):
        dialog.ok.click()


def test_an_impossible_status_move_is_refused_in_the_dialog(
    qtbot: QtBot, workspace: Workspace
) -> None:
    engine = workspace.engine
    # WQ-2026-000001 is in progress: it cannot go back to registered.
    raise_conflict(engine, task_id(engine, "WQ-2026-000001"), "status", "registered", "done")
    _holder, section = make_section(qtbot, workspace)
    wait_loaded(qtbot, section, 1)
    section.review_selected()
    dialog = section.dialog
    assert dialog is not None
    dialog.choose(Choice.DEVICE)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.problem_label.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert "cannot move" in dialog.problem_label.text()
    assert dialog.ok.isEnabled()  # the lead may pick the other value
    assert section.dialog is dialog
