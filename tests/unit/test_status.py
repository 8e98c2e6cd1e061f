"""Tests of the assignment status machine."""

from __future__ import annotations

import itertools
from types import MappingProxyType

import pytest

from fieldapp.domain.enums import AssignmentStatus as S
from fieldapp.domain.errors import DomainError, InvalidTransition
from fieldapp.domain.status import (
    TRANSITIONS,
    allowed_moves,
    can_move,
    check_move,
    is_open,
    is_terminal,
)

# Written out by hand, pair by pair, so that a change to the table has to be made twice.
EXPECTED_MOVES = {
    (S.REGISTERED, S.ROUTED),
    (S.REGISTERED, S.RETURNED),
    (S.REGISTERED, S.CANCELLED),
    (S.ROUTED, S.ASSIGNED),
    (S.ROUTED, S.REGISTERED),
    (S.ROUTED, S.RETURNED),
    (S.ROUTED, S.CANCELLED),
    (S.ASSIGNED, S.IN_PROGRESS),
    (S.ASSIGNED, S.ROUTED),
    (S.ASSIGNED, S.RETURNED),
    (S.ASSIGNED, S.CANCELLED),
    (S.IN_PROGRESS, S.DONE),
    (S.IN_PROGRESS, S.ROUTED),
    (S.IN_PROGRESS, S.RETURNED),
    (S.IN_PROGRESS, S.CANCELLED),
    (S.RETURNED, S.REGISTERED),
    (S.RETURNED, S.CANCELLED),
}

ALL_PAIRS = list(itertools.product(S, S))


def test_table_lists_every_status() -> None:
    assert set(TRANSITIONS) == set(S)


def test_table_is_read_only() -> None:
    assert isinstance(TRANSITIONS, MappingProxyType)
    with pytest.raises(TypeError):
        TRANSITIONS[S.DONE] = frozenset({S.ROUTED})  # type: ignore[index]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_can_move_matches_the_expected_table(source: S, target: S) -> None:
    assert can_move(source, target) is ((source, target) in EXPECTED_MOVES)


@pytest.mark.parametrize("status", list(S))
def test_allowed_moves_matches_the_expected_table(status: S) -> None:
    expected = frozenset(t for s, t in EXPECTED_MOVES if s == status)
    assert allowed_moves(status) == expected
    assert isinstance(allowed_moves(status), frozenset)


@pytest.mark.parametrize(("source", "target"), sorted(EXPECTED_MOVES))
def test_check_move_accepts_allowed_moves(source: S, target: S) -> None:
    assert check_move(source, target) is None


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in ALL_PAIRS if pair not in EXPECTED_MOVES]
)
def test_check_move_refuses_and_names_both_statuses(source: S, target: S) -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_move(source, target)
    error = caught.value
    assert isinstance(error, DomainError)
    assert isinstance(error, ValueError)
    assert error.code == "invalid_transition"
    assert (error.source, error.target) == (source, target)
    assert f"from {source.value} to {target.value}" in str(error)


def test_staying_in_a_status_is_not_a_move() -> None:
    with pytest.raises(InvalidTransition, match="already in that status"):
        check_move(S.ASSIGNED, S.ASSIGNED)


@pytest.mark.parametrize("status", [S.DONE, S.CANCELLED])
def test_final_statuses_say_so(status: S) -> None:
    with pytest.raises(InvalidTransition, match=f"{status.value} is final"):
        check_move(status, S.REGISTERED)


def test_refusal_lists_the_moves_that_are_allowed() -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_move(S.REGISTERED, S.DONE)
    assert "may only move to cancelled, returned, routed" in str(caught.value)


@pytest.mark.parametrize(
    ("status", "terminal", "open_"),
    [
        (S.REGISTERED, False, True),
        (S.ROUTED, False, True),
        (S.ASSIGNED, False, True),
        (S.IN_PROGRESS, False, True),
        (S.RETURNED, False, False),
        (S.DONE, True, False),
        (S.CANCELLED, True, False),
    ],
)
def test_terminal_and_open(status: S, terminal: bool, open_: bool) -> None:
    assert is_terminal(status) is terminal
    assert is_open(status) is open_


def test_plain_strings_are_accepted() -> None:
    assert can_move("assigned", "in_progress")  # type: ignore[arg-type]
    assert is_open("routed")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'finished' is not a valid AssignmentStatus"):
        can_move("done", "finished")  # type: ignore[arg-type]


def test_the_normal_path_is_a_chain_of_allowed_moves() -> None:
    path = [S.REGISTERED, S.ROUTED, S.ASSIGNED, S.IN_PROGRESS, S.DONE]
    for source, target in itertools.pairwise(path):
        check_move(source, target)


def _reachable(start: S) -> set[S]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_every_status_is_reachable_from_registered() -> None:
    assert _reachable(S.REGISTERED) == set(S)


@pytest.mark.parametrize("status", list(S))
def test_no_status_is_a_dead_end(status: S) -> None:
    """From anywhere an assignment can still be closed as done or cancelled."""
    assert _reachable(status) & {S.DONE, S.CANCELLED}
