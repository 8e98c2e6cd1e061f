"""Sync conflicts for the lead: the open ones, side by side, and settling one — the chosen
value written to the record and the decision to the conflict, with their outbox ops, in one
transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.conflict_rules import (
    Choice,
    ConflictRefused,
    check_resolution,
    settles_by_writing,
)
from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.domain.errors import DomainError, InvalidTransition
from fieldapp.domain.status import check_move
from fieldapp.domain.vocabulary import parse_matter, parse_priority
from fieldapp.services.actor import Actor
from fieldapp.services.record_changes import change_record_in
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.engine import writing
from fieldapp.storage.oversight import Conflict
from fieldapp.storage.reference import StaffMember
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import utcnow
from fieldapp.storage.wire import WireDecoder, WireError, to_wire

# The lead picks officers from the two sides; typing an id by hand helps no one.
NOT_TYPED = frozenset({"officer_id", "second_officer_id", "squad_code", "clock_pauses"})
MAX_EDITED_CHARS = 2000


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    entity: str
    record_id: str
    record_label: str  # registration no. or case number; the id when the record is not here
    field: str
    device_value: Any
    server_value: Any
    current_value: Any
    device_text: str
    server_text: str
    raised_at: datetime
    raised_by: str  # whose laptop sent the losing edit
    lead_may_write: bool  # False: only "keep the central store's value" settles it
    may_type: bool


@dataclass(frozen=True, slots=True)
class Settled:
    conflict_id: str
    choice: Choice
    value: Any
    record_changed: bool


def open_conflicts(engine: Engine) -> list[ConflictView]:
    """Conflicts not settled yet, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Conflict.__table__)
            .where(Conflict.deleted.is_(False), Conflict.resolution.is_(None))
            .order_by(Conflict.raised_at)
        ).all()
        names = _staff_names(connection)
        return [_view(connection, row._mapping, names) for row in rows]


def resolve_conflict(
    engine: Engine,
    *,
    actor: Actor,
    role: Role,
    conflict_id: str,
    choice: Choice,
    edited: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Settled:
    """Settle one conflict with the device's value, the server's, or ``edited`` (typed)."""
    choice = Choice(choice)
    with writing(engine).begin() as connection:
        conflict = connection.execute(
            select(Conflict.__table__).where(Conflict.id == conflict_id)
        ).first()
        if conflict is None or conflict.deleted:
            raise ConflictRefused("no such conflict on this laptop", reason="missing")
        check_resolution(
            role=role,
            entity=conflict.entity,
            field=conflict.field,
            choice=choice,
            resolved=conflict.resolution is not None,
            note=note,
        )
        table = TABLES.get(conflict.entity)
        if table is None or conflict.field not in table.c:
            raise ConflictRefused(
                f"the conflict names {conflict.entity}.{conflict.field}, which this version "
                "does not know",
                reason="unknown_field",
            )
        record = connection.execute(select(table).where(table.c.id == conflict.record_id)).first()
        if record is None:
            raise ConflictRefused(
                "the record is not on this laptop (it may have left the squad); sync first",
                reason="no_record",
            )
        value = _chosen(conflict, choice, edited)
        current = record._mapping[conflict.field]
        changed = False
        if choice is not Choice.SERVER and value != current:
            if conflict.field == "status" and current is not None:
                _check_status_move(current, value)
            if conflict.field in ("officer_id", "second_officer_id"):
                other = "second_officer_id" if conflict.field == "officer_id" else "officer_id"
                if value is not None and value == record._mapping[other]:
                    raise ConflictRefused(
                        "the main and the second officer would be the same person",
                        reason="same",
                    )
            change_record_in(
                connection, conflict.entity, conflict.record_id, {conflict.field: value}
            )
            changed = True
        change_record_in(
            connection,
            "conflict",
            conflict_id,
            {
                "resolution": choice.value,
                "resolved_value": to_wire(value),
                "resolved_at": now or utcnow(),
                "resolved_by": actor.user_id,
                "note": note.strip(),
            },
        )
    return Settled(conflict_id, choice, value, changed)


def _check_status_move(current: Any, value: Any) -> None:
    # Refused like every other rule here, so the dialog says why instead of the excepthook.
    try:
        check_move(current, value)
    except InvalidTransition as error:
        raise ConflictRefused(error.message, reason="bad_move") from None


def _chosen(conflict: Any, choice: Choice, edited: str | None) -> Any:
    decoder = WireDecoder(TABLES[conflict.entity])
    if choice is Choice.EDITED:
        if conflict.field in NOT_TYPED:
            raise ConflictRefused(
                "choose one of the two officers or squads; they are not typed", reason="typed"
            )
        return parse_edited(conflict.entity, conflict.field, edited or "", decoder)
    raw = conflict.device_value if choice is Choice.DEVICE else conflict.server_value
    try:
        return decoder.decode({conflict.field: raw})[conflict.field]
    except WireError as error:
        raise ConflictRefused(
            f"the stored value cannot be used: {error}", reason="bad_value"
        ) from None


def parse_edited(entity: str, field: str, text: str, decoder: WireDecoder | None = None) -> Any:
    """A value the lead typed for ``entity.field``, checked like a value from the wire."""
    if len(text) > MAX_EDITED_CHARS:
        raise ConflictRefused(
            f"the value is {len(text)} characters long; at most {MAX_EDITED_CHARS}",
            reason="too_long",
        )
    decoder = decoder or WireDecoder(TABLES[entity])
    text = text.strip()
    try:
        if field == "matter":
            return parse_matter(text)
        if field == "priority":
            return parse_priority(text)
        if field == "status":
            return AssignmentStatus(text)
        column = TABLES[entity].c[field]
        if not text and column.nullable:
            return None
        return decoder.decode({field: text})[field]
    except (WireError, DomainError, ValueError) as error:
        if isinstance(error, ConflictRefused):
            raise
        raise ConflictRefused(f"{field}: {error}", reason="bad_value") from None


def _view(connection: Connection, row: Any, names: dict[str, str]) -> ConflictView:
    entity, field, record_id = row["entity"], row["field"], row["record_id"]
    label, current = record_id, None
    table = TABLES.get(entity)
    if table is not None and field in table.c:
        found = connection.execute(select(table).where(table.c.id == record_id)).first()
        if found is not None:
            current = to_wire(found._mapping[field])
            label = _label(connection, entity, found._mapping) or record_id

    def text(value: Any) -> str:
        if value is None:
            return ""
        if field in ("officer_id", "second_officer_id", "resolved_by"):
            return names.get(str(value), str(value))
        return str(value)

    return ConflictView(
        id=row["id"],
        entity=entity,
        record_id=record_id,
        record_label=label,
        field=field,
        device_value=row["device_value"],
        server_value=row["server_value"],
        current_value=current,
        device_text=text(row["device_value"]),
        server_text=text(row["server_value"]),
        raised_at=row["raised_at"],
        raised_by=names.get(row["created_by"] or "", ""),
        lead_may_write=settles_by_writing(entity, field),
        may_type=settles_by_writing(entity, field) and field not in NOT_TYPED,
    )


def _label(connection: Connection, entity: str, record: Any) -> str | None:
    if entity == "assignment":
        return str(record["registration_no"])
    if entity == "case":
        return str(record["case_number"])
    if "assignment_id" in record and record["assignment_id"]:
        number = connection.execute(
            select(Assignment.registration_no).where(Assignment.id == record["assignment_id"])
        ).scalar_one_or_none()
        return str(number) if number else None
    if "case_id" in record and record["case_id"]:
        number = connection.execute(
            select(Case.case_number).where(Case.id == record["case_id"])
        ).scalar_one_or_none()
        return str(number) if number else None
    return None


def _staff_names(connection: Connection) -> dict[str, str]:
    query = select(StaffMember.id, StaffMember.display_name)
    return {member_id: name for member_id, name in connection.execute(query)}
