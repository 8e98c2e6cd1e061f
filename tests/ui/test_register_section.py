"""The registrar's Register section: checks as typed, region and squad preview, registering,
and a CSV import previewed row by row before the good rows are imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.reference import RoutingRule, Squad
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.register_section import SECTION, RegisterSection
from fieldapp.ui.sections import WindowContext
from tests.support.request_files import valid_row, write_csv
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.sample_data import TODAY


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    with Session(workspace.engine) as session, session.begin():
        session.add_all([Squad(code="S1", name="第一外勤组"), Squad(code="S2", name="第二外勤组")])
        session.add(
            RoutingRule(priority=10, matter_code="*", region_code="520102", squad_code="S1")
        )
    try:
        yield workspace
    finally:
        workspace.close()


class Holder(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.runner = BackgroundRunner(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        super().closeEvent(event)


def make(qtbot: QtBot, workspace: Workspace) -> tuple[Holder, RegisterSection]:
    holder = Holder()
    qtbot.addWidget(holder)
    context = WindowContext(
        engine=workspace.engine,
        actor=Actor(user_id="registrar-1", device_id="device-r"),
        role=Role.REGISTRAR,
        squad_code=None,
        display_name="登记员",
        blobs_dir=Path(workspace.blobs_dir),
        runner=holder.runner,
        today=lambda: TODAY,
    )
    section = SECTION.make(context, holder)
    assert isinstance(section, RegisterSection)
    holder.resize(1000, 700)
    holder.show()
    qtbot.waitUntil(lambda: section.form is not None, timeout=LOAD_TIMEOUT_MS)
    return holder, section


def type_into(qtbot: QtBot, section: RegisterSection, name: str, text: str) -> None:
    edit = section.field(name)
    assert isinstance(edit, QLineEdit)
    # QTest types ASCII only; an input method hands Chinese over as whole text like this.
    edit.clear()
    edit.insert(text)


def choose_matter(section: RegisterSection, code: str) -> None:
    combo = section.field("matter")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(code))


def assignments(workspace: Workspace) -> int:
    with Session(workspace.engine) as session:
        return session.scalar(select(func.count()).select_from(Assignment)) or 0


def test_checks_as_typed_then_register(qtbot: QtBot, workspace: Workspace) -> None:
    _holder, section = make(qtbot, workspace)
    assert SECTION.visible_to(Role.REGISTRAR)
    assert not SECTION.visible_to(Role.OFFICER)
    with qtbot.waitSignal(section.sig_checked, timeout=LOAD_TIMEOUT_MS):
        type_into(qtbot, section, "case_number", "（2026）贵01执12号")
    assert section.problem_label("case_number").isVisible()
    assert "黔" in section.problem_label("case_number").text()
    type_into(qtbot, section, "case_number", "(2026)黔01执12号")
    choose_matter(section, "seal")
    type_into(qtbot, section, "party_name", "王五")
    type_into(qtbot, section, "address", "北京市朝阳区1号")
    section.check_now()
    assert not section.problem_label("case_number").isVisible()
    assert "（2026）黔01执12号" in section.case_normal.text()
    assert section.case_normal.isVisible()
    assert section.problem_label("address").isVisible()
    type_into(qtbot, section, "address", "贵阳市南明区花果园1号")
    section.check_now()
    assert "南明区" in section.region_label.text()
    assert "第一外勤组" in section.route_label.text()
    with qtbot.waitSignal(section.sig_registered, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(
            section.field("party_name"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert "WQ-2026-000001" in section.message.text()
    assert assignments(workspace) == 1
    assert section.values()["case_number"] == ""  # cleared for the next request
    section.check_now()
    # The cleared form is not all red: "Required." waits for an edit or a Register.
    assert not any(section.problem_label(name).isVisible() for name in ("case_number", "address"))


def test_required_is_said_once_a_field_is_edited_or_register_is_pressed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    _holder, section = make(qtbot, workspace)
    qtbot.waitUntil(lambda: section.last_check is not None, timeout=LOAD_TIMEOUT_MS)
    names = ("case_number", "matter", "party_name", "address")
    assert not any(section.problem_label(name).isVisible() for name in names)
    assert not section.case_normal.isVisible()  # no blank line under an empty case number
    type_into(qtbot, section, "party_name", "王五")
    type_into(qtbot, section, "party_name", "")  # edited, then emptied again
    section.check_now()
    assert section.problem_label("party_name").isVisible()
    assert section.problem_label("party_name").text() == "Required."
    assert not section.problem_label("address").isVisible()
    section.register()
    assert all(section.problem_label(name).isVisible() for name in names)
    assert assignments(workspace) == 0


def test_a_form_with_problems_is_not_registered(qtbot: QtBot, workspace: Workspace) -> None:
    _holder, section = make(qtbot, workspace)
    type_into(qtbot, section, "case_number", "x" * 70)
    type_into(qtbot, section, "party_name", "'; DROP TABLE assignment; --")
    section.register()
    assert section.problem_label("case_number").isVisible()
    assert section.problem_label("matter").isVisible()
    assert section.problem_label("address").isVisible()
    assert "red" in section.message.text()
    assert assignments(workspace) == 0


def test_import_preview_marks_bad_rows_then_imports_the_good(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _holder, section = make(qtbot, workspace)
    rows = [valid_row(n) for n in range(3)]
    rows[1] = {**rows[1], "address": "上海市浦东新区1号"}
    path = write_csv(tmp_path / "requests.csv", rows)
    with qtbot.waitSignal(section.sig_preview_ready, timeout=LOAD_TIMEOUT_MS):
        section.preview_file(path)
    dialog = section.import_dialog
    assert dialog is not None
    model = dialog.model
    assert model.rowCount() == 3
    assert [model.index(r, 1).data() for r in range(3)] == ["OK", "Problem", "OK"]
    # The reason comes from its code, in the interface's words, naming the column.
    assert model.index(1, 6).data() == (
        "Address: No district or county we serve is named in the address (e.g. 南明区, 清镇市)."
    )
    assert assignments(workspace) == 0  # nothing yet
    dialog.only_bad.setChecked(True)
    assert model.rowCount() == 1
    assert "2" in dialog.import_button.text()
    with qtbot.waitSignal(section.sig_imported, timeout=LOAD_TIMEOUT_MS):
        dialog.import_button.click()
    assert assignments(workspace) == 2
    assert "2" in dialog.result_label.text()


def test_a_file_in_the_wrong_encoding_is_refused_clearly(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _holder, section = make(qtbot, workspace)
    path = write_csv(tmp_path / "utf16.csv", [valid_row(1)], encoding="utf-16")
    section.preview_file(path)
    qtbot.waitUntil(lambda: "cannot be imported" in section.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert "UTF-16" in section.message.text()
    assert section.import_dialog is None
    assert assignments(workspace) == 0


def fill_good_request(qtbot: QtBot, section: RegisterSection) -> None:
    type_into(qtbot, section, "case_number", "(2026)黔01执12号")
    choose_matter(section, "seal")
    type_into(qtbot, section, "party_name", "王五")
    type_into(qtbot, section, "address", "贵阳市南明区花果园1号")


def test_a_duplicate_and_a_failed_write_are_said_and_the_form_kept(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _holder, section = make(qtbot, workspace)
    fill_good_request(qtbot, section)
    with qtbot.waitSignal(section.sig_registered, timeout=LOAD_TIMEOUT_MS):
        section.register()
    fill_good_request(qtbot, section)
    section.register()
    qtbot.waitUntil(lambda: "already registered" in section.message.text(),
                    timeout=LOAD_TIMEOUT_MS)  # fmt: skip
    assert "WQ-2026-000001" in section.message.text()
    assert section.register_button.isEnabled()
    form = section.form
    assert form is not None

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(form, "register", disk_full)
    section.register()
    qtbot.waitUntil(lambda: "disk full" in section.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert section.register_button.isEnabled()  # the registrar can try again
    assert section.values()["party_name"] == "王五"  # nothing typed is lost
    assert assignments(workspace) == 1
