"""Registering field requests: each becomes a case (if new), a party and a routed assignment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.enums import AssignmentStatus, PartyRole
from fieldapp.domain.regno import format_registration_no
from fieldapp.domain.routing import Router, RoutingRule
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.request_rows import FieldRequest
from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.reference import RoutingRule as RoutingRuleRecord
from fieldapp.storage.types import new_id

# SQLite allows 32,766 bound parameters per statement; stay well inside.
LOOKUP_CHUNK = 900
WRITE_CHUNK = 5000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Registered:
    line: int
    registration_no: str
    squad_code: str | None


@dataclass(frozen=True, slots=True)
class Duplicate:
    line: int
    registration_no: str | None
    first_line: int | None

    def __str__(self) -> str:
        if self.first_line is not None:
            return f"line {self.line}: the same request as line {self.first_line}"
        return f"line {self.line}: already registered as {self.registration_no}"


@dataclass(frozen=True, slots=True)
class Registration:
    registered: tuple[Registered, ...]
    duplicates: tuple[Duplicate, ...]


def load_router(connection: Connection) -> Router:
    rows = connection.execute(
        select(
            RoutingRuleRecord.priority,
            RoutingRuleRecord.matter_code,
            RoutingRuleRecord.region_code,
            RoutingRuleRecord.squad_code,
        ).where(RoutingRuleRecord.deleted.is_(False))
    )
    return Router([RoutingRule(priority=p, matter=m, region=r, squad=s) for p, m, r, s in rows])


def register_requests(
    connection: Connection,
    requests: Sequence[FieldRequest],
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    write: bool = True,
) -> Registration:
    """Register ``requests`` in the caller's transaction; duplicates are reported, not written."""
    fresh, duplicates = _split_duplicates(connection, requests)
    if not write:
        return Registration((), tuple(duplicates))
    router = load_router(connection)
    stamp = {
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
    }
    year = court_date(now).year
    next_seq = _last_registration_seq(connection, year) + 1
    registered: list[Registered] = []
    # Written a chunk at a time so memory stays flat however long the file is.
    for chunk in _chunks(fresh, WRITE_CHUNK):
        case_ids, new_cases = _cases(connection, chunk)
        party_ids, new_parties = _parties(connection, chunk, case_ids)
        assignments = []
        for seq, request in enumerate(chunk, start=next_seq):
            row = _assignment_row(request, case_ids, party_ids, router, year, seq, now)
            assignments.append(row)
            registered.append(Registered(request.line, row["registration_no"], row["squad_code"]))
        next_seq += len(chunk)
        for model, rows in ((Case, new_cases), (Party, new_parties), (Assignment, assignments)):
            if rows:
                bulk_insert(connection, model.__table__, rows, constants=stamp)
                changes.inserted(connection, model, rows)
    return Registration(tuple(registered), tuple(duplicates))


def _assignment_row(
    request: FieldRequest,
    case_ids: dict[str, str],
    party_ids: dict[tuple[str, str, str], str],
    router: Router,
    year: int,
    seq: int,
    now: datetime,
) -> dict[str, Any]:
    squad = router.route(request.matter.value, request.region_code)
    case_id = case_ids[request.case_number]
    return {
        "id": new_id(),
        "registration_no": format_registration_no(year, seq),
        "request_key": request.request_key,
        "case_id": case_id,
        "matter": request.matter,
        "party_id": party_ids[_party_key(case_id, request)],
        "address": request.address,
        "lat": None,
        "lon": None,
        "region_code": request.region_code,
        "squad_code": squad,
        "officer_id": None,
        "second_officer_id": None,
        "priority": request.priority,
        "requested_by": request.requested_by,
        "received_at": now,
        "due_on": request.due_on,
        "status": AssignmentStatus.ROUTED if squad else AssignmentStatus.REGISTERED,
        "result": "",
        "return_reason": "",
        "notes": request.notes,
        "completed_at": None,
        "clock_pauses": [],
    }


def _split_duplicates(
    connection: Connection, requests: Sequence[FieldRequest]
) -> tuple[list[FieldRequest], list[Duplicate]]:
    first_line: dict[str, int] = {}
    unique: list[FieldRequest] = []
    duplicates: list[Duplicate] = []
    for request in requests:
        key = request.request_key
        if key in first_line:
            duplicates.append(Duplicate(request.line, None, first_line[key]))
        else:
            first_line[key] = request.line
            unique.append(request)
    known: dict[str, str] = {}
    for keys in _chunks(first_line, LOOKUP_CHUNK):
        query = select(Assignment.request_key, Assignment.registration_no).where(
            Assignment.request_key.in_(keys)
        )
        known.update((key, number) for key, number in connection.execute(query))
    fresh = []
    for request in unique:
        registration_no = known.get(request.request_key)
        if registration_no is None:
            fresh.append(request)
        else:
            duplicates.append(Duplicate(request.line, registration_no, None))
    duplicates.sort(key=lambda duplicate: duplicate.line)
    return fresh, duplicates


def _cases(
    connection: Connection, requests: Sequence[FieldRequest]
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    numbers = list(dict.fromkeys(request.case_number for request in requests))
    ids: dict[str, str] = {}
    for chunk in _chunks(numbers, LOOKUP_CHUNK):
        query = select(Case.case_number, Case.id).where(Case.case_number.in_(chunk))
        ids.update((number, case_id) for number, case_id in connection.execute(query))
    new_rows = []
    for number in numbers:
        if number not in ids:
            ids[number] = new_id()
            new_rows.append(
                {
                    "id": ids[number],
                    "case_number": number,
                    "track": "ordinary",
                    "enforcement_basis": "",
                    "amount_fen": None,
                    "judge_name": "",
                    "team": "",
                    "filed_on": None,
                    "legal_due_on": None,
                    "closed_for_now_on": None,
                }
            )
    return ids, new_rows


def _party_key(case_id: str, request: FieldRequest) -> tuple[str, str, str]:
    return case_id, request.party_name, request.id_number or ""


def _parties(
    connection: Connection,
    requests: Sequence[FieldRequest],
    case_ids: dict[str, str],
) -> tuple[dict[tuple[str, str, str], str], list[dict[str, Any]]]:
    ids: dict[tuple[str, str, str], str] = {}
    wanted = list(dict.fromkeys(case_ids[request.case_number] for request in requests))
    for chunk in _chunks(wanted, LOOKUP_CHUNK):
        query = select(Party.case_id, Party.name, Party.id_number, Party.id).where(
            Party.case_id.in_(chunk), Party.deleted.is_(False)
        )
        for case_id, name, id_number, party_id in connection.execute(query):
            ids[(case_id, name, id_number or "")] = party_id
    new_rows = []
    for request in requests:
        key = _party_key(case_ids[request.case_number], request)
        if key in ids:
            continue
        ids[key] = new_id()
        new_rows.append(
            {
                "id": ids[key],
                "case_id": key[0],
                "role": PartyRole.RESPONDENT,
                "kind": request.party_kind,
                "name": request.party_name,
                "id_number": request.id_number,
                "addresses": [request.address],
                "phones": [],
                "legal_representative": "",
            }
        )
    return ids, new_rows


def _last_registration_seq(connection: Connection, year: int) -> int:
    prefix = format_registration_no(year, 1)[: -len("000001")]
    query = select(Assignment.registration_no).where(Assignment.registration_no.like(f"{prefix}%"))
    latest = connection.execute(query.order_by(Assignment.registration_no.desc()).limit(1))
    number = latest.scalar_one_or_none()
    return int(number[len(prefix) :]) if number else 0


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
