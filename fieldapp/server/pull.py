"""Pages of changes for a puller: only committed changes, only its scope, spliced from the
ready-made JSON of the change log (on PostgreSQL, each change's JSON object is made by
PostgreSQL itself)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg.adapt import Buffer, Loader
from sqlalchemy import Connection, bindparam, or_, select

from fieldapp.server.changelog import CHANGE_LOG, EVERYONE, MIN_CURSOR
from fieldapp.server.context import DeviceContext
from fieldapp.storage.central_tables import ChangeLogEntry, Counter, ScopeExit


class CursorExpired(Exception):
    """The cursor predates pruned tombstones (or this server's history): download again."""


@dataclass(frozen=True)
class Page:
    body: bytes
    next_cursor: int
    has_more: bool
    count: int


@dataclass(frozen=True, slots=True)
class LogPosition:
    committed: int  # every change numbered up to here is committed
    oldest: int  # pulls from below this cursor (but 0) get 410: tombstones were pruned


_COUNTERS = select(Counter.name, Counter.value).where(Counter.name.in_([CHANGE_LOG, MIN_CURSOR]))


def log_position(connection: Connection) -> LogPosition:
    """Where the change log stands: both counters in one query."""
    values = {name: int(value or 0) for name, value in connection.execute(_COUNTERS)}
    return LogPosition(values.get(CHANGE_LOG, 0), values.get(MIN_CURSOR, 0))


def pull_page(
    connection: Connection,
    ctx: DeviceContext,
    cursor: int,
    limit: int,
    *,
    position: LogPosition | None = None,
) -> Page:
    # Read first: every change numbered up to here is committed (numbers are taken in commit
    # order), so nothing below it can appear later.
    position = position or log_position(connection)
    committed = position.committed
    if cursor > committed or (cursor > 0 and cursor < position.oldest):
        raise CursorExpired
    pattern = None if ctx.sees_everything else f"%,{ctx.squad_code},%"
    if connection.dialect.name == "postgresql":
        changes = _concatenated(connection, cursor, committed, limit, pattern)
    else:
        changes = _spliced(connection, cursor, committed, limit, pattern)
    upto = changes.last if changes.has_more else committed
    removed = b""
    if not ctx.sees_everything and ctx.squad_code:
        removed = _exits(connection, ctx.squad_code, cursor, upto)
    body = b'{"changes":[%s],"removed":[%s],"next_cursor":%d,"has_more":%s}' % (
        changes.json,
        removed,
        upto,
        b"true" if changes.has_more else b"false",
    )
    return Page(body, upto, changes.has_more, changes.count)


@dataclass(frozen=True, slots=True)
class _Changes:
    json: bytes  # the changes' JSON objects, comma-separated
    count: int
    last: int  # seq of the last change (0 when there is none)
    has_more: bool


# Ready-made statements: building them per request costs more than running them.
_CHANGES = (
    select(
        ChangeLogEntry.seq,
        ChangeLogEntry.entity,
        ChangeLogEntry.record_id,
        ChangeLogEntry.version,
        ChangeLogEntry.deleted,
        ChangeLogEntry.payload,
    )
    .where(ChangeLogEntry.seq > bindparam("cursor"), ChangeLogEntry.seq <= bindparam("upto"))
    .order_by(ChangeLogEntry.seq)
    .limit(bindparam("limit"))
)
_CHANGES_IN_SCOPE = _CHANGES.where(
    or_(ChangeLogEntry.scope == EVERYONE, ChangeLogEntry.scope.like(bindparam("pattern")))
)
_EXITS = select(ScopeExit.entity, ScopeExit.record_id).where(
    ScopeExit.squad_code == bindparam("squad"),
    ScopeExit.seq > bindparam("cursor"),
    ScopeExit.seq <= bindparam("upto"),
)


def _spliced(
    connection: Connection, cursor: int, upto: int, limit: int, pattern: str | None
) -> _Changes:
    """Any database: the rows of the page, spliced here."""
    query = _CHANGES if pattern is None else _CHANGES_IN_SCOPE
    params = {"cursor": cursor, "upto": upto, "limit": limit + 1, "pattern": pattern}
    rows = connection.execute(query, params).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
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
    return _Changes(b",".join(parts), len(rows), rows[-1][0] if rows else 0, has_more)


# The same objects as _spliced makes, each built by PostgreSQL and joined here. (Joining them
# there too, with string_agg, cost PostgreSQL more than this costs both.) One row more than
# asked tells whether more remain.
_CONCATENATED = """
SELECT seq, concat('{"seq":', seq, ',"entity":"', entity, '","record_id":"', record_id,
                   '","version":', version,
                   ',"deleted":', CASE WHEN deleted THEN 'true' ELSE 'false' END,
                   ',"data":', payload, '}')
FROM change_log
WHERE seq > %(cursor)s AND seq <= %(upto)s {scope}
ORDER BY seq
LIMIT %(limit)s + 1
"""
_CONCATENATED_ALL = _CONCATENATED.replace("{scope}", "")
_CONCATENATED_IN_SCOPE = _CONCATENATED.replace(
    "{scope}", "AND (scope = '*' OR scope LIKE %(pattern)s)"
)


class _TextAsBytes(Loader):
    """Text as the bytes PostgreSQL sent: it goes out as it came, not decoded and encoded."""

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


def _concatenated(
    connection: Connection, cursor: int, upto: int, limit: int, pattern: str | None
) -> _Changes:
    """PostgreSQL: each change comes ready-made, through the driver's own cursor (no rows
    for SQLAlchemy to build)."""
    driver: Any = connection.connection.driver_connection
    params = {"cursor": cursor, "upto": upto, "limit": limit, "pattern": pattern}
    with driver.cursor() as pg:
        pg.adapters.register_loader("text", _TextAsBytes)
        pg.execute(_CONCATENATED_ALL if pattern is None else _CONCATENATED_IN_SCOPE, params)
        rows = pg.fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    return _Changes(
        b",".join(row[1] for row in rows), len(rows), rows[-1][0] if rows else 0, has_more
    )


def _exits(connection: Connection, squad: str, cursor: int, upto: int) -> bytes:
    """The records that left the squad's scope in (cursor, upto], as JSON objects."""
    rows = connection.execute(_EXITS, {"squad": squad, "cursor": cursor, "upto": upto})
    return b",".join(
        b'{"entity":"%s","record_id":"%s"}' % (entity.encode(), record_id.encode())
        for entity, record_id in rows
    )
