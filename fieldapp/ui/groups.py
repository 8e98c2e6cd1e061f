"""The group tree of assignments (squad → region → matter) built from counts, without Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldapp.domain.enums import Matter
from fieldapp.services.assignment_views import AssignmentRow, AssignmentViews, GroupCount

_MATTER_ORDER = {matter: position for position, matter in enumerate(Matter)}


@dataclass(frozen=True, slots=True)
class GroupKey:
    """Which assignments a node stands for; ``depth`` says how many of the fields constrain.

    A constrained field may be None: the squad of unrouted tasks, the region of unplaced ones.
    """

    depth: int = 0
    squad_code: str | None = None
    region_code: str | None = None
    matter: Matter | None = None

    def query(self) -> dict[str, Any]:
        """Keyword arguments for ``AssignmentViews.assignments``.

        The service reads None as "any", so a None that means "none" is left to ``matches``.
        """
        wanted: dict[str, Any] = {}
        if self.depth >= 1 and self.squad_code is not None:
            wanted["squad_code"] = self.squad_code
        if self.depth >= 2 and self.region_code is not None:
            wanted["region_code"] = self.region_code
        if self.depth >= 3 and self.matter is not None:
            wanted["matter"] = self.matter
        return wanted

    def matches(self, row: AssignmentRow) -> bool:
        return (
            (self.depth < 1 or row.squad_code == self.squad_code)
            and (self.depth < 2 or row.region_code == self.region_code)
            and (self.depth < 3 or row.matter == self.matter)
        )

    def prefix(self, depth: int) -> GroupKey:
        """The key of this node's ancestor at ``depth``."""
        return GroupKey(
            depth,
            self.squad_code if depth >= 1 else None,
            self.region_code if depth >= 2 else None,
            self.matter if depth >= 3 else None,
        )


ALL = GroupKey()


@dataclass(eq=False)
class GroupNode:
    key: GroupKey
    parent: GroupNode | None = field(default=None, repr=False)
    children: list[GroupNode] = field(default_factory=list, repr=False)
    row: int = 0
    total: int = 0
    open: int = 0
    overdue: int = 0

    def add_counts(self, count: GroupCount) -> None:
        self.total += count.total
        self.open += count.open
        self.overdue += count.overdue


@dataclass(frozen=True, slots=True)
class GroupSnapshot:
    """What the group tree needs, read together so names and counts agree."""

    counts: tuple[GroupCount, ...]
    squad_names: dict[str, str]
    region_names: dict[str, str]


def load_groups(views: AssignmentViews, today: date) -> GroupSnapshot:
    """Read counts and names (called on a background thread)."""
    return GroupSnapshot(
        tuple(views.group_counts(today)), views.squad_names(), views.region_names()
    )


def build_tree(counts: Iterable[GroupCount]) -> GroupNode:
    """The root ("all") with squads, regions and matters below it, each with summed counts."""
    root = GroupNode(ALL)
    index: dict[GroupKey, GroupNode] = {ALL: root}
    for count in counts:
        leaf = GroupKey(3, count.squad_code, count.region_code, count.matter)
        node = root
        node.add_counts(count)
        for depth in (1, 2, 3):
            key = leaf.prefix(depth)
            child = index.get(key)
            if child is None:
                child = index[key] = GroupNode(key, parent=node)
                node.children.append(child)
            child.add_counts(count)
            node = child
    _order(root)
    return root


def find_node(root: GroupNode, key: GroupKey) -> GroupNode | None:
    """The node of ``key`` under ``root``, or None when that group has no tasks any more."""
    node = root
    for depth in range(1, key.depth + 1):
        prefix = key.prefix(depth)
        found = next((child for child in node.children if child.key == prefix), None)
        if found is None:
            return None
        node = found
    return node


def _order(node: GroupNode) -> None:
    node.children.sort(key=_sort_key)
    for row, child in enumerate(node.children):
        child.row = row
        _order(child)


def _sort_key(node: GroupNode) -> tuple[bool, Any]:
    key = node.key
    if key.depth == 3:
        return (False, _MATTER_ORDER[key.matter] if key.matter is not None else 0)
    code = key.squad_code if key.depth == 1 else key.region_code
    # Unrouted squads and unplaced regions go last: they are the exceptions to look at.
    return (code is None, code or "")
