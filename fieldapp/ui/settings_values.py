"""The laptop's own settings (language, idle lock, sync interval, central store address),
typed with defaults and kept in QSettings; a stored value that is missing or bad gives the
default, never an error."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QSettings

log = logging.getLogger(__name__)

LANGUAGES = ("system", "zh_CN", "en")
IDLE_LOCK_RANGE = (1, 240)  # minutes
SYNC_INTERVAL_RANGE = (1, 240)  # minutes
MAX_SERVER_URL = 512


@dataclass(frozen=True)
class AppSettings:
    language: str = "system"  # "system", "zh_CN" or "en"; takes effect at the next start
    idle_lock_minutes: int = 15
    sync_interval_minutes: int = 5
    server_url: str = ""  # remembered from the last online sign-in

    def locale(self) -> QLocale | None:
        """The locale the language asks for; None: follow the system."""
        if self.language == "zh_CN":
            return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if self.language == "en":
            return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        return None


def _int(value: Any, default: int, bounds: tuple[int, int]) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    low, high = bounds
    return number if low <= number <= high else default


class SettingsStore:
    """Reads and writes :class:`AppSettings` in a QSettings (the user's, or a file in tests)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    def load(self) -> AppSettings:
        q, default = self.qsettings, AppSettings()
        language = str(q.value("ui/language", default.language))
        if language not in LANGUAGES:
            log.warning("setting ui/language=%r is not one of %s", language, LANGUAGES)
            language = default.language
        server = str(q.value("sync/server_url", default.server_url) or "")
        return AppSettings(
            language=language,
            idle_lock_minutes=_int(
                q.value("session/idle_lock_minutes"), default.idle_lock_minutes, IDLE_LOCK_RANGE
            ),
            sync_interval_minutes=_int(
                q.value("sync/interval_minutes"), default.sync_interval_minutes, SYNC_INTERVAL_RANGE
            ),
            server_url=server if len(server) <= MAX_SERVER_URL else default.server_url,
        )

    def save(self, settings: AppSettings) -> None:
        q = self.qsettings
        q.setValue("ui/language", settings.language)
        q.setValue("session/idle_lock_minutes", settings.idle_lock_minutes)
        q.setValue("sync/interval_minutes", settings.sync_interval_minutes)
        q.setValue("sync/server_url", settings.server_url)
        q.sync()
