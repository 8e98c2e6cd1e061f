"""The laptop's working folder: its database (upgraded on open), its files, its device id."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine

from fieldapp.services.actor import Actor
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.migrate import upgrade_local_database
from fieldapp.storage.types import new_id

log = logging.getLogger(__name__)

DATABASE_NAME = "fieldapp.sqlite"


def default_data_dir() -> Path:
    override = os.environ.get("FIELDAPP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("fieldapp", appauthor=False))


@dataclass(frozen=True)
class Workspace:
    data_dir: Path
    engine: Engine
    device_id: str
    backup: Path | None

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    def actor(self, user_id: str | None = None) -> Actor:
        return Actor(user_id=user_id, device_id=self.device_id)

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(data_dir: Path | None = None) -> Workspace:
    """Open (creating if needed) the working folder and bring its database to the current schema."""
    folder = (data_dir or default_data_dir()).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    backup = upgrade_local_database(folder / DATABASE_NAME)
    if backup is not None:
        log.info("database upgraded; the previous one is kept at %s", backup)
    engine = make_engine(sqlite_url(folder / DATABASE_NAME))
    return Workspace(folder, engine, _device_id(folder), backup)


def _device_id(folder: Path) -> str:
    path = folder / "device-id"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        device_id = new_id()
        path.write_text(device_id + "\n", encoding="ascii")
        return device_id
