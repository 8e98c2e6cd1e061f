"""How many connections the server's processes may open: within the budget, all together."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldapp.server.settings import ServerSettings
from fieldapp.server.workers import (
    ENV_PREFIX,
    WORKERS_VARIABLE,
    default_workers,
    engine_options,
    export_settings,
)

PG = "postgresql+psycopg://u@127.0.0.1/db"


def test_sqlite_gets_one_process_and_its_own_pool() -> None:
    assert default_workers("sqlite:///x.db") == 1
    assert engine_options("sqlite:///x.db", workers=4) == {}


def test_one_process_gets_a_connection_per_request_thread() -> None:
    assert engine_options(PG, workers=1, budget=90) == {"pool_size": 10, "max_overflow": 31}


@pytest.mark.parametrize("workers", [1, 2, 3, 4, 8, 16, 45])
def test_the_workers_together_stay_within_the_budget(workers: int) -> None:
    options = engine_options(PG, workers=workers, budget=90)
    per_worker = options["pool_size"] + options["max_overflow"]
    assert per_worker * workers <= 90
    assert per_worker >= 2


def test_a_tiny_budget_still_leaves_each_worker_two() -> None:
    options = engine_options(PG, workers=8, budget=5)
    assert options["pool_size"] + options["max_overflow"] == 2


def test_workers_read_back_exactly_the_settings_their_parent_exported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX):
            monkeypatch.delenv(name)
    parent = ServerSettings(
        db="sqlite:///x.db",
        blobs=tmp_path / "blobs",
        centre_head=None,
        bureau_chief="chief",
        escalation_levels={"3": {"min_days_overdue": 20}},
    )
    with monkeypatch.context() as patch:
        patch.setattr(os, "environ", dict(os.environ))
        export_settings(parent, workers=3)
        worker = ServerSettings()
        assert os.environ[WORKERS_VARIABLE] == "3"
    assert worker == parent
