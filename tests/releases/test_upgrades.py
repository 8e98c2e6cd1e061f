"""Every released version's databases, opened by this version: the laptop's is migrated with
a copy kept, the central store's is migrated at start, and the change the laptop had not sent
when it was upgraded reaches the server."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, update

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.settings import ServerSettings
from fieldapp.services.workspace import open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import Profile
from fieldapp.storage.migrate import current_revision, head_revision
from fieldapp.sync.client import CentralClient
from fieldapp.sync.engine import SyncEngine
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.sync.outbox import pending_ops

HERE = Path(__file__).resolve().parent
RELEASES = sorted(p for p in HERE.iterdir() if (p / "release.json").is_file())


def unpack(packed: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(packed, "rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def test_there_is_a_released_version_to_upgrade_from() -> None:
    assert RELEASES, "tests/releases/make_release_fixture.py has not been run for a release"


@pytest.mark.parametrize("release", RELEASES, ids=[p.name for p in RELEASES])
def test_released_migrations_are_never_edited(release: Path) -> None:
    """A schema change after a release is a new Alembic revision, never an edit of one that
    laptops and servers have already applied."""
    shipped = json.loads((release / "release.json").read_text())["migrations"]
    root = HERE.parents[1]
    changed = [
        name
        for name, digest in shipped.items()
        if not (root / name).is_file()
        or hashlib.sha256((root / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], f"released migrations changed: {changed}; add a new revision instead"


@pytest.mark.parametrize("release", RELEASES, ids=[p.name for p in RELEASES])
def test_a_released_laptop_upgrades_and_sends_what_it_had_not(
    release: Path, tmp_path: Path
) -> None:
    facts = json.loads((release / "release.json").read_text())
    central_path = unpack(release / "central.sqlite.gz", tmp_path / "central.sqlite")
    laptop_dir = tmp_path / "laptop"
    unpack(release / "laptop.sqlite.gz", laptop_dir / "fieldapp.sqlite")
    shutil.copy(release / "device-id", laptop_dir / "device-id")

    settings = ServerSettings(db=f"sqlite:///{central_path}", blobs=tmp_path / "blobs")
    central = open_central(settings.db)  # migrates the released schema to this version's
    server = EmbeddedServer(create_app(settings, central))
    url = server.start()
    try:
        workspace = open_workspace(laptop_dir)
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == head_revision("local")
        if workspace.backup is not None:  # the released schema differed: a copy is kept
            assert workspace.backup.is_file()
        with workspace.engine.begin() as connection:
            assert len(pending_ops(connection, 100)) >= 1
            connection.execute(update(Profile).values(server_url=url))
        enrolment = load_enrolment(workspace.engine)
        assert enrolment is not None
        with CentralClient(url, enrolment.token) as client:
            report = SyncEngine(workspace.engine, client, workspace.device_id).run()
        assert report.rejected == 0
        with workspace.engine.connect() as connection:
            assert pending_ops(connection, 100) == []
        workspace.close()
        with central.connect() as connection:
            results = connection.execute(select(Assignment.result)).scalars().all()
        assert facts["unsent_note"] in results
    finally:
        server.stop()
        central.dispose()
