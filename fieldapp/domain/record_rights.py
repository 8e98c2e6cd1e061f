"""Which role may create which kind of record: the central store's rule, known to the laptop.

The central store refuses an insert the rule forbids (`server.policy.check_can_insert` asks
this module), so the laptop disables the action beforehand instead of letting a change be
recorded that is rejected at the next sync.  Only the right to *create* lives here; scopes (a
record of another squad) and the fields a role may change stay with the server's policy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from fieldapp.domain.enums import Role

# Reference data an admin keeps.
REFERENCE_KINDS: Final = frozenset(
    {"region", "matter_type", "squad", "staff_member", "routing_rule"}
)
# What a registrar registers.
REGISTERED_KINDS: Final = frozenset({"case", "party", "assignment"})
# Records only the central store makes.
SERVER_MADE_KINDS: Final = frozenset({"conflict", "escalation"})
# Append-only records of the field work (visits, evidence, asset control, notices, service).
FIELD_RECORD_KINDS: Final = frozenset(
    {"visit_attempt", "evidence_item", "asset_control", "notice", "service_record"}
)


class InsertRefusal(StrEnum):
    """Why a role may not create a kind of record; the UI words each for the person."""

    READ_ONLY_ROLE = "read_only_role"  # supervisors read, they change nothing
    ADMIN_ONLY = "admin_only"
    REGISTRAR_ONLY = "registrar_only"
    SERVER_MADE = "server_made"


def insert_refusal(role: Role, entity: str) -> InsertRefusal | None:
    """Why ``role`` may not create an ``entity`` record; None when it may."""
    if role is Role.SUPERVISOR:
        return InsertRefusal.READ_ONLY_ROLE
    if entity in REFERENCE_KINDS and role is not Role.ADMIN:
        return InsertRefusal.ADMIN_ONLY
    if entity in REGISTERED_KINDS and role not in (Role.REGISTRAR, Role.ADMIN):
        return InsertRefusal.REGISTRAR_ONLY
    if entity in SERVER_MADE_KINDS:
        return InsertRefusal.SERVER_MADE
    return None


def may_create(role: Role | str, entity: str) -> bool:
    """True when ``role`` may create an ``entity`` record (an unknown role may not)."""
    try:
        known = Role(role)
    except ValueError:
        return False
    return insert_refusal(known, entity) is None


def refusal_message(refusal: InsertRefusal, entity: str) -> str:
    """The refusal in plain English (the central store's wording, sent back to laptops)."""
    name = entity.replace("_", " ")
    if refusal is InsertRefusal.READ_ONLY_ROLE:
        return "supervisors read; they do not change records"
    if refusal is InsertRefusal.ADMIN_ONLY:
        return f"only an admin may add {name} records"
    if refusal is InsertRefusal.REGISTRAR_ONLY:
        return f"only a registrar registers {entity} records"
    return f"{entity} records are raised by the central store, not by laptops"
