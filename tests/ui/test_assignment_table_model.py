"""The table model: its cells, overdue highlighting, search and sorting on the Python list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt

from fieldapp.services.assignment_views import AssignmentRow, AssignmentViews
from fieldapp.ui.assignment_table_model import (
    OVERDUE_BACKGROUND,
    OVERDUE_ROLE,
    ROW_ROLE,
    AssignmentTableModel,
    Column,
)
from tests.ui.sample_data import OVERDUE, SAMPLES, TODAY


@pytest.fixture
def rows(views: AssignmentViews) -> list[AssignmentRow]:
    return views.assignments()


@pytest.fixture
def model(qapp: object, rows: list[AssignmentRow]) -> AssignmentTableModel:
    model = AssignmentTableModel()
    model.set_rows(rows, TODAY)
    return model


def column(model: AssignmentTableModel, column: Column) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_counts_and_headers(model: AssignmentTableModel) -> None:
    assert model.rowCount() == len(SAMPLES)
    assert model.columnCount() == len(Column) == 9
    assert model.rowCount(model.index(0, 0)) == 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(Column))]
    assert headers == [
        "Registration no.",
        "Case number",
        "Matter",
        "Party",
        "Address",
        "Region",
        "Status",
        "Due date",
        "Officers",
    ]


def test_cells_show_translated_labels_and_joined_officers(model: AssignmentTableModel) -> None:
    first = [model.index(0, c).data() for c in range(len(Column))]
    assert first == [
        "WQ-2026-000001",
        "（2026）黔01执100号",
        "Service",
        "王五",
        "贵阳市南明区花果园1号",
        "南明区",
        "In progress",
        "2026-03-10",
        "张三",
    ]
    second = model.index(1, Column.OFFICERS)
    assert second.data() == "张三, 李四"
    assert second.data(ROW_ROLE).registration_no == "WQ-2026-000002"
    # A task without a due date shows an empty cell.
    assert model.index(4, Column.DUE_ON).data() == ""


def test_overdue_due_dates_are_highlighted(model: AssignmentTableModel) -> None:
    for row in range(model.rowCount()):
        number = model.index(row, Column.REGISTRATION_NO).data()
        due = model.index(row, Column.DUE_ON)
        overdue = number in OVERDUE
        assert due.data(OVERDUE_ROLE) is overdue
        background = due.data(Qt.ItemDataRole.BackgroundRole)
        assert (background == OVERDUE_BACKGROUND) if overdue else background is None
    tooltip = model.index(0, Column.DUE_ON).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Overdue by 6 days"
    # Done three weeks late is not overdue: it is done.
    assert model.index(2, Column.DUE_ON).data(OVERDUE_ROLE) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WQ-2026-000004", ["WQ-2026-000004"]),
        ("黔01执1000号", ["WQ-2026-000002", "WQ-2026-000006"]),
        # Half-width brackets find the full-width ones the case numbers are written with.
        ("(2025)", ["WQ-2026-000004", "WQ-2026-000005"]),
        ("有限公司", ["WQ-2026-000002"]),
        ("云岩区 北京路", ["WQ-2026-000005"]),
        ("wq-2026-00000", [s.registration_no for s in SAMPLES]),
        ("南明区 北京路", []),
        # Officers and statuses are not searched.
        ("张三", []),
    ],
)
def test_search_filters_the_list(
    model: AssignmentTableModel, text: str, expected: list[str]
) -> None:
    model.set_search(text)
    assert column(model, Column.REGISTRATION_NO) == expected
    assert model.total_count == len(SAMPLES)


def test_search_cleared_shows_everything_again(model: AssignmentTableModel) -> None:
    model.set_search("王五")
    assert model.rowCount() == 1
    assert model.overdue_count == 1
    model.set_search("  ")
    assert model.rowCount() == len(SAMPLES)
    assert model.overdue_count == len(OVERDUE)


def test_search_resets_the_model(model: AssignmentTableModel, qtbot: object) -> None:
    resets: list[None] = []
    model.modelReset.connect(lambda: resets.append(None))
    model.set_search("王五")
    model.set_search("王五 ")  # the same words: nothing to do
    assert len(resets) == 1


def test_sort_by_party_in_pinyin_order(model: AssignmentTableModel) -> None:
    model.sort(Column.PARTY, Qt.SortOrder.AscendingOrder)
    # gui (贵), qian (钱), sun (孙), wang (王), zhao (赵), zhou (周)
    assert column(model, Column.PARTY) == [
        "贵阳某商贸有限公司",
        "钱七",
        "孙八",
        "王五",
        "赵六",
        "周九",
    ]
    model.sort(Column.PARTY, Qt.SortOrder.DescendingOrder)
    assert column(model, Column.PARTY)[0] == "周九"


def test_sort_case_numbers_by_their_numbers(model: AssignmentTableModel) -> None:
    model.sort(Column.CASE_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = list(dict.fromkeys(column(model, Column.CASE_NUMBER)))
    assert numbers == ["（2025）黔01执99号", "（2026）黔01执100号", "（2026）黔01执1000号"]


def test_sort_by_due_date_puts_undated_last(model: AssignmentTableModel) -> None:
    model.sort(Column.DUE_ON, Qt.SortOrder.AscendingOrder)
    assert column(model, Column.DUE_ON) == [
        "2026-03-01",
        "2026-03-01",
        "2026-03-10",
        "2026-03-15",
        "2026-03-20",
        "",
    ]


def test_sort_by_status_follows_the_workflow(model: AssignmentTableModel) -> None:
    model.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert column(model, Column.STATUS) == [
        "Registered",
        "Routed to squad",
        "Routed to squad",
        "Assigned",
        "In progress",
        "Done",
    ]
    # Within a status, the task due first comes first; undated last.
    assert column(model, Column.REGISTRATION_NO)[1:3] == ["WQ-2026-000004", "WQ-2026-000005"]


def test_new_rows_keep_the_sort_and_the_search(
    model: AssignmentTableModel, rows: list[AssignmentRow]
) -> None:
    model.sort(Column.REGISTRATION_NO, Qt.SortOrder.DescendingOrder)
    model.set_search("云岩区")
    model.set_rows(rows[:5], TODAY)
    assert column(model, Column.REGISTRATION_NO) == ["WQ-2026-000005", "WQ-2026-000004"]


def test_no_children_below_a_row(model: AssignmentTableModel) -> None:
    assert model.columnCount(model.index(0, 0)) == 0
    assert model.rowCount(QModelIndex()) == len(SAMPLES)


def test_a_paused_clock_shows_in_the_due_date(model: AssignmentTableModel) -> None:
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]
    by_no = {row.registration_no: row for row in rows}
    stopped = replace(by_no["WQ-2026-000001"], due_on=None, has_pauses=True, clock_stopped=True)
    pushed = replace(by_no["WQ-2026-000004"], due_on=TODAY, has_pauses=True)
    others = [
        row for row in rows if row.registration_no not in ("WQ-2026-000001", "WQ-2026-000004")
    ]
    model.set_rows([stopped, pushed, *others], TODAY)
    cells = {
        model.index(r, 0).data(): model.index(r, Column.DUE_ON) for r in range(model.rowCount())
    }
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert cells["WQ-2026-000001"].data() == "clock paused"
    assert cells["WQ-2026-000001"].data(OVERDUE_ROLE) is False
    assert cells["WQ-2026-000004"].data() == TODAY.isoformat()
    assert cells["WQ-2026-000004"].data(OVERDUE_ROLE) is False
    assert "pauses counted" in cells["WQ-2026-000004"].data(tooltip)
    # No pauses, not overdue: no tooltip; overdue: the days late, as before.
    assert cells["WQ-2026-000002"].data(tooltip) is None
    assert "Overdue" in cells["WQ-2026-000006"].data(tooltip)
