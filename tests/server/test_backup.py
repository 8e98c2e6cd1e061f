"""fieldapp admin backup / restore: the database and the blobs together, checked on the way
back, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.domain.enums import Role
from fieldapp.server.accounts import create_user
from fieldapp.server.backup import RESTORE_GAP, BackupError, backup, restore
from fieldapp.server.database import open_central
from fieldapp.server.pull import log_position
from fieldapp.storage.central_tables import User
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.types import utcnow
from tests.support.central import cheap_argon2

REPO = Path(__file__).resolve().parents[2]
quiet = lambda _message: None  # noqa: E731


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> tuple[str, Path]:
    """A central store with two users, three blobs and a half-received upload."""
    engine = open_central(db_url)
    with cheap_argon2(), engine.begin() as connection:
        for name, role, squad in (("lead1", Role.LEAD, "S1"), ("admin", Role.ADMIN, None)):
            create_user(
                connection,
                username=name,
                password="pw-123456",
                role=role,
                squad_code=squad,
                now=utcnow(),
            )
    engine.dispose()
    blobs = tmp_path / "blobs"
    content = ContentStore(blobs)
    for data in (b"photo", b"video" * 1000, "证据".encode()):
        content.put_bytes(data)
    content.append_partial("ab" * 32, 0, [b"half"], 100)
    return db_url, blobs


@pytest.fixture
def empty_target(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Iterator[str]:
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


def usernames(url: str) -> list[str]:
    engine = open_central(url, migrate=False)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(select(User.username)).scalars())
    finally:
        engine.dispose()


def blob_names(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("??/*")}


def test_a_backup_restores_into_an_empty_store(
    store: tuple[str, Path], empty_target: str, tmp_path: Path
) -> None:
    db_url, blobs = store
    summary = backup(db_url, blobs, tmp_path / "backups", say=quiet)
    manifest = json.loads((summary.folder / "manifest.json").read_text())
    assert manifest["blobs"] == {"count": 3, "bytes": 5 + 5000 + 6}
    assert manifest["database"]["schema_revision"] == summary.schema_revision is not None
    assert not (summary.folder / "blobs" / ("ab" * 32)).exists()  # partials stay out

    restored_blobs = tmp_path / "restored-blobs"
    done = restore(summary.folder, empty_target, restored_blobs, say=quiet)
    assert usernames(empty_target) == ["admin", "lead1"]
    assert blob_names(restored_blobs) == blob_names(blobs)
    assert done.schema_revision == summary.schema_revision


def test_the_next_backup_links_the_blobs_it_has_already(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    db_url, blobs = store
    first = backup(db_url, blobs, tmp_path / "backups", say=quiet)
    ContentStore(blobs).put_bytes(b"arrived overnight")
    second = None
    for _ in range(30):  # folders are named by the second
        try:
            second = backup(db_url, blobs, tmp_path / "backups", say=quiet)
            break
        except BackupError:
            __import__("time").sleep(0.1)
    assert second is not None
    assert (second.blobs, second.blobs_linked) == (4, 3)
    shared = next((first.folder / "blobs").iterdir())
    assert (second.folder / "blobs" / shared.name).stat().st_ino == shared.stat().st_ino


def test_a_store_holding_data_is_only_overwritten_when_asked(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    db_url, blobs = store
    summary = backup(db_url, blobs, tmp_path / "backups", say=quiet)
    with pytest.raises(BackupError, match="holds data already"):
        restore(summary.folder, db_url, blobs, say=quiet)
    restore(summary.folder, db_url, blobs, replace=True, say=quiet)
    assert usernames(db_url) == ["admin", "lead1"]


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        ("dump", "does not match its sha256"),
        ("blob", "does not match its name"),
        ("stranger", "unexpected file"),
        ("no manifest", "not a Fieldapp backup"),
        ("bad manifest", "cannot be read"),
        ("odd manifest", "not a complete Fieldapp backup manifest"),
        ("hostile file name", "unexpected database file"),
        ("blob count", "the manifest lists 9 blobs"),
    ],
)
def test_a_damaged_backup_is_refused_before_anything_is_written(
    store: tuple[str, Path], empty_target: str, tmp_path: Path, damage: str, says: str
) -> None:
    db_url, blobs = store
    folder = backup(db_url, blobs, tmp_path / "backups", say=quiet).folder
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if damage == "dump":
        dump = folder / manifest["database"]["file"]
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
    elif damage == "blob":
        victim = next((folder / "blobs").iterdir())
        victim.unlink()  # hard links: replace, never edit in place
        victim.write_bytes(b"something else")
    elif damage == "stranger":
        (folder / "blobs" / "..%2Fetc%2Fpasswd").write_bytes(b"x")
    elif damage == "no manifest":
        manifest_path.unlink()
    elif damage == "bad manifest":
        manifest_path.write_bytes(b"\xff\xfe{not json")
    elif damage == "odd manifest":
        manifest_path.write_text(json.dumps({"format": 1, "database": []}))
    elif damage == "hostile file name":
        manifest["database"]["file"] = "../../etc/passwd"
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "blob count":
        manifest["blobs"]["count"] = 9
        manifest_path.write_text(json.dumps(manifest))
    restored_blobs = tmp_path / "restored-blobs"
    with pytest.raises(BackupError, match=says):
        restore(folder, empty_target, restored_blobs, say=quiet)
    assert not restored_blobs.exists()
    if empty_target.startswith("sqlite"):
        assert not Path(empty_target.removeprefix("sqlite:///")).exists()


def test_the_commands_back_up_and_restore(
    store: tuple[str, Path], empty_target: str, tmp_path: Path
) -> None:
    db_url, blobs = store

    def fieldapp(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fieldapp", "admin", *arguments],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = fieldapp("backup", "--db", db_url, "--blobs", str(blobs), "--out", str(tmp_path / "b"))
    assert made.returncode == 0, made.stderr
    assert "3 blobs" in made.stdout
    folder = next((tmp_path / "b").glob("fieldapp-backup-*"))
    back = fieldapp(
        "restore", "--db", empty_target, "--blobs", str(tmp_path / "r"), "--from", str(folder)
    )
    assert back.returncode == 0, back.stderr
    assert usernames(empty_target) == ["admin", "lead1"]
    missing = fieldapp("restore", "--db", empty_target, "--from", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "not a Fieldapp backup" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_after_a_restore_every_laptop_downloads_afresh(
    store: tuple[str, Path], empty_target: str, tmp_path: Path
) -> None:
    db_url, blobs = store
    engine = open_central(db_url, migrate=False)
    with engine.connect() as connection:
        before = log_position(connection)
    engine.dispose()
    summary = backup(db_url, blobs, tmp_path / "backups", say=quiet)
    restore(summary.folder, empty_target, tmp_path / "restored-blobs", say=quiet)
    engine = open_central(empty_target, migrate=False)
    with engine.connect() as connection:
        after = log_position(connection)
    engine.dispose()
    # A cursor from before (even one past the backup's head) is now below the oldest one
    # served, so the pull is answered 410 and the laptop downloads everything again.
    assert after.committed == after.oldest == before.committed + RESTORE_GAP
    laptop_cursor = before.committed + 1000
    assert 0 < laptop_cursor < after.oldest
