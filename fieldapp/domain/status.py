"""The status machine of an assignment (外勤任务): which status may follow which."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fieldapp.domain.enums import AssignmentStatus as S
from fieldapp.domain.errors import InvalidTransition

# One table, read by the services and enforced by the server.  Staying in the same status is
# not a move, so no status lists itself; callers skip the check when the status is unchanged.
TRANSITIONS: Mapping[S, frozenset[S]] = MappingProxyType(
    {
        # The centre routes a new request, or sends it back / the case team withdraws it.
        S.REGISTERED: frozenset({S.ROUTED, S.RETURNED, S.CANCELLED}),
        # A lead assigns officers; a wrongly routed request goes back to the registrar.
        S.ROUTED: frozenset({S.ASSIGNED, S.REGISTERED, S.RETURNED, S.CANCELLED}),
        # The officer starts; the lead unassigns (back to the squad queue).
        S.ASSIGNED: frozenset({S.IN_PROGRESS, S.ROUTED, S.RETURNED, S.CANCELLED}),
        # Work has begun, so it never goes back to "assigned" (that would hide recorded visits);
        # the lead may still pull it back to the squad queue, and an officer who finds it cannot
        # be done (no such address, missing papers) returns it to the case team.
        S.IN_PROGRESS: frozenset({S.DONE, S.ROUTED, S.RETURNED, S.CANCELLED}),
        # The case team resubmits a corrected request, or withdraws it.
        S.RETURNED: frozenset({S.REGISTERED, S.CANCELLED}),
        # A finished or cancelled task is never reopened: a new request is registered instead.
        S.DONE: frozenset(),
        S.CANCELLED: frozenset(),
    }
)

_CLOSED = frozenset({S.DONE, S.RETURNED, S.CANCELLED})


def allowed_moves(status: S) -> frozenset[S]:
    """The statuses an assignment in `status` may move to."""
    return TRANSITIONS[S(status)]


def can_move(source: S, target: S) -> bool:
    return S(target) in TRANSITIONS[S(source)]


def check_move(source: S, target: S) -> None:
    """Raise InvalidTransition, naming both statuses, unless `source` may move to `target`."""
    source, target = S(source), S(target)
    allowed = TRANSITIONS[source]
    if target in allowed:
        return
    if source == target:
        detail = "it is already in that status"
    elif not allowed:
        detail = f"{source} is final"
    else:
        detail = f"from {source} it may only move to {', '.join(sorted(allowed))}"
    raise InvalidTransition(
        f"an assignment cannot move from {source} to {target}: {detail}",
        source=source,
        target=target,
    )


def is_terminal(status: S) -> bool:
    """True when no move leaves `status`."""
    return not TRANSITIONS[S(status)]


def is_open(status: S) -> bool:
    """True while the centre still owes work on the assignment (not done, returned or cancelled)."""
    return S(status) not in _CLOSED
