"""My tasks: Today / Overdue / All with counts, the region → matter tree, search, sort, open."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.my_tasks import TaskList, court_day_bounds
from fieldapp.services.workspace import Workspace
from fieldapp.ui.assignment_table_model import Column
from fieldapp.ui.group_tree_model import KEY_ROLE, NAME_COLUMN, OVERDUE_ROLE, TOTAL_ROLE
from fieldapp.ui.groups import GroupKey
from fieldapp.ui.my_tasks_groups import LIST_NODE, TOP
from fieldapp.ui.my_tasks_section import SECTION, MyTasksSection
from fieldapp.ui.section_list import all_sections
from tests.support.officer_day import add_visit, assignment_id, due
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.officer_context import MakeOfficer, Officer
from tests.ui.officer_context import officer as officer  # noqa: PLC0414  (the fixture)
from tests.ui.officer_context import sample_template as sample_template  # noqa: PLC0414
from tests.ui.officer_context import workspace as workspace  # noqa: PLC0414  (a faster copy)
from tests.ui.sample_data import TODAY


def open_section(qtbot: QtBot, person: Officer) -> MyTasksSection:
    section = MyTasksSection(person.context)
    qtbot.addWidget(section)
    section.resize(1200, 600)
    section.show()
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    return section


def double_click(qtbot: QtBot, widget: QWidget, at: QPoint) -> None:
    # QTest's mouseDClick sends no double-click event an item view acts on (Qt 6): send one
    # after a click, as a real double click does.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
    point = QPointF(at)
    event = QMouseEvent(
        QEvent.Type.MouseButtonDblClick,
        point,
        widget.mapToGlobal(point),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def shown(section: MyTasksSection) -> list[str]:
    return [row.registration_no for row in section.shown_rows()]


def test_it_is_the_first_section_for_officers_only() -> None:
    assert all_sections()[0] is SECTION
    assert SECTION.visible_to(Role.OFFICER)
    assert not SECTION.visible_to(Role.LEAD)


def test_the_three_lists_and_their_counts(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    due(workspace.engine, "WQ-2026-000002", TODAY)
    section = open_section(qtbot, officer("张三"))
    texts = [section.tabs.tabText(i).replace("&", "") for i in range(section.tabs.count())]
    assert texts == ["Today (1)", "Overdue (1)", "All (2)"]
    assert section.current_list is TaskList.TODAY
    assert shown(section) == ["WQ-2026-000002"]
    section.show_list(TaskList.OVERDUE)
    assert shown(section) == ["WQ-2026-000001"]
    assert section.count_label.text() == "1 tasks · 1 overdue"
    section.show_list(TaskList.ALL)
    assert sorted(shown(section)) == ["WQ-2026-000001", "WQ-2026-000002"]


def test_a_visit_today_puts_a_task_on_today(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    begins, _ends = court_day_bounds(TODAY)
    add_visit(workspace.engine, "WQ-2026-000003", begins + timedelta(hours=9))  # done, 李四
    section = open_section(qtbot, officer("李四"))
    assert shown(section) == ["WQ-2026-000003"]
    # 李四 is second officer on 000002: it is on All.
    section.show_list(TaskList.ALL)
    assert sorted(shown(section)) == ["WQ-2026-000002", "WQ-2026-000003"]


def test_an_empty_list_says_why(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = open_section(qtbot, officer("张三"))
    assert shown(section) == []
    assert section.empty_label.isVisible()
    assert "Nothing is due today" in section.empty_label.text()
    section.show_list(TaskList.OVERDUE)
    assert not section.empty_label.isVisible()


def test_groups_by_region_and_matter_with_counts_and_badges(
    qtbot: QtBot, officer: MakeOfficer
) -> None:
    section = open_section(qtbot, officer("张三"))
    section.show_list(TaskList.ALL)
    tree, model = section.tree, section.group_model
    top = tree.rootIndex().model().index(0, NAME_COLUMN, tree.rootIndex())
    assert top.data(KEY_ROLE) == TOP
    assert top.data() == "All my tasks"
    assert (top.data(TOTAL_ROLE), top.data(OVERDUE_ROLE)) == (2, 1)
    regions = [model.index(r, NAME_COLUMN, top) for r in range(model.rowCount(top))]
    assert [index.data() for index in regions] == ["南明区"]
    matters = [model.index(r, NAME_COLUMN, regions[0]) for r in range(model.rowCount(regions[0]))]
    assert [index.data() for index in matters] == ["Service"]
    assert section.select_group(GroupKey(2, LIST_NODE, "520102"))
    assert section.heading.text() == "All my tasks › 南明区"
    assert section.table.isColumnHidden(Column.REGION)
    assert not section.select_group(GroupKey(2, LIST_NODE, "520103"))


def test_search_by_number_case_party_and_address(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = open_section(qtbot, officer("张三"))
    section.show_list(TaskList.ALL)
    for text, expected in (
        ("000002", ["WQ-2026-000002"]),
        ("(2026)黔01执100号", ["WQ-2026-000001"]),  # half-width brackets find full-width ones
        ("商贸", ["WQ-2026-000002"]),
        ("花果园", ["WQ-2026-000001"]),
        ("nothing like this", []),
    ):
        section.search.setText(text)  # QTest types ASCII only
        section.apply_search()
        assert shown(section) == expected, text
        section.search.clear()
    section.apply_search()
    assert len(shown(section)) == 2
    # The search waits for a pause in typing, then applies itself.
    qtbot.keyClicks(section.search, "000001")
    assert len(shown(section)) == 2
    qtbot.waitUntil(lambda: shown(section) == ["WQ-2026-000001"], timeout=2_000)
    assert section.count_label.text().startswith("1 of 2 tasks shown")


def test_sorting_by_a_column(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = open_section(qtbot, officer("张三"))
    section.show_list(TaskList.ALL)
    section.table.sortByColumn(Column.REGISTRATION_NO, Qt.SortOrder.DescendingOrder)
    assert shown(section) == ["WQ-2026-000002", "WQ-2026-000001"]
    section.table.sortByColumn(Column.DUE_ON, Qt.SortOrder.AscendingOrder)
    assert shown(section) == ["WQ-2026-000001", "WQ-2026-000002"]


def test_double_click_and_enter_open_the_assignment(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    person = officer("张三")
    section = open_section(qtbot, person)
    section.show_list(TaskList.ALL)
    section.table.sortByColumn(Column.REGISTRATION_NO, Qt.SortOrder.AscendingOrder)
    table = section.table
    rect = table.visualRect(table.model().index(1, Column.REGISTRATION_NO))
    double_click(qtbot, table.viewport(), rect.center())
    assert person.opened == [assignment_id(workspace.engine, "WQ-2026-000002")]
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, Column.PARTY))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert person.opened[-1] == assignment_id(workspace.engine, "WQ-2026-000001")


def test_without_a_signed_in_officer_it_says_so(qtbot: QtBot, officer: MakeOfficer) -> None:
    section = MyTasksSection(officer(None).context)
    qtbot.addWidget(section)
    section.refresh()
    assert section.tasks is None
    assert "Sign in" in section.empty_label.text()


def test_refresh_keeps_the_list_and_group(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer
) -> None:
    section = open_section(qtbot, officer("张三"))
    section.show_list(TaskList.ALL)
    assert section.select_group(GroupKey(2, LIST_NODE, "520102"))
    due(workspace.engine, "WQ-2026-000002", TODAY)
    with qtbot.waitSignal(section.sig_loaded, timeout=LOAD_TIMEOUT_MS):
        section.refresh()
    assert section.current_list is TaskList.ALL
    assert section.heading.text() == "All my tasks › 南明区"
    assert section.tabs.tabText(0).replace("&", "") == "Today (1)"


def test_in_chinese(
    qtbot: QtBot, workspace: Workspace, officer: MakeOfficer, chinese: None
) -> None:
    due(workspace.engine, "WQ-2026-000002", TODAY)
    section = open_section(qtbot, officer("张三"))
    texts = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert texts == ["今日(&T) (1)", "已逾期(&O) (1)", "全部(&L) (2)"]
    assert section.heading.text() == "今日"
    assert SECTION.title() == "我的任务"
    section.show_list(TaskList.OVERDUE)
    assert section.count_label.text() == "共 1 件任务 · 逾期 1 件"
