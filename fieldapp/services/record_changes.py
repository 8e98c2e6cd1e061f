"""Recording changes on the laptop: the record and its outbox op in one transaction.

The generic use cases under the specific ones (visit, evidence, assignment status…): insert a
new record, change fields of one, or delete one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.services.actor import Actor
from fieldapp.services.custody_chain import chain_new_records
from fieldapp.storage.engine import writing
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import new_id, utcnow
from fieldapp.storage.wire import dumps, row_payload, to_wire


class RecordNotFound(LookupError):
    pass


def _queue(
    connection: Connection,
    *,
    entity: str,
    record_id: str,
    kind: OpKind,
    base_version: int,
    payload: str | None,
) -> int:
    seq = (connection.execute(select(func.max(OutboxOp.seq))).scalar() or 0) + 1
    connection.execute(
        insert(OutboxOp).values(
            op_id=new_id(),
            seq=seq,
            entity=entity,
            record_id=record_id,
            kind=kind,
            base_version=base_version,
            payload=payload,
            state=OutboxState.PENDING,
            last_error="",
            created_at=utcnow(),
        )
    )
    return seq


def insert_record(engine: Engine, entity: str, values: dict[str, Any], *, actor: Actor) -> str:
    """Add a record of ``entity`` made on this laptop; returns its id."""
    table = TABLES[entity]
    now = utcnow()
    row = {
        "id": values.get("id") or new_id(),
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        **{k: v for k, v in values.items() if k != "id"},
    }
    with writing(engine).begin() as connection:
        connection.execute(table.insert().values(row))
        _queue(
            connection,
            entity=entity,
            record_id=row["id"],
            kind=OpKind.INSERT,
            base_version=0,
            payload=None,
        )
        chain_new_records(connection, entity, [row["id"]])
    return str(row["id"])


def change_record(engine: Engine, entity: str, record_id: str, fields: dict[str, Any]) -> int:
    """Change ``fields`` of a record; returns the outbox seq of the change."""
    with writing(engine).begin() as connection:
        return change_record_in(connection, entity, record_id, fields)


def change_record_in(
    connection: Connection, entity: str, record_id: str, fields: dict[str, Any]
) -> int:
    """:func:`change_record` in the caller's transaction, for use cases that change several
    records at once."""
    table = TABLES[entity]
    current = connection.execute(select(table).where(table.c.id == record_id)).first()
    if current is None:
        raise RecordNotFound(f"no {entity} {record_id}")
    changes = {**fields, "updated_at": utcnow()}
    # Setting fields to the values they have changes nothing here, so updated_at stays:
    # the server ignores the same no-op, and the laptop would differ from it forever.
    stored = current._mapping
    if any(name not in stored or stored[name] != value for name, value in fields.items()):
        connection.execute(update(table).where(table.c.id == record_id).values(changes))
    payload = dumps({name: to_wire(value) for name, value in changes.items()})
    return _queue(
        connection,
        entity=entity,
        record_id=record_id,
        kind=OpKind.UPDATE,
        base_version=current.version,
        payload=payload,
    )


def delete_record(engine: Engine, entity: str, record_id: str) -> int:
    table = TABLES[entity]
    with writing(engine).begin() as connection:
        current = connection.execute(select(table.c.version).where(table.c.id == record_id)).first()
        if current is None:
            raise RecordNotFound(f"no {entity} {record_id}")
        connection.execute(update(table).where(table.c.id == record_id).values(deleted=True))
        return _queue(
            connection,
            entity=entity,
            record_id=record_id,
            kind=OpKind.DELETE,
            base_version=current[0],
            payload=None,
        )


def record_as_wire(engine: Engine, entity: str, record_id: str) -> dict[str, Any] | None:
    table = TABLES[entity]
    with engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.id == record_id)).first()
    return None if row is None else row_payload(table, dict(row._mapping))
