"""Filling an empty central store with the demo data: records, accounts, and their change log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, select

from fieldapp.server.accounts import create_user
from fieldapp.server.changelog import Entry, append
from fieldapp.server.passwords import hash_password
from fieldapp.server.scopes import ScopeResolver
from fieldapp.services.demo_seed import DEMO_PASSWORD, DemoSummary, is_seeded, seed_demo
from fieldapp.storage.central_tables import ChangeLogEntry
from fieldapp.storage.engine import writing
from fieldapp.storage.schema import ENTITIES
from fieldapp.storage.wire import dumps, row_payload


def seed_central(engine: Engine, *, now: datetime) -> DemoSummary | None:
    """Seed the demo data if the central store is empty; None when it was not."""
    with writing(engine).begin() as connection:
        if is_seeded(connection):
            return None
        summary = seed_demo(connection, now=now)
        log_every_record(connection, now=now)
        # One hash for the one demo password: 25 hashes at the production cost took seconds.
        hashed = hash_password(DEMO_PASSWORD)
        for account in summary.accounts:
            create_user(
                connection,
                username=account.username,
                password=DEMO_PASSWORD,
                role=account.role,
                squad_code=account.squad_code,
                display_name=account.display_name,
                now=now,
                password_hash=hashed,
            )
    return summary


def log_every_record(connection: Connection, *, now: datetime) -> int:
    """Write a change-log entry for every record (after a bulk load that bypassed pushes)."""
    resolver = ScopeResolver(connection)
    entries = []
    for entity, model in ENTITIES.items():
        table = model.__table__
        for row in connection.execute(select(table)):
            record = dict(row._mapping)
            entries.append(
                Entry(
                    entity=entity,
                    record_id=record["id"],
                    version=record["version"],
                    deleted=record["deleted"],
                    scope=resolver.scope(entity, record),
                    payload=dumps(row_payload(table, record)),  # type: ignore[arg-type]
                )
            )
    append(connection, entries, now=now)
    if connection.dialect.name == "postgresql":
        # As after any bulk load: until autovacuum comes by (a minute or more), PostgreSQL
        # would plan pulls without statistics, and sort the whole log for every page.
        connection.exec_driver_sql(f"ANALYZE {ChangeLogEntry.__tablename__}")
    return len(entries)
