"""How ``fieldapp server`` runs: its processes, their connections and their heap.

One process runs Python on one core at a time; on PostgreSQL, which takes writers from many
processes, a worker per core (``--workers N``) serves concurrent laptops on every core. uvicorn
starts each worker by importing :func:`app_from_environment`, which reads the settings the
parent exported after migrating the database.
"""

from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing
import os
import signal
import socket
import sys
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.settings import ServerSettings

ENV_PREFIX = "FIELDAPP_SERVER_"
APP_FACTORY = f"{__name__}:app_from_environment"
WORKERS_VARIABLE = "FIELDAPP_SERVER_WORKER_COUNT"


def default_workers(db_url: str) -> int:
    """One per core on PostgreSQL; one on SQLite, which has a single writer anyway."""
    if not db_url.startswith("postgresql"):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def engine_options(db_url: str, *, workers: int = 1, budget: int = 90) -> dict[str, Any]:
    """Connections per process: at most 40 requests run in worker threads at once (anyio's
    default) and pulls on the event loop take one more, so 41 are enough; ten stay open
    between bursts. ``budget`` (all processes together) is shared out among the workers;
    a request finding none free waits for one."""
    if not db_url.startswith("postgresql"):
        return {}
    share = max(2, min(41, budget // max(1, workers)))
    pool_size = min(10, share)
    return {"pool_size": pool_size, "max_overflow": share - pool_size}


def export_settings(settings: ServerSettings, workers: int) -> None:
    """Put ``settings`` (and how many workers share them) where each worker will find them."""
    for name, value in settings.model_dump(mode="json").items():
        key = ENV_PREFIX + name.upper()
        if value is None:
            os.environ.pop(key, None)  # unset stays unset (not the text "None")
        elif isinstance(value, dict | list):
            os.environ[key] = json.dumps(value)  # pydantic-settings reads complex values as JSON
        else:
            os.environ[key] = str(value)
    os.environ[WORKERS_VARIABLE] = str(workers)


def freeze_startup_heap() -> None:
    """Exempt what start-up made (modules, tables, routes: ~150,000 objects, there for good)
    from garbage collection: each full collection walked them all, ~15 ms that came back
    every few pushes."""
    gc.collect()
    gc.freeze()


def serve(config: uvicorn.Config) -> None:
    """``uvicorn.run`` for several workers, but with TCP_NODELAY set on the listening socket.

    The workers get that socket by pickling, which loses its protocol number, and asyncio
    then leaves Nagle's algorithm on for their connections: each answer (headers, then body)
    waited ~40 ms for the client's delayed ACK. Accepted sockets inherit the option.
    """
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()


def app_from_environment() -> FastAPI:
    """A worker's app. The parent migrated the database before starting any worker."""
    _die_with_parent()
    settings = ServerSettings()
    workers = int(os.environ.get(WORKERS_VARIABLE, "1"))
    options = engine_options(settings.db, workers=workers, budget=settings.db_connections)
    engine = open_central(settings.db, migrate=False, **options)
    app = create_app(settings, engine)
    freeze_startup_heap()
    return app


def _die_with_parent() -> None:
    """A worker killed with its parent (SIGKILL included) rather than left serving alone: an
    orphan would hold the port against the server started next."""
    parent = multiprocessing.parent_process()
    if sys.platform != "linux" or parent is None:
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent.pid:  # the parent died before the line above
        os._exit(1)
