"""Rules for settling a sync conflict: who settles, which value, which fields a lead may set."""

from __future__ import annotations

from enum import StrEnum

from fieldapp.domain.enums import Role
from fieldapp.domain.errors import DomainError

RESOLVING_ROLES = frozenset({Role.LEAD, Role.ADMIN})
# The assignment fields a lead may write (DESIGN §4.7, the central store's policy agrees):
# a conflict on any other field (an officer's result, a registrar's address) can only be
# settled by keeping the central store's value; its owner enters it again if it is wrong.
LEAD_SETTLED_FIELDS = frozenset(
    {
        "squad_code",
        "officer_id",
        "second_officer_id",
        "due_on",
        "priority",
        "matter",
        "status",
        "return_reason",
        "notes",
        "clock_pauses",
    }
)
MAX_NOTE_CHARS = 2000


class Choice(StrEnum):
    DEVICE = "device"  # the value the laptop sent
    SERVER = "server"  # the value the central store kept
    EDITED = "edited"  # a value the lead typed


class ConflictRefused(DomainError):
    base_code = "conflict_refused"


def settles_by_writing(entity: str, field: str) -> bool:
    """True when a lead may set ``field`` of ``entity`` to the chosen value."""
    return entity == "assignment" and field in LEAD_SETTLED_FIELDS


def check_resolution(
    *, role: Role, entity: str, field: str, choice: Choice, resolved: bool, note: str
) -> None:
    if Role(role) not in RESOLVING_ROLES:
        raise ConflictRefused("only a squad lead settles sync conflicts", reason="role")
    if resolved:
        raise ConflictRefused("this conflict is settled already", reason="resolved")
    if len(note) > MAX_NOTE_CHARS:
        raise ConflictRefused(
            f"the note is {len(note)} characters long; at most {MAX_NOTE_CHARS}", reason="note"
        )
    if Choice(choice) is not Choice.SERVER and not settles_by_writing(entity, field):
        raise ConflictRefused(
            f"{entity}.{field} is not a field a lead sets: keep the central store's value "
            "and ask its owner to enter it again",
            reason="not_lead_field",
        )
