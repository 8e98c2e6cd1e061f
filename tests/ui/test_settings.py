"""Settings: typed with defaults (bad stored values give the defaults), the dialog refuses a
malformed server address, saving applies the idle lock at once, the language at next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import Workspace
from fieldapp.ui import app as app_module
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.settings_values import AppSettings, SettingsStore
from fieldapp.ui.sign_in_session import Session


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_nothing_stored_gives_the_defaults(store: SettingsStore) -> None:
    assert store.load() == AppSettings("system", 15, 5, "")


def test_values_round_trip_typed(store: SettingsStore) -> None:
    chosen = AppSettings("zh_CN", 3, 10, "https://court.example:8470")
    store.save(chosen)
    again = SettingsStore(QSettings(store.qsettings.fileName(), QSettings.Format.IniFormat))
    assert again.load() == chosen


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ui/language", "klingon"),
        ("ui/language", ""),
        ("session/idle_lock_minutes", "soon"),
        ("session/idle_lock_minutes", -5),
        ("session/idle_lock_minutes", 10**12),
        ("sync/interval_minutes", "0"),
        ("sync/interval_minutes", "1e9"),
        ("sync/server_url", "h" * 10_000),
    ],
)
def test_a_bad_stored_value_gives_its_default(
    store: SettingsStore, key: str, value: object
) -> None:
    store.qsettings.setValue(key, value)
    assert store.load() == AppSettings()


def test_the_dialog_refuses_a_malformed_address_and_caps_length(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(server_url="http://127.0.0.1:8470"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    for bad in ("not an address", "ftp://x", "http://host:port", "http://ho st"):
        dialog.server.setText(bad)
        assert not ok.isEnabled(), bad
        assert "https://host:port" in dialog.message.text()
    dialog.server.setText("")  # asked for at sign-in
    assert ok.isEnabled()
    dialog.server.setText("http://" + "a" * 10_000)
    assert len(dialog.server.text()) == 512
    dialog.server.setText(" https://court.example:8470/ ")
    dialog.idle.setValue(999)  # beyond the range: the spin box keeps it in
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.values() == AppSettings("en", 240, 5, "https://court.example:8470")


def test_saved_settings_apply_the_idle_lock_at_once(
    qtbot: QtBot, workspace: Workspace, store: SettingsStore
) -> None:
    session = Session(workspace.engine, "张三", settings=store)
    window = MainWindow(AssignmentViews(workspace.engine), session=session)
    qtbot.addWidget(window)
    window.show()
    assert session.idle.idle_ms == 15 * 60_000
    session.action_settings.trigger()
    [dialog] = window.findChildren(SettingsDialog)
    dialog.idle.setValue(2)
    dialog.interval.setValue(7)
    dialog.accept()
    assert store.load().idle_lock_minutes == 2
    assert store.load().sync_interval_minutes == 7
    assert session.idle.idle_ms == 2 * 60_000
    window.close()


def test_the_language_setting_applies_at_start_unless_the_environment_says(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_LANG", raising=False)
    store.save(AppSettings(language="zh_CN"))
    assert app_module._locale(store).name() == "zh_CN"
    store.save(AppSettings(language="en"))
    assert app_module._locale(store).name() == "en_US"
    store.save(AppSettings(language="system"))
    assert app_module._locale(store) == QLocale.system()
    monkeypatch.setenv("FIELDAPP_LANG", "zh_CN")
    store.save(AppSettings(language="en"))
    assert app_module._locale(store).name() == "zh_CN"
