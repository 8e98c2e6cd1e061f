"""Keep the databases a released version makes, so that every later version is tested on them.

    .venv/bin/python tests/releases/make_release_fixture.py

Writes tests/releases/<version>/ with the central store's database and a laptop's data folder
as that version leaves them: the demo data, the laptop enrolled as officer11 and synced once,
and one change of the officer still in the laptop's outbox. Run it once per release, with the
released code; never regenerate an existing release (tests/releases/test_upgrades.py upgrades
each kept release with the current code and syncs the unsent change).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from fieldapp import __version__  # noqa: E402
from fieldapp.server.app import create_app  # noqa: E402
from fieldapp.server.database import open_central  # noqa: E402
from fieldapp.server.embedded import EmbeddedServer  # noqa: E402
from fieldapp.server.seeding import seed_central  # noqa: E402
from fieldapp.server.settings import ServerSettings  # noqa: E402
from fieldapp.services.demo_seed import DEMO_PASSWORD  # noqa: E402
from fieldapp.services.record_changes import change_record  # noqa: E402
from fieldapp.services.workspace import open_workspace  # noqa: E402
from fieldapp.storage.casework import Assignment  # noqa: E402
from fieldapp.storage.migrate import current_revision  # noqa: E402
from fieldapp.sync.client import CentralClient  # noqa: E402
from fieldapp.sync.engine import SyncEngine  # noqa: E402
from fieldapp.sync.enrolment import enrol  # noqa: E402
from tests.support.central_process import cheap_passwords  # noqa: E402

HERE = Path(__file__).resolve().parent
SEEDED_AT = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
OFFICER = "officer11"
UNSENT_NOTE = "released-version change, still unsent when the laptop was upgraded"


def make(version: str) -> Path:
    target = HERE / version
    if target.exists():
        raise SystemExit(f"{target} exists: a release's databases are never made again")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        central_path, laptop_dir = _make_databases(work)
        target.mkdir()
        _gzip(central_path, target / "central.sqlite.gz")
        _gzip(laptop_dir / "fieldapp.sqlite", target / "laptop.sqlite.gz")
        shutil.copy(laptop_dir / "device-id", target / "device-id")
        engine = open_central(f"sqlite:///{central_path}", migrate=False)
        with engine.connect() as connection:
            central_revision = current_revision(connection)
        engine.dispose()
    (target / "release.json").write_text(
        json.dumps(
            {
                "version": version,
                "central_revision": central_revision,
                "officer": OFFICER,
                "password": DEMO_PASSWORD,
                "unsent_note": UNSENT_NOTE,
                "migrations": released_migrations(),
            },
            indent=2,
        )
        + "\n"
    )
    return target


def released_migrations() -> dict[str, str]:
    """sha256 of every migration file this release ships: none may change afterwards."""
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((ROOT / "db").glob("*/versions/*.py"))
    }


def _make_databases(work: Path) -> tuple[Path, Path]:
    central_path = work / "central.sqlite"
    settings = ServerSettings(db=f"sqlite:///{central_path}", blobs=work / "blobs")
    engine = open_central(settings.db)
    with cheap_passwords():
        seed_central(engine, now=SEEDED_AT)
        server = EmbeddedServer(create_app(settings, engine))
        url = server.start()
        try:
            laptop_dir = work / "laptop"
            workspace = open_workspace(laptop_dir)
            enrolment = enrol(
                workspace.engine,
                server_url=url,
                username=OFFICER,
                password=DEMO_PASSWORD,
                device_id=workspace.device_id,
            )
            with CentralClient(url, enrolment.token) as client:
                SyncEngine(workspace.engine, client, workspace.device_id).run()
            with workspace.engine.connect() as connection:
                task = connection.execute(
                    select(Assignment.id)
                    .where(Assignment.officer_id == enrolment.user_id)
                    .order_by(Assignment.id)
                    .limit(1)
                ).scalar_one()
            change_record(workspace.engine, "assignment", task, {"result": UNSENT_NOTE})
            workspace.close()
        finally:
            server.stop()
            engine.dispose()
    return central_path, laptop_dir


def _gzip(source: Path, target: Path) -> None:
    # A single file: the backup API folds the write-ahead log in.
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "copy.sqlite"
        with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        with copy.open("rb") as raw, gzip.open(target, "wb", compresslevel=9) as packed:
            shutil.copyfileobj(raw, packed)


if __name__ == "__main__":
    print(make(__version__))
