"""The Asset watch section: sorted by days left, coloured by reminder band, filtered by measure
and squad; Ctrl+R drafts the renewal of the selected control and shows its documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, insert, select

from fieldapp.domain.enums import AssetKind, ControlMeasure, Role
from fieldapp.services.actor import Actor
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.reference import Squad
from fieldapp.storage.types import new_id
from fieldapp.ui.asset_watch_model import (
    BACKGROUND_ROLE,
    BAND_COLOURS,
    DISPLAY_ROLE,
    FOREGROUND_ROLE,
    Column,
)
from fieldapp.ui.asset_watch_section import SECTION, AssetWatchSection
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from tests.support.asset_world import CREATED, add_case, add_control, add_task, empty_engine
from tests.support.notice_data import lease_locally

TODAY = date(2026, 11, 27)
TIMEOUT_MS = 20_000
CASE_ONE, CASE_TWO = "（2025）黔01执100号", "（2025）黔01执200号"
# Three-year seals whose last day is the given number of days from TODAY.
DAYS = {"expired": -3, "week": 5, "month": 20, "quarter": 60, "later": 400}


@dataclass
class World:
    engine: Engine
    controls: dict[str, str]


@pytest.fixture
def world(tmp_path: Path) -> World:
    engine = empty_engine(tmp_path)
    one = add_case(engine, CASE_ONE)
    two = add_case(engine, CASE_TWO, respondent="田华")
    task_one = add_task(engine, one, squad="S1", number=1)
    task_two = add_task(engine, two, squad="S2", number=2)
    controls = {}
    for name, days in DAYS.items():
        last_day = date.fromordinal(TODAY.toordinal() + days)
        controls[name] = add_control(
            engine, one, effective_on=date(2020, 1, 1), expires_on=last_day,
            assignment_id=task_one, description=f"房产{name}",
        )  # fmt: skip
    controls["freeze"] = add_control(
        engine, two, effective_on=date(2026, 1, 1), kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.FREEZE, assignment_id=task_two, description="存款",
        expires_on=date(2026, 12, 7),
    )  # fmt: skip
    lease_locally(engine, [CASE_ONE, CASE_TWO])
    return World(engine, controls)


@pytest.fixture
def make_section(
    qtbot: QtBot, world: World, tmp_path: Path
) -> Iterator[type[AssetWatchSection] | object]:
    runners: list[BackgroundRunner] = []

    def make(role: Role = Role.LEAD) -> AssetWatchSection:
        runner = BackgroundRunner()
        runners.append(runner)
        context = WindowContext(
            engine=world.engine,
            actor=Actor(user_id=None, device_id="d-1"),
            role=role,
            squad_code="S1",
            display_name="组长",
            blobs_dir=tmp_path / "blobs",
            runner=runner,
            today=lambda: TODAY,
        )
        section = AssetWatchSection(context)
        qtbot.addWidget(section)
        section.resize(1200, 500)
        section.show()
        load(qtbot, section)
        return section

    yield make
    for runner in runners:
        runner.shutdown()


def load(qtbot: QtBot, section: AssetWatchSection) -> None:
    loaded: list[bool] = []
    section.sig_rows_loaded.connect(lambda: loaded.append(True))
    section.refresh()
    qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS)


def column(section: AssetWatchSection, which: Column) -> list[str]:
    model = section.model
    return [model.index(row, which.value).data(DISPLAY_ROLE) for row in range(model.rowCount())]


def descriptions(section: AssetWatchSection) -> list[str]:
    return [row.asset_description for row in section.model.rows()]


def test_the_section_is_registered_for_supervisors_leads_and_officers() -> None:
    assert SECTION in all_sections()
    assert SECTION.roles == {Role.SUPERVISOR, Role.LEAD, Role.OFFICER}
    assert not SECTION.visible_to(Role.REGISTRAR)


def test_sorted_by_days_left_both_ways(make_section, world: World) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    assert column(section, Column.DAYS_LEFT) == ["expired 3 d ago", "5", "10", "20", "60", "400"]
    section.table.sortByColumn(Column.DAYS_LEFT.value, Qt.SortOrder.DescendingOrder)
    assert column(section, Column.DAYS_LEFT) == ["400", "60", "20", "10", "5", "expired 3 d ago"]
    section.table.sortByColumn(Column.CASE_NUMBER.value, Qt.SortOrder.AscendingOrder)
    assert column(section, Column.CASE_NUMBER)[-1] == CASE_TWO
    assert "6 in force · expired 1 · within 7 days 1 · 30 days 2 · 90 days 1" in (
        section.summary.text()
    )


def test_rows_are_coloured_by_band_and_expired_ones_red(make_section) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    model = section.model
    colours = {}
    for row in range(model.rowCount()):
        index = model.index(row, Column.ASSET.value)
        colours[model.row_at(row).asset_description] = (  # type: ignore[union-attr]
            index.data(BACKGROUND_ROLE),
            index.data(FOREGROUND_ROLE),
        )
    assert colours["房产expired"][0] == QColor("#e53935")  # red
    assert colours["房产expired"][0] == BAND_COLOURS[-1][0]
    assert colours["房产week"][0] == BAND_COLOURS[7][0]
    assert colours["存款"][0] == BAND_COLOURS[30][0]  # 10 days
    assert colours["房产month"][0] == BAND_COLOURS[30][0]
    assert colours["房产quarter"][0] == BAND_COLOURS[90][0]
    assert colours["房产later"] == (None, None)
    assert len({colours[name][0].name() for name in ("房产expired", "房产week", "房产month",
                                                     "房产quarter")}) == 4  # fmt: skip


def test_filter_by_measure_and_squad(make_section, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    section = make_section()
    assert [section.squad_filter.itemText(i) for i in range(section.squad_filter.count())][1:] == [
        "S1",
        "S2",
    ]
    loaded: list[bool] = []
    section.sig_rows_loaded.connect(lambda: loaded.append(True))
    section.measure_filter.setCurrentIndex(section.measure_filter.findData("freeze"))
    qtbot.waitUntil(lambda: len(loaded) == 1, timeout=TIMEOUT_MS)
    assert descriptions(section) == ["存款"]
    section.measure_filter.setCurrentIndex(0)
    section.squad_filter.setCurrentIndex(section.squad_filter.findData("S1"))
    # Two changes in a row: only the newest load is shown.
    qtbot.waitUntil(lambda: len(loaded) == 2, timeout=TIMEOUT_MS)
    assert "存款" not in descriptions(section)
    assert len(descriptions(section)) == 5


def test_squads_are_shown_by_name_where_the_laptop_knows_it(  # type: ignore[no-untyped-def]
    make_section, world: World, qtbot: QtBot
) -> None:
    with world.engine.begin() as connection:
        connection.execute(
            insert(Squad).values(
                id=new_id(), version=1, created_at=CREATED, updated_at=CREATED,
                created_by=None, device_id="central", deleted=False,
                code="S1", name="第一外勤组", member_ids=[], region_codes=[], matter_codes=[],
            )
        )  # fmt: skip
    section = make_section()
    names = [section.squad_filter.itemText(i) for i in range(1, section.squad_filter.count())]
    assert names == ["第一外勤组", "S2"]  # S2 has no squad record here: its code stays
    assert [section.squad_filter.itemData(i) for i in (1, 2)] == ["S1", "S2"]
    assert set(column(section, Column.SQUAD)) == {"第一外勤组", "S2"}
    # Filtering still goes by code.
    loaded: list[bool] = []
    section.sig_rows_loaded.connect(lambda: loaded.append(True))
    section.squad_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS)
    assert set(column(section, Column.SQUAD)) == {"第一外勤组"}
    assert section.squad_filter.currentText() == "第一外勤组"


def test_ctrl_r_drafts_the_renewal_and_opens_its_documents(  # type: ignore[no-untyped-def]
    make_section, world: World, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = make_section()
    asked: list[str] = []
    monkeypatch.setattr(section, "confirm", lambda control, plan: asked.append(plan.control_id)
                        or True)  # fmt: skip
    assert section.action_renew.shortcut() == QKeySequence("Ctrl+R")
    assert section.select_control(world.controls["week"])
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: section.dialog is not None, timeout=TIMEOUT_MS)
    dialog = section.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: all(v.page_count >= 1 for v in dialog.views), timeout=TIMEOUT_MS)
    assert asked == [world.controls["week"]]
    assert dialog.tabs.count() == 2
    assert dialog.tabs.tabText(0).startswith("执行裁定书")
    assert dialog.tabs.tabText(1).startswith("协助执行通知书")
    saved = dialog.save_current(Path(section._context.blobs_dir).parent / "ruling.pdf")
    assert saved is not None
    assert saved.read_bytes() == dialog.renewal.ruling.pdf
    with world.engine.connect() as connection:
        renewal = connection.execute(
            select(AssetControl).where(AssetControl.renews_id == world.controls["week"])
        ).one()
    assert renewal.measure is ControlMeasure.RENEW
    assert renewal.expires_on == date(2029, 12, 2)  # the old last day 2026-12-02, + 3 years
    # The list reloads: the chain now stands at its renewal, three years on.
    qtbot.waitUntil(lambda: section.model.row_of(renewal.id) >= 0, timeout=TIMEOUT_MS)
    assert section.model.row_of(world.controls["week"]) == -1
    assert "Renewed until 2029-12-02" in section.message.text()
    dialog.close()


def test_an_expired_control_is_refused_with_the_reason(  # type: ignore[no-untyped-def]
    make_section, world: World, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = make_section()
    asked: list[object] = []
    monkeypatch.setattr(section, "confirm", lambda *args: asked.append(args) or True)
    refused: list[object] = []
    section.sig_refused.connect(refused.append)
    section.select_control(world.controls["expired"])
    # The selection moves while the check runs: the refusal still names the expired one.
    section.action_renew.trigger()
    section.select_control(world.controls["month"])
    qtbot.waitUntil(lambda: len(refused) == 1, timeout=TIMEOUT_MS)
    assert asked == []  # refused before anything is asked
    assert section.dialog is None
    assert "Cannot renew" in section.message.text()
    assert "anew" in section.message.text()
    assert (date.fromordinal(TODAY.toordinal() - 3)).isoformat() in section.message.text()
    with world.engine.connect() as connection:
        assert (
            connection.execute(
                select(AssetControl).where(AssetControl.measure == ControlMeasure.RENEW)
            ).first()
            is None
        )


def test_nothing_selected_and_a_declined_confirmation_write_nothing(  # type: ignore[no-untyped-def]
    make_section, world: World, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = make_section()
    section.table.clearSelection()
    section.action_renew.trigger()
    assert "Select the control" in section.message.text()
    asked: list[object] = []
    monkeypatch.setattr(section, "confirm", lambda *args: asked.append(args) and False)
    section.select_control(world.controls["month"])
    section.action_renew.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=TIMEOUT_MS)
    qtbot.wait(50)  # a renewal, had one started, would have delivered by now
    assert section.dialog is None
    with world.engine.connect() as connection:
        assert connection.execute(
            select(AssetControl).where(AssetControl.measure == ControlMeasure.RENEW)
        ).first() is None  # fmt: skip


def test_supervisors_see_the_list_but_cannot_renew(make_section) -> None:  # type: ignore[no-untyped-def]
    section = make_section(Role.SUPERVISOR)
    assert section.model.rowCount() == 6
    assert not section.action_renew.isEnabled()
    assert not section.renew_button.isEnabled()
    assert section.renew_button.toolTip()
