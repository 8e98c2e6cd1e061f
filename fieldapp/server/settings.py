"""Configuration of the central store: command-line arguments, then the environment
(FIELDAPP_SERVER_*), then a TOML file (``--config`` or FIELDAPP_SERVER_CONFIG), then defaults.

An example file with every setting is packaging/server/fieldapp-server.toml.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_VARIABLE = "FIELDAPP_SERVER_CONFIG"


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIELDAPP_SERVER_", extra="forbid")

    db: str = "sqlite:///fieldapp-central.sqlite"
    blobs: Path = Path("fieldapp-blobs")
    host: str = "127.0.0.1"
    port: int = Field(default=8470, ge=0, le=65535)
    # Connections all the server's processes together may hold open to PostgreSQL: keep it
    # below the database's max_connections (100 by default) less what else connects.
    db_connections: int = Field(default=90, ge=2)
    # Deleted records are kept this long: longer than any laptop stays offline.
    tombstone_retention_days: int = Field(default=180, ge=1)
    login_lock_after: int = Field(default=5, ge=1)
    login_lock_minutes: int = Field(default=15, ge=1)
    login_slow_after: int = Field(default=3, ge=1)
    # "text" for people reading a terminal, "json" (one object per line) for a log collector.
    log_format: Literal["text", "json"] = "text"
    # Partial uploads untouched this long are removed (the laptop starts that file again).
    stale_upload_days: int = Field(default=7, ge=1)
    # The escalation pass (fieldapp.server.supervision): how often, who holds the two top
    # posts (usernames), and the court's thresholds, e.g. escalation_levels = {"3" =
    # {min_days_overdue = 15}} or asset_escalation_levels = {"1" = {max_days_left = 120}}.
    escalation_every_minutes: float = Field(default=60.0, gt=0, le=24 * 60)
    centre_head: str | None = None
    bureau_chief: str | None = None
    escalation_levels: dict[str, dict[str, int | str]] = Field(default_factory=dict)
    asset_escalation_levels: dict[str, dict[str, int | str]] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = os.environ.get(CONFIG_VARIABLE)
        if config:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config)))
        return tuple(sources)


class ConfigError(Exception):
    """The configuration file cannot be used; the message says why."""


def load_settings(config: Path | None = None, **given: object) -> ServerSettings:
    """Settings from ``given`` (the command line), the environment and ``config``.

    ``config`` is remembered in the environment, so that the server's worker processes read
    the same file. A missing, unreadable or malformed file, or an unknown or invalid setting,
    raises ConfigError naming the file and the setting.
    """
    import tomllib

    from pydantic import ValidationError

    if config is not None:
        try:
            with config.open("rb") as handle:
                tomllib.load(handle)
        except OSError as error:
            raise ConfigError(f"cannot read {config}: {error.strerror or error}") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{config} is not valid TOML: {error}") from None
        os.environ[CONFIG_VARIABLE] = str(config.resolve())
    try:
        return ServerSettings(**given)  # type: ignore[arg-type]
    except ValidationError as error:
        where = os.environ.get(CONFIG_VARIABLE) or "the environment"
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ConfigError(f"invalid setting (from the arguments, {where}): {problems}") from None
