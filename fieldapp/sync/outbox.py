"""The laptop's outbox as the sync engine sees it: pending ops as wire ops, and their answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import JSON, Boolean, Connection, DateTime, Table, bindparam, select, update
from sqlalchemy.types import TypeDecorator

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.evidence.canonical import CHAINED
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.schema import TABLES
from fieldapp.storage.wire import to_wire
from fieldapp.sync.protocol import OpResult


@dataclass(frozen=True)
class Answered:
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0


def pending_ops(connection: Connection, limit: int, *, after: int = 0) -> list[dict[str, Any]]:
    """The oldest ``limit`` pending ops after seq ``after``, in seq order, as the push request
    carries them.

    An insert carries the record as it is now (its op holds no copy of it). Read with
    SQLite's own cursor, as the push's other reads: Core's typed rows cost more here than
    the queries do.
    """
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    ops = cursor.execute(
        "SELECT op_id, seq, entity, record_id, kind, base_version, payload FROM outbox "
        "WHERE state = ? AND seq > ? ORDER BY seq LIMIT ?",
        (OutboxState.PENDING.value, after, limit),
    ).fetchall()
    inserts: dict[str, list[str]] = {}
    for _, _, entity, record_id, kind, _, _ in ops:
        if kind == OpKind.INSERT:
            inserts.setdefault(entity, []).append(record_id)
    records = _records(connection, inserts)
    links = _chain_links(cursor, inserts)
    wire = []
    for op_id, seq, entity, record_id, kind, base_version, payload in ops:
        if kind == OpKind.INSERT:
            data = records.get((entity, record_id), {})
        elif kind == OpKind.UPDATE:
            data = json.loads(payload or "{}")
        else:
            data = {}
        wire.append(
            {
                "op_id": op_id,
                "seq": seq,
                "entity": entity,
                "record_id": record_id,
                "kind": kind,
                "base_version": base_version,
                "data": data,
            }
        )
        link = links.get((entity, record_id)) if kind == OpKind.INSERT else None
        if link is not None:
            wire[-1]["chain"] = link
    return wire


def _chain_links(cursor: Any, ids: dict[str, list[str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The custody-chain entries of the inserted append-only records (docs/evidence.md)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entity, record_ids in ids.items():
        if entity not in CHAINED:
            continue
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start : start + 500]
            rows = cursor.execute(
                "SELECT record_id, seq, prev_hash, entry_hash, signature FROM custody_chain "
                f"WHERE entity = ? AND record_id IN ({', '.join('?' * len(chunk))})",
                [entity, *chunk],
            )
            for record_id, seq, prev_hash, digest, signature in rows:
                found[(entity, record_id)] = {
                    "seq": seq,
                    "prev_hash": prev_hash,
                    "entry_hash": digest,
                    "signature": signature,
                }
    return found


def _records(
    connection: Connection, ids: dict[str, list[str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The records, in wire form (as row_payload makes it), read straight from SQLite's rows:
    a push carries whole records, and typed rows turned back into text cost more than the
    rest of the push on this side."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for entity, record_ids in ids.items():
        names, sql, converters = _READS[entity]
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start : start + 500]
            rows = cursor.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk)
            for row in rows:
                values = [
                    v if c is None or v is None else c(v)
                    for v, c in zip(row, converters, strict=True)
                ]
                record = dict(zip(names, values, strict=True))
                found[(entity, record["id"])] = record
    return found


# How SQLAlchemy keeps times on SQLite (naive UTC).
STORED_INSTANT = "%Y-%m-%d %H:%M:%S.%f"


def _stored_instant(text: str) -> str:
    """A time as SQLite holds it (naive UTC, ``2026-11-27 08:00:00.000000``) in wire form."""
    if len(text) == 26 and text[10] == " ":
        return f"{text[:10]}T{text[11:]}+00:00"
    return str(to_wire(datetime.fromisoformat(text).replace(tzinfo=UTC)))


def _stored_json(text: str) -> msgspec.Raw:
    """JSON text as stored: it goes into the request as it is, with nothing to parse."""
    return msgspec.Raw(text.encode())


def _read_plan(table: Table) -> tuple[list[str], str, list[Callable[[Any], Any] | None]]:
    converters: list[Callable[[Any], Any] | None] = []
    for column in table.columns:
        column_type = column.type
        base = column_type.impl_instance if isinstance(column_type, TypeDecorator) else column_type
        if isinstance(base, JSON):
            converters.append(_stored_json)
        elif isinstance(base, DateTime):
            converters.append(_stored_instant)
        elif isinstance(base, Boolean):
            converters.append(bool)
        else:  # text, enums (by value), numbers and dates are stored as they are sent
            converters.append(None)
    names = [column.name for column in table.columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'SELECT {quoted} FROM "{table.name}" WHERE id IN ({{marks}})'
    return names, sql, converters


_READS = {entity: _read_plan(table) for entity, table in TABLES.items()}


_STATES = {
    "applied": OutboxState.APPLIED,
    "duplicate": OutboxState.APPLIED,
    "conflict": OutboxState.CONFLICT,
    "rejected": OutboxState.REJECTED,
    None: OutboxState.APPLIED,
}


def record_answers(
    connection: Connection,
    ops: Sequence[dict[str, Any]],
    results: Sequence[OpResult],
    *,
    now: datetime,
) -> Answered:
    """Store each op's answer; applied records take the server's version. Written as sets:
    a batch of 500 answers is a handful of statements, not a thousand."""
    counts = {"applied": 0, "duplicate": 0, "conflict": 0, "rejected": 0}
    by_seq = {op["seq"]: op for op in ops}
    stamp = now.astimezone(UTC).strftime(STORED_INSTANT)
    answers: list[tuple[str, int | None, str, str, str]] = []  # state, version, error, at, op
    versions: dict[str, list[tuple[int, str, int]]] = {}  # version, id, version
    rebased: list[dict[str, Any]] = []
    conflicts: list[tuple[str, dict[str, Any]]] = []
    for result in results:
        op = by_seq.get(result.seq)
        if op is None:
            continue
        counts[result.status] += 1
        status = result.original_status if result.status == "duplicate" else result.status
        state = _STATES[status]
        answers.append((state.value, result.version, result.reason or "", stamp, op["op_id"]))
        if result.version is not None and state is not OutboxState.REJECTED:
            versions.setdefault(op["entity"], []).append(
                (result.version, op["record_id"], result.version)
            )
        if state is OutboxState.APPLIED and result.version == op["base_version"] + 1:
            # Nothing but this op changed the record since its base: this laptop's later ops
            # on it, made on top of this one, are based on the new version — else the server
            # would take this laptop's own change for another's and raise a conflict.
            rebased.append(
                {
                    "b_entity": op["entity"],
                    "b_record": op["record_id"],
                    "b_seq": op["seq"],
                    "b_base": op["base_version"],
                    "b_version": result.version,
                }
            )
        if result.status == "conflict" and result.record is not None:
            conflicts.append((op["entity"], result.record))
    # The two big sets go to SQLite as plain tuples: through Core, building each row's
    # parameters cost more than SQLite's work.
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    if answers:
        cursor.executemany(
            "UPDATE outbox SET state = ?, result_version = ?, last_error = ?, answered_at = ? "
            "WHERE op_id = ?",
            answers,
        )
    for entity, rows in versions.items():
        cursor.executemany(
            f'UPDATE "{TABLES[entity].name}" SET version = ? WHERE id = ? AND version < ?', rows
        )
    if rebased:
        # Only records that still have later ops need it: found through the record_id index
        # (asking per row would scan every pending op for each answer, and asking for every
        # later op reads the whole rest of the outbox at each batch).
        later = _with_later_ops(connection, [row["b_record"] for row in rebased], max(by_seq))
        rebased = [row for row in rebased if (row["b_entity"], row["b_record"]) in later]
    if rebased:
        connection.execute(
            update(OutboxOp)
            .where(
                OutboxOp.entity == bindparam("b_entity"),
                OutboxOp.record_id == bindparam("b_record"),
                OutboxOp.state == OutboxState.PENDING,
                OutboxOp.seq > bindparam("b_seq"),
                OutboxOp.base_version == bindparam("b_base"),
            )
            .values(base_version=bindparam("b_version")),
            rebased,
        )
    for entity, record in conflicts:
        _take_server_record(connection, entity, record)
    return Answered(counts["applied"], counts["duplicate"], counts["conflict"], counts["rejected"])


def _with_later_ops(
    connection: Connection, record_ids: list[str], after_seq: int
) -> set[tuple[str, str]]:
    """(entity, record id) of those of ``record_ids`` with pending ops after ``after_seq``."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(record_ids), 500):
        query = select(OutboxOp.entity, OutboxOp.record_id).where(
            OutboxOp.record_id.in_(record_ids[start : start + 500]),
            OutboxOp.state == OutboxState.PENDING,
            OutboxOp.seq > after_seq,
        )
        found.update((entity, record_id) for entity, record_id in connection.execute(query))
    return found


def _take_server_record(connection: Connection, entity: str, record: dict[str, Any]) -> None:
    from fieldapp.storage.wire import WireDecoder

    table = TABLES[entity]
    values = WireDecoder(table).decode(record)
    record_id = values.pop("id")
    connection.execute(update(table).where(table.c.id == record_id).values(values))
