"""``fieldapp watch``: keep this laptop in sync — every few minutes, and at once when the
network comes back — until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any


def add_commands(commands: Any) -> None:
    watch = commands.add_parser(
        "watch", help="keep this laptop in sync: periodically and on reconnect, with backoff"
    )
    watch.add_argument("--interval", type=float, default=300.0, help="seconds between syncs")
    watch.set_defaults(handler=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.content_store import ContentStore
    from fieldapp.sync.client import CentralClient, SyncError
    from fieldapp.sync.engine import SyncEngine, SyncReport
    from fieldapp.sync.enrolment import load_enrolment
    from fieldapp.sync.schedule import SyncSchedule
    from fieldapp.sync.watch import keep_in_sync

    workspace = open_workspace(args.data_dir)
    enrolment = load_enrolment(workspace.engine)
    if enrolment is None:
        print(
            "error: this laptop is not enrolled; run: fieldapp login --server URL --username U",
            file=sys.stderr,
        )
        return 1
    store = ContentStore(workspace.blobs_dir)

    def run_once() -> SyncReport:
        with CentralClient(enrolment.server_url, enrolment.token) as client:
            return SyncEngine(workspace.engine, client, enrolment.device_id, store).run()

    def reachable() -> bool:
        try:
            with CentralClient(enrolment.server_url, timeout=5) as client:
                client.health()
        except SyncError:
            return False
        return True

    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        keep_in_sync(
            run_once,
            reachable,
            SyncSchedule(interval_s=args.interval),
            stop=stop,
            on_report=lambda report: print(report.summary(), flush=True),
            on_error=lambda error: print(f"sync failed: {error.message}", file=sys.stderr),
        )
    finally:
        workspace.close()
    return 0
