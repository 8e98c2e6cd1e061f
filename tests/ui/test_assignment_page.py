"""The assignment page and its dialogs: each tab shows its records, each statutory rule refuses
in the dialog (naming its rule) and then accepts, the expiry shows as typed, bad input is
refused with nothing kept, evidence is added by path and corrected, the queue opens a task."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import AssetKind, ControlMeasure, Role, VisitOutcome
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.ui.asset_control_dialog import AssetControlDialog
from fieldapp.ui.assignment_page import AssignmentPageView
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.visit_dialog import VisitDialog
from tests.support.field_records import (
    ACTOR,
    NOW,
    TODAY,
    add_field_samples,
    count,
    staff_id,
    task_id,
)
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


def context_for(workspace: Workspace, runner: BackgroundRunner) -> WindowContext:
    return WindowContext(
        engine=workspace.engine,
        actor=ACTOR,
        role=Role.OFFICER,
        squad_code="S1",
        display_name="张三",
        blobs_dir=workspace.blobs_dir,
        runner=runner,
        today=lambda: TODAY,
    )


def open_page(qtbot: QtBot, workspace: Workspace, regno: str) -> AssignmentPageView:
    runner = BackgroundRunner()
    page = AssignmentPageView(context_for(workspace, runner), now=lambda: NOW)
    runner.setParent(page)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with (
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
        qtbot.waitSignal(page.evidence.sig_loaded, timeout=WAIT),
    ):
        page.open(task_id(workspace.engine, regno))
    return page


def save_and_wait(
    qtbot: QtBot, page: AssignmentPageView, dialog: VisitDialog | AssetControlDialog
) -> None:
    assert dialog.save_button.isEnabled(), dialog.rule.text()
    with (
        qtbot.waitSignal(dialog.sig_recorded, timeout=WAIT),
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
    ):
        dialog.save_button.click()


def test_overview_shows_the_task_with_days_left(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001")
    values = page.overview.values
    assert values["registration_no"].text() == "WQ-2026-000001"
    assert values["due_on"].text() == "2026-03-10  (6 day(s) overdue)"
    assert values["officers"].text() == "张三"
    assert values["party"].text() == "王五"
    assert "overdue" in page.due.text()
    assert page.tabs.count() == 6
    assert page.tabs.isEnabled()


def test_empty_lists_say_so_and_the_note_goes_once_there_is_a_record(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000101")
    notes = [tab.empty_note for tab in (page.visits, page.controls, page.notices)]
    assert all(not note.isHidden() and note.text() for note in notes)
    assert "No visit" in page.visits.empty_note.text()
    dialog = visit_dialog(qtbot, page)
    dialog.officers.set_checked([staff_id(workspace.engine, n) for n in ("张三", "李四")])
    dialog.warrant_no.insert("（2026）黔01执搜1号")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(VisitOutcome.DONE.value))
    save_and_wait(qtbot, page, dialog)
    assert page.visits.list.topLevelItemCount() == 1
    assert page.visits.empty_note.isHidden()
    assert not page.notices.empty_note.isHidden()  # still no notice


def test_unknown_task_says_so(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000001")
    with (
        qtbot.waitSignal(page.sig_not_found, timeout=WAIT),
        qtbot.waitSignal(page.evidence.sig_loaded, timeout=WAIT),
    ):
        page.open("no-such-task")
    assert not page.tabs.isEnabled()


# --- the visit dialog -------------------------------------------------------------------------


def visit_dialog(qtbot: QtBot, page: AssignmentPageView) -> VisitDialog:
    dialog = page.record_visit()
    assert dialog is not None
    return dialog


def test_search_visit_refuses_one_officer_then_no_warrant_then_records(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000101")
    dialog = visit_dialog(qtbot, page)
    dialog.officers.set_checked([staff_id(workspace.engine, "张三")])
    assert "two officers" in dialog.rule.text()
    assert "第二百五十六条" in dialog.rule.text()
    assert not dialog.save_button.isEnabled()
    dialog.officers.set_checked([staff_id(workspace.engine, n) for n in ("张三", "李四")])
    assert "search warrant" in dialog.rule.text()
    dialog.warrant_no.insert("（2026）黔01执搜1号")
    assert dialog.rule.text() == ""
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(VisitOutcome.DONE.value))
    save_and_wait(qtbot, page, dialog)
    assert count(workspace.engine, "visit_attempt") == 1
    assert page.visits.list.topLevelItemCount() == 1
    assert "搜1号" in page.visits.list.topLevelItem(0).text(7)


def test_refused_service_needs_a_witness_in_the_dialog(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000002")
    dialog = visit_dialog(qtbot, page)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(VisitOutcome.REFUSED.value))
    assert "witness or a photo/video" in dialog.rule.text()
    dialog.save()  # refused again by the same check: nothing is written
    assert count(workspace.engine, "visit_attempt") == 0
    dialog.witnesses.setPlainText("社区网格员 李四、物业 王某")
    assert dialog.rule.text() == ""
    save_and_wait(qtbot, page, dialog)
    assert page.visits.list.topLevelItem(0).text(5) == "社区网格员 李四, 物业 王某"


# Every outcome is recorded by the service tests; here, that the dialog hands it over.
@pytest.mark.parametrize("outcome", [VisitOutcome.MOVED_AWAY, VisitOutcome.ADDRESS_INVALID])
def test_each_outcome_through_the_dialog(
    qtbot: QtBot, workspace: Workspace, outcome: VisitOutcome
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000004")
    dialog = visit_dialog(qtbot, page)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(outcome.value))
    save_and_wait(qtbot, page, dialog)
    assert count(workspace.engine, "visit_attempt") == 1


@pytest.mark.parametrize("laptop_zone", ["UTC", "America/New_York"])
def test_visit_times_are_the_court_clock_whatever_the_laptop_zone(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, laptop_zone: str
) -> None:
    monkeypatch.setenv("TZ", laptop_zone)
    time.tzset()
    try:
        page = open_page(qtbot, workspace, "WQ-2026-000004")
        dialog = visit_dialog(qtbot, page)
        # NOW is 03:00 UTC: 11:00 in Guiyang, and the dialog proposes arriving half an hour ago.
        assert dialog.left_at.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-03-16 11:00"
        assert dialog.arrived_at.dateTime().toString("HH:mm") == "10:30"
        assert dialog.visit_input().arrived_at == NOW - timedelta(minutes=30)
        save_and_wait(qtbot, page, dialog)
        assert page.visits.list.topLevelItem(0).text(0) == "2026-03-16 10:30"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_cancel_waits_while_the_visit_is_being_saved(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000004")
    dialog = visit_dialog(qtbot, page)
    with (
        qtbot.waitSignal(dialog.sig_recorded, timeout=WAIT),
        qtbot.waitSignal(page.sig_loaded, timeout=WAIT),
    ):
        dialog.save_button.click()
        dialog.reject()  # Esc while the record is written: ignored, the save answers
        assert dialog.isVisible()
    assert count(workspace.engine, "visit_attempt") == 1
    assert page.visits.list.topLevelItemCount() == 1


def test_bad_visit_input_names_the_problem(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000004")
    dialog = visit_dialog(qtbot, page)
    dialog.left_at.setDateTime(dialog.arrived_at.dateTime().addSecs(-600))
    assert dialog.rule.text() == "Departure comes before the start."
    dialog.left_at.setDateTime(dialog.arrived_at.dateTime().addSecs(600))
    dialog.notes.setPlainText("字" * 5000)
    assert dialog.rule.text() == "Notes is too long."
    dialog.notes.setPlainText("门上贴有\x00通知")
    assert "control characters" in dialog.rule.text()
    dialog.notes.setPlainText("'; DROP TABLE visit_attempt;-- <b>x</b>")
    qtbot.keyClicks(dialog.lat, "26.5")
    assert "both latitude and longitude" in dialog.rule.text()
    qtbot.keyClicks(dialog.lon, "106.7")
    assert "Entered by hand" in dialog.source_label.text()
    assert dialog.rule.text() == ""
    dialog.arrived_at.setDateTime(dialog.arrived_at.dateTime().addDays(3))
    assert "in the future" in dialog.rule.text()
    assert count(workspace.engine, "visit_attempt") == 0
    dialog.reject()


def _photo_with_gps(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (26.0, 34.0, 12.0), 3: "E", 4: (106.0, 42.0, 36.0)}
    Image.new("RGB", (64, 48), "steelblue").save(path, exif=exif)
    return path


def test_location_from_photo_and_address_shows_its_source(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000004")
    dialog = visit_dialog(qtbot, page)
    with qtbot.waitSignal(dialog.sig_located, timeout=WAIT):
        dialog.locate_by_photo(_photo_with_gps(tmp_path / "door.jpg"))
    assert dialog.lat.text() == "26.570000"
    assert "Photo EXIF GPS" in dialog.source_label.text()
    with qtbot.waitSignal(dialog.sig_located, timeout=WAIT):
        dialog.locate_by_address()
    assert "gazetteer" in dialog.source_label.text()
    assert "云岩区" in dialog.source_label.text()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff garbage")
    with qtbot.waitSignal(dialog.sig_located, timeout=WAIT):
        dialog.locate_by_photo(broken)
    assert dialog.source_label.text() == "The photo holds no GPS position."
    save_and_wait(qtbot, page, dialog)
    assert "gazetteer" in page.visits.list.topLevelItem(0).text(6)


# --- the asset-control dialog -------------------------------------------------------------------


def control_dialog(page: AssignmentPageView, measure: ControlMeasure = ControlMeasure.SEAL,
                   previous: str | None = None) -> AssetControlDialog:  # fmt: skip
    dialog = page.record_control(measure, previous)
    assert dialog is not None
    return dialog


def test_seizure_shows_expiry_and_refuses_until_two_officers_and_persons_present(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000102")  # one officer on the task
    dialog = control_dialog(page, ControlMeasure.SEIZE)
    dialog.kind.setCurrentIndex(dialog.kind.findData(AssetKind.VEHICLE.value))
    assert "2028-03-15" in dialog.expiry.text()
    assert "730 day(s) left" in dialog.expiry.text()
    assert "第四百八十五条" in dialog.expiry.text()
    assert dialog.rule.text() == "Asset description is required."
    dialog.description.setPlainText("白色小型普通客车一辆")
    assert dialog.rule.text() == "Give Plate no. or another identifier marked †."
    dialog.identifier_edit("plate_no").insert("贵A·12345")
    dialog.ruling_no.insert("（2026）黔01执200号之一")
    assert "two officers" in dialog.rule.text()
    dialog.officers.set_checked([staff_id(workspace.engine, n) for n in ("张三", "李四")])
    assert "persons present" in dialog.rule.text()
    dialog.persons_present.setPlainText("郑十一")
    dialog.months.setValue(6)
    assert "2026-09-15" in dialog.expiry.text()
    dialog.months.setValue(24)
    save_and_wait(qtbot, page, dialog)
    assert count(workspace.engine, "asset_control") == 1
    row = page.controls.list.topLevelItem(0)
    assert row.text(5) == "2028-03-15"
    assert row.text(6) == "730 day(s) left"


def test_bank_freeze_then_renewal_then_release(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000102")
    dialog = control_dialog(page, ControlMeasure.FREEZE)
    dialog.kind.setCurrentIndex(dialog.kind.findData(AssetKind.BANK_DEPOSIT.value))
    dialog.description.setPlainText("账户内存款")
    qtbot.keyClicks(dialog.identifier_edit("account_no"), "6222 0000 1111 2222")
    assert dialog.rule.text() == "Bank and branch is required."
    dialog.identifier_edit("bank").insert("中国工商银行贵阳分行")
    dialog.ruling_no.insert("（2026）黔01执200号之二")
    dialog.effective_on.setDate(dialog.effective_on.date().addDays(1))
    assert dialog.rule.text() == "Effective on is in the future."
    dialog.effective_on.setDate(dialog.effective_on.date().addDays(-1))
    assert "2027-03-15" in dialog.expiry.text()
    save_and_wait(qtbot, page, dialog)
    frozen = page.page.open_controls[0] if page.page else None
    assert frozen is not None
    renewal = control_dialog(page, ControlMeasure.RENEW, frozen.id)
    assert not renewal.kind.isEnabled()
    assert renewal.identifier_edit("bank").text() == "中国工商银行贵阳分行"
    assert "2028-03-15" in renewal.expiry.text()
    assert "counted from 2027-03-16" in renewal.expiry.text()
    assert renewal.rule.text() == "Ruling no. is required."
    renewal.ruling_no.insert("（2026）黔01执200号之三")
    save_and_wait(qtbot, page, renewal)
    assert page.page is not None
    assert len(page.page.open_controls) == 1
    release = control_dialog(page, ControlMeasure.RELEASE, page.page.open_controls[0].id)
    release.ruling_no.insert("（2026）黔01执200号之四")
    assert "no expiry" in release.expiry.text()
    save_and_wait(qtbot, page, release)
    assert page.page is not None
    assert page.page.open_controls == ()
    assert not page.controls.renew.isEnabled()
    assert count(workspace.engine, "asset_control") == 3


# --- evidence ---------------------------------------------------------------------------------


def add_and_wait(qtbot: QtBot, page: AssignmentPageView, paths: list[Path]) -> None:
    with (
        qtbot.waitSignal(page.evidence.sig_idle, timeout=WAIT),
        qtbot.waitSignal(page.evidence.sig_loaded, timeout=WAIT),
    ):
        page.evidence.add_paths(paths)


def test_evidence_added_shows_thumbnail_and_refuses_empty_files(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000002")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    add_and_wait(qtbot, page, [_photo_with_gps(tmp_path / "door.jpg"), empty])
    # The page reloads on each capture too; let it settle before reading.
    qtbot.waitUntil(lambda: page.evidence.list.topLevelItemCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: page._context.runner.pending == 0, timeout=WAIT)
    item = page.evidence.list.topLevelItem(0)
    assert item.text(0).startswith("door.jpg")
    assert not item.icon(0).isNull()
    assert "empty.jpg" in page.evidence.status.text()
    assert "empty" in page.evidence.status.text()


def test_correction_is_a_new_item_naming_the_old(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000002")
    with qtbot.waitSignal(page.evidence.sig_idle, timeout=WAIT):
        page.evidence.add_note_text("门上贴有催告通知")
    qtbot.waitUntil(lambda: page.evidence.list.topLevelItemCount() == 1, timeout=WAIT)
    first = str(page.evidence.list.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole))
    with qtbot.waitSignal(page.evidence.sig_idle, timeout=WAIT):
        page.evidence.add_note_text("更正：通知贴于东侧门", corrects_id=first)
    qtbot.waitUntil(lambda: page.evidence.list.topLevelItemCount() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: page._context.runner.pending == 0, timeout=WAIT)
    texts = [page.evidence.list.topLevelItem(i).text(3) for i in range(2)]
    assert any(t.startswith("Corrects") for t in texts)
    assert any(t.startswith("Corrected by a later item") for t in texts)
    assert count(workspace.engine, "evidence_item") == 2


def test_dropping_files_adds_them(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000002")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(_photo_with_gps(tmp_path / "wall.jpg")))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(page.evidence.sig_idle, timeout=WAIT):
        page.evidence.dropEvent(drop)
    qtbot.waitUntil(lambda: page.evidence.list.topLevelItemCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: page._context.runner.pending == 0, timeout=WAIT)


# --- history and the window ----------------------------------------------------------------------


def test_history_lists_the_records(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "WQ-2026-000004")
    dialog = visit_dialog(qtbot, page)
    save_and_wait(qtbot, page, dialog)
    rows = [
        [page.history.list.topLevelItem(i).text(c) for c in range(6)]
        for i in range(page.history.list.topLevelItemCount())
    ]
    # Sorted: the samples are made at the real time, the visit at the tests' fixed NOW.
    assert sorted(row[1:3] + row[5:] for row in rows) == [
        ["recorded", "visit", "not sent yet"],
        ["registered", "field task", "from the central store"],
    ]


def test_double_click_in_the_queue_opens_the_task_beside_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = MainWindow(
        AssignmentViews(workspace.engine),
        today=lambda: TODAY,
        context=lambda runner: context_for(workspace, runner),
    )
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=WAIT):
        window.refresh()
    table = window.queue.table
    index = table.model().index(0, 0)
    regno = window.queue.table_model.row_at(0).registration_no
    table.setCurrentIndex(index)
    assert window.assignment_dock is not None
    assert window.assignment_dock.dock is None
    # The delivery waits for the event loop, so the signal cannot pass before the wait begins.
    table.activated.emit(index)
    page = window.assignment_dock.page
    assert page is not None
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        pass
    assert window.assignment_dock.dock is not None
    assert window.assignment_dock.dock.isVisible()
    assert page.overview.values["registration_no"].text() == regno
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=WAIT)
