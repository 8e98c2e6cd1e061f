"""Pages of changes for a puller: only committed changes, only its scope, spliced from the
ready-made JSON of the change log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from fieldapp.server.changelog import CHANGE_LOG, EVERYONE, MIN_CURSOR, counter
from fieldapp.server.context import DeviceContext
from fieldapp.storage.central_tables import ChangeLogEntry, ScopeExit


class CursorExpired(Exception):
    """The cursor predates pruned tombstones (or this server's history): download again."""


@dataclass(frozen=True)
class Page:
    body: bytes
    next_cursor: int
    has_more: bool
    count: int


def pull_page(connection: Connection, ctx: DeviceContext, cursor: int, limit: int) -> Page:
    # Read first: every change numbered up to here is committed (numbers are taken in commit
    # order), so nothing below it can appear later.
    committed = counter(connection, CHANGE_LOG)
    if cursor > committed or (cursor > 0 and cursor < counter(connection, MIN_CURSOR)):
        raise CursorExpired
    query = (
        select(
            ChangeLogEntry.seq,
            ChangeLogEntry.entity,
            ChangeLogEntry.record_id,
            ChangeLogEntry.version,
            ChangeLogEntry.deleted,
            ChangeLogEntry.payload,
        )
        .where(ChangeLogEntry.seq > cursor, ChangeLogEntry.seq <= committed)
        .order_by(ChangeLogEntry.seq)
        .limit(limit + 1)
    )
    if not ctx.sees_everything:
        query = query.where(
            or_(
                ChangeLogEntry.scope == EVERYONE,
                ChangeLogEntry.scope.like(f"%,{ctx.squad_code},%"),
            )
        )
    rows = connection.execute(query).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    upto = rows[-1][0] if has_more else committed
    removed: list[tuple[str, str]] = []
    if not ctx.sees_everything and ctx.squad_code:
        exits = select(ScopeExit.entity, ScopeExit.record_id).where(
            ScopeExit.squad_code == ctx.squad_code, ScopeExit.seq > cursor, ScopeExit.seq <= upto
        )
        removed = [(entity, record_id) for entity, record_id in connection.execute(exits)]
    parts = [
        b'{"seq":%d,"entity":"%s","record_id":"%s","version":%d,"deleted":%s,"data":%s}'
        % (
            seq,
            entity.encode(),
            record_id.encode(),
            version,
            b"true" if deleted else b"false",
            payload.encode(),
        )
        for seq, entity, record_id, version, deleted, payload in rows
    ]
    gone = [b'{"entity":"%s","record_id":"%s"}' % (e.encode(), r.encode()) for e, r in removed]
    body = b'{"changes":[%s],"removed":[%s],"next_cursor":%d,"has_more":%s}' % (
        b",".join(parts),
        b",".join(gone),
        upto,
        b"true" if has_more else b"false",
    )
    return Page(body, upto, has_more, len(rows))
