"""The change log: numbering changes in commit order, keeping the latest entry of each record,
and noting when a record leaves a squad's scope."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.central_tables import ChangeLogEntry, Counter, ScopeExit
from fieldapp.storage.sets import among

CHANGE_LOG = "change_log"
# Pulls from below this cursor get 410: the tombstones they would need were pruned.
MIN_CURSOR = "min_cursor"
EVERYONE = "*"


def scope_text(squads: Iterable[str | None]) -> str:
    """ ",S1,S3," for the squads given; "," (only the all-seeing roles) when there are none."""
    codes = sorted({code for code in squads if code})
    return "," + ",".join(codes) + "," if codes else ","


def scope_squads(scope: str) -> frozenset[str]:
    return frozenset() if scope == EVERYONE else frozenset(filter(None, scope.split(",")))


@dataclass(frozen=True, slots=True)
class Entry:
    entity: str
    record_id: str
    version: int
    deleted: bool
    scope: str
    payload: str


@dataclass(frozen=True, slots=True)
class Exit:
    entity: str
    record_id: str
    squad_code: str


def ensure_counters(connection: Connection) -> None:
    for name in (CHANGE_LOG, MIN_CURSOR):
        exists = connection.execute(select(Counter.name).where(Counter.name == name)).first()
        if exists is None:
            try:
                with connection.begin_nested():
                    connection.execute(insert(Counter).values(name=name, value=0))
            except IntegrityError:
                pass  # another server process made it first


def counter(connection: Connection, name: str) -> int:
    value = connection.execute(select(Counter.value).where(Counter.name == name)).scalar()
    return int(value or 0)


def _take_numbers(connection: Connection, count: int) -> int:
    """Reserve ``count`` numbers and return the first. The row stays locked until commit."""
    top = connection.execute(
        update(Counter)
        .where(Counter.name == CHANGE_LOG)
        .values(value=Counter.value + count)
        .returning(Counter.value)
    ).scalar_one()
    return int(top) - count + 1


def append(
    connection: Connection,
    entries: Sequence[Entry],
    exits: Sequence[Exit] = (),
    *,
    now: datetime,
    new: Collection[tuple[str, str]] = (),
) -> None:
    """Number and write ``entries`` (replacing older entries of the same records) and ``exits``.

    ``new`` names records this transaction created: they have no older entry to look for.

    Call it last in the transaction: it locks the counter until commit, which is what keeps
    change numbers in commit order across server processes.
    """
    if not entries and not exits:
        return
    first = _take_numbers(connection, len(entries) + len(exits))
    created = set(new)
    by_entity: dict[str, list[str]] = {}
    for entry in entries:
        if (entry.entity, entry.record_id) not in created:
            by_entity.setdefault(entry.entity, []).append(entry.record_id)
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 500):
            connection.execute(
                delete(ChangeLogEntry).where(
                    ChangeLogEntry.entity == entity,
                    among(connection, ChangeLogEntry.record_id, ids[start : start + 500]),
                )
            )
    bulk_insert(
        connection,
        ChangeLogEntry.__table__,
        [
            {
                "seq": first + index,
                "entity": entry.entity,
                "record_id": entry.record_id,
                "version": entry.version,
                "deleted": entry.deleted,
                "scope": entry.scope,
                "payload": entry.payload,
            }
            for index, entry in enumerate(entries)
        ],
        constants={"changed_at": now},
    )
    bulk_insert(
        connection,
        ScopeExit.__table__,
        [
            {
                "seq": first + len(entries) + index,
                "entity": gone.entity,
                "record_id": gone.record_id,
                "squad_code": gone.squad_code,
            }
            for index, gone in enumerate(exits)
        ],
    )


def current_entries(
    connection: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(entity, record_id) → (scope, payload) of the records' latest entries."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for start in range(0, len(keys), 400):
        chunk = keys[start : start + 400]
        query = select(
            ChangeLogEntry.entity,
            ChangeLogEntry.record_id,
            ChangeLogEntry.scope,
            ChangeLogEntry.payload,
        ).where(tuple_(ChangeLogEntry.entity, ChangeLogEntry.record_id).in_(chunk))
        for entity, record_id, scope, payload in connection.execute(query):
            found[(entity, record_id)] = (scope, payload)
    return found


def prune_tombstones(connection: Connection, *, older_than: datetime) -> int:
    """Forget deletions (and scope exits) logged before ``older_than``.

    A laptop whose cursor is below the newest pruned number could miss one of them, so pulls
    from there get 410 and download everything again.
    """
    doomed = connection.execute(
        select(func.max(ChangeLogEntry.seq), func.count()).where(
            ChangeLogEntry.deleted.is_(True), ChangeLogEntry.changed_at < older_than
        )
    ).one()
    exits = connection.execute(
        select(func.max(ScopeExit.seq)).where(ScopeExit.seq <= (doomed[0] or 0))
    ).scalar()
    highest = max(doomed[0] or 0, exits or 0)
    if not highest:
        return 0
    connection.execute(
        delete(ChangeLogEntry).where(
            ChangeLogEntry.deleted.is_(True), ChangeLogEntry.changed_at < older_than
        )
    )
    connection.execute(delete(ScopeExit).where(ScopeExit.seq <= highest))
    connection.execute(
        update(Counter)
        .where(Counter.name == MIN_CURSOR, Counter.value < highest)
        .values(value=highest)
    )
    return int(doomed[1])
