"""Help → About Fieldapp: version, folders, database and its schema, who is signed in where."""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from fieldapp import __version__
from fieldapp.services.workspace import Workspace
from fieldapp.storage.engine import make_engine, sqlite_url, writing
from fieldapp.storage.local_tables import Profile
from fieldapp.storage.migrate import head_revision
from fieldapp.storage.types import utcnow
from fieldapp.ui.about_details import gather_details
from fieldapp.ui.about_dialog import SHOWN_LENGTH, AboutDialog
from fieldapp.ui.main_window import MainWindow

TOKEN = "secret-token-never-shown"
LEFT = Qt.MouseButton.LeftButton


def _enrol(workspace: Workspace, display_name: str = "王警官") -> None:
    with writing(workspace.engine).begin() as connection:
        connection.execute(
            insert(Profile).values(
                id=1,
                server_url="https://fieldapp.court.example:8470",
                device_id=workspace.device_id,
                device_name="laptop 7",
                token=TOKEN,
                user_id="u-1",
                username="officer1",
                display_name=display_name,
                role="officer",
                squad_code="S1",
                password_verifier="x",
                clock_offset_s=0.0,
                enrolled_at=utcnow(),
            )
        )


def _dialog(qtbot: QtBot, workspace: Workspace | None, tmp_path: Path) -> AboutDialog:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    details = gather_details(workspace.engine if workspace else None, logs=tmp_path / "logs")
    dialog = AboutDialog(details, open_url=open_url)
    dialog.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    return dialog


def _value(dialog: AboutDialog, label: str) -> str:
    return dialog.values[label].text()


def test_it_shows_version_folders_database_and_who_is_signed_in(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _enrol(workspace)
    dialog = _dialog(qtbot, workspace, tmp_path)
    data = workspace.data_dir.resolve()
    assert _value(dialog, "Version") == f"{__version__} (from source)"
    assert _value(dialog, "Data folder") == str(data)
    assert _value(dialog, "Log folder") == str(tmp_path / "logs")
    assert _value(dialog, "Database file") == str(data / "fieldapp.sqlite")
    assert _value(dialog, "Database schema") == f"revision {head_revision('local')} (current)"
    assert _value(dialog, "Signed in") == "王警官 (officer1) — field officer, 第一外勤组"
    assert _value(dialog, "Central store") == "https://fieldapp.court.example:8470"
    assert _value(dialog, "Device") == workspace.device_id
    assert _value(dialog, "Python") == platform.python_version()
    assert _value(dialog, "Qt / PySide6").startswith(qVersion() + " / ")


def test_copy_details_puts_every_line_on_the_clipboard_but_not_the_token(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    _enrol(workspace)
    dialog = _dialog(qtbot, workspace, tmp_path)
    qtbot.mouseClick(dialog.copy_button, LEFT)
    text = QApplication.clipboard().text()
    assert text.startswith(f"Fieldapp {__version__}\n")
    for label, value in dialog.rows:
        assert f"{label}: {value}\n" in text
    assert TOKEN not in text
    assert dialog.copied.text() == "Copied to the clipboard."


def test_the_folders_open_in_the_file_manager(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workspace, tmp_path)
    qtbot.mouseClick(dialog.open_data_button, LEFT)
    qtbot.mouseClick(dialog.open_log_button, LEFT)
    opened = [Path(url.toLocalFile()) for url in dialog.opened]  # type: ignore[attr-defined]
    assert opened == [workspace.data_dir.resolve(), tmp_path / "logs"]
    assert (tmp_path / "logs").is_dir()  # made, so there is something to open


def test_a_folder_that_cannot_be_opened_is_said(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    details = gather_details(workspace.engine, logs=tmp_path / "logs")
    dialog = AboutDialog(details, open_url=lambda _url: False)
    qtbot.addWidget(dialog)
    dialog.open_data_folder()
    assert "Could not open" in dialog.copied.text()


def test_without_enrolment_or_database_it_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, None, tmp_path)
    assert _value(dialog, "Signed in") == "not enrolled with a central store"
    assert _value(dialog, "Data folder") == "(none)"
    assert _value(dialog, "Database schema") == "not created yet"
    assert not dialog.open_data_button.isEnabled()
    assert "Central store" not in dialog.values


def test_a_database_that_is_not_one_is_reported_not_raised(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "fieldapp.sqlite"
    broken.write_bytes(b"this is not a database\x00" * 200)
    engine = make_engine(sqlite_url(broken))
    try:
        details = gather_details(engine, logs=tmp_path / "logs")
    finally:
        engine.dispose()
    dialog = AboutDialog(details, open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    assert _value(dialog, "Database schema").startswith("cannot be read: ")
    assert "not a database" in _value(dialog, "Database schema")
    assert _value(dialog, "Database file") == str(broken.resolve())


def test_names_from_the_server_are_plain_text_however_long(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    hostile = "<b>boss</b><img src='file:///etc/passwd'>" + "长" * 5000
    _enrol(workspace, display_name=hostile)
    dialog = _dialog(qtbot, workspace, tmp_path)
    label = dialog.values["Signed in"]
    assert label.text().startswith("<b>boss</b><img src=")
    assert label.text().endswith("…")
    assert len(label.text()) == SHOWN_LENGTH
    assert label.toolTip().startswith(hostile)  # whole there, and in the copied details
    assert f"Signed in: {hostile} (officer1)" in dialog.details_text()
    assert label.textFormat().name == "PlainText"
    dialog.show()
    assert dialog.width() < 2000  # cut, not one endless line


def test_help_about_opens_it_from_the_window(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[-1] == "&Help"
    window.action_about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.windowTitle() == "About Fieldapp"
    dialog.close()


@pytest.mark.usefixtures("chinese")
def test_it_speaks_chinese(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    _enrol(workspace)
    dialog = _dialog(qtbot, workspace, tmp_path)
    assert dialog.windowTitle() == "关于 Fieldapp"
    assert "数据文件夹" in dialog.values
    assert "外勤干警" in dialog.values["当前用户"].text()
    assert dialog.copy_button.text().startswith("复制详细信息")
