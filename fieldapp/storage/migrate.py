"""Alembic migrations of the laptop and central databases, and the safe upgrade at start-up."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData
from sqlalchemy.types import TypeDecorator

from fieldapp.paths import migrations_dir
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.schema import CENTRAL_METADATA, LOCAL_METADATA

log = logging.getLogger(__name__)

Schema = Literal["local", "central"]
METADATA: dict[Schema, MetaData] = {"local": LOCAL_METADATA, "central": CENTRAL_METADATA}
BACKUPS_KEPT = 3


def alembic_config(schema: Schema, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir() / schema))
    config.attributes["schema"] = schema
    config.attributes["connection"] = connection
    return config


def head_revision(schema: Schema) -> str:
    head = ScriptDirectory.from_config(alembic_config(schema)).get_current_head()
    assert head is not None, f"no migrations for {schema}"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str, schema: Schema, revision: str = "head") -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(schema, connection), revision)
    finally:
        engine.dispose()


def downgrade(url: str, schema: Schema, revision: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(schema, connection), revision)
    finally:
        engine.dispose()


def upgrade_local_database(path: Path) -> Path | None:
    """Bring the laptop's database to head; copy it aside first so a failed step loses nothing.

    Returns the copy's path, or None when there was nothing to migrate from.
    """
    head = head_revision("local")
    backup: Path | None = None
    if path.exists() and path.stat().st_size > 0:
        engine = make_engine(sqlite_url(path))
        try:
            with engine.connect() as connection:
                current = current_revision(connection)
        finally:
            engine.dispose()
        if current == head:
            return None
        backup = _copy_aside(path, current or "empty")
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(sqlite_url(path), "local")
    return backup


def _copy_aside(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.stem}.before-upgrade-from-{revision}-{stamp}{path.suffix}")
    # The backup API copies a consistent snapshot, WAL contents included.
    with sqlite3.connect(path) as source, sqlite3.connect(backup) as target:
        source.backup(target)
    source.close()
    target.close()
    log.info("copied %s aside to %s before migrating", path, backup)
    old = sorted(path.parent.glob(f"{path.stem}.before-upgrade-from-*{path.suffix}"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink()
    return backup


def run_env(context: Any) -> None:
    """The body of ``db/<schema>/env.py``: online migrations on the connection we were given."""
    config = context.config
    schema: Schema = config.attributes["schema"]
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through fieldapp.storage.migrate, not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=METADATA[schema],
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    # Migrations stay free of application types: a TypeDecorator is written as its column type.
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False
