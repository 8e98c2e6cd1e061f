"""The rules for pausing and resuming a task's deadline clock: each refusal by its rule, overlaps,
the one open pause, who may, and what the stored list looks like afterwards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fieldapp.domain.clock_pauses import (
    MAX_PAUSES,
    NOTE_LIMIT,
    PAUSE_REASONS,
    ClockPauseRefused,
    StoredPause,
    TaskClock,
    check_may_pause,
    check_stored_pauses,
    earliest_start,
    end_pause,
    paused_days,
    read_pauses,
    start_pause,
)
from fieldapp.domain.deadlines import WeekendCalendar, paused_due_date
from fieldapp.domain.enums import AssignmentStatus, Role

TODAY = date(2026, 3, 20)
CLOCK = TaskClock(AssignmentStatus.IN_PROGRESS, "S1", date(2026, 3, 1))
CLOSED = StoredPause(date(2026, 3, 5), date(2026, 3, 8), "public_notice")


def refused(rule: str, call: object, *args: object, **kwargs: object) -> ClockPauseRefused:
    assert callable(call)
    with pytest.raises(ClockPauseRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.rule == rule, caught.value
    assert caught.value.code == f"clock_pause_refused.{rule}"
    return caught.value


def start(pauses: tuple[StoredPause, ...], day: object, **kwargs: object) -> object:
    values: dict[str, object] = {"reason": "stay", "note": "", "clock": CLOCK, "today": TODAY}
    values.update(kwargs)
    return start_pause(pauses, start=day, **values)  # type: ignore[arg-type]


def test_a_pause_starts_open_and_ends_later() -> None:
    started = start((CLOSED,), date(2026, 3, 10), note=" （2026）黔01执100号之一 ")
    assert isinstance(started, tuple)
    assert started[-1] == StoredPause(date(2026, 3, 10), None, "stay", "（2026）黔01执100号之一")
    assert started[-1].to_json() == {
        "start": "2026-03-10",
        "end": None,
        "reason": "stay",
        "note": "（2026）黔01执100号之一",
    }
    ended = end_pause(started, end=date(2026, 3, 12), today=TODAY)
    assert ended[-1].end == date(2026, 3, 12)
    assert [p.days(TODAY) for p in ended] == [4, 3]
    assert paused_days(ended, TODAY) == 7
    # The end may be the start itself (a one-day pause) and today.
    assert end_pause(started, end=date(2026, 3, 10), today=TODAY)[-1].days(TODAY) == 1
    assert end_pause(started, end=TODAY, today=TODAY)[-1].end == TODAY
    # An open pause counts up to today.
    assert paused_days(started, TODAY) == 4 + 11


def test_each_reason_is_accepted_and_some_name_the_law() -> None:
    for reason in PAUSE_REASONS:
        assert start((), date(2026, 3, 2), reason=reason.code)
    by_code = {reason.code: reason for reason in PAUSE_REASONS}
    assert "民事诉讼法" in by_code["stay"].basis
    assert "民事诉讼法" in by_code["suspension"].basis
    assert "办理执行案件若干期限的规定" in by_code["public_notice"].basis
    assert by_code["other"].basis == ""


@pytest.mark.parametrize(
    ("day", "rule"),
    [
        (date(2026, 2, 28), "before_received"),
        (date(2026, 3, 21), "future"),
        (date(2026, 3, 8), "overlap"),  # the last day of the earlier pause
        (date(2026, 3, 4), "overlap"),  # before it: an open pause would swallow it
        (datetime(2026, 3, 10, 8, 0, tzinfo=UTC), "bad_date"),
        ("2026-03-10", "bad_date"),
        (None, "bad_date"),
    ],
)
def test_a_start_is_refused_by_its_rule(day: object, rule: str) -> None:
    refused(rule, start, (CLOSED,), day)


def test_the_day_after_an_earlier_pause_is_free() -> None:
    assert start((CLOSED,), date(2026, 3, 9))
    assert earliest_start(CLOCK, (CLOSED,)) == date(2026, 3, 9)
    assert earliest_start(CLOCK, ()) == CLOCK.received_on


def test_before_received_names_the_day() -> None:
    error = refused("before_received", start, (), date(2026, 2, 1))
    assert error.day == CLOCK.received_on


def test_a_second_open_pause_is_refused() -> None:
    started = start((CLOSED,), date(2026, 3, 10))
    assert isinstance(started, tuple)
    refused("open_exists", start, started, date(2026, 3, 15))


@pytest.mark.parametrize(
    ("reason", "note", "rule"),
    [
        ("unknown", "", "unknown_reason"),
        ("", "", "unknown_reason"),
        (None, "", "unknown_reason"),
        ("公告", "", "unknown_reason"),  # free text is no longer accepted for new pauses
        ("stay", "x" * (NOTE_LIMIT + 1), "note_too_long"),
        ("stay", "长" * 100_000, "note_too_long"),
        ("stay", "ok\x00", "note_control"),
        ("stay", "a\u202eb", "note_control"),  # right-to-left override
        ("stay", 12, "note_control"),
    ],
)
def test_hostile_reasons_and_notes_are_refused(reason: object, note: object, rule: str) -> None:
    refused(rule, start, (), date(2026, 3, 2), reason=reason, note=note)


def test_the_note_at_its_limit_is_kept() -> None:
    started = start((), date(2026, 3, 2), note="注" * NOTE_LIMIT)
    assert isinstance(started, tuple)
    assert len(started[0].note) == NOTE_LIMIT


def test_ends_are_refused_by_their_rule() -> None:
    refused("not_paused", end_pause, (CLOSED,), end=TODAY, today=TODAY)
    started = start((CLOSED,), date(2026, 3, 10))
    assert isinstance(started, tuple)
    error = refused("end_before_start", end_pause, started, end=date(2026, 3, 9), today=TODAY)
    assert error.day == date(2026, 3, 10)
    refused("future_end", end_pause, started, end=date(2026, 3, 21), today=TODAY)
    refused("bad_date", end_pause, started, end="2026-03-12", today=TODAY)


def test_an_end_overlapping_a_later_pause_is_refused() -> None:
    # Only reachable through data merged from elsewhere: an open pause before a closed one.
    pauses = (StoredPause(date(2026, 3, 2), None, "stay"), CLOSED)
    refused("overlap", end_pause, pauses, end=date(2026, 3, 6), today=TODAY)
    assert end_pause(pauses, end=date(2026, 3, 4), today=TODAY)[0].end == date(2026, 3, 4)


def test_too_many_pauses_are_refused() -> None:
    days = [date(2025, 1, 1) + timedelta(days=2 * n) for n in range(MAX_PAUSES)]
    pauses = tuple(StoredPause(day, day, "stay") for day in days)
    clock = TaskClock(AssignmentStatus.ASSIGNED, "S1", date(2025, 1, 1))
    refused("too_many", start, pauses, date(2026, 3, 2), clock=clock)


@pytest.mark.parametrize(
    ("role", "squad", "clock", "rule"),
    [
        (Role.OFFICER, "S1", CLOCK, "role"),
        (Role.SUPERVISOR, None, CLOCK, "role"),
        (Role.LEAD, "S2", CLOCK, "other_squad"),
        (Role.LEAD, None, CLOCK, "other_squad"),
        (Role.LEAD, None, TaskClock(AssignmentStatus.REGISTERED, None, CLOCK.received_on),
         "other_squad"),
        (Role.LEAD, "S1", TaskClock(AssignmentStatus.DONE, "S1", CLOCK.received_on), "closed"),
        (Role.ADMIN, None, TaskClock(AssignmentStatus.CANCELLED, "S1", CLOCK.received_on),
         "closed"),
    ],
)  # fmt: skip
def test_who_may_pause(role: Role, squad: str | None, clock: TaskClock, rule: str) -> None:
    refused(rule, check_may_pause, role, squad, clock)


def test_the_lead_of_the_squad_a_registrar_and_an_admin_may() -> None:
    check_may_pause(Role.LEAD, "S1", CLOCK)
    check_may_pause(Role.REGISTRAR, None, CLOCK)
    check_may_pause(Role.ADMIN, None, CLOCK)


@pytest.mark.parametrize(
    "stored",
    [
        "garbage",
        [{"end": None}],
        [{"start": "2026-13-01"}],
        [{"start": "2026-03-05", "end": "2026-03-01"}],
        [["2026-03-05"]],
        [{"start": 20260305}],
        [{"start": "2026-03-05"}] * (MAX_PAUSES + 1),
    ],
)
def test_unreadable_stored_pauses_refuse_any_change(stored: object) -> None:
    refused("unreadable", read_pauses, stored)


def test_stored_pauses_are_read_oldest_first_with_older_free_text() -> None:
    stored = [
        {"start": "2026-03-10", "end": None, "reason": "stay"},
        {"start": "2026-03-05", "end": "2026-03-08", "reason": "公告"},
    ]
    pauses = read_pauses(stored)
    assert [p.start for p in pauses] == [date(2026, 3, 5), date(2026, 3, 10)]
    assert pauses[0].reason == "公告"
    assert read_pauses(None) == read_pauses([]) == ()


def test_the_paused_due_date_moves_by_the_paused_days() -> None:
    """What the escalation pass computes from what these rules store (no holidays here)."""
    received, due = date(2026, 3, 2), date(2026, 3, 9)  # a 7-day task
    pauses = end_pause(
        start((), date(2026, 3, 5), clock=TaskClock(AssignmentStatus.ASSIGNED, "S1", received)),
        end=date(2026, 3, 12),
        today=TODAY,
    )
    moved = paused_due_date(received, due, [p.as_pause() for p in pauses], WeekendCalendar())
    assert moved == date(2026, 3, 17)  # 8 paused days: 9 + 8 = 17, a Tuesday


def test_a_whole_stored_list_is_checked_as_a_client_sends_it() -> None:
    kept = [
        {"start": "2026-03-01", "end": "2026-03-03", "reason": "公告"},
        {"start": "2026-03-04", "end": None, "reason": "stay", "note": "决定书"},
    ]
    assert len(check_stored_pauses(kept)) == 2
    assert check_stored_pauses([]) == ()
    refused("open_exists", check_stored_pauses, [kept[1], {**kept[1], "start": "2026-03-09"}])
    refused("overlap", check_stored_pauses, [kept[0], {**kept[0], "start": "2026-03-03"}])
    refused("unknown_reason", check_stored_pauses, [{**kept[0], "reason": " "}])
    refused("unreadable", check_stored_pauses, [{**kept[0], "by": "me"}])
    refused("unreadable", check_stored_pauses, None)
