"""Tests of the legal-period table and the expiry dates of asset control."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.enums import AssetKind
from fieldapp.domain.errors import (
    DomainError,
    InvalidPeriod,
    InvalidPeriodTable,
    PeriodTooLong,
    RenewalTooLate,
    UnknownAssetKind,
)
from fieldapp.domain.legal_periods import (
    DEFAULT_PERIODS,
    LegalPeriod,
    days_left,
    expiry_date,
    is_expired,
    period_for,
    periods_from_mapping,
    renewal_expiry,
)

K = AssetKind
D = date


# --- the table ----------------------------------------------------------------------------------


def test_default_table_has_one_entry_per_asset_kind() -> None:
    kinds = [entry.asset_kind for entry in DEFAULT_PERIODS]
    assert sorted(kinds) == sorted(AssetKind)


@pytest.mark.parametrize(
    ("kind", "months", "words"),
    [
        (K.BANK_DEPOSIT, 12, "银行存款的期限不得超过一年"),
        (K.MOVABLE, 24, "动产的期限不得超过二年"),
        (K.VEHICLE, 24, "动产的期限不得超过二年"),
        (K.REAL_ESTATE, 36, "不动产"),
        (K.EQUITY, 36, "其他财产权"),
        (K.OTHER, 36, "其他财产权"),
    ],
)
def test_default_periods_and_their_basis(kind: AssetKind, months: int, words: str) -> None:
    entry = period_for(kind)
    assert entry.max_months == months
    assert "第四百八十五条" in entry.basis
    assert words in entry.basis


def test_entries_are_frozen() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_PERIODS[0].max_months = 99  # type: ignore[misc]


def test_a_table_without_the_kind_refuses_it() -> None:
    table = (LegalPeriod(K.BANK_DEPOSIT, 12, "basis"),)
    with pytest.raises(UnknownAssetKind):
        period_for(K.REAL_ESTATE, table)
    with pytest.raises(UnknownAssetKind):
        expiry_date(D(2026, 1, 10), K.REAL_ESTATE, table=table)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((K.BANK_DEPOSIT, 0, "basis"), "max_months"),
        ((K.BANK_DEPOSIT, -12, "basis"), "max_months"),
        ((K.BANK_DEPOSIT, True, "basis"), "max_months"),
        ((K.BANK_DEPOSIT, 12.0, "basis"), "max_months"),
        ((K.BANK_DEPOSIT, 12, ""), "basis"),
        ((K.BANK_DEPOSIT, 12, "  "), "basis"),
        (("bank_deposit", 12, "basis"), "asset_kind"),
    ],
)
def test_bad_entries_are_refused(args: tuple[object, object, object], reason: str) -> None:
    with pytest.raises(InvalidPeriodTable) as caught:
        LegalPeriod(*args)  # type: ignore[arg-type]
    assert caught.value.code == f"invalid_period_table.{reason}"


# --- configuration ------------------------------------------------------------------------------


def test_mapping_overrides_one_kind_and_keeps_the_rest() -> None:
    table = periods_from_mapping({"bank_deposit": {"max_months": 6, "basis": "本院规定"}})
    assert period_for(K.BANK_DEPOSIT, table) == LegalPeriod(K.BANK_DEPOSIT, 6, "本院规定")
    for kind in AssetKind:
        if kind is not K.BANK_DEPOSIT:
            assert period_for(kind, table) == period_for(kind)
    assert expiry_date(D(2026, 1, 10), K.BANK_DEPOSIT, table=table) == D(2026, 7, 9)
    with pytest.raises(PeriodTooLong, match="maximum is 6 months"):
        expiry_date(D(2026, 1, 10), K.BANK_DEPOSIT, 12, table=table)


def test_empty_mapping_gives_the_base_table() -> None:
    assert periods_from_mapping({}) == DEFAULT_PERIODS
    assert periods_from_mapping({}, base=()) == ()


def test_mapping_on_an_empty_base_builds_only_what_it_names() -> None:
    table = periods_from_mapping({"equity": {"max_months": 36, "basis": "b"}}, base=())
    assert table == (LegalPeriod(K.EQUITY, 36, "b"),)


@pytest.mark.parametrize(
    ("mapping", "reason", "words"),
    [
        ({"bank": {"max_months": 12, "basis": "b"}}, "asset_kind", "unknown asset kind 'bank'"),
        ({"bank_deposit": 12}, "entry", "must hold max_months and basis"),
        ({"bank_deposit": {"max_months": 12}}, "entry", "no basis"),
        ({"bank_deposit": {"months": 12, "basis": "b"}}, "entry", "unknown keys months"),
        ({"bank_deposit": {"max_months": "12", "basis": "b"}}, "max_months", "not '12'"),
        ({"bank_deposit": {"max_months": 0, "basis": "b"}}, "max_months", "at least 1"),
        ({"bank_deposit": {"max_months": 12, "basis": ""}}, "basis", "basis must be given"),
    ],
)
def test_bad_configuration_is_refused(mapping: dict[str, object], reason: str, words: str) -> None:
    with pytest.raises(InvalidPeriodTable) as caught:
        periods_from_mapping(mapping)
    assert caught.value.code == f"invalid_period_table.{reason}"
    assert words in str(caught.value)


# --- expiry -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective_on", "kind", "months", "expires_on"),
    [
        # The convention: the effective day is day one, a year from 10 Jan ends on 9 Jan.
        (D(2026, 1, 10), K.BANK_DEPOSIT, None, D(2027, 1, 9)),
        (D(2026, 1, 10), K.MOVABLE, None, D(2028, 1, 9)),
        (D(2026, 1, 10), K.VEHICLE, None, D(2028, 1, 9)),
        (D(2026, 1, 10), K.REAL_ESTATE, None, D(2029, 1, 9)),
        (D(2026, 1, 10), K.EQUITY, None, D(2029, 1, 9)),
        (D(2026, 1, 10), K.OTHER, None, D(2029, 1, 9)),
        (D(2026, 1, 10), K.BANK_DEPOSIT, 6, D(2026, 7, 9)),
        (D(2026, 1, 1), K.BANK_DEPOSIT, None, D(2026, 12, 31)),
        (D(2026, 5, 1), K.BANK_DEPOSIT, 1, D(2026, 5, 31)),
        (D(2026, 12, 15), K.BANK_DEPOSIT, 1, D(2027, 1, 14)),
        # No same-numbered day in the last month: the period ends on that month's last day.
        (D(2026, 3, 31), K.BANK_DEPOSIT, 1, D(2026, 4, 30)),
        (D(2026, 1, 31), K.BANK_DEPOSIT, 1, D(2026, 2, 28)),
        (D(2028, 1, 31), K.BANK_DEPOSIT, 1, D(2028, 2, 29)),
        (D(2024, 2, 29), K.BANK_DEPOSIT, None, D(2025, 2, 28)),
        (D(2024, 2, 29), K.REAL_ESTATE, None, D(2027, 2, 28)),
        (D(2024, 2, 29), K.MOVABLE, None, D(2026, 2, 28)),
        (D(2024, 1, 29), K.BANK_DEPOSIT, 1, D(2024, 2, 28)),
        (D(2024, 1, 30), K.BANK_DEPOSIT, 1, D(2024, 2, 29)),
        (D(2024, 2, 28), K.BANK_DEPOSIT, None, D(2025, 2, 27)),
        (D(2023, 3, 1), K.BANK_DEPOSIT, None, D(2024, 2, 29)),
        (D(2025, 3, 1), K.BANK_DEPOSIT, None, D(2026, 2, 28)),
    ],
)
def test_expiry_examples(
    effective_on: date, kind: AssetKind, months: int | None, expires_on: date
) -> None:
    assert expiry_date(effective_on, kind, months) == expires_on


@pytest.mark.parametrize(
    ("kind", "months", "maximum"),
    [(K.BANK_DEPOSIT, 13, 12), (K.VEHICLE, 25, 24), (K.MOVABLE, 36, 24), (K.EQUITY, 37, 36)],
)
def test_period_above_the_maximum_names_maximum_and_basis(
    kind: AssetKind, months: int, maximum: int
) -> None:
    with pytest.raises(PeriodTooLong) as caught:
        expiry_date(D(2026, 1, 10), kind, months)
    error = caught.value
    assert error.max_months == maximum
    assert error.basis == period_for(kind).basis
    assert f"maximum is {maximum} months" in str(error)
    assert "第四百八十五条" in str(error)
    assert error.code == "period_too_long"
    assert isinstance(error, InvalidPeriod)


@pytest.mark.parametrize("months", [0, -1, True, 1.5, "12"])
def test_period_must_be_a_positive_whole_number(months: object) -> None:
    with pytest.raises(InvalidPeriod) as caught:
        expiry_date(D(2026, 1, 10), K.REAL_ESTATE, months)  # type: ignore[arg-type]
    assert caught.value.code == "invalid_period.months"


def test_datetimes_are_refused() -> None:
    moment = datetime(2026, 1, 10, 9, 30, tzinfo=UTC)
    with pytest.raises(TypeError, match="effective_on must be a date"):
        expiry_date(moment, K.BANK_DEPOSIT)
    with pytest.raises(TypeError, match="today must be a date"):
        days_left(D(2026, 1, 10), moment)


# --- renewal ------------------------------------------------------------------------------------


def test_renewal_runs_on_from_the_previous_expiry() -> None:
    first = expiry_date(D(2026, 1, 10), K.BANK_DEPOSIT)
    assert first == D(2027, 1, 9)
    assert renewal_expiry(first, K.BANK_DEPOSIT) == D(2028, 1, 9)
    assert renewal_expiry(first, K.BANK_DEPOSIT, 3) == D(2027, 4, 9)
    assert renewal_expiry(D(2025, 2, 28), K.BANK_DEPOSIT) == D(2026, 2, 28)


def test_renewal_is_limited_to_the_same_maximum() -> None:
    with pytest.raises(PeriodTooLong, match="maximum is 24 months"):
        renewal_expiry(D(2028, 1, 9), K.MOVABLE, 30)


def test_renewal_on_or_before_the_last_day_is_in_time() -> None:
    last_day = D(2027, 1, 9)
    expected = D(2028, 1, 9)
    assert renewal_expiry(last_day, K.BANK_DEPOSIT, renewed_on=last_day) == expected
    assert renewal_expiry(last_day, K.BANK_DEPOSIT, renewed_on=D(2026, 12, 1)) == expected


def test_renewal_after_the_last_day_is_too_late() -> None:
    with pytest.raises(RenewalTooLate) as caught:
        renewal_expiry(D(2027, 1, 9), K.BANK_DEPOSIT, renewed_on=D(2027, 1, 10))
    assert "2027-01-09" in str(caught.value)
    assert caught.value.code == "renewal_too_late"
    assert isinstance(caught.value, DomainError)


# --- days left ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expires_on", "today", "left", "expired"),
    [
        (D(2027, 1, 9), D(2027, 1, 9), 0, False),
        (D(2027, 1, 9), D(2027, 1, 8), 1, False),
        (D(2027, 1, 9), D(2026, 1, 10), 364, False),
        (D(2027, 1, 9), D(2027, 1, 10), -1, True),
        (D(2024, 3, 1), D(2024, 2, 28), 2, False),
    ],
)
def test_days_left(expires_on: date, today: date, left: int, expired: bool) -> None:
    assert days_left(expires_on, today) == left
    assert is_expired(expires_on, today) is expired


# --- properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
month_counts = st.integers(min_value=1, max_value=36)


def strict_reading(effective_on: date, months: int) -> date:
    """民法典 第201、202条 read literally: the starting day is left out, the period ends on the
    same-numbered day `months` later, or on that month's last day if it has no such day."""
    total = effective_on.year * 12 + effective_on.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return D(year, month + 1, min(effective_on.day, last))


@given(effective_on=dates, months=month_counts)
def test_never_later_than_the_strict_reading_and_at_most_a_day_earlier(
    effective_on: date, months: int
) -> None:
    ours = expiry_date(effective_on, K.REAL_ESTATE, months)
    strict = strict_reading(effective_on, months)
    assert strict - timedelta(days=1) <= ours <= strict
    if ours == strict:  # only where the last month is too short for the same day
        last = calendar.monthrange(strict.year, strict.month)[1]
        assert strict.day == last < effective_on.day


@given(effective_on=dates)
def test_one_year_covers_one_calendar_year_of_days(effective_on: date) -> None:
    expires_on = expiry_date(effective_on, K.BANK_DEPOSIT)
    assert (expires_on - effective_on).days + 1 in (365, 366)


@given(a=dates, b=dates, months=month_counts)
def test_a_later_start_never_ends_earlier(a: date, b: date, months: int) -> None:
    a, b = min(a, b), max(a, b)
    assert expiry_date(a, K.EQUITY, months) <= expiry_date(b, K.EQUITY, months)


@given(effective_on=dates, months=month_counts)
def test_renewals_chain_without_gap_or_overlap(effective_on: date, months: int) -> None:
    first = expiry_date(effective_on, K.REAL_ESTATE)
    renewed = renewal_expiry(first, K.REAL_ESTATE, months)
    assert renewed == expiry_date(first + timedelta(days=1), K.REAL_ESTATE, months)
    assert renewed > first
