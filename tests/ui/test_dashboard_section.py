"""The Bulletin section: the week's figures and charts loaded in the background, a lead sees
their squad, and Ctrl+S saves the same bulletin as a PDF."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.bulletin import weekly_bulletin
from fieldapp.services.bulletin_week import IsoWeek
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import make_engine
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.chart_widgets import BarChart, nice_top
from fieldapp.ui.dashboard_model import Column
from fieldapp.ui.dashboard_section import SECTION, DashboardSection, offered_weeks
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from tests.services.test_bulletin import NOW, random_data

TODAY = date(2027, 1, 12)  # NOW's day: 2027-W01 is the last complete week
TIMEOUT_MS = 20_000
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    models = (Assignment, AssetControl, Escalation, Squad, StaffMember)
    RecordBase.metadata.create_all(engine, tables=[model.__table__ for model in models])
    random_data(5, date(2026, 11, 30), 42).store(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def make_section(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> Iterator[Callable[..., DashboardSection]]:
    runners: list[BackgroundRunner] = []

    def make(role: Role = Role.SUPERVISOR, squad: str | None = None) -> DashboardSection:
        runner = BackgroundRunner()
        runners.append(runner)
        context = WindowContext(
            engine=engine,
            actor=Actor(user_id=None, device_id="d-1"),
            role=role,
            squad_code=squad,
            display_name="督查员",
            blobs_dir=tmp_path / "blobs",
            runner=runner,
            today=lambda: TODAY,
        )
        section = DashboardSection(context)
        qtbot.addWidget(section)
        section.resize(1200, 820)
        section.show()
        load(qtbot, section)
        return section

    yield make
    for runner in runners:
        runner.shutdown()


def load(qtbot: QtBot, section: DashboardSection, action: Callable[[], None] | None = None) -> None:
    with qtbot.waitSignal(section.sig_loaded, timeout=TIMEOUT_MS):
        (action or section.refresh)()
    assert not section.busy


def column(model, which: Column) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, which.value).data(DISPLAY) for row in range(model.rowCount())]


def test_registered_for_supervisors_and_leads() -> None:
    assert SECTION in all_sections()
    assert SECTION.visible_to(Role.SUPERVISOR)
    assert SECTION.visible_to(Role.LEAD)
    assert not SECTION.visible_to(Role.OFFICER)


def test_the_figures_are_the_services_figures(make_section, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    assert section.chosen_week() == IsoWeek(2027, 1)
    with engine.connect() as connection:
        bulletin = weekly_bulletin(connection, IsoWeek(2027, 1), now=NOW)
    names = column(section.squad_model, Column.NAME)
    assert names[: len(bulletin.squads)] == [line.name for line in bulletin.squads]
    assert names[-1] == "Total"
    received = column(section.squad_model, Column.RECEIVED)
    for index, line in enumerate(bulletin.squads):
        change = line.change.received
        sign = "+" if change > 0 else ("±" if change == 0 else "-")
        assert received[index] == f"{line.this_week.received}  ({sign}{abs(change)})"
    assert section.officer_model.rowCount() == len(bulletin.officers)
    chart = section.squad_chart.data
    assert chart.categories == tuple(line.name for line in bulletin.squads)
    assert chart.series[0][1] == tuple(float(line.this_week.received) for line in bulletin.squads)
    assert section.level_chart.data.series[0][1] == tuple(
        float(n) for n in bulletin.total.this_week.escalations
    )
    assert f"received {bulletin.total.this_week.received}" in section.summary.text()


def test_choosing_another_week_reloads(make_section, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    load(qtbot, section, lambda: section.choose_week(IsoWeek(2026, 53)))
    assert section.bulletin is not None
    assert section.bulletin.week == IsoWeek(2026, 53)
    weeks = offered_weeks(TODAY)
    assert weeks[0] == IsoWeek(2027, 1)
    assert weeks[1] == IsoWeek(2026, 53)
    assert len(weeks) == 52


def test_a_lead_sees_only_their_squad(make_section) -> None:  # type: ignore[no-untyped-def]
    section = make_section(Role.LEAD, "S2")
    assert column(section.squad_model, Column.NAME) == ["第二外勤组", "Squad total"]
    assert section.bulletin is not None
    assert {o.squad_code for o in section.bulletin.officers} == {"S2"}
    assert section.squad_chart.data.categories == ("第二外勤组",)


def test_ctrl_s_saves_the_pdf(make_section, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    target = tmp_path / "weekly.pdf"
    target.write_bytes(b"old")  # the file dialog has confirmed replacing it
    monkeypatch.setattr(section, "choose_pdf_path", lambda suggested: target)
    with qtbot.waitSignal(section.sig_saved, timeout=TIMEOUT_MS):
        qtbot.keyClick(section.officer_table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "2027年第1周" in text
    assert str(target) in section.message.text()


def test_saving_into_a_missing_folder_says_why(
    make_section, tmp_path: Path, monkeypatch, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    monkeypatch.setattr(section, "choose_pdf_path", lambda suggested: tmp_path / "no" / "x.pdf")
    section.save_pdf()
    qtbot.waitUntil(lambda: "could not be saved" in section.message.text(), timeout=TIMEOUT_MS)
    assert "does not exist" in section.message.text()


def test_a_cancelled_dialog_saves_nothing(make_section, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    monkeypatch.setattr(section, "choose_pdf_path", lambda suggested: None)
    section.save_pdf()
    assert section.message.isHidden()


def test_an_empty_database_shows_dashes(qtbot: QtBot, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    models = (Assignment, AssetControl, Escalation, Squad, StaffMember)
    RecordBase.metadata.create_all(engine, tables=[model.__table__ for model in models])
    runner = BackgroundRunner()
    context = WindowContext(
        engine=engine, actor=Actor(user_id=None, device_id=None), role=Role.SUPERVISOR,
        squad_code=None, display_name="", blobs_dir=tmp_path, runner=runner,
        today=lambda: TODAY,
    )  # fmt: skip
    section = DashboardSection(context)
    qtbot.addWidget(section)
    load(qtbot, section)
    assert column(section.squad_model, Column.RATE) == ["—"]
    assert "completion rate — (last week —)" in section.summary.text()
    section.squad_chart.grab()  # paints with no bars
    runner.shutdown()
    engine.dispose()


def test_a_broken_database_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'nothing.sqlite'}")
    runner = BackgroundRunner()
    context = WindowContext(
        engine=engine, actor=Actor(user_id=None, device_id=None), role=Role.SUPERVISOR,
        squad_code=None, display_name="", blobs_dir=tmp_path, runner=runner,
        today=lambda: TODAY,
    )  # fmt: skip
    section = DashboardSection(context)
    qtbot.addWidget(section)
    section.refresh()
    qtbot.waitUntil(lambda: "could not be loaded" in section.message.text(), timeout=TIMEOUT_MS)
    assert not section.action_save.isEnabled()
    runner.shutdown()
    engine.dispose()


def test_chart_axis_tops_are_round() -> None:
    assert [nice_top(v) for v in (0, 3, 9, 10, 21, 44, 95, 230)] == [5, 5, 10, 15, 25, 50, 150, 300]


def test_screenshot_in_chinese(make_section, chinese: None, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    assert "办结率" in section.summary.text()
    qapp.processEvents()  # the layout after the squad table took its fitted height
    section.grab().save("/tmp/h-dashboard-zh.png")
    lead = make_section(Role.LEAD, "S1")
    qapp.processEvents()
    lead.grab().save("/tmp/h-dashboard-lead-zh.png")
    assert isinstance(section.squad_chart, BarChart)


def test_the_window_makes_it_loading(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    runner = BackgroundRunner()
    context = WindowContext(
        engine=engine, actor=Actor(user_id=None, device_id=None), role=Role.SUPERVISOR,
        squad_code=None, display_name="", blobs_dir=tmp_path, runner=runner,
        today=lambda: TODAY,
    )  # fmt: skip
    parent = QWidget()
    qtbot.addWidget(parent)
    section = SECTION.make(context, parent)
    assert isinstance(section, DashboardSection)
    qtbot.waitUntil(lambda: section.bulletin is not None, timeout=TIMEOUT_MS)
    assert section.action_save.isEnabled()
    assert section.action_save.shortcut().toString() == "Ctrl+S"
    runner.shutdown()
