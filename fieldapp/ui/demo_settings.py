"""The demo's own settings: a file in the demo's data folder, so that running the demo never
changes the settings of a real Fieldapp on the same machine (its central store's address
above all); and the address the demo signed in to kept there, as a sign-in in the window
keeps it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings

from fieldapp.ui.settings_values import MAX_SERVER_URL, SettingsStore

DEMO_SETTINGS = "demo-settings.ini"


def demo_settings_store(data_dir: Path) -> SettingsStore:
    """The settings of the demo whose data is in ``data_dir``."""
    return SettingsStore(QSettings(str(data_dir / DEMO_SETTINGS), QSettings.Format.IniFormat))


def remember_server_url(server_url: str, store: SettingsStore) -> SettingsStore:
    """Save ``server_url`` in ``store``; returns the store.

    Nothing else changes: the language, the idle lock and the sync interval stay as set.
    """
    if not server_url.strip() or len(server_url) > MAX_SERVER_URL:
        raise ValueError("a central store address of 1 to 512 characters is needed")
    values = store.load()
    url = server_url.strip().rstrip("/")
    if values.server_url != url:
        store.save(replace(values, server_url=url))
    return store
