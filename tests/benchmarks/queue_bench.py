"""The squad queue's reads over 100,000 assignments on a laptop database, with and without
counting the deadline clock's pauses: the list of rows and the group counts.

Run: .venv/bin/python tests/benchmarks/queue_bench.py [--assignments 100000] [--paused 0.01]

Each figure is the median of five runs, beside its baseline in the same run: the plain SQL read
(`storage.assignments`) against what the queue calls (`services.assignment_views`), which reads
again only the rows that store pauses.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from fieldapp.domain.clock import court_date  # noqa: E402
from fieldapp.domain.enums import AssignmentStatus, Matter  # noqa: E402
from fieldapp.services.assignment_views import AssignmentViews  # noqa: E402
from fieldapp.storage import assignments as storage  # noqa: E402
from fieldapp.storage.bulk import bulk_insert  # noqa: E402
from fieldapp.storage.casework import Assignment, Case  # noqa: E402
from fieldapp.storage.engine import make_engine, sqlite_url, writing  # noqa: E402
from fieldapp.storage.migrate import upgrade  # noqa: E402
from fieldapp.storage.types import new_id  # noqa: E402

NOW = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
TODAY = court_date(NOW)
REGIONS = ("520102", "520103", "520111", "520112", "520113", "520115")
STATUSES = [s.value for s in AssignmentStatus]


def _stamp() -> dict[str, Any]:
    return {"version": 1, "created_at": NOW, "updated_at": NOW, "created_by": None,
            "device_id": None, "deleted": False}  # fmt: skip


def generate(engine: Engine, count: int, paused_share: float, seed: int = 3) -> int:
    """`count` assignments over 200 cases; `paused_share` of them with pauses (closed or open)."""
    rng = random.Random(seed)
    cases = [_stamp() | {"id": new_id(), "case_number": f"（2026）黔01执{n}号"} for n in range(200)]
    rows = []
    paused = 0
    for number in range(count):
        received = NOW - timedelta(days=rng.randrange(120), seconds=rng.randrange(86400))
        pauses: list[dict[str, Any]] = []
        if rng.random() < paused_share:
            paused += 1
            start = court_date(received) + timedelta(days=rng.randrange(1, 5))
            end = None if rng.random() < 0.3 else start + timedelta(days=rng.randrange(1, 20))
            pauses.append({"start": start.isoformat(),
                           "end": end.isoformat() if end else None, "reason": "stay"})  # fmt: skip
        rows.append(
            _stamp()
            | {
                "id": new_id(),
                "registration_no": f"WQ-2026-{number:07d}",
                "request_key": f"bench-{number}",
                "case_id": rng.choice(cases)["id"],
                "matter": rng.choice(list(Matter)).value,
                "party_id": None,
                "address": "贵州省贵阳市南明区青枫路1号",
                "lat": None,
                "lon": None,
                "region_code": rng.choice(REGIONS),
                "squad_code": f"S{rng.randint(1, 4)}",
                "officer_id": None,
                "second_officer_id": None,
                "priority": "normal",
                "requested_by": "",
                "received_at": received,
                "due_on": court_date(received) + timedelta(days=rng.choice((3, 7, 10, 15))),
                "status": rng.choice(STATUSES),
                "result": "",
                "return_reason": "",
                "notes": "",
                "completed_at": None,
                "clock_pauses": pauses,
            }
        )
    with writing(engine).begin() as connection:
        connection.execute(Case.__table__.insert(), cases)  # the model's defaults fill the rest
        for start in range(0, len(rows), 10_000):
            bulk_insert(connection, Assignment.__table__, rows[start : start + 10_000])
    return paused


def _median(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--paused", type=float, default=0.01, help="share of rows with pauses")
    args = parser.parse_args()
    with TemporaryDirectory() as folder:
        url = sqlite_url(Path(folder) / "bench.sqlite")
        upgrade(url, "local")
        engine = make_engine(url)
        paused = generate(engine, args.assignments, args.paused)
        views = AssignmentViews(engine)

        def plain_rows() -> object:
            with engine.connect() as connection:
                return storage.list_assignments(connection)

        def plain_counts() -> object:
            with engine.connect() as connection:
                return storage.group_counts(connection, TODAY)

        figures = [
            ("rows, plain SQL", _median(plain_rows)),
            ("rows, pauses counted", _median(views.assignments)),
            ("group counts, plain SQL", _median(plain_counts)),
            ("group counts, pauses counted", _median(lambda: views.group_counts(TODAY))),
        ]
        engine.dispose()
    print(f"{args.assignments} assignments, {paused} with pauses")  # noqa: T201
    for name, seconds in figures:
        print(f"  {name:<30} {seconds * 1000:8.1f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
