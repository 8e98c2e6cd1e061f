"""A seeded central store for the server tests, run in-process behind FastAPI's TestClient.

Seeding the demo data and signing in its 25 accounts is done once per test session and per
database kind, into a *template* database; each test (or test module) then gets a copy of it
(SQLite: the backup API; PostgreSQL: ``CREATE DATABASE … TEMPLATE``). The copy carries the
devices and tokens of the template's sign-ins, so every demo account is signed in already.

Argon2 runs at its lowest cost here (``cheap_argon2``): the server's code path is the same,
but hashing 25 demo passwords at the production cost takes seconds per database.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, FromClause, Table, create_engine, func, select, text
from sqlalchemy.engine import make_url

from fieldapp.domain.enums import Role
from fieldapp.server import passwords
from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.storage.central_tables import AppliedOp
from fieldapp.storage.schema import TABLES
from fieldapp.sync.protocol import API, PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER
from fieldapp.sync.protocol import SCHEMA_VERSION as SCHEMA
from tests.support.postgres import PostgresServer

SEEDED_AT = datetime(2026, 5, 11, 1, 0, tzinfo=UTC)
PASSWORD = DEMO_PASSWORD
VERSIONS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA)}
LOGIN = f"{API}/auth/login"
PUSH = f"{API}/sync/push"
PULL = f"{API}/sync/pull"
HEALTH = f"{API}/health"
BLOBS = f"{API}/blobs"

REFERENCE = ("region", "matter_type", "squad", "staff_member", "routing_rule")
SQUAD_RECORDS = (
    "case",
    "party",
    "assignment",
    "visit_attempt",
    "evidence_item",
    "asset_control",
    "notice",
    "service_record",
    "conflict",
    "escalation",
)


def device_of(username: str, n: int = 0) -> str:
    """The id of ``username``'s laptop number ``n`` (the same in every run)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp-test/{username}/{n}"))


def new_uuid() -> str:
    return str(uuid.uuid4())


def iso(moment: datetime) -> str:
    return moment.isoformat()


@contextmanager
def cheap_argon2() -> Iterator[None]:
    """Argon2id at its lowest cost while the block runs (hashes made here verify cheaply)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", cheap)
        patch.setattr(passwords, "_DUMMY_HASH", cheap.hash("no such user"))
        yield


@dataclass(frozen=True)
class Account:
    username: str
    user_id: str
    role: Role
    squad: str | None
    device_id: str
    token: str


# --- the template: seeded once per session and kind of database --------------------------------


def seed_and_sign_in(url: str, blobs: Path) -> dict[str, Account]:
    """Migrate, seed the demo data and sign every demo account in on its own laptop."""
    engine = open_central(url)
    try:
        with cheap_argon2():
            summary = seed_central(engine, now=SEEDED_AT)
            assert summary is not None
            app = create_app(ServerSettings(db=url, blobs=blobs), engine)
            accounts = {}
            with TestClient(app) as client:
                for demo in summary.accounts:
                    device = device_of(demo.username)
                    answer = client.post(
                        LOGIN,
                        json={
                            "username": demo.username,
                            "password": PASSWORD,
                            "device_id": device,
                            "device_name": f"{demo.username}'s laptop",
                        },
                    )
                    assert answer.status_code == 200, answer.text
                    body = answer.json()
                    accounts[demo.username] = Account(
                        username=demo.username,
                        user_id=body["user"]["id"],
                        role=demo.role,
                        squad=demo.squad_code,
                        device_id=device,
                        token=body["token"],
                    )
    finally:
        engine.dispose()
    return accounts


@dataclass
class Template:
    kind: str  # "sqlite" | "postgres"
    url: str
    accounts: dict[str, Account]
    server: PostgresServer | None = None

    def copy_to(self, url: str) -> None:
        """Make the (empty or absent) database at ``url`` a copy of the template."""
        if self.kind == "sqlite":
            target = make_url(url).database
            assert target is not None
            Path(target).unlink(missing_ok=True)
            source = sqlite3.connect(make_url(self.url).database or "")
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
                source.close()
            return
        assert self.server is not None
        name = make_url(url).database
        template = make_url(self.url).database
        admin = create_engine(self.server.url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                version = connection.execute(text("SHOW server_version_num")).scalar_one()
                strategy = " STRATEGY FILE_COPY" if int(version) >= 150000 else ""
                connection.execute(
                    text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
                )
        finally:
            admin.dispose()


class Templates:
    """The session's templates, made on first use. (The PostgreSQL template is dropped with
    the rest of the test server's databases when the session's server stops.)"""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made: dict[str, Template] = {}

    def sqlite(self) -> Template:
        if "sqlite" not in self._made:
            url = f"sqlite:///{self._root / 'template.db'}"
            accounts = seed_and_sign_in(url, self._root / "template-blobs")
            self._made["sqlite"] = Template("sqlite", url, accounts)
        return self._made["sqlite"]

    def postgres(self, server: PostgresServer) -> Template:
        if "postgres" not in self._made:
            url = server.create_database(f"fieldapp_template_{uuid.uuid4().hex[:8]}")
            accounts = seed_and_sign_in(url, self._root / "template-blobs")
            self._made["postgres"] = Template("postgres", url, accounts, server)
        return self._made["postgres"]


# --- ops -------------------------------------------------------------------------------------


class OpBuilder:
    """Ops of one device, numbered 1, 2, 3, … as a laptop's outbox numbers them."""

    def __init__(self, device_id: str, next_seq: int = 1) -> None:
        self.device_id = device_id
        self.next_seq = next_seq

    def op(
        self,
        kind: str,
        entity: str,
        record_id: str,
        base_version: int,
        data: Mapping[str, Any] | None = None,
        *,
        seq: int | None = None,
        op_id: str | None = None,
    ) -> dict[str, Any]:
        if seq is None:
            seq = self.next_seq
            self.next_seq += 1
        return {
            "op_id": op_id or new_uuid(),
            "seq": seq,
            "entity": entity,
            "record_id": record_id,
            "kind": kind,
            "base_version": base_version,
            "data": dict(data or {}),
        }

    def insert(
        self, entity: str, data: Mapping[str, Any], record_id: str | None = None
    ) -> dict[str, Any]:
        return self.op("insert", entity, record_id or new_uuid(), 0, data)

    def update(
        self, entity: str, record_id: str, base_version: int, data: Mapping[str, Any]
    ) -> dict[str, Any]:
        return self.op("update", entity, record_id, base_version, data)

    def delete(self, entity: str, record_id: str, base_version: int) -> dict[str, Any]:
        return self.op("delete", entity, record_id, base_version)

    def body(self, *ops: dict[str, Any]) -> dict[str, Any]:
        return {"device_id": self.device_id, "ops": list(ops)}


_numbers = iter(range(1, 10**9))


def visit(assignment_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "assignment_id": assignment_id,
        "arrived_at": "2026-05-12T09:30:00+08:00",
        "outcome": "met",
        "notes": "met the respondent at home",
        **fields,
    }


def evidence(assignment_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "assignment_id": assignment_id,
        "kind": "photo",
        "captured_at": "2026-05-12T09:35:00+08:00",
        "description": "front door",
        **fields,
    }


def asset_control(case_id: str, assignment_id: str | None, **fields: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "assignment_id": assignment_id,
        "asset_kind": "vehicle",
        "measure": "seize",
        "effective_on": "2026-05-12",
        "period_months": 24,
        "expires_on": "2028-05-11",
        **fields,
    }


def notice(case_id: str, assignment_id: str | None, **fields: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "assignment_id": assignment_id,
        "template_code": "enforcement_notice",
        "template_version": 1,
        "document_number": f"（2026）黔01执{next(_numbers)}号-TEST",
        "field_values": {"respondent": "张三"},
        "issued_at": "2026-05-12T10:00:00+08:00",
        **fields,
    }


def service_record(notice_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "notice_id": notice_id,
        "method": "personal",
        "served_at": "2026-05-12T10:05:00+08:00",
        "recipient": "张三",
        **fields,
    }


def new_assignment(case_id: str, squad: str | None, **fields: Any) -> dict[str, Any]:
    number = next(_numbers)
    return {
        "registration_no": f"WQ-T-{number:06d}",
        "request_key": f"test-request-{uuid.uuid4().hex}",
        "case_id": case_id,
        "matter": "service",
        "address": "贵阳市南明区测试路1号",
        "squad_code": squad,
        "status": "routed" if squad else "registered",
        "received_at": "2026-05-11T09:00:00+08:00",
        "due_on": (date(2026, 5, 11) + timedelta(days=10)).isoformat(),
        **fields,
    }


# --- the store under test ------------------------------------------------------------------


@dataclass
class Pulled:
    changes: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: int = 0
    pages: int = 0

    def keys(self, *entities: str) -> set[tuple[str, str]]:
        return {
            (c["entity"], c["record_id"])
            for c in self.changes
            if not entities or c["entity"] in entities
        }

    def record(self, entity: str, record_id: str) -> dict[str, Any] | None:
        found = [c for c in self.changes if (c["entity"], c["record_id"]) == (entity, record_id)]
        return found[-1] if found else None

    def one(self, entity: str, record_id: str) -> dict[str, Any]:
        found = self.record(entity, record_id)
        assert found is not None, f"{entity} {record_id} was not pulled"
        return found

    def removed_keys(self) -> set[tuple[str, str]]:
        return {(r["entity"], r["record_id"]) for r in self.removed}


def _table(table: str | FromClause) -> Table:
    """A synced entity's table by its wire name, or a table as it is."""
    return TABLES[table] if isinstance(table, str) else cast(Table, table)


class Central:
    """A central store copy with every demo account signed in, and ways to talk to it."""

    def __init__(self, url: str, blobs: Path, accounts: dict[str, Account]) -> None:
        self.url = url
        self.kind = make_url(url).get_backend_name()
        self.blobs = blobs
        self.accounts = dict(accounts)
        self.settings = ServerSettings(db=url, blobs=blobs)
        self.engine: Engine = open_central(url, migrate=False)
        self.app = create_app(self.settings, self.engine)
        self.client = TestClient(self.app)
        self._builders: dict[str, OpBuilder] = {}

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()

    # accounts and requests

    def account(self, username: str) -> Account:
        return self.accounts[username]

    def headers(self, username: str, **extra: str) -> dict[str, str]:
        token = self.accounts[username].token
        return {"Authorization": f"Bearer {token}", **VERSIONS, **extra}

    def login(
        self,
        username: str,
        *,
        password: str = PASSWORD,
        device_id: str | None = None,
        device_name: str = "test laptop",
    ) -> httpx.Response:
        """Sign in (by default on the account's own laptop); a success replaces its token."""
        device = device_id or (
            self.accounts[username].device_id if username in self.accounts else new_uuid()
        )
        answer = self.client.post(
            LOGIN,
            json={
                "username": username,
                "password": password,
                "device_id": device,
                "device_name": device_name,
            },
        )
        known = self.accounts.get(username)
        if answer.status_code == 200 and known is not None and device == known.device_id:
            self.accounts[username] = Account(
                username, known.user_id, known.role, known.squad, device, answer.json()["token"]
            )
        return answer

    def ops(self, username: str) -> OpBuilder:
        """The op builder of ``username``'s laptop, numbering on from what the store has."""
        device = self.accounts[username].device_id
        if device not in self._builders:
            with self.engine.connect() as connection:
                last = connection.execute(
                    select(func.max(AppliedOp.seq)).where(AppliedOp.device_id == device)
                ).scalar()
            self._builders[device] = OpBuilder(device, int(last or 0) + 1)
        return self._builders[device]

    def push(self, username: str, *ops: dict[str, Any]) -> httpx.Response:
        body = self.ops(username).body(*ops)
        return self.client.post(PUSH, json=body, headers=self.headers(username))

    def push_ok(self, username: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.push(username, *ops)
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results

    def apply(self, username: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        """Push and insist every op was applied."""
        results = self.push_ok(username, *ops)
        assert [r["status"] for r in results] == ["applied"] * len(ops), results
        return results

    def pull(self, username: str, cursor: int | str = 0, limit: int | str = 5000) -> httpx.Response:
        return self.client.get(
            PULL, params={"cursor": cursor, "limit": limit}, headers=self.headers(username)
        )

    def pull_all(self, username: str, cursor: int = 0, limit: int = 5000) -> Pulled:
        pulled = Pulled(next_cursor=cursor)
        while True:
            answer = self.pull(username, pulled.next_cursor, limit)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            pulled.changes += page["changes"]
            pulled.removed += page["removed"]
            pulled.next_cursor = page["next_cursor"]
            pulled.pages += 1
            if not page["has_more"]:
                return pulled

    # the database, read directly

    def rows(self, table: str | FromClause, *where: Any) -> list[dict[str, Any]]:
        table = _table(table)
        with self.engine.connect() as connection:
            found = connection.execute(select(table).where(*where))
            return [dict(row._mapping) for row in found]

    def row(self, table: str | FromClause, record_id: str) -> dict[str, Any]:
        table = _table(table)
        (found,) = self.rows(table, table.c.id == record_id)
        return found

    def count(self, table: str | FromClause, *where: Any) -> int:
        table = _table(table)
        with self.engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(table).where(*where)).scalar()
                or 0
            )

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def username_of(self, user_id: str) -> str:
        return next(a.username for a in self.accounts.values() if a.user_id == user_id)

    def task(
        self, squad: str, statuses: Sequence[str] = ("assigned", "in_progress")
    ) -> tuple[dict[str, Any], str]:
        """An assignment of ``squad`` in one of ``statuses`` and the username of its officer."""
        table = TABLES["assignment"]
        found = self.rows(
            table,
            table.c.squad_code == squad,
            table.c.status.in_(statuses),
            table.c.officer_id.is_not(None),
            table.c.deleted.is_(False),
        )
        assert found, f"the demo data has no {statuses} assignment in {squad}"
        chosen = sorted(found, key=lambda row: row["registration_no"])[0]
        return chosen, self.username_of(chosen["officer_id"])

    def officers(self, squad: str) -> list[str]:
        return sorted(
            a.username
            for a in self.accounts.values()
            if a.role is Role.OFFICER and a.squad == squad
        )
