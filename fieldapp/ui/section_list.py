"""Every section of the window after the squad queue, in the order the navigation shows them.

Add a section here: its module defines a ``SECTION`` (:class:`fieldapp.ui.sections.Section`).
"""

from __future__ import annotations

from fieldapp.ui import (
    asset_watch_section,
    conflict_section,
    dashboard_section,
    escalation_section,
    map_section,
    my_tasks_section,
    overdue_section,
    register_section,
    sync_section,
)
from fieldapp.ui.sections import Section


def all_sections() -> list[Section]:
    return [
        my_tasks_section.SECTION,
        register_section.SECTION,
        asset_watch_section.SECTION,
        map_section.SECTION,
        escalation_section.SECTION,
        overdue_section.SECTION,
        dashboard_section.SECTION,
        conflict_section.SECTION,
        sync_section.SECTION,  # last, as DESIGN §4b lists it
    ]
