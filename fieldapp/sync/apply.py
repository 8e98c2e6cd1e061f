"""Applying pulled pages to the laptop's SQLite: typed decoding, one upsert per entity, the
cursor in the same transaction — and local unsent edits laid back on top (rebase)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.types import TypeDecorator

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.storage.local_tables import OutboxOp, SyncState
from fieldapp.storage.schema import TABLES


class WireChange(msgspec.Struct):
    seq: int
    entity: str
    record_id: str
    version: int
    deleted: bool
    data: msgspec.Raw


class WireRemoved(msgspec.Struct):
    entity: str
    record_id: str


class WirePage(msgspec.Struct):
    changes: list[WireChange]
    removed: list[WireRemoved]
    next_cursor: int
    has_more: bool


_page_decoder = msgspec.json.Decoder(WirePage)


def _sqlite_instant(text: str | None) -> str | None:
    """The wire's UTC time (…T…+00:00, microseconds) in the form SQLAlchemy keeps on SQLite."""
    if text is None:
        return None
    if len(text) == 32 and text.endswith("+00:00"):
        return f"{text[:10]} {text[11:26]}"
    return _slow_instant(text)


def _slow_instant(text: str) -> str:
    from datetime import UTC

    moment = datetime.fromisoformat(text).astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True)
class _EntityPlan:
    table: Table
    decoder: msgspec.json.Decoder[Any]
    columns: tuple[str, ...]
    converters: tuple[Callable[[Any], Any] | None, ...]
    upsert_sql: str

    @property
    def conversions(self) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
        """(position, converter) of the columns that need converting: the rest pass as is."""
        return tuple((i, c) for i, c in enumerate(self.converters) if c is not None)


def _plan(table: Table) -> _EntityPlan:
    fields: list[tuple[str, Any]] = []
    converters: list[Callable[[Any], Any] | None] = []
    for column in table.columns:
        column_type = column.type
        base = column_type.impl_instance if isinstance(column_type, TypeDecorator) else column_type
        if isinstance(base, JSON):
            # Nested JSON stays text: it is stored as text, so there is nothing to parse.
            fields.append((column.key, msgspec.Raw))
            converters.append(_raw_text)
        elif isinstance(base, DateTime):
            fields.append((column.key, str | None))
            converters.append(_sqlite_instant)
        elif isinstance(base, Boolean):
            fields.append((column.key, bool | None))
            converters.append(None)
        elif isinstance(base, Integer):
            fields.append((column.key, int | None))
            converters.append(None)
        elif isinstance(base, Float):
            fields.append((column.key, float | None))
            converters.append(None)
        elif isinstance(base, Date):
            fields.append((column.key, str | None))
            converters.append(None)
        else:
            fields.append((column.key, str | None))
            converters.append(None)
    struct = msgspec.defstruct(f"Wire_{table.name}", [(n, t, None) for n, t in fields])
    names = [name for name, _ in fields]
    quoted = ", ".join(f'"{n}"' for n in names)
    updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
    sql = (
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))}) '
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    return _EntityPlan(table, msgspec.json.Decoder(struct), tuple(names), tuple(converters), sql)


def _raw_text(raw: msgspec.Raw | None) -> str | None:
    if raw is None:
        return None
    text = bytes(raw).decode()
    return None if text == "null" else text


PLANS = {name: _plan(table) for name, table in TABLES.items()}
CONVERSIONS = {name: plan.conversions for name, plan in PLANS.items()}


@dataclass
class PageResult:
    changes: int
    removed: int
    next_cursor: int
    has_more: bool


def decode_page(body: bytes) -> WirePage:
    return _page_decoder.decode(body)


def is_empty(page: WirePage, cursor: int) -> bool:
    """Nothing to apply and the cursor stays: the answer to a laptop that is up to date."""
    return not page.changes and not page.removed and page.next_cursor == cursor


def apply_page(
    connection: Connection, page: WirePage, *, pending: dict[tuple[str, str], list[dict[str, Any]]]
) -> PageResult:
    """Apply ``page`` and store its cursor, in the caller's transaction.

    ``pending`` maps records with unsent local edits to those edits' fields: the server's
    version lands first, then the local edits are laid on top again, so nothing typed on
    this laptop is lost before it is pushed.
    """
    raw = connection.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    for gone in page.removed:
        plan = PLANS.get(gone.entity)
        if plan is not None:
            cursor.execute(f'DELETE FROM "{plan.table.name}" WHERE id = ?', (gone.record_id,))
    rows_by_entity: dict[str, list[list[Any]]] = {}
    for change in page.changes:
        plan = PLANS.get(change.entity)
        if plan is None:
            continue  # a kind of record this version does not know yet
        values = list(msgspec.structs.astuple(plan.decoder.decode(change.data)))
        for position, convert in CONVERSIONS[change.entity]:
            value = values[position]
            if value is not None:
                values[position] = convert(value)
        rows_by_entity.setdefault(change.entity, []).append(values)
    for entity, rows in rows_by_entity.items():
        cursor.executemany(PLANS[entity].upsert_sql, rows)
    if pending:  # edits not pushed yet are rare: spare the set of every change's key else
        touched = {(c.entity, c.record_id) for c in page.changes}
        for key in touched & pending.keys():
            _rebase(connection, key, pending[key])
    ensure_sync_state(connection)
    connection.execute(update(SyncState).where(SyncState.id == 1).values(cursor=page.next_cursor))
    return PageResult(len(page.changes), len(page.removed), page.next_cursor, page.has_more)


def _rebase(connection: Connection, key: tuple[str, str], edits: list[dict[str, Any]]) -> None:
    entity, record_id = key
    table = TABLES[entity]
    merged: dict[str, Any] = {}
    for fields in edits:
        merged.update(fields)
    if merged:
        from fieldapp.storage.wire import WireDecoder

        values = WireDecoder(table).decode(merged)
        connection.execute(update(table).where(table.c.id == record_id).values(values))


def pending_edits(connection: Connection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Unsent local edits by record: the fields of each pending update, in order."""
    query = (
        select(OutboxOp.entity, OutboxOp.record_id, OutboxOp.kind, OutboxOp.payload)
        .where(OutboxOp.state == OutboxState.PENDING)
        .order_by(OutboxOp.seq)
    )
    edits: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entity, record_id, kind, payload in connection.execute(query):
        fields = json.loads(payload) if kind is OpKind.UPDATE and payload else {}
        edits.setdefault((entity, record_id), []).append(fields)
    return edits


def read_cursor(engine: Engine) -> int:
    with engine.connect() as connection:
        cursor = connection.execute(select(SyncState.cursor).where(SyncState.id == 1)).scalar()
    return int(cursor or 0)


def ensure_sync_state(connection: Connection) -> int:
    cursor = connection.execute(select(SyncState.cursor).where(SyncState.id == 1)).scalar()
    if cursor is None:
        connection.execute(insert(SyncState).values(id=1, cursor=0, last_error=""))
        return 0
    return int(cursor)


def delete_unseen(
    connection: Connection, seen: dict[str, set[str]], keep: Iterable[tuple[str, str]]
) -> int:
    """After a full download: drop synced records the server no longer shows this laptop."""
    kept = set(keep)
    removed = 0
    for entity, table in TABLES.items():
        ids = [
            row[0]
            for row in connection.execute(select(table.c.id).where(table.c.version > 0))
            if row[0] not in seen.get(entity, set()) and (entity, row[0]) not in kept
        ]
        for start in range(0, len(ids), 500):
            connection.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
        removed += len(ids)
    return removed
