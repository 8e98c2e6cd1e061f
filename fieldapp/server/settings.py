"""Configuration of the central store, from arguments, environment (FIELDAPP_SERVER_*) or a file."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIELDAPP_SERVER_", extra="ignore")

    db: str = "sqlite:///fieldapp-central.sqlite"
    blobs: Path = Path("fieldapp-blobs")
    host: str = "127.0.0.1"
    port: int = 8470
    # Connections all the server's processes together may hold open to PostgreSQL: keep it
    # below the database's max_connections (100 by default) less what else connects.
    db_connections: int = 90
    # Deleted records are kept this long: longer than any laptop stays offline.
    tombstone_retention_days: int = 180
    login_lock_after: int = 5
    login_lock_minutes: int = 15
    login_slow_after: int = 3
