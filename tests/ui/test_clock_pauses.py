"""Pausing and resuming the deadline clock from the assignment page: the lead's dialog names the
rule that refuses as they type, saves in the background, and the Overview lists the pauses and
shows the paused due date; officers get no actions, a lead of another squad disabled ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.clock_pauses import pause_clock
from fieldapp.services.workspace import Workspace
from fieldapp.ui.assignment_page import AssignmentPageView
from fieldapp.ui.assignment_page_widgets import from_date
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.clock_pause_dialog import ClockPauseDialog
from fieldapp.ui.sections import WindowContext
from tests.support.field_records import ACTOR, NOW, TODAY, add_field_samples, task_id
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


def open_page(
    qtbot: QtBot, workspace: Workspace, regno: str, role: Role = Role.LEAD, squad: str = "S1"
) -> AssignmentPageView:
    runner = BackgroundRunner()
    context = WindowContext(
        engine=workspace.engine,
        actor=ACTOR,
        role=role,
        squad_code=squad,
        display_name="组长",
        blobs_dir=workspace.blobs_dir,
        runner=runner,
        today=lambda: TODAY,
    )
    page = AssignmentPageView(context, now=lambda: NOW)
    runner.setParent(page)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    with (
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
        qtbot.waitSignal(page.evidence.sig_loaded, timeout=WAIT),
    ):
        page.open(task_id(workspace.engine, regno))
    return page


def save(qtbot: QtBot, page: AssignmentPageView, dialog: ClockPauseDialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.rule.text()
    with (
        qtbot.waitSignal(dialog.sig_recorded, timeout=WAIT),
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
    ):
        dialog.save_button.click()


def type_day(dialog: ClockPauseDialog, day: date) -> None:
    dialog.day.setDate(from_date(day))


def test_a_lead_pauses_and_resumes_the_clock(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001")  # received 1 March, due 10 March
    panel = page.overview.pauses
    assert panel.empty.isVisible()
    assert panel.table.isHidden()
    assert panel.pause_button.isEnabled()
    assert not panel.resume_button.isEnabled()
    assert page.resume_clock() is None  # nothing to resume

    dialog = page.pause_clock()
    assert dialog is not None
    assert dialog.save_button.isEnabled()  # today, the first reason: allowed
    type_day(dialog, date(2026, 2, 27))
    assert dialog.rule.text() == "A pause cannot start before the task was received (2026-03-01)."
    assert not dialog.save_button.isEnabled()
    type_day(dialog, date(2026, 3, 17))
    assert dialog.rule.text() == "A pause cannot start in the future."
    type_day(dialog, date(2026, 3, 5))
    dialog.note.setText("长" * 5000)
    assert dialog.rule.text() == "The note is too long (at most 200 characters)."
    dialog.note.setText("第一行\x07")
    assert "control characters" in dialog.rule.text()
    dialog.note.setText("（2026）黔01执100号公告")
    assert dialog.rule.text() == ""
    dialog.reason.setCurrentIndex(dialog.reason.findData("suspension"))
    assert "民事诉讼法" in dialog.basis.text()
    dialog.reason.setCurrentIndex(dialog.reason.findData("public_notice"))
    save(qtbot, page, dialog)

    assert panel.table.rowCount() == 1
    cells = [panel.table.item(0, column).text() for column in range(4)]
    assert cells == [
        "2026-03-05",
        "still paused",
        "Public notice period — （2026）黔01执100号公告",
        "12",
    ]
    assert "若干期限的规定" in panel.table.item(0, 2).toolTip()
    assert page.due.text() == "Deadline clock paused since 2026-03-05"
    assert page.overview.values["due_on"].text() == (
        "clock paused since 2026-03-05 (12 day(s) so far); 2026-03-10 without the pauses"
    )
    assert not panel.pause_button.isEnabled()
    assert panel.resume_button.isEnabled()

    dialog = page.resume_clock()
    assert dialog is not None
    type_day(dialog, date(2026, 3, 4))
    assert dialog.rule.text() == "A pause cannot end before it started (2026-03-05)."
    type_day(dialog, date(2026, 3, 20))
    assert dialog.rule.text() == "A pause cannot end in the future."
    type_day(dialog, date(2026, 3, 12))
    save(qtbot, page, dialog)

    assert [panel.table.item(0, column).text() for column in (1, 3)] == ["2026-03-12", "8"]
    assert page.overview.values["due_on"].text() == (
        "2026-03-18  (2 day(s) left) — paused 8 day(s); 2026-03-10 without the pauses"
    )
    assert page.due.text().startswith("Due 2026-03-18")
    assert panel.pause_button.isEnabled()
    assert not panel.resume_button.isEnabled()
    if os.environ.get("FIELDAPP_SHOTS"):
        page.grab().save(os.environ["FIELDAPP_SHOTS"] + "-page.png")


def test_a_refusal_from_the_service_is_shown_in_the_dialog(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000002")
    dialog = page.pause_clock()
    assert dialog is not None
    # Another laptop's pause arrived (by sync) after the page was read.
    pause_clock(
        workspace.engine,
        page.page.overview.id if page.page else "",
        start=date(2026, 3, 10),
        reason="stay",
        role=Role.LEAD,
        squad_code="S1",
        today=TODAY,
    )
    with qtbot.waitSignal(dialog.save_button.clicked, timeout=WAIT):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.rule.text() != "", timeout=WAIT)
    assert dialog.rule.text() == "The clock is paused already: resume it before pausing it again."
    assert dialog.save_button.isEnabled()
    assert dialog.isVisible()
    dialog.reject()


def test_officers_see_the_pauses_without_actions(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001", role=Role.OFFICER)
    panel = page.overview.pauses
    assert panel.pause_button.isHidden()
    assert panel.resume_button.isHidden()
    assert page.pause_clock() is None


def test_a_lead_of_another_squad_is_told_why(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001", squad="S2")
    panel = page.overview.pauses
    assert panel.pause_button.isVisible()
    assert not panel.pause_button.isEnabled()
    assert "another squad" in panel.pause_button.toolTip()
    assert page.pause_clock() is None
    closed = open_page(qtbot, workspace, "WQ-2026-000003")  # done
    assert not closed.overview.pauses.pause_button.isEnabled()
    assert "closed" in closed.overview.pauses.pause_button.toolTip()


@pytest.mark.usefixtures("chinese")
def test_the_dialog_and_overview_in_chinese(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001")
    dialog = page.pause_clock()
    assert dialog is not None
    type_day(dialog, date(2026, 3, 5))
    dialog.note.setText("（2026）黔01执100号公告")
    assert dialog.windowTitle() == "暂停计时 — WQ-2026-000001"
    assert dialog.reason.currentText() == "公告期间"
    shots = os.environ.get("FIELDAPP_SHOTS")
    if shots:
        dialog.grab().save(shots + "-dialog-zh.png")
    save(qtbot, page, dialog)
    dialog = page.resume_clock()
    assert dialog is not None
    type_day(dialog, date(2026, 3, 1))
    assert dialog.rule.text() == "暂停的结束日不能早于开始日（2026-03-05）。"
    type_day(dialog, date(2026, 3, 12))
    save(qtbot, page, dialog)
    text = page.overview.values["due_on"].text()
    assert text == "2026-03-18  (剩余 2 天) — 已暂停 8 天；不计暂停为 2026-03-10"
    assert page.overview.pauses.table.item(0, 2).text().startswith("公告期间")
    if shots:
        page.overview.grab().save(shots + "-overview-zh.png")
