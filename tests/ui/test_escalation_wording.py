"""Escalations and Overdue as their readers see them: one form of the level (二级督办 in the
table as in the reasons), squads by name, the reason worded from its facts in English (the
stored Chinese reason kept as the record), when a computed escalation was reached, columns
sized to their contents, and Acknowledge only when there is something to acknowledge."""

# The fixtures people and runner come from test_escalation_sections (imported below).
# ruff: noqa: F811

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.domain.enums import Role
from fieldapp.services.workspace import Workspace
from fieldapp.storage.oversight import Escalation
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.escalation_model import Column as EColumn
from fieldapp.ui.escalation_section import EscalationSection
from fieldapp.ui.overdue_model import Column
from fieldapp.ui.overdue_section import OverdueSection
from fieldapp.ui.table_fit import MAX_COLUMN
from tests.ui.test_escalation_sections import (  # noqa: F401 - fixtures
    context,
    opened,
    people,
    runner,
)


def row_of(section: EscalationSection, regno: str, level: str) -> int:
    model = section.model
    for row in range(model.rowCount()):
        if (
            model.index(row, EColumn.ITEM).data() == regno
            and model.index(row, EColumn.LEVEL).data() == level
        ):
            return row
    raise AssertionError(f"no {level} row for {regno}")


def cell(section: EscalationSection, row: int, column: EColumn, role: int | None = None) -> str:
    index = section.model.index(row, column)
    return str(index.data() if role is None else index.data(role))


def test_english_words_the_reason_and_keeps_the_record(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    section = opened(qtbot, EscalationSection(context(workspace, runner, "lead-s1", Role.LEAD)))
    raised = row_of(section, "WQ-2026-000001", "Level 2")
    reason = cell(section, raised, EColumn.REASON)
    assert reason.startswith("Level 2: field task WQ-2026-000001")
    assert "due on 2026-03-10" in reason
    assert "6 day(s) overdue" in reason
    assert "Raised to the squad lead." in reason
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in reason.replace("WQ", ""))
    tooltip = cell(section, raised, EColumn.REASON, Qt.ItemDataRole.ToolTipRole.value)
    assert "As recorded: 二级督办：外勤任务WQ-2026-000001" in tooltip
    # The central store's record says when it was raised (09:00 in the court's zone).
    assert cell(section, raised, EColumn.RAISED) == "2026-03-11 09:00"
    # One the laptop computed has no record yet: the day its level was reached, marked so.
    computed = row_of(section, "WQ-2026-000004", "Level 2")
    assert cell(section, computed, EColumn.RAISED) == "2026-03-16 (computed)"
    # The record itself is untouched.
    with workspace.engine.connect() as connection:
        stored = connection.execute(select(Escalation.reason).where(Escalation.id == "esc-2"))
        assert stored.scalar_one().startswith("二级督办：")


def test_chinese_shows_one_form_of_the_level_and_the_stored_reason(
    qtbot: QtBot,
    workspace: Workspace,
    runner: BackgroundRunner,
    people: dict[str, str],
    chinese: None,
) -> None:
    section = opened(qtbot, EscalationSection(context(workspace, runner, "lead-s1", Role.LEAD)))
    raised = row_of(section, "WQ-2026-000001", "二级督办")
    assert cell(section, raised, EColumn.REASON).startswith("二级督办：外勤任务")
    computed = row_of(section, "WQ-2026-000004", "二级督办")
    assert cell(section, computed, EColumn.REASON).startswith("二级督办：")
    assert "推算" in cell(section, computed, EColumn.RAISED)
    section.table.selectRow(raised)
    assert section.history.item(0).text().startswith("二级督办 · ")
    overdue = opened(qtbot, OverdueSection(context(workspace, runner, "sup", Role.SUPERVISOR)))
    model = overdue.model
    levels = {model.index(row, Column.LEVEL).data() for row in range(model.rowCount())}
    squads = {model.index(row, Column.SQUAD).data() for row in range(model.rowCount())}
    assert levels == {"二级督办"}
    assert "第一外勤组" in squads
    assert "S1" not in squads
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        section.grab().save(str(Path(folder) / "escalations-zh.png"))
        overdue.grab().save(str(Path(folder) / "overdue-zh.png"))


def test_overdue_columns_fit_and_squads_show_by_name(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    overdue = opened(qtbot, OverdueSection(context(workspace, runner, "sup", Role.SUPERVISOR)))
    overdue.resize(900, 300)
    qtbot.waitUntil(lambda: overdue.table.columnWidth(Column.MATTER.value) > 0)
    table, model = overdue.table, overdue.model
    squads = {model.index(row, Column.SQUAD).data() for row in range(model.rowCount())}
    assert "第一外勤组" in squads
    assert "S1" not in squads
    for column in Column:
        if column is not Column.MATTER:
            assert table.columnWidth(column.value) <= MAX_COLUMN, column
    matter = table.columnWidth(Column.MATTER.value)
    assert matter >= table.fontMetrics().horizontalAdvance("Locate persons or property")
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        overdue.grab().save(str(Path(folder) / "overdue-en.png"))


def test_acknowledge_is_off_with_nothing_to_acknowledge(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    section = opened(qtbot, EscalationSection(context(workspace, runner, "sup", Role.SUPERVISOR)))
    assert section.model.rowCount() == 0
    assert not section.acknowledge_button.isEnabled()
    assert not section.action_acknowledge.isEnabled()
    assert "no escalation is raised to you" in section.acknowledge_button.toolTip()
    lead = opened(qtbot, EscalationSection(context(workspace, runner, "lead-s1", Role.LEAD)))
    lead.table.selectRow(row_of(lead, "WQ-2026-000001", "Level 2"))
    assert lead.acknowledge_button.isEnabled()
    assert lead.action_acknowledge.isEnabled()
    lead.table.selectRow(row_of(lead, "WQ-2026-000004", "Level 2"))
    assert not lead.acknowledge_button.isEnabled()
    assert "after the next sync" in lead.acknowledge_button.toolTip()
