"""Rules for giving a field task to officers: who may assign, how many officers a matter needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from fieldapp.domain.enums import MATTER_NAMES_ZH, AssignmentStatus, Matter, Role
from fieldapp.domain.errors import DomainError
from fieldapp.domain.status import is_open

# The squad lead gives tasks to officers (DESIGN §1); an admin may stand in for one.
ASSIGNING_ROLES = frozenset({Role.LEAD, Role.ADMIN})
# Who can be sent out: field officers, and a lead who goes out with them.
ASSIGNABLE_ROLES = frozenset({Role.OFFICER, Role.LEAD})

# Seizure, search and eviction are carried out by at least two officers (issue 4's statutory
# checks). A court's MatterType.min_officers, when it has one, wins over this table.
DEFAULT_MIN_OFFICERS: Mapping[Matter, int] = MappingProxyType(
    {Matter.SEIZE: 2, Matter.SEARCH: 2, Matter.EVICTION: 2}
)


class AssignmentRefused(DomainError):
    """``details`` hold the names the message uses, for a translated message in the window."""

    base_code = "assignment_refused"

    def __init__(self, message: str, *, reason: str, **details: str) -> None:
        super().__init__(message, reason=reason)
        self.details = details


@dataclass(frozen=True, slots=True)
class Candidate:
    """An officer as the rules see them."""

    id: str
    name: str
    squad_code: str | None
    role: Role
    active: bool = True


def min_officers(matter: Matter, configured: int | None = None) -> int:
    """How many officers ``matter`` needs: the court's setting, else the table above."""
    if configured is not None and configured >= 1:
        return configured
    return DEFAULT_MIN_OFFICERS.get(Matter(matter), 1)


def check_may_assign(role: Role) -> None:
    if Role(role) not in ASSIGNING_ROLES:
        raise AssignmentRefused(
            f"a {Role(role).value} may not assign tasks; the squad lead does",
            reason="role",
            role=Role(role).value,
        )


def _check_candidate(candidate: Candidate, squad_code: str | None, label: str) -> None:
    if not candidate.active:
        raise AssignmentRefused(
            f"{label} {candidate.name} is no longer active", reason="inactive", name=candidate.name
        )
    if candidate.role not in ASSIGNABLE_ROLES:
        raise AssignmentRefused(
            f"{label} {candidate.name} is a {candidate.role.value}, not a field officer",
            reason="not_officer",
            name=candidate.name,
        )
    if candidate.squad_code != squad_code:
        raise AssignmentRefused(
            f"{label} {candidate.name} belongs to another squad than the task "
            f"({candidate.squad_code or 'none'} ≠ {squad_code or 'none'})",
            reason="other_squad",
            name=candidate.name,
            squad=candidate.squad_code or "",
            task_squad=squad_code or "",
        )


def check_assignment(
    *,
    role: Role,
    actor_squad: str | None,
    task_squad: str | None,
    status: AssignmentStatus,
    matter: Matter,
    needed: int,
    main: Candidate,
    second: Candidate | None,
) -> AssignmentStatus:
    """Refuse with the rule's name, or return the status the task has once assigned."""
    check_may_assign(role)
    if task_squad is None or AssignmentStatus(status) is AssignmentStatus.REGISTERED:
        raise AssignmentRefused(
            "the task is not routed to a squad yet; the registrar routes it first",
            reason="unrouted",
        )
    if Role(role) is Role.LEAD and actor_squad != task_squad:
        raise AssignmentRefused(
            f"the task belongs to squad {task_squad}; a lead assigns only their own squad's",
            reason="other_squad_task",
            task_squad=task_squad,
        )
    if not is_open(status):
        raise AssignmentRefused(
            f"the task is {AssignmentStatus(status).value}: a closed task is not assigned again",
            reason="closed",
            status=AssignmentStatus(status).value,
        )
    _check_candidate(main, task_squad, "officer")
    if second is not None:
        if second.id == main.id:
            raise AssignmentRefused(
                f"{main.name} cannot be both the main and the second officer",
                reason="same",
                name=main.name,
            )
        _check_candidate(second, task_squad, "second officer")
    if second is None and needed >= 2:
        raise AssignmentRefused(
            f"{MATTER_NAMES_ZH[Matter(matter)]} ({Matter(matter).value}) needs at least "
            f"{needed} officers: choose a second officer",
            reason="needs_two",
            matter=Matter(matter).value,
            needed=str(needed),
        )
    # Routed → assigned; a task that is assigned or under way keeps its status on reassignment.
    if AssignmentStatus(status) is AssignmentStatus.ROUTED:
        return AssignmentStatus.ASSIGNED
    return AssignmentStatus(status)


def pair_problem(main_id: str | None, second_id: str | None, needed: int) -> str | None:
    """What is wrong with a choice of officers before it is sent, as a reason code
    (``no_officer``, ``same``, ``needs_two``), or None."""
    if not main_id:
        return "no_officer"
    if second_id is not None and second_id == main_id:
        return "same"
    if second_id is None and needed >= 2:
        return "needs_two"
    return None
