"""Changes the central store rejected: listing them with their reasons, queueing one again,
and giving one up (the local record then takes the server's version, see fieldapp.sync)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.storage.engine import writing
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import new_id, utcnow

# The field that names a record to a person, where a record has one.
_LABELS = {"assignment": "registration_no", "case": "case_number", "party": "name"}


class NotRejected(LookupError):
    """The op is not (or no longer) a rejected one: nothing was changed."""


@dataclass(frozen=True)
class RejectedChange:
    op_id: str
    seq: int
    entity: str
    record_id: str
    kind: OpKind
    label: str  # registration no., case number, party name, else the record id
    fields: tuple[str, ...]  # the fields an update changed; empty for inserts and deletes
    reason: str
    made_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class OutboxCounts:
    pending: int  # unsent changes
    rejected: int
    conflicts: int


def outbox_counts(engine: Engine) -> OutboxCounts:
    """How many changes wait to be sent, were rejected, or came back as conflicts."""
    # Answered ops pile up (they are kept): count only the states that matter, by the index.
    wanted = (OutboxState.PENDING, OutboxState.REJECTED, OutboxState.CONFLICT)
    query = (
        select(OutboxOp.state, func.count())
        .where(OutboxOp.state.in_(wanted))
        .group_by(OutboxOp.state)
    )
    with engine.connect() as connection:
        counts = {state: int(n) for state, n in connection.execute(query)}
    return OutboxCounts(
        counts.get(OutboxState.PENDING, 0),
        counts.get(OutboxState.REJECTED, 0),
        counts.get(OutboxState.CONFLICT, 0),
    )


def list_rejected(engine: Engine) -> list[RejectedChange]:
    """Every rejected change, newest first, with the reason the central store gave."""
    query = (
        select(OutboxOp).where(OutboxOp.state == OutboxState.REJECTED).order_by(OutboxOp.seq.desc())
    )
    with engine.connect() as connection:
        ops = list(connection.execute(query))
        labels = _labels(connection, [(op.entity, op.record_id) for op in ops])
    return [
        RejectedChange(
            op_id=op.op_id,
            seq=op.seq,
            entity=op.entity,
            record_id=op.record_id,
            kind=op.kind,
            label=labels.get((op.entity, op.record_id), op.record_id),
            fields=_changed_fields(op.kind, op.payload),
            reason=op.last_error,
            made_at=op.created_at,
            answered_at=op.answered_at,
        )
        for op in ops
    ]


def retry_rejected(engine: Engine, op_id: str) -> int:
    """Queue a rejected change again, as the newest op; returns its new seq.

    The central store remembers each (device, seq) it answered and would answer the old seq
    with the old rejection: the op goes out under a new seq and op id, based on the record's
    version as the laptop holds it now.
    """
    with writing(engine).begin() as connection:
        op = _rejected(connection, op_id)
        seq = int(connection.execute(select(func.max(OutboxOp.seq))).scalar() or 0) + 1
        base = op.base_version
        if op.kind is not OpKind.INSERT:
            base = _local_version(connection, op.entity, op.record_id, default=base)
        connection.execute(
            update(OutboxOp)
            .where(OutboxOp.op_id == op_id)
            .values(
                op_id=new_id(),
                seq=seq,
                base_version=base,
                state=OutboxState.PENDING,
                last_error="",
                result_version=None,
                answered_at=None,
                created_at=utcnow(),
            )
        )
    return seq


def rejected_op(engine: Engine, op_id: str) -> RejectedChange:
    """The rejected change ``op_id``; NotRejected when it is not one."""
    for change in list_rejected(engine):
        if change.op_id == op_id:
            return change
    raise NotRejected(f"no rejected change {op_id}")


def mark_discarded(connection: Connection, op_id: str) -> None:
    """In the caller's transaction: the rejected op is given up for good (kept, not sent)."""
    _rejected(connection, op_id)
    connection.execute(
        update(OutboxOp).where(OutboxOp.op_id == op_id).values(state=OutboxState.DISCARDED)
    )


def _rejected(connection: Connection, op_id: str) -> Any:
    row = connection.execute(select(OutboxOp).where(OutboxOp.op_id == op_id)).first()
    if row is None or row.state is not OutboxState.REJECTED:
        raise NotRejected(f"no rejected change {op_id}")
    return row


def _local_version(connection: Connection, entity: str, record_id: str, *, default: int) -> int:
    table = TABLES.get(entity)
    if table is None:
        return default
    version = connection.execute(select(table.c.version).where(table.c.id == record_id)).scalar()
    return default if version is None else int(version)


def _changed_fields(kind: OpKind, payload: str | None) -> tuple[str, ...]:
    if kind is not OpKind.UPDATE or not payload:
        return ()
    try:
        fields: Any = json.loads(payload)
    except ValueError:
        return ()
    if not isinstance(fields, dict):
        return ()
    return tuple(sorted(name for name in fields if name != "updated_at"))


def _labels(connection: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    wanted: dict[str, set[str]] = {}
    for entity, record_id in keys:
        if entity in _LABELS and entity in TABLES:
            wanted.setdefault(entity, set()).add(record_id)
    for entity, ids in wanted.items():
        table, column = TABLES[entity], _LABELS[entity]
        chosen = sorted(ids)
        for start in range(0, len(chosen), 500):
            query = select(table.c.id, table.c[column]).where(
                table.c.id.in_(chosen[start : start + 500])
            )
            for record_id, label in connection.execute(query):
                if label:
                    found[(entity, record_id)] = str(label)
    return found
