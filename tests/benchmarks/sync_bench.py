"""Sync figures against PostgreSQL, each beside a baseline measured in the same run.

Run: .venv/bin/python tests/benchmarks/sync_bench.py [--records 100000] [--ops 10000]
     [--laptops 200] [--blob-size 1G | --blob-size 0 to leave the blob case out]

Targets (issue 3): first pull ≥ 40,000 records/s and ≥ 50% of a bare sqlite3 executemany
upsert of the same rows; push ≥ 8,000 ops/s; a sync with nothing to do ≤ 10 ms; 200 laptops
pulling at once p95 ≤ 500 ms with no errors; a 1 GB blob cut at 90% re-sends ≤ one chunk.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from fieldapp.domain.enums import AssignmentStatus, Matter, Priority, Role  # noqa: E402
from fieldapp.server.accounts import create_user  # noqa: E402
from fieldapp.server.database import open_central  # noqa: E402
from fieldapp.server.seeding import log_every_record  # noqa: E402
from fieldapp.services.changes import OutboxSink  # noqa: E402
from fieldapp.services.workspace import open_workspace  # noqa: E402
from fieldapp.storage.bulk import bulk_insert  # noqa: E402
from fieldapp.storage.engine import writing  # noqa: E402
from fieldapp.storage.schema import TABLES  # noqa: E402
from fieldapp.storage.types import new_id, utcnow  # noqa: E402
from fieldapp.sync.apply import PLANS  # noqa: E402
from fieldapp.sync.client import CentralClient  # noqa: E402
from fieldapp.sync.engine import SyncEngine, SyncReport  # noqa: E402
from fieldapp.sync.enrolment import enrol  # noqa: E402
from fieldapp.sync.protocol import LoginRequest  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402

PASSWORD = "bench-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fill_central(url: str, records: int) -> None:
    engine = open_central(url)
    now = utcnow()
    stamp = {
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "created_by": None,
        "device_id": None,
        "deleted": False,
    }
    case_id = new_id()
    with writing(engine).begin() as connection:
        bulk_insert(
            connection,
            TABLES["case"],
            [
                {
                    "id": case_id,
                    "case_number": "（2026）黔01执1号",
                    "track": "ordinary",
                    "enforcement_basis": "",
                    "amount_fen": None,
                    "judge_name": "",
                    "team": "",
                    "filed_on": None,
                    "legal_due_on": None,
                    "closed_for_now_on": None,
                }
            ],
            constants=stamp,
        )
        rows = [
            {
                "id": new_id(),
                "registration_no": f"WQ-2026-{n + 1:06d}",
                "request_key": f"k{n}",
                "case_id": case_id,
                "matter": Matter.SERVICE,
                "party_id": None,
                "address": f"贵州省贵阳市南明区示例路{n % 500}号{n}室",
                "lat": 26.58,
                "lon": 106.71,
                "region_code": "520102",
                "squad_code": "S1",
                "officer_id": None,
                "second_officer_id": None,
                "priority": Priority.NORMAL,
                "requested_by": "李法官",
                "received_at": now,
                "due_on": (now + timedelta(days=n % 30)).date(),
                "status": AssignmentStatus.ROUTED,
                "result": "",
                "return_reason": "",
                "notes": "送达执行通知书及报告财产令",
                "completed_at": None,
            }
            for n in range(records)
        ]
        bulk_insert(connection, TABLES["assignment"], rows, constants=stamp)
        log_every_record(connection, now=now)
        create_user(
            connection,
            username="bench",
            password=PASSWORD,
            role=Role.OFFICER,
            squad_code="S1",
            now=now,
        )
    engine.dispose()


def start_server(url: str, blobs: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fieldapp",
            "server",
            "--db",
            url,
            "--blobs",
            str(blobs),
            "--port",
            str(port),
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with CentralClient(f"http://127.0.0.1:{port}") as client:
                client.health()
                return process
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def measure_pull(base: str, folder: Path, records: int) -> tuple[float, Path]:
    workspace = open_workspace(folder / "laptop")
    enrolment = enrol(
        workspace.engine,
        server_url=base,
        username="bench",
        password=PASSWORD,
        device_id=workspace.device_id,
    )
    with CentralClient(base, enrolment.token) as client:
        started = time.perf_counter()
        report = SyncReport()
        SyncEngine(workspace.engine, client, workspace.device_id).pull(report)
        seconds = time.perf_counter() - started
    assert report.pulled >= records, report.summary()
    workspace.close()
    return seconds, folder / "laptop"


def bare_upsert(laptop: Path, folder: Path) -> float:
    """sqlite3 executemany upsert of the same assignment rows into a fresh laptop file."""
    source = sqlite3.connect(laptop / "fieldapp.sqlite")
    plan = PLANS["assignment"]
    rows = source.execute(f"SELECT {', '.join(plan.columns)} FROM assignment").fetchall()
    source.close()
    target_ws = open_workspace(folder / "bare")
    target_ws.close()
    target = sqlite3.connect(folder / "bare" / "fieldapp.sqlite", isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=FULL")
    started = time.perf_counter()
    target.execute("BEGIN")
    target.executemany(plan.upsert_sql, rows)
    target.execute("COMMIT")
    seconds = time.perf_counter() - started
    target.close()
    return seconds * 1  # the same rows, the same file settings


def measure_push(base: str, folder: Path, ops: int) -> tuple[float, float]:
    workspace = open_workspace(folder / "pusher")
    enrolment = enrol(
        workspace.engine,
        server_url=base,
        username="bench",
        password=PASSWORD,
        device_id=workspace.device_id,
    )
    now = utcnow()
    with workspace.engine.connect() as connection:
        assignment_ids = list(
            connection.execute(select(TABLES["assignment"].c.id).limit(ops)).scalars()
        )
    if not assignment_ids:
        with CentralClient(base, enrolment.token) as client:
            SyncEngine(workspace.engine, client, workspace.device_id, page_size=5000).pull(
                SyncReport()
            )
        with workspace.engine.connect() as connection:
            assignment_ids = list(
                connection.execute(select(TABLES["assignment"].c.id).limit(ops)).scalars()
            )
    visits = [
        {
            "id": new_id(),
            "version": 0,
            "created_at": now,
            "updated_at": now,
            "created_by": enrolment.user_id,
            "device_id": workspace.device_id,
            "deleted": False,
            "assignment_id": assignment_ids[n % len(assignment_ids)],
            "arrived_at": now,
            "left_at": None,
            "lat": 26.58,
            "lon": 106.71,
            "accuracy_m": 10.0,
            "location_source": "gps",
            "outcome": "not_at_home",
            "officer_ids": [enrolment.user_id],
            "persons_present": [],
            "witnesses": [],
            "notes": "敲门无人应答，张贴联系卡。",
        }
        for n in range(ops)
    ]
    with writing(workspace.engine).begin() as connection:
        bulk_insert(connection, TABLES["visit_attempt"], visits)
        OutboxSink().inserted(
            connection, sys.modules["fieldapp.storage.fieldwork"].VisitAttempt, visits
        )
    with CentralClient(base, enrolment.token) as client:
        engine = SyncEngine(workspace.engine, client, workspace.device_id)
        report = SyncReport()
        started = time.perf_counter()
        engine.push(report)
        seconds = time.perf_counter() - started
        assert report.applied == ops, report.summary()
        # Baseline: the same number of round trips, each carrying nothing to apply.
        batches = -(-ops // engine.push_batch)
        started = time.perf_counter()
        for _ in range(batches):
            client.push(workspace.device_id, [])
        empty = time.perf_counter() - started
    workspace.close()
    return seconds, empty


def measure_noop(base: str, folder: Path) -> tuple[float, float]:
    workspace = open_workspace(folder / "laptop")
    from fieldapp.sync.enrolment import load_enrolment

    enrolment = load_enrolment(workspace.engine)
    assert enrolment is not None
    with CentralClient(base, enrolment.token) as client:
        engine = SyncEngine(workspace.engine, client, workspace.device_id)
        engine.run()
        times, health = [], []
        for _ in range(30):
            started = time.perf_counter()
            engine.run()
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.health()
            health.append(time.perf_counter() - started)
    workspace.close()
    return statistics.median(times), statistics.median(health)


def committed_cursor(url: str) -> int:
    from fieldapp.server.changelog import CHANGE_LOG, counter

    engine = open_central(url, migrate=False)
    with engine.connect() as connection:
        value = counter(connection, CHANGE_LOG)
    engine.dispose()
    return value


def measure_concurrent(base: str, laptops: int, committed: int) -> tuple[list[float], float, int]:
    tokens = []
    with CentralClient(base) as client:
        for n in range(laptops):
            answer = client.login(
                LoginRequest(
                    username="bench",
                    password=PASSWORD,
                    device_id=new_id(),
                    device_name=f"laptop {n}",
                )
            )
            tokens.append(answer.token)
    # Each laptop asks for what changed since it last synced: the newest 50 changes.
    cursor = max(0, committed - 50)
    with CentralClient(base, tokens[0]) as alone:
        started = time.perf_counter()
        alone.pull(cursor, 5000)
        single = time.perf_counter() - started
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(laptops)

    def laptop(token: str) -> None:
        nonlocal errors
        with CentralClient(base, token, timeout=30) as client:
            barrier.wait()
            started = time.perf_counter()
            try:
                client.pull(cursor, 5000)
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
            except Exception:  # noqa: BLE001 - counted
                with lock:
                    errors += 1

    threads = [threading.Thread(target=laptop, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return latencies, single, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--laptops", type=int, default=200)
    parser.add_argument("--blob-size", default="1G")
    args = parser.parse_args()
    postgres = PostgresServer()
    postgres.start()
    try:
        url = postgres.create_database("bench")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            fill_central(url, args.records)
            port = free_port()
            server = start_server(url, folder / "blobs", port)
            base = f"http://127.0.0.1:{port}"
            try:
                pull_s, laptop = measure_pull(base, folder, args.records)
                bare_s = bare_upsert(laptop, folder)
                rate = args.records / pull_s
                print(
                    f"first pull of {args.records:,} assignments from PostgreSQL: {pull_s:.2f} s, "
                    f"{rate:,.0f} records/s (target ≥ 40,000)"
                )
                print(
                    f"  baseline, bare sqlite3 executemany upsert of the same rows: {bare_s:.2f} s, "
                    f"{args.records / bare_s:,.0f} rows/s; pull reaches "
                    f"{100 * bare_s / pull_s:.0f}% of it (target ≥ 50%)"
                )
                push_s, empty_s = measure_push(base, folder, args.ops)
                print(
                    f"push of {args.ops:,} ops into PostgreSQL: {push_s:.2f} s, "
                    f"{args.ops / push_s:,.0f} ops/s (target ≥ 8,000)"
                )
                print(f"  baseline, the same number of empty push round trips: {empty_s:.3f} s")
                noop, health = measure_noop(base, folder)
                print(
                    f"sync with nothing to do: median {noop * 1000:.1f} ms (target ≤ 10 ms); "
                    f"baseline GET /health {health * 1000:.1f} ms"
                )
                latencies, single, errors = measure_concurrent(
                    base, args.laptops, committed_cursor(url)
                )
                latencies.sort()
                p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
                print(
                    f"{args.laptops} laptops pulling their latest changes at once: "
                    f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
                    f"(target ≤ 500 ms), errors {errors}; baseline one pull alone "
                    f"{single * 1000:.1f} ms"
                )
            finally:
                server.terminate()
                server.wait(timeout=20)
    finally:
        postgres.stop()
    if args.blob_size not in ("0", ""):
        print("blob upload cut at 90% and resumed (tests/benchmarks/blob_bench.py):", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests/benchmarks/blob_bench.py"),
                "--size",
                args.blob_size,
            ],
            check=True,
            env={**os.environ},
        )


if __name__ == "__main__":
    main()
