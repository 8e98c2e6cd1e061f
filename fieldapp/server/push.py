"""Applying a pushed batch of ops in one transaction: per-op answers, field-level merge,
conflicts, and the change log — read as sets, processed in memory, written as sets."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, select, tuple_, update

from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.domain.errors import DomainError
from fieldapp.domain.status import check_move
from fieldapp.evidence.receipts import Receipt
from fieldapp.server.changelog import Entry, Exit, append, current_entries, scope_squads
from fieldapp.server.context import DeviceContext
from fieldapp.server.evidence_chain import ChainCheck
from fieldapp.server.policy import (
    APPEND_ONLY,
    BY_ASSIGNMENT,
    SERVER_COLUMNS,
    Refused,
    check_can_delete,
    check_can_insert,
    check_update,
    editable_fields,
)
from fieldapp.server.scopes import ScopeResolver
from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.central_tables import AppliedOp, Device, FieldVersion
from fieldapp.storage.schema import ENTITIES
from fieldapp.storage.sets import among
from fieldapp.storage.types import new_id
from fieldapp.storage.wire import WireDecoder, WireError, row_payload, to_wire, wire_json
from fieldapp.sync.protocol import Op, OpResult

Key = tuple[str, str]
DECODERS = {name: WireDecoder(model.__table__) for name, model in ENTITIES.items()}  # type: ignore[arg-type]
TABLES: dict[str, Table] = {name: model.__table__ for name, model in ENTITIES.items()}  # type: ignore[misc]
NEW_ASSIGNMENT_STATUSES = (AssignmentStatus.REGISTERED, AssignmentStatus.ROUTED)
# Fields besides the id that no two records of an entity share (registration no., codes, …).
UNIQUE: dict[str, tuple[str, ...]] = {
    name: tuple(column.key for column in table.columns if column.unique)
    for name, table in TABLES.items()
}


# Fields an insert must bring: not set by the server, not nullable, no default.
REQUIRED: dict[str, tuple[str, ...]] = {
    name: tuple(
        c.key
        for c in table.columns
        if c.key not in SERVER_COLUMNS and not c.nullable and c.default is None
    )
    for name, table in TABLES.items()
}


class PushRefused(Exception):
    """The batch as a whole cannot be taken (nothing of it is written)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class _Batch:
    rows: dict[Key, dict[str, Any]] = field(default_factory=dict)
    inserted: dict[Key, None] = field(default_factory=dict)
    updated: dict[Key, None] = field(default_factory=dict)
    field_versions: dict[tuple[str, str, str], int] = field(default_factory=dict)
    changed_fields: dict[tuple[str, str, str], int] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    moved: dict[str, str | None] = field(default_factory=dict)  # assignment id → old squad
    taken: dict[tuple[str, str, Any], str] = field(default_factory=dict)  # unique value → id
    # Fields this device wrote (earlier in this batch, or in replayed ops), at which version:
    # a later op of the same device builds on them, so they are no conflict for it.
    own: dict[tuple[str, str, str], int] = field(default_factory=dict)


def apply_push(
    connection: Connection,
    ctx: DeviceContext,
    device_id: str,
    ops: Sequence[Op],
    *,
    now: datetime,
    receipts: list[Receipt] | None = None,
) -> list[OpResult]:
    """Apply a batch; the custody receipt it earns (if any) is appended to ``receipts``."""
    if device_id != ctx.device_id:
        raise PushRefused(403, "forged_device", "the ops name another device than your token's")
    seqs = [op.seq for op in ops]
    if seqs != sorted(set(seqs)):
        raise PushRefused(400, "ops_out_of_order", "ops must be sent once each, in seq order")
    # One push of a device at a time: a batch a laptop sends ahead waits here until the one
    # before it commits, and then finds its ops next in line.
    connection.execute(select(Device.id).where(Device.id == ctx.device_id).with_for_update())
    last = connection.execute(
        select(func.max(AppliedOp.seq)).where(AppliedOp.device_id == ctx.device_id)
    ).scalar()
    last = int(last or 0)
    fresh = [op for op in ops if op.seq > last]
    for index, op in enumerate(fresh):
        if op.seq != last + 1 + index:
            raise PushRefused(
                409,
                "seq_gap",
                f"op {last + 1 + index} is missing (got {op.seq}); nothing was applied — "
                "send the ops from there",
            )
    replayed = _replayed(connection, ctx, ops, last)
    results = {op.seq: result for op, result in replayed}
    batch = _load(connection, fresh)
    for op, result in replayed:
        if result.original_status == "applied" and result.version is not None:
            batch.own.update({(op.entity, op.record_id, name): result.version for name in op.data})
    resolver = ScopeResolver(connection)
    resolver.preload_assignments(_referenced_assignments(fresh))
    chain = ChainCheck.load(connection, ctx.device_id, fresh)
    for op in fresh:
        results[op.seq] = _apply(op, ctx, batch, resolver, now, chain)
    _write(connection, ctx, batch, fresh, results, resolver, now)
    receipt = chain.write(connection, now=now)
    if receipt is not None and receipts is not None:
        receipts.append(receipt)
    return [results[op.seq] for op in ops]


def _replayed(
    connection: Connection, ctx: DeviceContext, ops: Sequence[Op], last: int
) -> list[tuple[Op, OpResult]]:
    old = [op for op in ops if op.seq <= last]
    if not old:
        return []
    query = select(AppliedOp).where(
        AppliedOp.device_id == ctx.device_id, AppliedOp.seq.in_([op.seq for op in old])
    )
    answers = {row.seq: row for row in connection.execute(query)}
    replayed = []
    for op in old:
        answer = answers.get(op.seq)
        if answer is None or answer.op_id != op.op_id:
            raise PushRefused(
                409, "seq_reused", f"op {op.seq} was already used by another op; nothing applied"
            )
        replayed.append(
            (
                op,
                OpResult(
                    op_id=op.op_id,
                    seq=op.seq,
                    status="duplicate",
                    version=answer.version,
                    reason=answer.reason,
                    original_status=answer.status,
                ),
            )
        )
    return replayed


def _referenced_assignments(ops: Sequence[Op]) -> list[str]:
    ids = []
    for op in ops:
        if op.entity == "assignment":
            ids.append(op.record_id)
        value = op.data.get("assignment_id")
        if isinstance(value, str):
            ids.append(value)
    return ids


def _load(connection: Connection, ops: Sequence[Op]) -> _Batch:
    batch = _Batch()
    by_entity: dict[str, set[str]] = {}
    for op in ops:
        if op.entity in TABLES:
            by_entity.setdefault(op.entity, set()).add(op.record_id)
    for entity, ids in by_entity.items():
        table = TABLES[entity]
        wanted = sorted(ids)
        for start in range(0, len(wanted), 500):
            query = select(table).where(among(connection, table.c.id, wanted[start : start + 500]))
            for row in connection.execute(query):
                batch.rows[(entity, row.id)] = dict(row._mapping)
    keys = [(e, i) for e, ids in by_entity.items() if e not in APPEND_ONLY for i in ids]
    for start in range(0, len(keys), 400):
        query = select(FieldVersion).where(
            tuple_(FieldVersion.entity, FieldVersion.record_id).in_(keys[start : start + 400])
        )
        for fv in connection.execute(query):
            batch.field_versions[(fv.entity, fv.record_id, fv.field)] = fv.version
    _load_taken(connection, ops, batch)
    return batch


def _load_taken(connection: Connection, ops: Sequence[Op], batch: _Batch) -> None:
    """Which records hold the values of unique fields that ``ops`` bring."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for op in ops:
        for column in UNIQUE.get(op.entity, ()):
            value = op.data.get(column)
            if isinstance(value, str) and "\x00" not in value:
                wanted.setdefault((op.entity, column), set()).add(value)
    for (entity, column), values in wanted.items():
        table, chosen = TABLES[entity], sorted(values)
        for start in range(0, len(chosen), 500):
            query = select(table.c.id, table.c[column]).where(
                table.c[column].in_(chosen[start : start + 500])
            )
            for record_id, value in connection.execute(query):
                batch.taken[(entity, column, value)] = record_id


def _claim_unique(entity: str, record_id: str, values: dict[str, Any], batch: _Batch) -> None:
    """Refuses values of unique fields another record holds (a database error otherwise)."""
    mine = [(c, values[c]) for c in UNIQUE.get(entity, ()) if values.get(c) is not None]
    for column, value in mine:
        holder = batch.taken.get((entity, column, value))
        if holder is not None and holder != record_id:
            raise Refused(
                f"another {entity.replace('_', ' ')} has the {column} {value!r:.80} already"
            )
    for column, value in mine:
        batch.taken[(entity, column, value)] = record_id


def _apply(
    op: Op,
    ctx: DeviceContext,
    batch: _Batch,
    resolver: ScopeResolver,
    now: datetime,
    chain: ChainCheck,
) -> OpResult:
    try:
        if op.entity not in TABLES:
            raise Refused(f"unknown kind of record {op.entity!r}")
        # The chain first: an entry that checks out is kept even if its record is refused
        # below, so one refused record does not break every later entry of the laptop.
        chain.check(op)
        if op.kind == "insert":
            return _insert(op, ctx, batch, resolver)
        if op.kind == "update":
            return _update(op, ctx, batch, resolver, now)
        return _delete(op, ctx, batch, resolver)
    except (Refused, WireError, DomainError) as error:
        return OpResult(op_id=op.op_id, seq=op.seq, status="rejected", reason=str(error))


def _visible(ctx: DeviceContext, scope: str) -> bool:
    return ctx.sees_everything or scope == "*" or ctx.squad_code in scope_squads(scope)


def _insert(op: Op, ctx: DeviceContext, batch: _Batch, resolver: ScopeResolver) -> OpResult:
    key = (op.entity, op.record_id)
    existing = batch.rows.get(key)
    if existing is not None:
        # The same record sent again under a new op (a re-enrolled laptop): nothing to do.
        return OpResult(op_id=op.op_id, seq=op.seq, status="duplicate", version=existing["version"])
    check_can_insert(ctx.role, op.entity)
    data = DECODERS[op.entity].decode(_client_fields(op.data))
    table = TABLES[op.entity]
    missing = [key for key in REQUIRED[op.entity] if key not in data]
    if missing:
        raise Refused(f"{op.entity} is missing required field(s) {', '.join(missing)}")
    row = _defaults(table, data.keys() | SERVER_COLUMNS) | data
    row.update(
        id=op.record_id, version=1, created_by=ctx.user_id, device_id=ctx.device_id, deleted=False
    )
    if op.entity == "assignment":
        if row["status"] not in NEW_ASSIGNMENT_STATUSES:
            raise Refused("a new assignment starts as registered or routed")
        resolver.note_assignment(op.record_id, row["squad_code"])
    elif (
        op.entity in BY_ASSIGNMENT
        and row.get("assignment_id")
        and not resolver.assignment_exists(row["assignment_id"])
    ):
        raise Refused(f"{op.entity} refers to an assignment the central store does not have")
    if not _visible(ctx, resolver.scope(op.entity, row)):
        raise Refused(f"this {op.entity.replace('_', ' ')} belongs to another squad")
    _claim_unique(op.entity, op.record_id, row, batch)
    if op.entity == "notice":  # its service records may follow in this batch
        resolver.note_notice(op.record_id, row.get("assignment_id"), row.get("case_id"))
    batch.rows[key] = row
    batch.inserted[key] = None
    return OpResult(op_id=op.op_id, seq=op.seq, status="applied", version=1)


def _update(
    op: Op, ctx: DeviceContext, batch: _Batch, resolver: ScopeResolver, now: datetime
) -> OpResult:
    key = (op.entity, op.record_id)
    row = _existing(op, batch)
    if not _visible(ctx, resolver.scope(op.entity, row)):
        raise Refused(f"this {op.entity.replace('_', ' ')} belongs to another squad")
    if op.entity in APPEND_ONLY:
        raise Refused(
            f"{op.entity.replace('_', ' ')} records cannot be changed; record a correction"
        )
    allowed = editable_fields(ctx.role, op.entity)
    data = DECODERS[op.entity].decode(_client_fields(op.data))
    data.pop("created_at", None)
    forbidden = sorted(set(data) - allowed) if "*" not in allowed else []
    if not allowed or forbidden:
        names = ", ".join(forbidden) or "any field"
        raise Refused(
            f"a {ctx.role.value} may not change {names} of a {op.entity.replace('_', ' ')}"
        )
    check_update(ctx.user_id, op.entity, row, data)
    officers = (row.get("officer_id"), row.get("second_officer_id"))
    if op.entity == "assignment" and ctx.role is Role.OFFICER and ctx.user_id not in officers:
        raise Refused("only the officers assigned to this task may change it")
    if op.base_version > row["version"]:
        raise Refused(f"based on version {op.base_version}, which the central store never issued")
    applied: dict[str, Any] = {}
    conflicts: list[tuple[str, Any]] = []
    for name, value in data.items():
        if value == row[name]:
            continue
        changed_at = batch.field_versions.get((op.entity, op.record_id, name), 0)
        if (
            op.base_version < row["version"]
            and changed_at > op.base_version
            and name != "updated_at"
            and batch.own.get((op.entity, op.record_id, name)) != changed_at
        ):
            conflicts.append((name, value))
        else:
            applied[name] = value
    if "status" in applied:
        check_move(row["status"], applied["status"])
    _claim_unique(op.entity, op.record_id, applied, batch)
    if set(applied) - {"updated_at"}:
        if op.entity == "assignment" and "squad_code" in applied:
            batch.moved.setdefault(op.record_id, row["squad_code"])
            resolver.note_assignment(op.record_id, applied["squad_code"])
        row.update(applied)
        row["version"] += 1
        for name in applied:
            batch.field_versions[(op.entity, op.record_id, name)] = row["version"]
            batch.changed_fields[(op.entity, op.record_id, name)] = row["version"]
            batch.own[(op.entity, op.record_id, name)] = row["version"]
        if key not in batch.inserted:
            batch.updated[key] = None
    for name, value in conflicts:
        batch.conflicts.append(
            {
                "id": new_id(),
                "entity": op.entity,
                "record_id": op.record_id,
                "field": name,
                "device_value": to_wire(value),
                "server_value": to_wire(row[name]),
                "raised_at": now,
            }
        )
    if conflicts:
        return OpResult(
            op_id=op.op_id,
            seq=op.seq,
            status="conflict",
            version=row["version"],
            reason="changed on the server meanwhile: " + ", ".join(n for n, _ in conflicts),
            record=row_payload(TABLES[op.entity], row),
        )
    return OpResult(op_id=op.op_id, seq=op.seq, status="applied", version=row["version"])


def _delete(op: Op, ctx: DeviceContext, batch: _Batch, resolver: ScopeResolver) -> OpResult:
    check_can_delete(ctx.role, op.entity)
    row = _existing(op, batch)
    if not _visible(ctx, resolver.scope(op.entity, row)):
        raise Refused(f"this {op.entity.replace('_', ' ')} belongs to another squad")
    row["deleted"] = True
    row["version"] += 1
    key = (op.entity, op.record_id)
    if key not in batch.inserted:
        batch.updated[key] = None
    return OpResult(op_id=op.op_id, seq=op.seq, status="applied", version=row["version"])


def _existing(op: Op, batch: _Batch) -> dict[str, Any]:
    row = batch.rows.get((op.entity, op.record_id))
    if row is None:
        raise Refused(f"no such {op.entity.replace('_', ' ')} on the central store")
    if row["deleted"]:
        raise Refused(f"this {op.entity.replace('_', ' ')} was deleted")
    return row


def _client_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name not in SERVER_COLUMNS}


def _defaults(table: Table, given: Collection[str] = ()) -> dict[str, Any]:
    """Every column's default but those in ``given``: a default that would be overwritten is
    not made (some are new ids or readings of the clock, and most ops bring every field)."""
    fixed, made = _DEFAULTS[table.name]
    defaults = dict(fixed)
    for key, make in made.items():
        if key not in given:
            defaults[key] = make(None)
    return defaults


def _split_defaults(table: Table) -> tuple[dict[str, Any], dict[str, Callable[[Any], Any]]]:
    """(plain defaults, None included; the callables that make the others)."""
    fixed: dict[str, Any] = {}
    made: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        default = column.default
        if default is None:
            fixed[column.key] = None
        elif default.is_callable:
            made[column.key] = default.arg  # type: ignore[attr-defined]
        else:
            fixed[column.key] = default.arg  # type: ignore[attr-defined]
    return fixed, made


_DEFAULTS = {table.name: _split_defaults(table) for table in TABLES.values()}


def _write(
    connection: Connection,
    ctx: DeviceContext,
    batch: _Batch,
    ops: Sequence[Op],
    results: dict[int, OpResult],
    resolver: ScopeResolver,
    now: datetime,
) -> None:
    for entity, keys in _group(batch.inserted).items():
        bulk_insert(connection, TABLES[entity], [batch.rows[key] for key in keys])
    for entity, keys in _group(batch.updated).items():
        table = TABLES[entity]
        statement = (
            update(table)
            .where(table.c.id == bindparam("current_id"))
            .values({c.key: bindparam(c.key) for c in table.columns if c.key != "id"})
        )
        connection.execute(
            statement,
            [
                {**{k: v for k, v in batch.rows[key].items() if k != "id"}, "current_id": key[1]}
                for key in keys
            ],
        )
    _write_field_versions(connection, batch)
    conflict_rows = [_conflict_row(conflict, ctx, now) for conflict in batch.conflicts]
    bulk_insert(connection, TABLES["conflict"], conflict_rows)
    bulk_insert(
        connection,
        AppliedOp.__table__,
        [
            {
                "device_id": ctx.device_id,
                "seq": op.seq,
                "op_id": op.op_id,
                "status": results[op.seq].status,
                "version": results[op.seq].version,
                "reason": results[op.seq].reason,
                "answered_at": now,
            }
            for op in ops
        ],
    )
    entries, exits = _log_entries(connection, batch, conflict_rows, resolver.assignment_squads)
    created = [*batch.inserted, *(("conflict", row["id"]) for row in conflict_rows)]
    append(connection, entries, exits, now=now, new=created)


def _conflict_row(conflict: dict[str, Any], ctx: DeviceContext, now: datetime) -> dict[str, Any]:
    return {
        **_defaults(TABLES["conflict"], conflict),
        **conflict,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "created_by": ctx.user_id,
        "device_id": ctx.device_id,
        "deleted": False,
    }


def _write_field_versions(connection: Connection, batch: _Batch) -> None:
    if not batch.changed_fields:
        return
    keys = list(batch.changed_fields)
    for start in range(0, len(keys), 300):
        connection.execute(
            delete(FieldVersion).where(
                tuple_(FieldVersion.entity, FieldVersion.record_id, FieldVersion.field).in_(
                    keys[start : start + 300]
                )
            )
        )
    bulk_insert(
        connection,
        FieldVersion.__table__,
        [
            {"entity": e, "record_id": r, "field": f, "version": v}
            for (e, r, f), v in batch.changed_fields.items()
        ],
    )


def _log_entries(
    connection: Connection,
    batch: _Batch,
    conflict_rows: list[dict[str, Any]],
    squads: dict[str, str | None],
) -> tuple[list[Entry], list[Exit]]:
    """Entries for every record written, plus re-scoped records when assignments moved.

    ``squads``: the squads of the assignments the batch looked up or wrote, as they are now.
    """
    resolver = ScopeResolver(connection)  # fresh: the batch is in the database now
    resolver.assignment_squads.update(squads)
    written = {**batch.inserted, **batch.updated}
    rows = {key: batch.rows[key] for key in written}
    rows.update({("conflict", row["id"]): row for row in conflict_rows})
    # One query for the squads of every assignment the written records hang off.
    resolver.preload_assignments(
        row["assignment_id"] for row in rows.values() if row.get("assignment_id")
    )
    for (entity, record_id), row in rows.items():
        if entity == "assignment":
            resolver.note_assignment(record_id, row["squad_code"])
    entries = {
        key: Entry(
            entity=key[0],
            record_id=key[1],
            version=row["version"],
            deleted=row["deleted"],
            scope=resolver.scope(key[0], row),
            payload=wire_json(row_payload(TABLES[key[0]], row)),
        )
        for key, row in rows.items()
    }
    exits: list[Exit] = []
    cases = {row["case_id"] for (entity, _), row in rows.items() if entity == "assignment"}
    followers = _followers(connection, batch, cases)
    logged = current_entries(connection, [key for key in followers if key not in entries])
    for key, (old_scope, payload) in logged.items():
        row_scope = resolver.scope(key[0], followers[key])
        if row_scope != old_scope:
            version, deleted = followers[key]["version"], followers[key]["deleted"]
            entries[key] = Entry(key[0], key[1], version, deleted, row_scope, payload)
    for key, entry in entries.items():
        old = logged.get(key, (None, None))[0]
        if old is None and key[0] == "assignment" and key[1] in batch.moved:
            old = f",{batch.moved[key[1]]}," if batch.moved[key[1]] else ","
        if old is not None:
            lost = scope_squads(old) - scope_squads(entry.scope)
            exits.extend(Exit(key[0], key[1], squad) for squad in sorted(lost))
    return list(entries.values()), exits


def _followers(connection: Connection, batch: _Batch, cases: set[str]) -> dict[Key, dict[str, Any]]:
    """Records whose scope follows a moved or new assignment: its dependents, case and parties,
    the case's records tied to no task, and the service records, escalations and conflicts
    that hang off any of these."""
    followers: dict[Key, dict[str, Any]] = {}
    moved = sorted(batch.moved)
    for entity in sorted(BY_ASSIGNMENT):
        if "assignment_id" in TABLES[entity].c:  # not service records and conflicts: below
            _add_rows(connection, followers, entity, "assignment_id", moved)
    case_ids = sorted(cases)
    _add_rows(connection, followers, "case", "id", case_ids)
    _add_rows(connection, followers, "party", "case_id", case_ids)
    for entity in ("asset_control", "notice"):
        _add_rows(connection, followers, entity, "case_id", case_ids, by_case_only=True)
    notices = sorted(i for e, i in followers if e == "notice")
    _add_rows(connection, followers, "service_record", "notice_id", notices)
    assets = sorted(i for e, i in followers if e == "asset_control")
    _add_rows(connection, followers, "escalation", "asset_control_id", assets)
    about = {("assignment", i) for i in moved} | {k for k in followers if k[0] in ("case", "party")}
    found: dict[Key, dict[str, Any]] = {}
    _add_rows(connection, found, "conflict", "record_id", sorted(i for _, i in about))
    followers.update(
        (k, row) for k, row in found.items() if (row["entity"], row["record_id"]) in about
    )
    return followers


def _add_rows(
    connection: Connection,
    into: dict[Key, dict[str, Any]],
    entity: str,
    column: str,
    values: Sequence[str],
    *,
    by_case_only: bool = False,
) -> None:
    table = TABLES[entity]
    for start in range(0, len(values), 500):
        query = select(table).where(table.c[column].in_(values[start : start + 500]))
        if by_case_only:
            query = query.where(table.c.assignment_id.is_(None))
        for row in connection.execute(query):
            into[(entity, row.id)] = dict(row._mapping)


def _group(keys: dict[Key, None]) -> dict[str, list[Key]]:
    grouped: dict[str, list[Key]] = {}
    for key in keys:
        grouped.setdefault(key[0], []).append(key)
    return grouped
