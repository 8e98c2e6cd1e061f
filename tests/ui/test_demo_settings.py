"""``fieldapp demo`` keeps the address it signed in to in the settings, as a sign-in in the
window does; the Settings dialog then shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from fieldapp.ui.demo_settings import demo_settings_store, remember_server_url
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.settings_values import AppSettings, SettingsStore


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_the_address_is_kept_and_nothing_else_changes(store: SettingsStore) -> None:
    store.save(AppSettings("zh_CN", 3, 10, ""))
    assert remember_server_url("http://127.0.0.1:40123/", store) is store
    again = SettingsStore(QSettings(store.qsettings.fileName(), QSettings.Format.IniFormat))
    assert again.load() == AppSettings("zh_CN", 3, 10, "http://127.0.0.1:40123")


def test_the_settings_dialog_shows_it(store: SettingsStore, qtbot: QtBot) -> None:
    remember_server_url("http://127.0.0.1:40123", store)
    dialog = SettingsDialog(store.load())
    qtbot.addWidget(dialog)
    assert dialog.server.text() == "http://127.0.0.1:40123"


@pytest.mark.parametrize("url", ["", "   ", "http://127.0.0.1/" + "x" * 600])
def test_an_empty_or_huge_address_is_refused(store: SettingsStore, url: str) -> None:
    store.save(AppSettings(server_url="https://court.example"))
    with pytest.raises(ValueError, match="address"):
        remember_server_url(url, store)
    assert store.load().server_url == "https://court.example"


def test_the_demo_keeps_its_settings_in_its_own_folder(tmp_path: Path) -> None:
    store = demo_settings_store(tmp_path / "demo")
    remember_server_url("http://127.0.0.1:40123", store)
    store.qsettings.sync()
    assert Path(store.qsettings.fileName()).parent == tmp_path / "demo"
    assert demo_settings_store(tmp_path / "demo").load().server_url == "http://127.0.0.1:40123"
