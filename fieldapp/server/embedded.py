"""The central store inside another process (the demo): uvicorn on a thread, on loopback."""

from __future__ import annotations

import threading
import time

import uvicorn
from fastapi import FastAPI


class EmbeddedServer:
    def __init__(self, app: FastAPI, *, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="fieldapp-central", daemon=True
        )
        self.host = host

    def start(self, timeout: float = 20.0) -> str:
        """Start serving and return the base URL once the socket listens."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded central store did not start")
            time.sleep(0.02)
        return self.url

    @property
    def url(self) -> str:
        sockets = self._server.servers[0].sockets
        port = sockets[0].getsockname()[1]
        return f"http://{self.host}:{port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
