"""The group tree built from counts, and what each group's key selects."""

from __future__ import annotations

from fieldapp.domain.enums import Matter
from fieldapp.services.assignment_views import AssignmentViews, GroupCount
from fieldapp.ui.groups import ALL, GroupKey, build_tree, find_node
from tests.ui.sample_data import TODAY

COUNTS = [
    GroupCount(None, "520103", Matter.SERVICE, 1, 1, 1),
    GroupCount("S2", "520103", Matter.FREEZE, 1, 1, 0),
    GroupCount("S1", "520103", Matter.LOCATE, 1, 1, 1),
    GroupCount("S1", "520102", Matter.SEAL, 1, 0, 0),
    GroupCount("S1", "520102", Matter.SERVICE, 2, 2, 1),
]


def test_counts_add_up_at_every_level() -> None:
    root = build_tree(COUNTS)
    assert (root.total, root.open, root.overdue) == (6, 5, 3)
    s1 = find_node(root, GroupKey(1, "S1"))
    assert s1 is not None
    assert (s1.total, s1.overdue) == (4, 2)
    nanming = find_node(root, GroupKey(2, "S1", "520102"))
    assert nanming is not None
    assert (nanming.total, nanming.open, nanming.overdue) == (3, 2, 1)


def test_children_are_ordered_with_unrouted_last() -> None:
    root = build_tree(COUNTS)
    assert [node.key.squad_code for node in root.children] == ["S1", "S2", None]
    assert [node.row for node in root.children] == [0, 1, 2]
    nanming = root.children[0].children[0]
    # Matters in the order of the vocabulary: service before seal.
    assert [node.key.matter for node in nanming.children] == [Matter.SERVICE, Matter.SEAL]


def test_find_node_of_a_vanished_group_is_none() -> None:
    assert find_node(build_tree(COUNTS), GroupKey(1, "S9")) is None
    assert find_node(build_tree([]), ALL) is not None


def test_unrouted_group_selects_only_unrouted_tasks(views: AssignmentViews) -> None:
    key = GroupKey(1, None)
    # The service reads None as "any", so the key asks for everything and filters itself.
    assert key.query() == {}
    rows = [row for row in views.assignments(**key.query()) if key.matches(row)]
    assert [row.registration_no for row in rows] == ["WQ-2026-000006"]


def test_matter_group_query(views: AssignmentViews) -> None:
    key = GroupKey(3, "S1", "520102", Matter.SERVICE)
    assert key.query() == {"squad_code": "S1", "region_code": "520102", "matter": Matter.SERVICE}
    rows = views.assignments(**key.query())
    assert {row.registration_no for row in rows} == {"WQ-2026-000001", "WQ-2026-000002"}
    assert all(key.matches(row) for row in rows)


def test_counts_from_the_sample_database(views: AssignmentViews) -> None:
    root = build_tree(views.group_counts(TODAY))
    assert (root.total, root.overdue) == (6, 3)
