"""The group tree of an officer's list (region → matter) as counts the group tree model reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from fieldapp.domain.enums import Matter
from fieldapp.services.assignment_views import AssignmentRow, GroupCount
from fieldapp.services.my_tasks import MyTask
from fieldapp.ui.groups import GroupKey, GroupSnapshot

# The group tree's first level is the squad; an officer's list has one node there standing for
# the whole list, so every count carries this code (not None, which means "no squad").
LIST_NODE = ""
TOP = GroupKey(1, LIST_NODE)


def list_snapshot(tasks: Sequence[MyTask], today: date, list_name: str) -> GroupSnapshot:
    totals: Counter[tuple[str | None, Matter]] = Counter()
    open_: Counter[tuple[str | None, Matter]] = Counter()
    overdue: Counter[tuple[str | None, Matter]] = Counter()
    region_names: dict[str, str] = {}
    for task in tasks:
        row = task.row
        key = (row.region_code, row.matter)
        totals[key] += 1
        open_[key] += task.is_open
        overdue[key] += row.is_overdue(today)
        if row.region_code is not None:
            region_names[row.region_code] = row.region_name or row.region_code
    counts = tuple(
        GroupCount(
            LIST_NODE, region, matter, total, open_[(region, matter)], overdue[(region, matter)]
        )
        for (region, matter), total in totals.items()
    )
    return GroupSnapshot(counts, {LIST_NODE: list_name}, region_names)


def in_group(row: AssignmentRow, key: GroupKey) -> bool:
    """Whether ``row`` belongs to the node ``key`` (the list node holds every row)."""
    return (key.depth < 2 or row.region_code == key.region_code) and (
        key.depth < 3 or row.matter == key.matter
    )
