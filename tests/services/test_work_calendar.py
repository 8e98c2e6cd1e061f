"""Tests of China's working-day calendar: official 2026 holidays, 调休 days and court overrides."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from fieldapp.domain.deadlines import due_date
from fieldapp.domain.enums import Matter, Priority
from fieldapp.services.work_calendar import ChinaCalendar

D = date

# 国务院办公厅关于2026年部分节假日安排的通知
HOLIDAYS_2026 = [
    D(2026, 1, 1),
    D(2026, 1, 2),
    D(2026, 2, 16),  # Spring Festival, a Monday
    D(2026, 2, 23),
    D(2026, 4, 6),
    D(2026, 5, 4),
    D(2026, 5, 5),
    D(2026, 6, 19),
    D(2026, 9, 25),
    *[D(2026, 10, day) for day in range(1, 8)],
]
MAKE_UP_2026 = [  # weekend days made working days
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


@pytest.fixture
def calendar() -> ChinaCalendar:
    return ChinaCalendar()


def test_package_has_2026(calendar: ChinaCalendar) -> None:
    assert calendar.covers(2026)


@pytest.mark.parametrize("day", HOLIDAYS_2026, ids=str)
def test_official_holidays_are_rest_days(calendar: ChinaCalendar, day: date) -> None:
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize("day", MAKE_UP_2026, ids=str)
def test_make_up_weekend_days_are_working_days(calendar: ChinaCalendar, day: date) -> None:
    assert day.weekday() >= 5
    assert calendar.is_working_day(day)


def test_ordinary_days(calendar: ChinaCalendar) -> None:
    assert calendar.is_working_day(D(2026, 10, 8))  # Thursday after National Day
    assert not calendar.is_working_day(D(2026, 10, 11))  # an ordinary Sunday
    assert calendar.is_working_day(D(2026, 3, 2))


def test_deadline_ending_on_national_day_moves_to_october_eighth(calendar: ChinaCalendar) -> None:
    due = due_date(D(2026, 9, 24), Matter.LOCATE, Priority.NORMAL, calendar=calendar)
    assert due == D(2026, 10, 8)


def test_deadline_ending_on_a_make_up_sunday_stays(calendar: ChinaCalendar) -> None:
    due = due_date(D(2026, 9, 17), Matter.LOCATE, Priority.URGENT, calendar=calendar)
    assert due == D(2026, 9, 20)


def test_court_overrides_come_first() -> None:
    calendar = ChinaCalendar(
        extra_holidays=[D(2026, 3, 2)], extra_working_days=[D(2026, 10, 7), D(2026, 3, 7)]
    )
    assert not calendar.is_working_day(D(2026, 3, 2))
    assert calendar.is_working_day(D(2026, 10, 7))
    assert calendar.is_working_day(D(2026, 3, 7))
    due = due_date(D(2026, 9, 24), Matter.LOCATE, Priority.NORMAL, calendar=calendar)
    assert due == D(2026, 10, 7)


def test_a_day_cannot_be_both() -> None:
    with pytest.raises(ValueError, match="2026-03-02"):
        ChinaCalendar(extra_holidays=[D(2026, 3, 2)], extra_working_days=[D(2026, 3, 2)])


def test_unknown_year_falls_back_to_weekends_with_one_warning(
    calendar: ChinaCalendar, caplog: pytest.LogCaptureFixture
) -> None:
    # 2100 stands for "a year the package does not know yet" in any release.
    monday = D(2100, 1, 4)
    assert not calendar.covers(2100)
    with caplog.at_level(logging.WARNING, logger="fieldapp.services.work_calendar"):
        days = [calendar.is_working_day(monday + timedelta(days=n)) for n in range(7)]
    assert days == [True] * 5 + [False] * 2
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "2100" in warnings[0].getMessage()


def test_overrides_apply_in_an_unknown_year(calendar: ChinaCalendar) -> None:
    calendar = ChinaCalendar(extra_holidays=[D(2100, 1, 1)], extra_working_days=[D(2100, 1, 2)])
    assert not calendar.is_working_day(D(2100, 1, 1))  # a Friday
    assert calendar.is_working_day(D(2100, 1, 2))  # a Saturday
