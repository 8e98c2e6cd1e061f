"""Giving up a rejected change: the local record goes back to the central store's version.

The record is fetched alone (``GET /api/v1/sync/record/…``) and applied as a one-change page
that leaves the cursor where it is, so the officer's later unsent edits of the same record are
laid on top again, as a pull would. A record the central store does not show (a rejected new
record, or one that left this user's scope) is removed from the laptop.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError

from fieldapp.services.rejected_changes import mark_discarded, rejected_op
from fieldapp.storage.engine import writing
from fieldapp.storage.schema import TABLES
from fieldapp.sync import apply
from fieldapp.sync.client import CentralClient, SyncError


class DiscardRefused(SyncError):
    """The change cannot be given up as it is; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class Discarded:
    op_id: str
    restored: bool  # True: the server's version is in place; False: the record was removed
    version: int | None


def discard_rejected(engine: Engine, client: CentralClient, op_id: str) -> Discarded:
    """Give up the rejected change ``op_id`` and put the server's record back in its place."""
    change = rejected_op(engine, op_id)
    body = client.record(change.entity, change.record_id)  # before the transaction: network
    decoded = None
    if body is not None:
        page = b'{"changes":[%s],"removed":[],"next_cursor":0,"has_more":false}' % body
        try:
            decoded = apply.decode_page(page)
        except msgspec.DecodeError as error:
            raise SyncError(f"the central store answered what is not a record: {error}") from error
        if [(c.entity, c.record_id) for c in decoded.changes] != [
            (change.entity, change.record_id)
        ]:
            raise SyncError("the central store answered with another record than asked for")
    try:
        with writing(engine).begin() as connection:
            mark_discarded(connection, op_id)
            if decoded is not None:
                cursor = apply.ensure_sync_state(connection)
                decoded.next_cursor = cursor  # the cursor stays where the last pull left it
                apply.apply_page(connection, decoded, pending=apply.pending_edits(connection))
                version = decoded.changes[0].version
                return Discarded(op_id, restored=True, version=version)
            table = TABLES.get(change.entity)
            if table is not None:
                connection.execute(delete(table).where(table.c.id == change.record_id))
            return Discarded(op_id, restored=False, version=None)
    except IntegrityError as error:
        raise DiscardRefused(
            "other records on this laptop depend on this one; give up their changes first"
        ) from error
