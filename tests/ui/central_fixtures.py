"""Window tests against the real central store: a server process on a seeded SQLite database,
and laptops enrolled with it (cheap Argon2, as in tests/sync)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import fieldapp.server.passwords
import fieldapp.sync.enrolment
from fieldapp.server.database import open_central
from tests.support.central_process import CHEAP_HASHER, CentralProcess, seed
from tests.support.laptops import Laptop


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline verifiers made and checked cheaply (the real cost is ~0.3 s each)."""
    monkeypatch.setattr(fieldapp.sync.enrolment, "_hasher", CHEAP_HASHER)
    monkeypatch.setattr(fieldapp.server.passwords, "_hasher", CHEAP_HASHER)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """``fieldapp server`` on a freshly seeded SQLite database, one for the test module (a
    test that stops it starts it again); stopped afterwards."""
    tmp_path = tmp_path_factory.mktemp("central")
    db_url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    open_central(db_url).dispose()
    server = CentralProcess(db_url, tmp_path / "central-blobs", tmp_path / "central.log")
    server.launch()
    try:
        seed(db_url)
        server.wait_healthy()
        yield server
    finally:
        server.stop()


@pytest.fixture
def officer(central: CentralProcess, tmp_path: Path) -> Iterator[Laptop]:
    """officer11's laptop, enrolled and synced once (a new device each time)."""
    if not central.alive():
        central.start()
    laptop = Laptop.enrolled(tmp_path / "officer11", server_url=central.url, username="officer11")
    laptop.sync()
    try:
        yield laptop
    finally:
        laptop.close()
