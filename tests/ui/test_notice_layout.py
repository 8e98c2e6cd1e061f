"""The batch dialog's layout: no empty band at the top."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp.ui.notice_batch_dialog import BatchIssueDialog
from tests.support.notice_data import ACTOR, NOW, demo_engine


def shot(widget: object, name: str) -> None:
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_batch_dialog_has_no_empty_band(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    dialog = BatchIssueDialog(engine, "seal_strip", ["a", "b"], ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    margins = dialog.layout().contentsMargins()
    assert dialog.status.geometry().top() <= margins.top() + 4
    assert dialog.progress.geometry().top() - dialog.status.geometry().bottom() <= 20
    assert dialog.height() <= 160
    shot(dialog, "batch-dialog.png")
