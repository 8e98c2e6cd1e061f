"""Laptops for end-to-end sync tests: a workspace folder enrolled as a demo user, edited through
the services (record and outbox op in one transaction), synced through the real engine and
client — in this process, or in a child process that may be killed.

Run as a module, it is that child: ``python -m tests.support.laptops DIR PLAN`` commits the
local changes of PLAN and then SIGKILLs itself, before any sync could start.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
from sqlalchemy import Connection, select, update

import fieldapp.services.record_changes as record_changes
from fieldapp.domain.enums import EvidenceKind, OutboxState, VisitOutcome
from fieldapp.services.actor import Actor
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.engine import writing
from fieldapp.storage.local_tables import OutboxOp, Profile
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import utcnow
from fieldapp.storage.wire import WireDecoder, row_payload
from fieldapp.sync.client import CentralClient, SyncError
from fieldapp.sync.engine import SyncEngine, SyncReport
from fieldapp.sync.enrolment import Enrolment, enrol, load_enrolment
from fieldapp.sync.protocol import PROTOCOL_HEADER
from tests.support.central_process import REPO, cheap_passwords

Key = tuple[str, str]
ANSWERED = (OutboxState.APPLIED, OutboxState.CONFLICT, OutboxState.REJECTED)


def visible_rows(connection: Connection) -> dict[Key, dict[str, Any]]:
    """Every synced record that is not a tombstone, in wire form, by (entity, id)."""
    rows: dict[Key, dict[str, Any]] = {}
    for entity, table in TABLES.items():
        for row in connection.execute(select(table).where(table.c.deleted.is_(False))):
            rows[(entity, row.id)] = row_payload(table, dict(row._mapping))
    return rows


class Laptop:
    """One officer's (or lead's…) laptop: its own folder, database, files and device id."""

    def __init__(self, workspace: Workspace, enrolment: Enrolment, *, timeout: float = 30.0):
        self.workspace = workspace
        self.enrolment = enrolment
        self.name = enrolment.username
        self.timeout = timeout
        self.clock_shift = timedelta(0)
        self._client: CentralClient | None = None  # kept: making an httpx client is slow

    @classmethod
    def enrolled(
        cls, folder: Path, *, server_url: str, username: str, password: str = DEMO_PASSWORD
    ) -> Laptop:
        """A new laptop in ``folder``, signed in online as ``username``."""
        workspace = open_workspace(folder)
        with cheap_passwords():
            enrolment = enrol(
                workspace.engine,
                server_url=server_url,
                username=username,
                password=password,
                device_id=workspace.device_id,
                device_name=f"laptop of {username}",
            )
        return cls(workspace, enrolment)

    @classmethod
    def reopen(cls, folder: Path, *, server_url: str) -> Laptop:
        """A laptop enrolled before (a copy of its folder, say), now syncing with ``server_url``."""
        workspace = open_workspace(folder)
        enrolment = load_enrolment(workspace.engine)
        assert enrolment is not None, f"{folder} holds no enrolled laptop"
        return cls(workspace, dataclasses.replace(enrolment, server_url=server_url))

    def __repr__(self) -> str:
        return f"<Laptop {self.name}>"

    @property
    def engine(self) -> Any:
        return self.workspace.engine

    @property
    def folder(self) -> Path:
        return self.workspace.data_dir

    @property
    def device_id(self) -> str:
        return self.workspace.device_id

    @property
    def user_id(self) -> str:
        return self.enrolment.user_id

    @property
    def role(self) -> str:
        return self.enrolment.role

    @property
    def squad(self) -> str | None:
        return self.enrolment.squad_code

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user_id, device_id=self.device_id)

    @property
    def store(self) -> ContentStore:
        return ContentStore(self.workspace.blobs_dir)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self.workspace.close()

    # Local changes (offline): the record and its outbox op commit together.

    def now(self) -> datetime:
        """This laptop's wall clock, which may be off (``clock_shift``)."""
        return utcnow() + self.clock_shift

    @contextlib.contextmanager
    def _clock(self) -> Iterator[None]:
        if not self.clock_shift:
            yield
            return
        with mock.patch.object(record_changes, "utcnow", self.now):
            yield

    def edit(self, entity: str, record_id: str, **fields: Any) -> int:
        """Change fields of a record; returns the outbox seq."""
        with self._clock():
            return record_changes.change_record(self.engine, entity, record_id, fields)

    def insert(self, entity: str, values: Mapping[str, Any]) -> str:
        with self._clock():
            return record_changes.insert_record(self.engine, entity, dict(values), actor=self.actor)

    def delete(self, entity: str, record_id: str) -> int:
        return record_changes.delete_record(self.engine, entity, record_id)

    def add_visit(self, assignment_id: str, *, notes: str = "") -> str:
        return self.insert(
            "visit_attempt",
            {
                "assignment_id": assignment_id,
                "arrived_at": self.now(),
                "outcome": VisitOutcome.NOT_AT_HOME,
                "officer_ids": [self.user_id],
                "notes": notes or f"visit by {self.name}",
            },
        )

    def add_evidence(self, assignment_id: str, content: bytes, *, scratch: Path) -> tuple[str, str]:
        """A photo kept in this laptop's blob folder and its evidence item: (id, sha256)."""
        scratch.write_bytes(content)
        stored = self.store.put_file(scratch)
        record_id = self.insert(
            "evidence_item",
            {
                "assignment_id": assignment_id,
                "kind": EvidenceKind.PHOTO,
                "sha256": stored.sha256,
                "size": stored.size,
                "mime": "image/jpeg",
                "original_name": scratch.name,
                "captured_at": self.now(),
                "captured_by": self.user_id,
                "description": f"photo by {self.name}",
            },
        )
        return record_id, stored.sha256

    # Sync

    def client(
        self,
        *,
        url: str | None = None,
        transport: httpx.BaseTransport | None = None,
        protocol: int | None = None,
    ) -> CentralClient:
        client = CentralClient(
            url or self.enrolment.server_url,
            self.enrolment.token,
            timeout=self.timeout,
            transport=transport,
        )
        if protocol is not None:
            client.http.headers[PROTOCOL_HEADER] = str(protocol)
        return client

    def sync(
        self,
        *,
        url: str | None = None,
        transport: httpx.BaseTransport | None = None,
        protocol: int | None = None,
        chunk_size: int = 8 << 20,
        push_batch: int = 500,
    ) -> SyncReport:
        """One sync through the real engine; SyncError when it did not complete."""
        options = {"chunk_size": chunk_size, "push_batch": push_batch}
        if url is None and transport is None and protocol is None:
            if self._client is None:
                self._client = self.client()
            return self._engine(self._client, **options).run()
        with self.client(url=url, transport=transport, protocol=protocol) as client:
            return self._engine(client, **options).run()

    def _engine(self, client: CentralClient, *, chunk_size: int, push_batch: int) -> SyncEngine:
        return SyncEngine(
            self.engine,
            client,
            self.device_id,
            self.store,
            chunk_size=chunk_size,
            push_batch=push_batch,
        )

    def sync_until_done(self, *, url: str | None = None, attempts: int = 40) -> list[str]:
        """Sync until one completes (a flaky link); returns the errors of the failed tries."""
        errors: list[str] = []
        for _ in range(attempts):
            try:
                self.sync(url=url)
            except SyncError as error:
                errors.append(error.message)
                continue
            return errors
        raise AssertionError(f"{self.name} never completed a sync: {errors[-5:]}")

    def point_at(self, server_url: str) -> None:
        """Where ``fieldapp sync`` (the child process) connects: e.g. through a proxy."""
        with writing(self.engine).begin() as connection:
            connection.execute(update(Profile).values(server_url=server_url))

    def sync_process(self) -> subprocess.Popen[bytes]:
        """``python -m fieldapp --data-dir DIR sync`` in a child process."""
        return subprocess.Popen(
            [sys.executable, "-m", "fieldapp", "--data-dir", str(self.folder), "sync"],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def commit_and_die(
        self,
        *,
        edits: Sequence[tuple[str, str, Mapping[str, Any]]] = (),
        inserts: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> int:
        """In a child process: commit each change (one transaction each, fields in wire form),
        then SIGKILL itself before anything else. Returns the child's exit status."""
        plan = {
            "edits": [[entity, record_id, dict(fields)] for entity, record_id, fields in edits],
            "inserts": [[entity, dict(values)] for entity, values in inserts],
        }
        child = subprocess.run(
            [sys.executable, "-m", "tests.support.laptops", str(self.folder), json.dumps(plan)],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            check=False,
        )
        if child.returncode != -signal.SIGKILL:
            raise AssertionError(f"the child ended with {child.returncode}: {child.stderr!r}")
        return child.returncode

    # What the laptop holds

    def snapshot(self) -> dict[Key, dict[str, Any]]:
        """Every record this laptop shows, as comparable wire dicts."""
        with self.engine.connect() as connection:
            return visible_rows(connection)

    def row(self, entity: str, record_id: str) -> dict[str, Any] | None:
        table = TABLES[entity]
        with self.engine.connect() as connection:
            found = connection.execute(select(table).where(table.c.id == record_id)).first()
        return None if found is None else row_payload(table, dict(found._mapping))

    def outbox(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(OutboxOp).order_by(OutboxOp.seq))
            return [dict(row._mapping) for row in rows]

    def pending(self) -> list[dict[str, Any]]:
        return [op for op in self.outbox() if op["state"] is OutboxState.PENDING]


def _child(argv: list[str]) -> None:
    folder, plan = Path(argv[0]), json.loads(argv[1])
    workspace = open_workspace(folder)
    enrolment = load_enrolment(workspace.engine)
    assert enrolment is not None, "the laptop is not enrolled"
    actor = Actor(user_id=enrolment.user_id, device_id=workspace.device_id)
    for entity, record_id, fields in plan["edits"]:
        values = WireDecoder(TABLES[entity]).decode(fields)
        record_changes.change_record(workspace.engine, entity, record_id, values)
    for entity, given in plan["inserts"]:
        values = WireDecoder(TABLES[entity]).decode(given)
        record_changes.insert_record(workspace.engine, entity, values, actor=actor)
    # Committed: die now, before anything else (no close, no sync, no flush of anything).
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    _child(sys.argv[1:])
