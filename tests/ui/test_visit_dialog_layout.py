"""Layout: the visit dialog keeps arrival, the dash and "Left" together, however wide it is;
the group tree starts wide enough for the longest English matter name beside its badge."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.services.workspace import Workspace
from tests.ui.test_record_rights_ui import open_page
from tests.ui.test_record_rights_ui import samples as samples  # noqa: PLC0414  (the fixture)
from tests.ui.test_record_rights_ui import workspace as workspace  # noqa: PLC0414


def test_arrival_and_departure_sit_together(
    qtbot: QtBot, workspace: Workspace, chinese: None
) -> None:
    page = open_page(qtbot, workspace, Role.OFFICER)
    dialog = page.record_visit()
    assert dialog is not None
    dialog.resize(900, dialog.height())
    qtbot.waitUntil(lambda: dialog.width() >= 900)
    qtbot.wait(20)
    arrived, left, check = dialog.arrived_at, dialog.left_at, dialog.has_left
    assert check.geometry().left() - arrived.geometry().right() < 40
    assert left.geometry().left() - check.geometry().right() < 20
    # The edits stay as wide as their dates, not stretched across the dialog.
    assert arrived.width() < 260
    assert left.width() < 260
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / "visit-dialog.png"))
    dialog.reject()


def test_the_group_tree_starts_wide_enough_for_english_matter_names(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTreeView

    from fieldapp.ui.group_tree_model import COUNT_COLUMN, NAME_COLUMN
    from fieldapp.ui.group_tree_width import NARROWEST, WIDEST, group_tree_width
    from fieldapp.ui.overdue_badge_delegate import OverdueBadgeDelegate

    tree = QTreeView()
    qtbot.addWidget(tree)
    plain = group_tree_width(tree, COUNT_COLUMN)
    tree.setItemDelegateForColumn(COUNT_COLUMN, OverdueBadgeDelegate(tree))
    width = group_tree_width(tree, COUNT_COLUMN)
    assert NARROWEST <= plain < width <= WIDEST
    name = tree.fontMetrics().horizontalAdvance("Locate persons or property")
    assert width > name + 4 * tree.indentation()
    assert NAME_COLUMN != COUNT_COLUMN


def test_a_group_names_itself_in_full_in_its_tooltip(qapp: object) -> None:
    from fieldapp.ui.group_tree_model import COUNT_COLUMN, NAME_COLUMN
    from tests.ui.test_group_tree_model import make_model

    model = make_model()
    name = model.index(0, NAME_COLUMN).data()
    tooltip = model.index(0, NAME_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"{name}\n5 tasks, 4 open, 2 overdue"
    assert model.index(0, COUNT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == (
        "5 tasks, 4 open, 2 overdue"
    )
