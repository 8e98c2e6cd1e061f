"""The three invariants of sync, checked against the central store's own tables:

* no lost acknowledged write — every op a laptop recorded as answered is on the server, and
  what it wrote is what the server holds (or a later accepted change of the same field is);
* no duplicate — each op applied once (applied_ops, record versions), each record once
  (change log, registration numbers), each visit once;
* identical final state — what each laptop shows equals what the server holds in its scope,
  worked out here from the records themselves (DESIGN §4.9), not from the change log.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.pool import NullPool

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.server.policy import REFERENCE
from fieldapp.storage.central_tables import AppliedOp, ChangeLogEntry
from fieldapp.storage.engine import make_engine
from fieldapp.storage.oversight import Conflict
from fieldapp.storage.schema import TABLES
from fieldapp.storage.wire import row_payload, to_wire
from tests.support.laptops import Key, Laptop, visible_rows

ALL_SEEING = ("registrar", "supervisor", "admin")
_IGNORED_FIELDS = frozenset({"updated_at"})


def central_engine(url: str) -> Engine:
    """The central database, read from the test (no pooled connections left behind)."""
    return make_engine(url, poolclass=NullPool)


@dataclass(frozen=True)
class Baseline:
    """The central store as seeded: each record's version and how many of each kind."""

    versions: dict[Key, int]
    counts: dict[str, int]


def baseline(engine: Engine) -> Baseline:
    versions: dict[Key, int] = {}
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        for entity, table in TABLES.items():
            rows = connection.execute(select(table.c.id, table.c.version)).all()
            counts[entity] = len(rows)
            versions.update({(entity, record_id): version for record_id, version in rows})
    return Baseline(versions, counts)


def _all_rows(connection: Connection) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        entity: {row.id: dict(row._mapping) for row in connection.execute(select(table))}
        for entity, table in TABLES.items()
    }


def server_view(engine: Engine, role: str, squad: str | None) -> dict[Key, dict[str, Any]]:
    """What a user of ``role`` in ``squad`` should see: the squad's records and what hangs off
    them, and the reference data; everything for the all-seeing roles. Tombstones left out."""
    with engine.connect() as connection:
        if role in ALL_SEEING:
            return visible_rows(connection)
        rows = _all_rows(connection)
    assignments = rows["assignment"]

    def by_assignment(assignment_id: str | None) -> bool:
        found = assignments.get(assignment_id or "")
        return found is not None and found["squad_code"] == squad

    case_ids = {
        row["case_id"]
        for row in assignments.values()
        if row["squad_code"] == squad and not row["deleted"]
    }

    def case_or_assignment(row: dict[str, Any]) -> bool:
        if row.get("assignment_id"):
            return by_assignment(row["assignment_id"])
        return row["case_id"] in case_ids

    staff_squads = {i: row["squad_code"] for i, row in rows["staff_member"].items()}
    visible_notices = {i for i, row in rows["notice"].items() if case_or_assignment(row)}
    visible_assets = {i for i, row in rows["asset_control"].items() if case_or_assignment(row)}

    def conflict(row: dict[str, Any]) -> bool:
        if row["entity"] == "assignment":
            return by_assignment(row["record_id"])
        if row["entity"] == "case":
            return row["record_id"] in case_ids
        if row["entity"] == "party":
            party = rows["party"].get(row["record_id"])
            return party is not None and party["case_id"] in case_ids
        return False

    rules: dict[str, Any] = {
        "case": lambda row: row["id"] in case_ids,
        "party": lambda row: row["case_id"] in case_ids,
        "assignment": lambda row: row["squad_code"] == squad,
        "visit_attempt": lambda row: by_assignment(row["assignment_id"]),
        "evidence_item": lambda row: by_assignment(row["assignment_id"]),
        "asset_control": case_or_assignment,
        "notice": case_or_assignment,
        "service_record": lambda row: row["notice_id"] in visible_notices,
        "conflict": conflict,
        # The item's squad, or the recipient's (the record must reach their laptop).
        "escalation": lambda row: (
            (
                by_assignment(row["assignment_id"])
                if row["assignment_id"]
                else row["asset_control_id"] in visible_assets
            )
            or staff_squads.get(row["raised_to"] or "") == squad
        ),
    }
    view: dict[Key, dict[str, Any]] = {}
    for entity, entity_rows in rows.items():
        for record_id, row in entity_rows.items():
            if row["deleted"]:
                continue
            if entity in REFERENCE or rules[entity](row):
                view[(entity, record_id)] = row_payload(TABLES[entity], row)
    return view


def _describe_difference(
    laptop: dict[Key, dict[str, Any]], server: dict[Key, dict[str, Any]], limit: int = 6
) -> str:
    lines = []
    only_laptop = sorted(set(laptop) - set(server))
    only_server = sorted(set(server) - set(laptop))
    if only_laptop:
        lines.append(f"{len(only_laptop)} only on the laptop, e.g. {only_laptop[:limit]}")
    if only_server:
        lines.append(f"{len(only_server)} missing on the laptop, e.g. {only_server[:limit]}")
    differing = [key for key in sorted(set(laptop) & set(server)) if laptop[key] != server[key]]
    for key in differing[:limit]:
        fields = {
            name: (laptop[key].get(name), server[key].get(name))
            for name in server[key]
            if laptop[key].get(name) != server[key].get(name)
        }
        lines.append(f"{key} differs (laptop, server): {fields}")
    if len(differing) > limit:
        lines.append(f"… and {len(differing) - limit} more differing records")
    return "\n".join(lines)


def check_converged(engine: Engine, laptops: Iterable[Laptop]) -> None:
    """Each laptop shows exactly the server's records in its scope, field for field."""
    for laptop in laptops:
        mine = laptop.snapshot()
        expected = server_view(engine, laptop.role, laptop.squad)
        if mine != expected:
            raise AssertionError(
                f"{laptop.name} differs from the central store:\n"
                + _describe_difference(mine, expected)
            )


def _server_ops(connection: Connection) -> dict[tuple[str, int], Any]:
    return {(row.device_id, row.seq): row for row in connection.execute(select(AppliedOp))}


def check_no_lost_writes(engine: Engine, laptops: Sequence[Laptop]) -> None:
    """Every op a laptop holds as answered is on the server with the same answer, and the
    server holds what it wrote — or what a later accepted change of that field wrote."""
    with engine.connect() as connection:
        applied = _server_ops(connection)
        rows = _all_rows(connection)
    # (entity, id, field) → [(result version, value, answered status)] across all laptops
    writes: dict[tuple[str, str, str], list[tuple[int, Any, str]]] = {}
    for laptop in laptops:
        for op in laptop.outbox():
            if op["state"] not in (OutboxState.APPLIED, OutboxState.CONFLICT, OutboxState.REJECTED):
                continue
            where = f"{laptop.name} op {op['seq']} ({op['kind']} {op['entity']} {op['record_id']})"
            server_op = applied.get((laptop.device_id, op["seq"]))
            assert server_op is not None, f"{where} is answered but the server has no record of it"
            assert server_op.op_id == op["op_id"], f"{where}: the server holds another op there"
            assert server_op.status == op["state"].value, (
                f"{where}: {op['state'].value} on the laptop, {server_op.status} on the server"
            )
            if op["state"] is OutboxState.REJECTED:
                continue
            record = rows[op["entity"]].get(op["record_id"])
            assert record is not None, f"{where}: the record is not on the server"
            if op["kind"] is OpKind.DELETE:
                assert record["deleted"], f"{where}: the record is not deleted on the server"
            elif op["kind"] is OpKind.INSERT:
                mine = laptop.row(op["entity"], op["record_id"])
                if mine is not None:
                    theirs = row_payload(TABLES[op["entity"]], record)
                    mine.pop("version"), theirs.pop("version")
                    assert mine == theirs, f"{where}: the server holds {theirs}, not {mine}"
            else:
                for name, value in json.loads(op["payload"]).items():
                    if name in _IGNORED_FIELDS:
                        continue
                    key = (op["entity"], op["record_id"], name)
                    writes.setdefault(key, []).append(
                        (op["result_version"], value, op["state"].value)
                    )
    for (entity, record_id, name), candidates in writes.items():
        latest = max(version for version, _, _ in candidates)
        winners = [(value, status) for version, value, status in candidates if version == latest]
        if any(status == "conflict" for _, status in winners):
            continue  # the latest op touching the field lost it to the server's value, or not
        actual = to_wire(rows[entity][record_id][name])
        values = {json_key(value) for value, _ in winners}
        assert json_key(actual) in values, (
            f"{entity} {record_id}.{name} is {actual!r} on the server; the latest accepted "
            f"write (version {latest}) was {[value for value, _ in winners]!r}"
        )


def json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def check_no_duplicates(engine: Engine, laptops: Sequence[Laptop], seeded: Baseline) -> None:
    """Each op applied once, each record logged once, each visit once, versions counted."""
    with engine.connect() as connection:
        applied = _server_ops(connection)
        rows = _all_rows(connection)
        logged = connection.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.record_id, func.count())
            .group_by(ChangeLogEntry.entity, ChangeLogEntry.record_id)
            .having(func.count() > 1)
        ).all()
        in_log = {
            (entity, record_id)
            for entity, record_id in connection.execute(
                select(ChangeLogEntry.entity, ChangeLogEntry.record_id)
            )
        }
        conflicts = Counter(
            (row.device_id, row.record_id, row.field)
            for row in connection.execute(select(Conflict))
        )
    assert not logged, f"records logged more than once: {logged[:5]}"
    live = {
        (e, i)
        for e, entity_rows in rows.items()
        for i, r in entity_rows.items()
        if not r["deleted"]
    }
    stored = {(e, i) for e, entity_rows in rows.items() for i in entity_rows}
    assert live <= in_log, f"records never logged: {sorted(live - in_log)[:5]}"
    assert in_log <= stored, f"logged records that do not exist: {sorted(in_log - stored)[:5]}"
    regnos = Counter(row["registration_no"] for row in rows["assignment"].values())
    assert max(regnos.values()) == 1, "a registration number is used twice on the server"
    inserted: dict[str, set[str]] = {}
    bumps: dict[Key, set[int]] = {}
    conflict_fields: Counter[tuple[str, str, str]] = Counter()
    for laptop in laptops:
        outbox = laptop.outbox()
        with laptop.engine.connect() as connection:
            local = connection.execute(
                select(TABLES["assignment"].c.registration_no, func.count())
                .group_by(TABLES["assignment"].c.registration_no)
                .having(func.count() > 1)
            ).all()
        assert not local, f"{laptop.name} holds a registration number twice: {local}"
        assert len({op["op_id"] for op in outbox}) == len(outbox), f"{laptop.name}: op id reused"
        answered = {
            (op["seq"], op["op_id"]) for op in outbox if op["state"] is not OutboxState.PENDING
        }
        on_server = {
            (seq, row.op_id) for (device, seq), row in applied.items() if device == laptop.device_id
        }
        pending = {(op["seq"], op["op_id"]) for op in outbox if op["state"] is OutboxState.PENDING}
        assert answered <= on_server, f"{laptop.name}: answered ops missing on the server"
        assert on_server <= answered | pending, f"{laptop.name}: the server applied unknown ops"
        for op in outbox:
            if op["state"] not in (OutboxState.APPLIED, OutboxState.CONFLICT):
                continue
            key = (op["entity"], op["record_id"])
            if op["kind"] is OpKind.INSERT:
                inserted.setdefault(op["entity"], set()).add(op["record_id"])
            if op["result_version"] is not None:
                bumps.setdefault(key, set()).add(op["result_version"])
            if op["state"] is OutboxState.CONFLICT:
                for name in json.loads(op["payload"] or "{}"):
                    if name not in _IGNORED_FIELDS:
                        conflict_fields[(laptop.device_id, op["record_id"], name)] += 1
    for entity, ids in inserted.items():
        new = {i for i in ids if (entity, i) not in seeded.versions}
        assert len(rows[entity]) == seeded.counts[entity] + len(new), (
            f"{entity}: {len(rows[entity])} on the server, expected the "
            f"{seeded.counts[entity]} seeded + {len(new)} made on laptops"
        )
    for (entity, record_id), versions in bumps.items():
        # Seeded records start at their seeded version, a laptop's at 0 (its insert makes 1),
        # and the server's own (conflicts) at 1.
        made_here = record_id in inserted.get(entity, set())
        start = seeded.versions.get((entity, record_id), 0 if made_here else 1)
        made = {v for v in versions if v > start}
        version = rows[entity][record_id]["version"]
        assert version == start + len(made), (
            f"{entity} {record_id} is at version {version}: from {start}, the laptops' ops "
            f"account for {sorted(made)} — a change was applied twice or from nowhere"
        )
    for key, count in conflicts.items():
        assert count <= conflict_fields[key], (
            f"{count} conflict records for {key}, from {conflict_fields[key]} conflicting op(s)"
        )


def check_conflicts_are_between_devices(engine: Engine, laptops: Sequence[Laptop]) -> None:
    """A conflict pits a laptop's edit against another's (or the server's own value), never
    against an earlier edit of the same laptop, which its later edit was made on top of."""
    with engine.connect() as connection:
        raised = [dict(row._mapping) for row in connection.execute(select(Conflict))]
    # (entity, id, field) → [(result version, wire value, device, seq)] of accepted writes
    writes: dict[tuple[str, str, str], list[tuple[int, str, str, int]]] = {}
    conflicting: dict[tuple[str, str, str, str], list[tuple[int, int, str]]] = {}
    for laptop in laptops:
        for op in laptop.outbox():
            if op["kind"] is not OpKind.UPDATE or op["state"] not in (
                OutboxState.APPLIED,
                OutboxState.CONFLICT,
            ):
                continue
            for name, value in json.loads(op["payload"]).items():
                key = (op["entity"], op["record_id"], name)
                if op["state"] is OutboxState.APPLIED:
                    writes.setdefault(key, []).append(
                        (op["result_version"], json_key(value), laptop.device_id, op["seq"])
                    )
                else:
                    conflicting.setdefault((laptop.device_id, *key), []).append(
                        (op["result_version"], op["seq"], json_key(value))
                    )
    for conflict in raised:
        key = (conflict["entity"], conflict["record_id"], conflict["field"])
        device = conflict["device_id"]
        for version, seq, value in conflicting.get((device, *key), []):
            if value != json_key(conflict["device_value"]):
                continue
            earlier = [
                w
                for w in writes.get(key, [])
                if w[0] <= version and w[1] == json_key(conflict["server_value"])
            ]
            # An op that set a value the field had already is answered "applied" too, so the
            # server's value counts as this device's own only when no one else ever wrote it.
            if earlier and all(w[2] == device and w[3] < seq for w in earlier):
                raise AssertionError(
                    f"conflict {conflict['id']} on {key} pits op {seq} of device {device} "
                    f"against its own earlier op(s) {sorted(w[3] for w in earlier)}"
                )


def check_all(engine: Engine, laptops: Sequence[Laptop], seeded: Baseline) -> None:
    check_no_lost_writes(engine, laptops)
    check_no_duplicates(engine, laptops, seeded)
    check_conflicts_are_between_devices(engine, laptops)
    check_converged(engine, laptops)


def settle(laptops: Sequence[Laptop], rounds: int = 2) -> None:
    """Everyone syncs, ``rounds`` times over, so every change reaches every laptop."""
    for _ in range(rounds):
        for laptop in laptops:
            laptop.sync()
