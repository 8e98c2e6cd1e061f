"""The Qt model of the group tree: names, counts, badges and finding a group again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldapp.domain.enums import Matter
from fieldapp.services.assignment_views import GroupCount
from fieldapp.ui.group_tree_model import (
    COUNT_COLUMN,
    KEY_ROLE,
    NAME_COLUMN,
    OVERDUE_ROLE,
    TOTAL_ROLE,
    GroupTreeModel,
)
from fieldapp.ui.groups import ALL, GroupKey, GroupSnapshot
from tests.ui.sample_data import REGIONS, SQUADS

COUNTS = (
    GroupCount(None, "520103", Matter.SERVICE, 1, 1, 1),
    GroupCount("S1", "520102", Matter.SERVICE, 2, 2, 1),
    GroupCount("S1", "520102", Matter.SEAL, 1, 0, 0),
    GroupCount("S1", "520999", Matter.LOCATE, 1, 1, 0),
)


def make_model() -> GroupTreeModel:
    model = GroupTreeModel()
    model.set_snapshot(GroupSnapshot(COUNTS, SQUADS, REGIONS))
    return model


def test_root_is_all_tasks_with_the_sums(qapp: object) -> None:
    model = make_model()
    assert model.rowCount() == 1
    root = model.index(0, NAME_COLUMN)
    assert root.data() == "All tasks"
    assert root.data(KEY_ROLE) == ALL
    count = model.index(0, COUNT_COLUMN)
    assert count.data() == "5 (overdue 2)"
    assert (count.data(TOTAL_ROLE), count.data(OVERDUE_ROLE)) == (5, 2)
    assert model.rowCount(root) == 2


def test_nodes_show_names_from_the_reference_data(qapp: object) -> None:
    model = make_model()
    root = model.index(0, NAME_COLUMN)
    squad = model.index(0, NAME_COLUMN, root)
    assert squad.data() == "第一外勤组"
    assert model.index(1, NAME_COLUMN, root).data() == "Not routed to a squad"
    region = model.index(0, NAME_COLUMN, squad)
    assert region.data() == "南明区"
    # A region the reference data does not know is shown by its code.
    assert model.index(1, NAME_COLUMN, squad).data() == "520999"
    matter = model.index(0, NAME_COLUMN, region)
    assert matter.data() == "Service"
    assert model.index(0, COUNT_COLUMN, region).data() == "2 (overdue 1)"
    assert model.index(1, COUNT_COLUMN, region).data() == "1"
    assert model.parent(matter) == region
    assert model.parent(root).isValid() is False


def test_index_of_and_path_names(qapp: object) -> None:
    model = make_model()
    key = GroupKey(3, "S1", "520102", Matter.SEAL)
    index = model.index_of(key)
    assert index.data(KEY_ROLE) == key
    assert model.path_names(key) == ["第一外勤组", "南明区", "Seal"]
    assert model.path_names(ALL) == ["All tasks"]
    assert not model.index_of(GroupKey(1, "S7")).isValid()


def test_tooltip_spells_out_the_counts(qapp: object) -> None:
    model = make_model()
    tooltip = model.index(0, COUNT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "5 tasks, 4 open, 2 overdue"


def test_empty_until_the_counts_arrive(qapp: object) -> None:
    model = GroupTreeModel()
    assert model.rowCount() == 0
    assert not model.index_of(ALL).isValid()
    model.set_snapshot(GroupSnapshot((), {}, {}))
    assert model.rowCount() == 1
    assert model.index(0, COUNT_COLUMN).data() == "0"
