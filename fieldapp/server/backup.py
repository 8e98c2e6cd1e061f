"""Backup and restore of the central store: its database and its blob folder, together.

A backup is a folder::

    fieldapp-backup-20261127T141500Z/
        manifest.json        what is inside, with the sha256 of every file
        database.sqlite      (SQLite: a consistent copy made with SQLite's backup API)
        database.pgdump      (PostgreSQL: ``pg_dump --format=custom``)
        blobs/<sha256>       every complete blob

The database is copied first and the blobs after: every blob the copied database knows was
complete before the copy began, so it is in the backup (blobs are never changed or removed,
so later arrivals only add files nobody references yet). Blobs already in the newest earlier
backup of the same parent folder are hard-linked rather than copied, so a nightly backup
costs only what arrived since the night before.

Restore checks every file against the manifest before it touches the target, refuses a
target database that holds data unless asked to replace it, and migrates the restored
database to this version's schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, make_url, text, update
from sqlalchemy.engine import URL

from fieldapp import __version__
from fieldapp.server.changelog import CHANGE_LOG, MIN_CURSOR, counter, ensure_counters
from fieldapp.storage.central_tables import Counter
from fieldapp.storage.content_store import ContentStore, InvalidBlobName, check_sha256
from fieldapp.storage.engine import make_engine, writing
from fieldapp.storage.migrate import current_revision, upgrade

MANIFEST = "manifest.json"
# Change numbers skipped at a restore: more than a store hands out between two backups.
RESTORE_GAP = 1 << 32
FORMAT = 1
Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why. Nothing was replaced."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    database_kind: str
    schema_revision: str | None
    blobs: int
    blob_bytes: int
    blobs_linked: int


def backup(db_url: str, blobs_dir: Path, out: Path, *, say: Progress = print) -> BackupSummary:
    """Write a new backup folder under ``out`` and return what it holds."""
    url = make_url(db_url)
    out.mkdir(parents=True, exist_ok=True)
    previous = _newest_backup(out)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = out / f"fieldapp-backup-{stamp}"
    partial = out / f".{folder.name}.partial"
    if folder.exists():
        raise BackupError(f"{folder} exists already; wait a second and try again")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        say("copying the database…")
        database_file, revision = _dump_database(url, partial)
        say("copying the blobs…")
        blobs, blob_bytes, linked = _copy_blobs(blobs_dir, partial / "blobs", previous)
        manifest = {
            "format": FORMAT,
            "fieldapp_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {
                "kind": url.get_backend_name(),
                "file": database_file.name,
                "sha256": _sha256_of(database_file),
                "size": database_file.stat().st_size,
                "schema_revision": revision,
            },
            "blobs": {"count": blobs, "bytes": blob_bytes},
        }
        _write_json(partial / MANIFEST, manifest)
        os.replace(partial, folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupSummary(folder, url.get_backend_name(), revision, blobs, blob_bytes, linked)


def restore(
    source: Path, db_url: str, blobs_dir: Path, *, replace: bool = False, say: Progress = print
) -> BackupSummary:
    """Restore the backup folder ``source`` into the database ``db_url`` and ``blobs_dir``."""
    manifest = read_manifest(source)
    database = manifest["database"]
    url = make_url(db_url)
    if database["kind"] != url.get_backend_name():
        raise BackupError(
            f"this backup holds a {database['kind']} database; "
            f"it cannot be restored into {url.get_backend_name()}"
        )
    say("checking the backup…")
    dump = source / database["file"]
    if _sha256_of(dump) != database["sha256"]:
        raise BackupError(f"{dump.name} does not match its sha256 in the manifest: damaged")
    blobs = _checked_blobs(source / "blobs")
    if len(blobs) != manifest["blobs"]["count"]:
        raise BackupError(
            f"the manifest lists {manifest['blobs']['count']} blobs, the folder has {len(blobs)}"
        )
    if not replace and _holds_data(url):
        raise BackupError(
            "the target database holds data already; restore into an empty one, "
            "or pass --replace to overwrite it"
        )
    say("restoring the database…")
    _load_database(url, dump)
    upgrade(db_url, "central")
    _fence_the_change_log(db_url)
    say("restoring the blobs…")
    store = ContentStore(blobs_dir)
    copied = 0
    for path in blobs:
        if not store.has(path.name):
            store.put_file(path)
            copied += 1
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    total = sum(path.stat().st_size for path in blobs)
    return BackupSummary(source, database["kind"], revision, len(blobs), total, 0)


def _fence_the_change_log(db_url: str) -> None:
    """Make every laptop that synced before the restore download afresh (410).

    The laptops' cursors may point past the restored change log (to changes made after the
    backup, now gone); new changes numbered from the restored head would fall below those
    cursors and never reach them. The next numbers start far beyond any number handed out
    before, and pulls from below them are answered 410.
    """
    engine = make_engine(db_url)
    try:
        with writing(engine).begin() as connection:
            ensure_counters(connection)
            fence = counter(connection, CHANGE_LOG) + RESTORE_GAP
            for name in (CHANGE_LOG, MIN_CURSOR):
                connection.execute(update(Counter).where(Counter.name == name).values(value=fence))
    finally:
        engine.dispose()


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{source} is not a Fieldapp backup: it has no {MANIFEST}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from None
    try:
        if manifest["format"] != FORMAT:
            raise BackupError(f"backup format {manifest['format']} is not known here")
        database = manifest["database"]
        name = database["file"]
        if name not in ("database.sqlite", "database.pgdump"):
            raise BackupError(f"unexpected database file {name!r} in the manifest")
        for key in ("kind", "sha256"):
            if not isinstance(database[key], str):
                raise BackupError(f"database.{key} in the manifest is not text")
        if not isinstance(manifest["blobs"]["count"], int):
            raise BackupError("blobs.count in the manifest is not a number")
    except (KeyError, TypeError):
        raise BackupError(f"{path} is not a complete Fieldapp backup manifest") from None
    return dict(manifest)


# The database


def _dump_database(url: URL, folder: Path) -> tuple[Path, str | None]:
    revision = _revision(url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_copy(_sqlite_path(url), folder / "database.sqlite"), revision
    if url.get_backend_name() == "postgresql":
        target = folder / "database.pgdump"
        _run_pg("pg_dump", url, ["--format=custom", "--no-owner", f"--file={target}"])
        return target, revision
    raise BackupError(f"cannot back up a {url.get_backend_name()} database")


def _load_database(url: URL, dump: Path) -> None:
    if url.get_backend_name() == "sqlite":
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(target.name + ".restoring")
        _sqlite_copy(dump, staged)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
        return
    _run_pg(
        "pg_restore",
        url,
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"],
        str(dump),
    )


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite database (the backup API, not a file copy)."""
    if not source.is_file():
        raise BackupError(f"the database {source} does not exist")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _revision(url: URL) -> str | None:
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    except Exception as error:
        raise BackupError(f"cannot reach the database: {error}") from None
    finally:
        engine.dispose()


def _holds_data(url: URL) -> bool:
    if url.get_backend_name() == "sqlite" and not _sqlite_path(url).exists():
        return False
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            if "users" not in tables:
                return bool([t for t in tables if t != "alembic_version"])
            return bool(connection.execute(text("SELECT count(*) FROM users")).scalar())
    finally:
        engine.dispose()


def _run_pg(tool: str, url: URL, options: list[str], *arguments: str) -> None:
    program = _pg_tool(tool)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    connection = [
        f"--host={url.host or '127.0.0.1'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or ''}",
        f"--dbname={url.database or ''}",
    ]
    done = subprocess.run(
        [str(program), *connection, *options, *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip() or done.returncode}")


def _pg_tool(name: str) -> Path:
    """``pg_dump`` / ``pg_restore``: on PATH, else Debian's newest versioned folder."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client)")
    return candidates[-1]


# The blobs


def _copy_blobs(source: Path, target: Path, previous: Path | None) -> tuple[int, int, int]:
    target.mkdir()
    count = size = linked = 0
    for path in _complete_blobs(source):
        destination = target / path.name
        earlier = previous / "blobs" / path.name if previous else None
        length = path.stat().st_size
        if earlier is not None and earlier.is_file() and earlier.stat().st_size == length:
            os.link(earlier, destination)
            linked += 1
        else:
            shutil.copyfile(path, destination)
        count += 1
        size += length
    return count, size, linked


def _complete_blobs(root: Path) -> Iterator[Path]:
    """The complete blobs of a ContentStore folder (``<aa>/<sha256>``), not partials."""
    if not root.is_dir():
        return
    for shard in sorted(root.iterdir()):
        if len(shard.name) != 2 or not shard.is_dir():
            continue
        for path in sorted(shard.iterdir()):
            if path.name.startswith(shard.name) and _is_digest(path.name):
                yield path


def _checked_blobs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise BackupError(f"the backup has no blobs folder at {folder}")
    blobs = sorted(folder.iterdir())
    for path in blobs:
        if not _is_digest(path.name) or not path.is_file():
            raise BackupError(f"unexpected file in the backup's blobs: {path.name!r}")
        if _sha256_of(path) != path.name:
            raise BackupError(f"blob {path.name} does not match its name: damaged")
    return blobs


def _is_digest(name: str) -> bool:
    try:
        check_sha256(name)
    except InvalidBlobName:
        return False
    return True


def _newest_backup(out: Path) -> Path | None:
    earlier = sorted(
        p for p in out.glob("fieldapp-backup-*") if p.is_dir() and (p / MANIFEST).is_file()
    )
    return earlier[-1] if earlier else None


def _sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_json(path: Path, value: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
