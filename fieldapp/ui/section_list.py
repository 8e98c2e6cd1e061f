"""Every section of the window after the squad queue, in the order the navigation shows them.

Add a section here: its module defines a ``SECTION`` (:class:`fieldapp.ui.sections.Section`).
"""

from __future__ import annotations

from fieldapp.ui.sections import Section


def all_sections() -> list[Section]:
    return []
