"""A small FastAPI app around the blob router, for tests and the blob benchmark."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from fieldapp.domain.enums import Role
from fieldapp.server.blob_routes import make_blob_router
from fieldapp.server.context import DeviceContext
from fieldapp.storage.content_store import ContentStore

ROOT_VARIABLE = "FIELDAPP_BLOB_BENCH_ROOT"

DEVICE = DeviceContext(
    device_id="0190a000-0000-7000-8000-000000000001",
    user_id="0190a000-0000-7000-8000-000000000002",
    username="officer1",
    role=Role.OFFICER,
    squad_code="S1",
)


def stub_device() -> DeviceContext:
    return DEVICE


@dataclass
class MemoryBlobAccess:
    """Every blob is visible except those in ``hidden``; arrivals are listed in ``arrived``."""

    hidden: set[str] = field(default_factory=set)
    arrived: list[tuple[str, str, int]] = field(default_factory=list)

    def can_download(self, ctx: DeviceContext, sha256: str) -> bool:
        return sha256 not in self.hidden

    def received(self, ctx: DeviceContext, sha256: str, size: int) -> None:
        self.arrived.append((ctx.device_id, sha256, size))


def make_app(store: ContentStore, access: MemoryBlobAccess | None = None) -> FastAPI:
    app = FastAPI()
    app.include_router(
        make_blob_router(
            store=lambda: store, device=stub_device, access=access or MemoryBlobAccess()
        )
    )
    return app


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory``: the store's folder comes from FIELDAPP_BLOB_BENCH_ROOT."""
    return make_app(ContentStore(Path(os.environ[ROOT_VARIABLE])))


@contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server for ``app`` on a free local port; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
