"""Tests of the deadline clock: the rule table, the legal examples, holiday shifts and pauses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.deadlines import (
    CASE,
    DEFAULT_DEADLINES,
    PRACTICE,
    DeadlineRule,
    InvalidDeadlineTable,
    Pause,
    WeekendCalendar,
    WorkCalendar,
    add_months,
    case_due_date,
    deadlines_from_mapping,
    due_date,
    next_working_day,
    rule_for,
)
from fieldapp.domain.enums import Matter, Priority
from fieldapp.domain.errors import DomainError, InvalidPeriod, UnknownMatter

M, P, D = Matter, Priority, date


class EveryDay:
    """No rest days, so pause arithmetic is seen without holiday shifts."""

    def is_working_day(self, day: date) -> bool:
        return True


class NationalDay2026:
    """The official 2026 National Day arrangement (国办发明电〔2025〕7号), kept in the test so the
    domain is tested without the holiday package: 10-01..10-07 off, Sun 09-20 and Sat 10-10 on."""

    HOLIDAYS = frozenset(D(2026, 10, day) for day in range(1, 8))
    MAKE_UP = frozenset({D(2026, 9, 20), D(2026, 10, 10)})

    def is_working_day(self, day: date) -> bool:
        if day in self.HOLIDAYS:
            return False
        return day in self.MAKE_UP or day.weekday() < 5


WEEKENDS = WeekendCalendar()
ALWAYS = EveryDay()
CHINA = NationalDay2026()


def test_calendars_satisfy_the_protocol() -> None:
    calendars: list[WorkCalendar] = [WEEKENDS, ALWAYS, CHINA]
    assert all(calendar.is_working_day(D(2026, 3, 2)) for calendar in calendars)


# --- the table ----------------------------------------------------------------------------------


@pytest.mark.parametrize("matter", list(Matter))
@pytest.mark.parametrize("priority", list(Priority))
def test_default_table_covers_every_matter_and_priority(matter: Matter, priority: Priority) -> None:
    rule = rule_for(matter, priority)
    assert rule.subject == matter
    assert rule.priority == priority
    assert rule.basis.strip()
    assert rule.days is not None


def test_urgent_is_never_slower_than_normal() -> None:
    for matter in Matter:
        urgent, normal = rule_for(matter, P.URGENT), rule_for(matter, P.NORMAL)
        assert urgent.days is not None
        assert normal.days is not None
        assert urgent.days <= normal.days


def test_default_table_has_no_duplicate_keys() -> None:
    keys = [(rule.subject, rule.priority) for rule in DEFAULT_DEADLINES]
    assert len(keys) == len(set(keys))


def test_only_the_given_sources_are_cited() -> None:
    cited = {(rule.subject, rule.priority) for rule in DEFAULT_DEADLINES if rule.basis != PRACTICE}
    assert cited == {
        (M.SERVICE, P.NORMAL),
        (M.LOCATE, P.NORMAL),
        (M.LOCATE, P.URGENT),
        (M.INVESTIGATION, P.NORMAL),
        (M.INVESTIGATION, P.URGENT),
    }


# --- each rule with its legal example -----------------------------------------------------------


def test_asset_lead_is_verified_within_seven_days() -> None:
    # 财产调查规定 第2条: a lead reported on Monday 2 March is due Monday 9 March.
    rule = rule_for(M.LOCATE, P.NORMAL)
    assert "第二条" in rule.basis
    assert "七日" in rule.basis
    assert due_date(D(2026, 3, 2), M.LOCATE, P.NORMAL, calendar=WEEKENDS) == D(2026, 3, 9)


def test_urgent_asset_lead_is_verified_within_three_days() -> None:
    rule = rule_for(M.LOCATE, P.URGENT)
    assert "三日" in rule.basis
    assert due_date(D(2026, 3, 2), M.LOCATE, P.URGENT, calendar=WEEKENDS) == D(2026, 3, 5)
    assert due_date(D(2026, 3, 2), M.INVESTIGATION, P.URGENT, calendar=WEEKENDS) == D(2026, 3, 5)


def test_execution_notice_within_ten_days_of_filing() -> None:
    # 民诉法解释 第480条: counted from filing, not from the hand-over to the centre.
    rule = rule_for(M.SERVICE, P.NORMAL)
    assert "第四百八十条" in rule.basis
    assert rule.counts_from == "filed"
    assert due_date(D(2026, 3, 2), M.SERVICE, P.NORMAL, calendar=WEEKENDS) == D(2026, 3, 12)


def test_case_is_due_six_months_after_filing() -> None:
    assert rule_for(CASE, None).counts_from == "filed"
    assert case_due_date(D(2026, 1, 10), WEEKENDS) == D(2026, 7, 10)
    assert case_due_date(D(2026, 3, 31), WEEKENDS) == D(2026, 9, 30)


def test_case_filed_at_month_end_ends_at_the_shorter_months_end() -> None:
    # 2027-02-28 (no 31 February, 民法典 第202条) is a Sunday, so Monday 1 March.
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert case_due_date(D(2026, 8, 31), WEEKENDS) == D(2027, 3, 1)
    assert case_due_date(D(2026, 8, 31), ALWAYS) == D(2027, 2, 28)


def test_start_day_is_not_counted() -> None:
    # 民诉法 第85条: a one-day period started today is due tomorrow, not today.
    table = deadlines_from_mapping({"posting": {"days": 1, "basis": "test"}})
    due = due_date(D(2026, 3, 2), M.POSTING, P.URGENT, calendar=ALWAYS, table=table)
    assert due == D(2026, 3, 3)


# --- holidays -----------------------------------------------------------------------------------


def test_period_ending_on_national_day_moves_past_the_holiday_week() -> None:
    # 民诉法 第85条: last day 2026-10-01 is a holiday; 10-01..10-07 off, so Thursday 10-08.
    start = D(2026, 9, 24)
    assert due_date(start, M.LOCATE, P.NORMAL, calendar=WEEKENDS) == D(2026, 10, 1)
    assert due_date(start, M.LOCATE, P.NORMAL, calendar=CHINA) == D(2026, 10, 8)


@pytest.mark.parametrize("last_day", [D(2026, 10, day) for day in range(1, 8)])
def test_every_day_of_the_holiday_week_moves_to_the_eighth(last_day: date) -> None:
    start = last_day - timedelta(days=3)
    assert due_date(start, M.LOCATE, P.URGENT, calendar=CHINA) == D(2026, 10, 8)


def test_make_up_working_days_are_not_moved() -> None:
    # Sunday 09-20 and Saturday 10-10 are 调休 working days: a period ending there stays.
    assert due_date(D(2026, 9, 17), M.LOCATE, P.URGENT, calendar=CHINA) == D(2026, 9, 20)
    assert due_date(D(2026, 10, 7), M.LOCATE, P.URGENT, calendar=CHINA) == D(2026, 10, 10)
    # Sunday 10-11 is an ordinary rest day again.
    assert due_date(D(2026, 10, 8), M.LOCATE, P.URGENT, calendar=CHINA) == D(2026, 10, 12)


def test_holidays_inside_the_period_do_not_extend_it() -> None:
    # Only the LAST day moves; a period counted in calendar days runs through the holidays.
    assert due_date(D(2026, 9, 30), M.LOCATE, P.NORMAL, calendar=CHINA) == D(2026, 10, 8)
    assert due_date(D(2026, 9, 29), M.SEARCH, P.NORMAL, calendar=CHINA) == D(2026, 10, 14)


def test_weekend_last_day_moves_to_monday() -> None:
    assert due_date(D(2026, 3, 4), M.LOCATE, P.URGENT, calendar=WEEKENDS) == D(2026, 3, 9)


def test_next_working_day() -> None:
    assert next_working_day(D(2026, 10, 1), CHINA) == D(2026, 10, 8)
    assert next_working_day(D(2026, 10, 8), CHINA) == D(2026, 10, 8)


def test_a_calendar_without_working_days_is_refused_not_looped() -> None:
    class Never:
        def is_working_day(self, day: date) -> bool:
            return False

    with pytest.raises(InvalidPeriod, match="no working day"):
        due_date(D(2026, 3, 2), M.LOCATE, P.NORMAL, calendar=Never())


# --- pauses -------------------------------------------------------------------------------------

START = D(2026, 3, 2)  # LOCATE/NORMAL: due 03-09 without pauses


def _due(*pauses: Pause, calendar: WorkCalendar = ALWAYS) -> date | None:
    return due_date(START, M.LOCATE, P.NORMAL, calendar=calendar, pauses=pauses)


def test_closed_pause_extends_by_its_days() -> None:
    assert _due(Pause(D(2026, 3, 4), D(2026, 3, 6), "公告期")) == D(2026, 3, 12)


def test_pause_on_the_due_day_counts() -> None:
    assert _due(Pause(D(2026, 3, 9), D(2026, 3, 9), "暂缓执行")) == D(2026, 3, 10)


def test_pause_after_the_due_day_changes_nothing() -> None:
    assert _due(Pause(D(2026, 3, 10), D(2026, 3, 20), "暂缓执行")) == D(2026, 3, 9)
    assert _due(Pause(D(2026, 3, 10), None, "暂缓执行")) == D(2026, 3, 9)


def test_pause_ending_on_the_start_day_changes_nothing() -> None:
    assert _due(Pause(D(2026, 2, 20), START, "公告期")) == D(2026, 3, 9)


def test_pause_over_the_start_counts_only_its_days_after_the_start() -> None:
    assert _due(Pause(D(2026, 3, 1), D(2026, 3, 3), "公告期")) == D(2026, 3, 10)


def test_overlapping_pauses_count_each_day_once() -> None:
    pauses = (Pause(D(2026, 3, 5), D(2026, 3, 8), "b"), Pause(D(2026, 3, 4), D(2026, 3, 6), "a"))
    assert _due(*pauses) == D(2026, 3, 14)
    assert _due(*pauses, calendar=WEEKENDS) == D(2026, 3, 16)  # 03-14 is a Saturday


def test_pause_that_starts_within_the_extension_counts_too() -> None:
    first = Pause(D(2026, 3, 4), D(2026, 3, 6), "公告期")  # due 03-12
    assert _due(first, Pause(D(2026, 3, 11), D(2026, 3, 11), "暂缓执行")) == D(2026, 3, 13)


def test_open_pause_stops_the_clock() -> None:
    assert _due(Pause(D(2026, 3, 4), None, "暂缓执行")) is None
    assert case_due_date(D(2026, 1, 10), WEEKENDS, (Pause(D(2026, 2, 1), None, "暂缓"),)) is None


def test_pause_then_holiday() -> None:
    # 7 days from 09-20 end 09-27; a 4-day notice period pushes that to 10-01, a holiday.
    pause = Pause(D(2026, 9, 22), D(2026, 9, 25), "公告期")
    due = due_date(D(2026, 9, 20), M.LOCATE, P.NORMAL, calendar=CHINA, pauses=(pause,))
    assert due == D(2026, 10, 8)


def test_pause_must_not_end_before_it_starts() -> None:
    with pytest.raises(InvalidPeriod, match="before it starts") as caught:
        Pause(D(2026, 3, 5), D(2026, 3, 4), "x")
    assert caught.value.code == "invalid_period.pause"


def test_dates_not_datetimes() -> None:
    with pytest.raises(TypeError, match="must be a date"):
        due_date(datetime(2026, 3, 2, tzinfo=UTC), M.LOCATE, P.NORMAL, calendar=ALWAYS)
    with pytest.raises(TypeError, match="must be a date"):
        Pause(datetime(2026, 3, 2, tzinfo=UTC), None, "x")


def _reference_due(
    start: date, days: int, pauses: list[Pause], calendar: WorkCalendar
) -> date | None:
    """Day by day: count the days after the start on which no pause holds."""
    counted, day = 0, start
    while counted < days:
        day += timedelta(days=1)
        holding = [p for p in pauses if p.start <= day and (p.end is None or day <= p.end)]
        if any(p.end is None for p in holding):
            return None
        if not holding:
            counted += 1
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


_days = st.integers(min_value=-10, max_value=40).map(lambda n: START + timedelta(days=n))


@st.composite
def _pauses(draw: st.DrawFn) -> Pause:
    begin = draw(_days)
    if draw(st.booleans()) and draw(st.booleans()):
        return Pause(begin, None, "open")
    return Pause(begin, begin + timedelta(days=draw(st.integers(0, 8))), "closed")


@given(
    days=st.integers(min_value=1, max_value=20),
    pauses=st.lists(_pauses(), max_size=4),
    china=st.booleans(),
)
def test_due_date_matches_a_day_by_day_count(days: int, pauses: list[Pause], china: bool) -> None:
    calendar: WorkCalendar = CHINA if china else WEEKENDS
    table = deadlines_from_mapping({"locate": {"days": days, "basis": "test"}})
    due = due_date(START, M.LOCATE, P.NORMAL, calendar=calendar, pauses=pauses, table=table)
    assert due == _reference_due(START, days, pauses, calendar)


@given(day=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), months=st.integers(1, 60))
def test_add_months_lands_on_the_same_day_or_the_month_end(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(1)).day == 1)


# --- configuration ------------------------------------------------------------------------------


def test_mapping_changes_one_entry_and_keeps_the_rest() -> None:
    table = deadlines_from_mapping({"locate/urgent": {"days": 2, "basis": "本院规定"}})
    assert rule_for(M.LOCATE, P.URGENT, table).days == 2
    assert rule_for(M.LOCATE, P.URGENT, table).basis == "本院规定"
    assert rule_for(M.LOCATE, P.NORMAL, table) == rule_for(M.LOCATE, P.NORMAL)
    assert len(table) == len(DEFAULT_DEADLINES)


def test_matter_key_replaces_every_priority() -> None:
    table = deadlines_from_mapping({"seal": {"days": 5, "basis": "本院规定"}})
    assert rule_for(M.SEAL, P.NORMAL, table).days == 5
    assert rule_for(M.SEAL, P.URGENT, table).days == 5
    assert rule_for(M.SEAL, P.URGENT, table).priority is None


def test_case_deadline_is_configurable() -> None:
    table = deadlines_from_mapping(
        {"case": {"months": 3, "basis": "非诉执行案件", "counts_from": "filed"}}
    )
    assert case_due_date(D(2026, 1, 10), WEEKENDS, table=table) == D(2026, 4, 10)


@pytest.mark.parametrize(
    ("mapping", "reason"),
    [
        ({"lcoate": {"days": 7, "basis": "x"}}, "subject"),
        ({"locate/soon": {"days": 7, "basis": "x"}}, "priority"),
        ({"locate": {"days": 7}}, "entry"),
        ({"locate": {"days": 7, "basis": "x", "dayz": 3}}, "entry"),
        ({"locate": 7}, "entry"),
        ({"locate": {"days": 7, "months": 1, "basis": "x"}}, "length"),
        ({"locate": {"basis": "x"}}, "length"),
        ({"locate": {"days": 0, "basis": "x"}}, "length"),
        ({"locate": {"days": True, "basis": "x"}}, "length"),
        ({"locate": {"days": 7, "basis": "  "}}, "basis"),
        ({"locate": {"days": 7, "basis": "x", "counts_from": "served"}}, "counts_from"),
    ],
)
def test_bad_configuration_is_refused(mapping: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidDeadlineTable) as caught:
        deadlines_from_mapping(mapping)
    assert caught.value.code == f"invalid_deadline_table.{reason}"
    assert isinstance(caught.value, DomainError)


def test_missing_rule_is_reported() -> None:
    table = tuple(rule for rule in DEFAULT_DEADLINES if rule.subject != M.SEARCH)
    with pytest.raises(UnknownMatter, match="search"):
        due_date(START, M.SEARCH, P.NORMAL, calendar=ALWAYS, table=table)


def test_rule_is_frozen() -> None:
    rule = DeadlineRule(M.SEAL, None, 3, None, "x")
    with pytest.raises(AttributeError):
        rule.days = 4  # type: ignore[misc]
