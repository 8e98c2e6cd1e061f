"""The laptop's outbox as the sync engine sees it: pending ops as wire ops, and their answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.schema import TABLES
from fieldapp.storage.wire import row_payload
from fieldapp.sync.protocol import OpResult


@dataclass(frozen=True)
class Answered:
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0


def pending_ops(connection: Connection, limit: int) -> list[dict[str, Any]]:
    """The oldest ``limit`` pending ops in seq order, as the push request carries them.

    An insert carries the record as it is now (its op holds no copy of it).
    """
    ops = connection.execute(
        select(
            OutboxOp.op_id,
            OutboxOp.seq,
            OutboxOp.entity,
            OutboxOp.record_id,
            OutboxOp.kind,
            OutboxOp.base_version,
            OutboxOp.payload,
        )
        .where(OutboxOp.state == OutboxState.PENDING)
        .order_by(OutboxOp.seq)
        .limit(limit)
    ).all()
    inserts: dict[str, list[str]] = {}
    for op in ops:
        if op.kind is OpKind.INSERT:
            inserts.setdefault(op.entity, []).append(op.record_id)
    records = _records(connection, inserts)
    wire = []
    for op in ops:
        if op.kind is OpKind.INSERT:
            data = records.get((op.entity, op.record_id), {})
        elif op.kind is OpKind.UPDATE:
            data = json.loads(op.payload or "{}")
        else:
            data = {}
        wire.append(
            {
                "op_id": op.op_id,
                "seq": op.seq,
                "entity": op.entity,
                "record_id": op.record_id,
                "kind": op.kind.value,
                "base_version": op.base_version,
                "data": data,
            }
        )
    return wire


def _records(
    connection: Connection, ids: dict[str, list[str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entity, record_ids in ids.items():
        table = TABLES[entity]
        for start in range(0, len(record_ids), 500):
            query = select(table).where(table.c.id.in_(record_ids[start : start + 500]))
            for row in connection.execute(query):
                found[(entity, row.id)] = row_payload(table, dict(row._mapping))
    return found


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
    answers: list[dict[str, Any]] = []
    versions: dict[str, list[dict[str, Any]]] = {}
    rebased: list[dict[str, Any]] = []
    conflicts: list[tuple[str, dict[str, Any]]] = []
    for result in results:
        op = by_seq.get(result.seq)
        if op is None:
            continue
        counts[result.status] += 1
        status = result.original_status if result.status == "duplicate" else result.status
        state = _STATES[status]
        answers.append(
            {
                "b_op_id": op["op_id"],
                "b_state": state,
                "b_version": result.version,
                "b_error": result.reason or "",
            }
        )
        if result.version is not None and state is not OutboxState.REJECTED:
            versions.setdefault(op["entity"], []).append(
                {"b_id": op["record_id"], "b_version": result.version}
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
    if answers:
        connection.execute(
            update(OutboxOp)
            .where(OutboxOp.op_id == bindparam("b_op_id"))
            .values(
                state=bindparam("b_state"),
                result_version=bindparam("b_version"),
                last_error=bindparam("b_error"),
                answered_at=now,
            ),
            answers,
        )
    for entity, rows in versions.items():
        table = TABLES[entity]
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.version < bindparam("b_version"))
            .values(version=bindparam("b_version")),
            rows,
        )
    if rebased:
        # Only records that still have later ops need it; asking SQLite per row would scan
        # every pending op for each answer.
        later = {
            (entity, record_id)
            for entity, record_id in connection.execute(
                select(OutboxOp.entity, OutboxOp.record_id).where(
                    OutboxOp.state == OutboxState.PENDING, OutboxOp.seq > max(by_seq)
                )
            )
        }
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


def _take_server_record(connection: Connection, entity: str, record: dict[str, Any]) -> None:
    from fieldapp.storage.wire import WireDecoder

    table = TABLES[entity]
    values = WireDecoder(table).decode(record)
    record_id = values.pop("id")
    connection.execute(update(table).where(table.c.id == record_id).values(values))
