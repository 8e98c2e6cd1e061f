"""Who may write what on the central store: roles, entities and the fields each role owns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.domain.clock_pauses import ClockPauseRefused, check_stored_pauses
from fieldapp.domain.enums import Role
from fieldapp.domain.record_rights import (
    FIELD_RECORD_KINDS,
    REFERENCE_KINDS,
    insert_refusal,
    refusal_message,
)

REFERENCE = REFERENCE_KINDS
APPEND_ONLY = FIELD_RECORD_KINDS
# Entities that hang off an assignment and share its squad's scope.
BY_ASSIGNMENT = APPEND_ONLY | {"conflict", "escalation"}

# Columns a client never sets: the server stamps them.
SERVER_COLUMNS = frozenset({"id", "version", "created_by", "device_id", "deleted"})

# Assignment fields by owner (DESIGN §4.7): edits to different owners' fields both stand.
ASSIGNMENT_LEAD_FIELDS = frozenset(
    {
        "squad_code",
        "officer_id",
        "second_officer_id",
        "due_on",
        "priority",
        "matter",
        "clock_pauses",
    }
)
ASSIGNMENT_OFFICER_FIELDS = frozenset({"status", "result", "completed_at", "lat", "lon"})
ASSIGNMENT_REGISTRAR_FIELDS = frozenset(
    {"address", "party_id", "case_id", "region_code", "requested_by", "notes", "return_reason"}
)

CONFLICT_RESOLUTION_FIELDS = frozenset(
    {"resolved_value", "resolution", "resolved_at", "resolved_by", "note", "updated_at"}
)
ESCALATION_ACK_FIELDS = frozenset({"acknowledged_at", "acknowledged_by", "updated_at"})


class Refused(Exception):
    """An op the caller's role or scope does not allow; the message is for the officer."""


def check_can_insert(role: Role, entity: str) -> None:
    # The rule is the domain's, so the laptop disables what would be refused here.
    refusal = insert_refusal(role, entity)
    if refusal is not None:
        raise Refused(refusal_message(refusal, entity))


def editable_fields(role: Role, entity: str) -> frozenset[str]:
    """The fields ``role`` may change on an existing ``entity`` record."""
    if entity == "escalation":
        # Any role may be an escalation's recipient (the heads are supervisors); that the
        # caller is the recipient is checked on the record, by check_update.
        return ESCALATION_ACK_FIELDS
    if role is Role.SUPERVISOR or entity in APPEND_ONLY:
        return frozenset()
    if role is Role.ADMIN:
        return frozenset({"*"})
    if entity == "assignment":
        if role is Role.LEAD:
            return ASSIGNMENT_LEAD_FIELDS | {"status", "return_reason", "notes", "updated_at"}
        if role is Role.OFFICER:
            return ASSIGNMENT_OFFICER_FIELDS | {"updated_at"}
        if role is Role.REGISTRAR:
            return ASSIGNMENT_REGISTRAR_FIELDS | ASSIGNMENT_LEAD_FIELDS | {"status", "updated_at"}
    if entity in ("case", "party") and role is Role.REGISTRAR:
        return frozenset({"*"})
    if entity == "conflict" and role is Role.LEAD:
        return CONFLICT_RESOLUTION_FIELDS
    return frozenset()


def check_update(
    user_id: str, entity: str, row: Mapping[str, Any], data: Mapping[str, Any]
) -> None:
    """Checks on the record itself, beyond the fields the role may change.

    An escalation is acknowledged by the person it was raised to, only, in their own name,
    and once: the acknowledgement is the record that they were told.  An assignment's clock
    pauses keep the rules of domain.clock_pauses (readable, no overlap, one open at most).
    """
    if entity == "assignment" and "clock_pauses" in data:
        try:
            check_stored_pauses(data["clock_pauses"])
        except ClockPauseRefused as error:
            raise Refused(f"clock pauses refused: {error.message}") from None
    if entity != "escalation":
        return
    if row.get("raised_to") != user_id:
        raise Refused("only the person an escalation was raised to may acknowledge it")
    if "acknowledged_by" in data and data["acknowledged_by"] != user_id:
        raise Refused("an escalation is acknowledged in one's own name")
    if set(data) & {"acknowledged_at", "acknowledged_by"} and (
        data.get("acknowledged_at", row.get("acknowledged_at")) is None
        or data.get("acknowledged_by", row.get("acknowledged_by")) is None
    ):
        raise Refused("an acknowledgement needs both its time and who acknowledged")
    if row.get("acknowledged_at") is not None and any(
        name in data and data[name] != row.get(name)
        for name in ("acknowledged_at", "acknowledged_by")
    ):
        raise Refused("this escalation was acknowledged already")


def check_can_delete(role: Role, entity: str) -> None:
    if entity in APPEND_ONLY:
        raise Refused(f"{entity.replace('_', ' ')} records are never deleted; record a correction")
    if role is Role.ADMIN or (role is Role.REGISTRAR and entity in ("case", "party", "assignment")):
        return
    raise Refused(f"a {role.value} may not delete {entity.replace('_', ' ')} records")
