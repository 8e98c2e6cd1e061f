"""Starting the window: language choice, a font with Chinese glyphs, and run_gui end to end."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.services.workspace import Workspace
from fieldapp.ui import app as app_module
from fieldapp.ui import user_log
from fieldapp.ui.fonts import has_chinese, use_cjk_font_if_needed
from fieldapp.ui.i18n import chosen_locale
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.settings_values import SettingsStore


@pytest.fixture
def restore_app_state(qapp: QApplication) -> Iterator[None]:
    """The session's QApplication is shared: put back its font and the default locale."""
    font, locale = QFont(qapp.font()), QLocale()
    yield
    qapp.setFont(font)
    QLocale.setDefault(locale)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en_US"), ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("ZH_cn", "zh_CN")],
)
def test_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", value)
    assert chosen_locale().name() == expected


def test_unknown_language_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "klingon")
    with caplog.at_level(logging.WARNING):
        assert chosen_locale() == QLocale.system()
    assert "klingon" in caplog.text
    monkeypatch.delenv("FIELDAPP_LANG")
    assert chosen_locale() == QLocale.system()


@pytest.mark.usefixtures("restore_app_state")
def test_a_font_with_chinese_is_chosen_when_the_default_has_none(qapp: QApplication) -> None:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no font with Chinese glyphs is installed here")
    latin = next((f for f in QFontDatabase.families() if not has_chinese(f)), None)
    if latin is None:
        pytest.skip("every installed font has Chinese glyphs")
    qapp.setFont(QFont(latin))
    family = use_cjk_font_if_needed(qapp)
    assert family is not None
    assert qapp.font().family() == family
    assert has_chinese(family)
    # Now it has them, so nothing more is done.
    assert use_cjk_font_if_needed(qapp) is None


@pytest.mark.usefixtures("restore_app_state")
def test_run_gui_opens_the_window_and_returns_when_it_closes(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    monkeypatch.setattr(user_log, "log_folder", lambda: tmp_path / "logs")
    # run_gui installs the application's hooks; the test's own come back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    seen: list[int] = []

    class ClosesWhenLoaded(MainWindow):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.queue.sig_rows_loaded.connect(self.loaded)

        def loaded(self, count: int) -> None:
            seen.append(count)
            self.close()

    monkeypatch.setattr(app_module, "MainWindow", ClosesWhenLoaded)
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(qapp.quit)
    safety.start(20_000)
    try:
        settings = SettingsStore(
            QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        )
        assert app_module.run_gui(workspace, ["fieldapp"], signed_in=True, settings=settings) == 0
    finally:
        safety.stop()
        for handler in list(logging.getLogger("fieldapp").handlers):
            if isinstance(handler, logging.FileHandler):
                user_log.stop_file_log(handler)
    assert seen == [6]
    assert QApplication.applicationName() == "Fieldapp"
    assert (tmp_path / "logs").is_dir()
