"""The About dialog names the signed-in user's squad by its name from the squad records, and
falls back to the code when the laptop holds no record of it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from fieldapp.services.workspace import Workspace
from fieldapp.storage.engine import writing
from fieldapp.storage.reference import Squad
from fieldapp.ui.about_details import gather_details
from tests.ui.test_about_dialog import _dialog, _enrol, _value


def test_the_squad_shows_by_name(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    _enrol(workspace)
    details = gather_details(workspace.engine, logs=tmp_path)
    assert details.signed_in is not None
    assert details.signed_in.squad_code == "S1"
    assert details.signed_in.squad_name == "第一外勤组"
    assert _value(_dialog(qtbot, workspace, tmp_path), "Signed in").endswith(", 第一外勤组")


def test_in_chinese_the_name_is_not_followed_by_a_second_squad_word(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, chinese: None
) -> None:
    _enrol(workspace)
    text = _value(_dialog(qtbot, workspace, tmp_path), "当前用户")
    assert text.endswith("外勤干警，第一外勤组"), text
    assert "S1" not in text


def test_an_unknown_or_blank_squad_falls_back_to_its_code(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _enrol(workspace)
    with writing(workspace.engine).begin() as connection:
        connection.execute(update(Squad).where(Squad.code == "S1").values(name="  "))
    assert _value(_dialog(qtbot, workspace, tmp_path), "Signed in").endswith("squad S1")
    with writing(workspace.engine).begin() as connection:
        connection.execute(update(Squad).where(Squad.code == "S1").values(deleted=True))
    details = gather_details(workspace.engine, logs=tmp_path)
    assert details.signed_in is not None
    assert details.signed_in.squad_name is None
