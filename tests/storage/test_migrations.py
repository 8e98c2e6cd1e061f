"""Migrations build exactly the models' schema, form one linear chain, and step back cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import get_args

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from fieldapp.storage import migrate
from fieldapp.storage.engine import make_engine, sqlite_url

SCHEMAS = get_args(migrate.Schema)


def schema_drift(url: str, schema: migrate.Schema) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, migrate.METADATA[schema]))
    finally:
        engine.dispose()


@pytest.mark.parametrize("schema", SCHEMAS)
def test_migrations_build_the_models_schema(db_url: str, schema: migrate.Schema) -> None:
    migrate.upgrade(db_url, schema)
    assert schema_drift(db_url, schema) == []


@pytest.mark.parametrize("schema", SCHEMAS)
def test_drift_is_detected(db_url: str, schema: migrate.Schema) -> None:
    """The check above can fail: a column the models have and the database lacks shows up."""
    migrate.upgrade(db_url, schema)
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql('ALTER TABLE "case" DROP COLUMN team')
    engine.dispose()
    assert any("team" in repr(diff) for diff in schema_drift(db_url, schema))


@pytest.mark.parametrize("schema", SCHEMAS)
def test_revision_chain_is_linear(schema: migrate.Schema) -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config(schema))
    assert len(scripts.get_heads()) == 1
    assert len(scripts.get_bases()) == 1
    revisions = list(scripts.walk_revisions())
    for revision in revisions:
        down = revision.down_revision
        assert down is None or isinstance(down, str), f"{revision.revision} is a merge"
        assert len(revision.nextrev) <= 1, f"{revision.revision} branches"


@pytest.mark.parametrize("schema", SCHEMAS)
def test_last_step_downgrades_and_upgrades_again(db_url: str, schema: migrate.Schema) -> None:
    migrate.upgrade(db_url, schema)
    migrate.downgrade(db_url, schema, "-1")
    engine = make_engine(db_url)
    with engine.connect() as connection:
        head = migrate.head_revision(schema)
        assert migrate.current_revision(connection) != head
    engine.dispose()
    migrate.upgrade(db_url, schema)
    assert schema_drift(db_url, schema) == []


def test_new_database_is_created_at_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "laptop.sqlite"
    assert migrate.upgrade_local_database(path) is None
    engine = make_engine(sqlite_url(path))
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision("local")
        assert "outbox" in inspect(connection).get_table_names()
    engine.dispose()
    # Already at head: nothing to do, no copy.
    assert migrate.upgrade_local_database(path) is None


def _database_with_officer_notes(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes_kept (body TEXT)")
        connection.execute("INSERT INTO notes_kept VALUES ('走访记录 1')")
    connection.close()


def test_older_database_is_copied_aside_before_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "laptop.sqlite"
    _database_with_officer_notes(path)
    backup = migrate.upgrade_local_database(path)
    assert backup is not None
    assert backup.exists()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT body FROM notes_kept").fetchall() == [("走访记录 1",)]
    copy.close()


def test_failed_migration_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "laptop.sqlite"
    _database_with_officer_notes(path)

    def broken_upgrade(url: str, schema: str, revision: str = "head") -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(RuntimeError, match="disk full"):
        migrate.upgrade_local_database(path)
    backups = list(tmp_path.glob("laptop.before-upgrade-from-*.sqlite"))
    assert len(backups) == 1
    for kept in (path, backups[0]):
        with sqlite3.connect(kept) as connection:
            assert connection.execute("SELECT count(*) FROM notes_kept").fetchone() == (1,)
        connection.close()


def test_only_the_newest_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "laptop.sqlite"
    for n in range(migrate.BACKUPS_KEPT + 2):
        (tmp_path / f"laptop.before-upgrade-from-x-2026010{n}T000000Z.sqlite").write_bytes(b"")
    _database_with_officer_notes(path)
    migrate.upgrade_local_database(path)
    assert len(list(tmp_path.glob("laptop.before-upgrade-from-*.sqlite"))) == migrate.BACKUPS_KEPT
