"""End-to-end sync fixtures: the real central store in a child process over SQLite and over
PostgreSQL (``db_url``), seeded with the demo data, and laptops enrolled with it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.server.database import open_central
from tests.support.central_process import CentralProcess, seed
from tests.support.sync_world import World


@pytest.fixture
def central(db_url: str, tmp_path: Path) -> Iterator[CentralProcess]:
    """``fieldapp server`` on a freshly seeded ``db_url``; stopped (or reaped) afterwards."""
    open_central(db_url).dispose()  # migrated here, so the server and the seeding don't race
    server = CentralProcess(db_url, tmp_path / "central-blobs", tmp_path / "central.log")
    server.launch()
    try:
        seed(db_url)  # while the server process starts: it reads nothing before a request
        server.wait_healthy()
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(central: CentralProcess, db_url: str, tmp_path: Path) -> Iterator[World]:
    made = World(db_url, tmp_path, central)
    try:
        yield made
    finally:
        made.close()
