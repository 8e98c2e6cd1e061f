"""The real central store as a child process (``python -m fieldapp server``): seeded before it
starts, waited for on /api/v1/health, killed with SIGKILL and restarted on the same database
and port, stopped cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Self

import httpx
from argon2 import PasswordHasher

import fieldapp.server.passwords
import fieldapp.sync.enrolment
from fieldapp.server.database import open_central
from fieldapp.server.seeding import seed_central
from fieldapp.services.demo_seed import DemoSummary
from fieldapp.storage.types import utcnow

LOOPBACK = "127.0.0.1"
HEALTH = "/api/v1/health"
REPO = Path(__file__).resolve().parents[2]
# Argon2 as cheap as it goes: the demo accounts' hashes carry these parameters, so the server
# process verifies them as cheaply. Tests sign in dozens of times; the real cost is ~0.3 s.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


@contextlib.contextmanager
def cheap_passwords() -> Iterator[None]:
    """Argon2 with minimal cost, for seeding accounts and for laptops' offline verifiers."""
    saved = fieldapp.server.passwords._hasher, fieldapp.sync.enrolment._hasher
    fieldapp.server.passwords._hasher = CHEAP_HASHER
    fieldapp.sync.enrolment._hasher = CHEAP_HASHER
    try:
        yield
    finally:
        fieldapp.server.passwords._hasher, fieldapp.sync.enrolment._hasher = saved


def seed(db_url: str, *, now: datetime | None = None) -> DemoSummary:
    """Migrate ``db_url`` and fill it with the demo data (users lead1.., officer11.., …)."""
    with cheap_passwords():
        engine = open_central(db_url)
        try:
            summary = seed_central(engine, now=now or utcnow())
        finally:
            engine.dispose()
    if summary is None:
        raise RuntimeError(f"{db_url} was seeded already")
    return summary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


class CentralProcess:
    """``fieldapp server --db URL --blobs DIR --port N`` in a child process."""

    def __init__(
        self,
        db_url: str,
        blobs: Path,
        log_path: Path,
        *,
        port: int | None = None,
        command: Sequence[str] = (sys.executable, "-m", "fieldapp"),
    ) -> None:
        self.command = list(command)  # how to run ``fieldapp`` (the packaged one, say)
        self.db_url = db_url
        self.blobs = blobs
        self.log_path = log_path
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None, "the central store was not started"
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 60.0) -> Self:
        """Start the process and wait until it answers /api/v1/health."""
        self.launch()
        self.wait_healthy(timeout)
        return self

    def launch(self) -> None:
        """Start the process without waiting (e.g. to seed its database meanwhile)."""
        if self.alive():
            raise RuntimeError("the central store is running already")
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"--- start {self.starts} ---\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [
                    *self.command,
                    "server",
                    "--db",
                    self.db_url,
                    "--blobs",
                    str(self.blobs),
                    "--port",
                    str(self.port),
                ],
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, mid-request if one is running."""
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=30)

    def restart(self, timeout: float = 60.0) -> Self:
        self.kill()
        return self.start(timeout)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"the central store exited at start:\n{self.log_tail()}")
            try:
                response = httpx.get(self.url + HEALTH, timeout=2.0)
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            if response.status_code == 200 and response.json().get("status") == "ok":
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the central store was not healthy in {timeout} s:\n{self.log_tail()}")
