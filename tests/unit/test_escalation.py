"""Tests of the four escalation levels: thresholds, recipients and the batch pass."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.domain.escalation import (
    DEFAULT_LEVELS,
    Escalation,
    EscalationItem,
    EscalationLevel,
    InvalidEscalationTable,
    Recipient,
    escalation_level,
    escalations_due,
    levels_from_mapping,
)

S = AssignmentStatus
DUE = date(2026, 10, 8)


def _level(today: date, status: S = S.IN_PROGRESS) -> int | None:
    return escalation_level(DUE, today, status=status)


@pytest.mark.parametrize(
    ("first_day", "level"),
    [
        (date(2026, 10, 5), 1),  # three days before the due day
        (date(2026, 10, 9), 2),  # the day after the due day: overdue
        (date(2026, 10, 24), 3),  # 16 days past due: overdue more than 15 days
        (date(2026, 11, 8), 4),  # 31 days past due: overdue more than 30 days
    ],
)
def test_each_level_starts_exactly_at_its_threshold(first_day: date, level: int) -> None:
    assert _level(first_day) == level
    day_before = _level(first_day - timedelta(days=1))
    assert day_before == (level - 1 or None)


def test_due_day_itself_is_not_overdue() -> None:
    assert _level(DUE) == 1


def test_fifteen_and_thirty_days_overdue_are_not_yet_over() -> None:
    assert _level(DUE + timedelta(days=15)) == 2
    assert _level(DUE + timedelta(days=30)) == 3


def test_level_four_stays() -> None:
    assert _level(DUE + timedelta(days=400)) == 4


def test_long_before_due_no_level() -> None:
    assert _level(DUE - timedelta(days=30)) is None


@pytest.mark.parametrize("status", [S.DONE, S.CANCELLED, S.RETURNED])
def test_closed_tasks_never_escalate(status: S) -> None:
    assert _level(DUE + timedelta(days=100), status) is None


@pytest.mark.parametrize("status", [S.REGISTERED, S.ROUTED, S.ASSIGNED, S.IN_PROGRESS])
def test_open_tasks_escalate(status: S) -> None:
    assert _level(DUE + timedelta(days=1), status) == 2


def test_default_recipients() -> None:
    assert [(entry.level, entry.min_days_overdue, entry.recipient) for entry in DEFAULT_LEVELS] == [
        (1, -3, Recipient.OFFICER),
        (2, 1, Recipient.LEAD),
        (3, 16, Recipient.CENTRE_HEAD),
        (4, 31, Recipient.BUREAU_CHIEF),
    ]
    # The recipients that log in are the same strings as their roles.
    assert Recipient.OFFICER.value == Role.OFFICER.value
    assert Recipient.LEAD.value == Role.LEAD.value


# --- configuration ------------------------------------------------------------------------------


def test_court_may_read_over_as_inclusive() -> None:
    table = levels_from_mapping({"3": {"min_days_overdue": 15}, "4": {"min_days_overdue": 30}})
    assert escalation_level(DUE, DUE + timedelta(days=15), status=S.ASSIGNED, table=table) == 3
    assert escalation_level(DUE, DUE + timedelta(days=30), status=S.ASSIGNED, table=table) == 4


def test_court_may_change_a_recipient() -> None:
    table = levels_from_mapping({"1": {"recipient": "lead"}})
    assert table[0].recipient is Recipient.LEAD
    assert table[1:] == DEFAULT_LEVELS[1:]


@pytest.mark.parametrize(
    ("mapping", "reason"),
    [
        ({"5": {"min_days_overdue": 60}}, "level"),
        ({"one": {"min_days_overdue": 60}}, "level"),
        ({"2": {"days": 3}}, "entry"),
        ({"2": 3}, "entry"),
        ({"2": {"recipient": "mayor"}}, "recipient"),
        ({"2": {"min_days_overdue": "1"}}, "min_days_overdue"),
        ({"3": {"min_days_overdue": 1}}, "min_days_overdue"),  # not after level 2
        ({"1": {"min_days_overdue": 2}}, "min_days_overdue"),
    ],
)
def test_bad_configuration_is_refused(mapping: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidEscalationTable) as caught:
        levels_from_mapping(mapping)
    assert caught.value.code == f"invalid_escalation_table.{reason}"


def test_bad_numbering_is_refused() -> None:
    with pytest.raises(InvalidEscalationTable, match="numbered"):
        levels_from_mapping({}, base=(EscalationLevel(2, 0, Recipient.LEAD),))


# --- the batch ----------------------------------------------------------------------------------


def test_batch_gives_level_and_recipient() -> None:
    today = date(2026, 10, 24)
    items: list[EscalationItem] = [
        ("a", DUE, "in_progress", "u1", "S1"),  # 16 days over → centre head
        ("b", today + timedelta(days=3), "assigned", "u2", "S2"),  # reminder to the officer
        ("c", today + timedelta(days=3), "routed", None, "S3"),  # nobody holds it: the lead
        ("d", today + timedelta(days=4), "assigned", "u2", "S2"),  # not yet
        ("e", DUE, "done", "u1", "S1"),  # finished
        ("f", None, "in_progress", "u1", "S1"),  # clock paused
    ]
    assert escalations_due(items, today) == [
        Escalation("a", 3, Recipient.CENTRE_HEAD, DUE, 16, "u1", "S1"),
        Escalation("b", 1, Recipient.OFFICER, today + timedelta(days=3), -3, "u2", "S2"),
        Escalation("c", 1, Recipient.LEAD, today + timedelta(days=3), -3, None, "S3"),
    ]


def test_batch_refuses_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        escalations_due([("a", DUE, "lost", None, None)], DUE)


_items = st.tuples(
    st.uuids().map(str),
    st.one_of(st.none(), st.integers(-60, 60).map(lambda n: DUE + timedelta(days=n))),
    st.sampled_from(list(S)).map(str),
    st.one_of(st.none(), st.sampled_from(["u1", "u2"])),
    st.one_of(st.none(), st.sampled_from(["S1", "S2"])),
)


@given(items=st.lists(_items, max_size=30), offset=st.integers(-40, 40))
def test_batch_matches_one_by_one(items: list[EscalationItem], offset: int) -> None:
    today = DUE + timedelta(days=offset)
    expected = []
    for assignment_id, due_on, status, officer_id, squad_code in items:
        if due_on is None:
            continue
        level = escalation_level(due_on, today, status=S(status))
        if level is None:
            continue
        # Brute force: the last default level whose threshold today has reached.
        overdue = (today - due_on).days
        reached = [entry for entry in DEFAULT_LEVELS if overdue >= entry.min_days_overdue]
        assert reached[-1].level == level
        recipient = reached[-1].recipient
        if recipient is Recipient.OFFICER and officer_id is None:
            recipient = Recipient.LEAD
        expected.append(
            Escalation(assignment_id, level, recipient, due_on, overdue, officer_id, squad_code)
        )
    assert escalations_due(items, today) == expected


def test_batch_of_many_runs() -> None:
    today = DUE
    items: list[EscalationItem] = [
        (str(n), DUE - timedelta(days=n % 50), "in_progress", "u", "S1") for n in range(100_000)
    ]
    result = escalations_due(items, today)
    assert len(result) == 100_000
    assert {item.level for item in result} == {1, 2, 3, 4}
