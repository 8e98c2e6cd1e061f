"""The main window on a workspace with sample tasks: groups, lists, search, sort, menus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import AssignmentStatus, Matter
from fieldapp.services.workspace import Workspace
from fieldapp.ui.assignment_table_model import Column
from fieldapp.ui.group_tree_model import COUNT_COLUMN, NAME_COLUMN, OVERDUE_ROLE, TOTAL_ROLE
from fieldapp.ui.groups import ALL, GroupKey
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.queue_view import SEARCH_DELAY_MS
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.sample_data import SAMPLES, Sample, add_samples

OpenWindow = Callable[[], MainWindow]


def registration_numbers(window: MainWindow) -> list[str]:
    model = window.queue.table_model
    return [model.row_at(row).registration_no for row in range(model.rowCount())]


def select(qtbot: QtBot, window: MainWindow, key: GroupKey) -> None:
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        assert window.queue.select_group(key)


def test_window_opens_on_all_tasks(open_window: OpenWindow) -> None:
    window = open_window()
    assert window.windowTitle() == "Fieldapp — Field Affairs Centre"
    assert window.queue.current_group == ALL
    assert sorted(registration_numbers(window)) == [s.registration_no for s in SAMPLES]
    assert window.count_label.text() == "6 tasks"
    assert window.overdue_label.text() == "3 overdue"
    assert window.queue.heading.text() == "All tasks"
    assert not window.queue.busy


def test_tree_shows_the_counts(open_window: OpenWindow) -> None:
    window = open_window()
    model = window.queue.group_model

    def counts(key: GroupKey) -> tuple[str, int, int]:
        index = model.index_of(key)
        count = index.siblingAtColumn(COUNT_COLUMN)
        return index.data(), count.data(TOTAL_ROLE), count.data(OVERDUE_ROLE)

    assert counts(ALL) == ("All tasks", 6, 3)
    assert counts(GroupKey(1, "S1")) == ("第一外勤组", 4, 2)
    assert counts(GroupKey(1, "S2")) == ("第二外勤组", 1, 0)
    assert counts(GroupKey(1, None)) == ("Not routed to a squad", 1, 1)
    assert counts(GroupKey(2, "S1", "520102")) == ("南明区", 3, 1)
    assert counts(GroupKey(3, "S1", "520102", Matter.SERVICE)) == ("Service", 2, 1)
    assert model.index_of(GroupKey(1, "S1")).siblingAtColumn(COUNT_COLUMN).data() == (
        "4 (overdue 2)"
    )
    # The squads are shown from the start.
    assert window.queue.tree.isExpanded(model.index_of(ALL))


def test_selecting_a_group_loads_its_tasks(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    select(qtbot, window, GroupKey(2, "S1", "520102"))
    assert sorted(registration_numbers(window)) == [
        "WQ-2026-000001",
        "WQ-2026-000002",
        "WQ-2026-000003",
    ]
    assert window.queue.heading.text() == "第一外勤组 › 南明区"
    assert window.count_label.text() == "3 tasks"
    # Every task of a region group is in that region: its column would only repeat it.
    assert window.queue.table.isColumnHidden(Column.REGION)
    assert not window.queue.table.isColumnHidden(Column.MATTER)

    select(qtbot, window, GroupKey(1, None))
    assert registration_numbers(window) == ["WQ-2026-000006"]
    assert not window.queue.table.isColumnHidden(Column.REGION)
    window.queue.table.selectRow(0)
    assert [row.registration_no for row in window.queue.selected_rows()] == ["WQ-2026-000006"]

    # Choosing the selected group again reads it again.
    select(qtbot, window, GroupKey(1, None))
    assert window.queue.select_group(GroupKey(1, "S9")) is False


def test_clicking_a_tree_node_loads_its_tasks(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    tree = window.queue.tree
    index = window.queue.group_model.index_of(GroupKey(1, "S2"))
    tree.scrollTo(index)
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
        )
    assert registration_numbers(window) == ["WQ-2026-000005"]


def test_search_filters_the_current_list(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    search = window.queue.search
    model = window.queue.table_model
    qtbot.keyClicks(search, "(2025)")
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=SEARCH_DELAY_MS * 20)
    assert sorted(registration_numbers(window)) == ["WQ-2026-000004", "WQ-2026-000005"]
    assert window.count_label.text() == "2 of 6 tasks shown"
    assert window.overdue_label.text() == "1 overdue"

    # Chinese arrives from the input method as committed text, not key by key.
    search.setText("云岩区")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=SEARCH_DELAY_MS * 20)
    assert sorted(registration_numbers(window)) == [
        "WQ-2026-000004",
        "WQ-2026-000005",
        "WQ-2026-000006",
    ]
    assert window.overdue_label.text() == "2 overdue"

    # The search stays while another group is chosen.
    select(qtbot, window, GroupKey(1, "S1"))
    assert registration_numbers(window) == ["WQ-2026-000004"]

    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert model.rowCount() == 4
    assert window.count_label.text() == "4 tasks"


def test_clicking_a_header_sorts(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    table = window.queue.table
    header = table.horizontalHeader()

    def click_header(column: Column) -> None:
        position = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)

    # Open work first, by default.
    statuses = [window.queue.table_model.row_at(r).status for r in range(6)]
    assert statuses[0] == AssignmentStatus.REGISTERED
    assert statuses[-1] == AssignmentStatus.DONE

    click_header(Column.REGISTRATION_NO)
    assert header.sortIndicatorSection() == Column.REGISTRATION_NO
    assert registration_numbers(window) == sorted(s.registration_no for s in SAMPLES)
    click_header(Column.REGISTRATION_NO)
    assert registration_numbers(window) == sorted(
        (s.registration_no for s in SAMPLES), reverse=True
    )


def test_find_action_focuses_the_search(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.queue.table.setFocus()
    assert window.action_find.shortcut().toString() == "Ctrl+F"
    window.action_find.trigger()
    qtbot.waitUntil(window.queue.search.hasFocus)


def test_menus_and_shortcuts(open_window: OpenWindow) -> None:
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    assert window.action_quit.shortcut().toString() == "Ctrl+Q"
    assert window.action_refresh.shortcut().toString() == "F5"


def test_refresh_reads_new_tasks(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace
) -> None:
    window = open_window()
    select(qtbot, window, GroupKey(1, "S2"))
    extra = Sample(
        "WQ-2026-000007", "S2", "520102", Matter.POSTING, "吴十", "贵阳市南明区解放路7号",
        "（2026）黔01执700号", AssignmentStatus.ROUTED, None,
    )  # fmt: skip
    add_samples(workspace.engine, (extra,))
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=LOAD_TIMEOUT_MS):
        window.action_refresh.trigger()
    # The selection stays on the same group, now with the new task.
    assert window.queue.current_group == GroupKey(1, "S2")
    assert sorted(registration_numbers(window)) == ["WQ-2026-000005", "WQ-2026-000007"]
    root = window.queue.group_model.index_of(ALL).siblingAtColumn(COUNT_COLUMN)
    assert root.data(TOTAL_ROLE) == 7


def test_quit_closes_the_window(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.action_quit.trigger()
    assert not window.isVisible()


def test_widgets_have_accessible_names(open_window: OpenWindow) -> None:
    window = open_window()
    queue = window.queue
    for widget in (queue.tree, queue.table, queue.search, queue.heading, window.count_label):
        assert widget.accessibleName(), widget.objectName()


def test_window_in_chinese(chinese: None, open_window: OpenWindow) -> None:
    window = open_window()
    assert window.windowTitle() == "Fieldapp — 外勤事务中心"
    assert [action.text() for action in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "视图(&V)",
        "帮助(&H)",
    ]
    model = window.queue.group_model
    assert model.index_of(ALL).data() == "全部任务"
    assert model.index_of(GroupKey(3, "S1", "520102", Matter.SERVICE)).data() == "送达"
    assert model.headerData(NAME_COLUMN, Qt.Orientation.Horizontal) == "分组"
    table = window.queue.table_model
    assert table.headerData(Column.REGISTRATION_NO, Qt.Orientation.Horizontal) == "登记号"
    statuses = {table.index(row, Column.STATUS).data() for row in range(table.rowCount())}
    assert statuses == {"已登记", "已分组", "已指派", "办理中", "已办结"}
    assert window.count_label.text() == "共 6 件任务"
    officers = [table.index(row, Column.OFFICERS).data() for row in range(table.rowCount())]
    assert "张三、李四" in officers
