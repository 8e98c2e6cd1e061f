"""Where a use case reports the records it wrote: on a laptop, the outbox, in the same
transaction as the records themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, func, select

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.services.custody_chain import chain_new_records
from fieldapp.storage.base import RecordBase
from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.types import new_id, utcnow


class ChangeSink(Protocol):
    def inserted(
        self, connection: Connection, model: type[RecordBase], rows: Sequence[dict[str, Any]]
    ) -> None: ...


class NoChanges:
    """For data that stands for what the central store already holds (the demo seed)."""

    def inserted(
        self, connection: Connection, model: type[RecordBase], rows: Sequence[dict[str, Any]]
    ) -> None:
        return None


class OutboxSink:
    """Numbers each change per device (1, 2, 3, …) and queues it for the next push."""

    def inserted(
        self, connection: Connection, model: type[RecordBase], rows: Sequence[dict[str, Any]]
    ) -> None:
        if not rows:
            return
        last = connection.execute(select(func.max(OutboxOp.seq))).scalar_one_or_none() or 0
        ops = [
            {"op_id": new_id(), "seq": last + offset, "record_id": row["id"]}
            for offset, row in enumerate(rows, start=1)
        ]
        constants = {
            "entity": model.__entity__,  # type: ignore[attr-defined]
            "kind": OpKind.INSERT,
            "base_version": 0,
            "payload": None,
            "state": OutboxState.PENDING,
            "result_version": None,
            "last_error": "",
            "created_at": utcnow(),
            "answered_at": None,
        }
        bulk_insert(connection, OutboxOp.__table__, ops, constants=constants)
        # Append-only records enter this laptop's custody chain in the same transaction.
        entity: str = model.__entity__  # type: ignore[attr-defined]
        chain_new_records(connection, entity, [row["id"] for row in rows])
