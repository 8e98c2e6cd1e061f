"""Tests of registration numbers (登记号)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.errors import DomainError, InvalidRegistrationNo
from fieldapp.domain.regno import format_registration_no, parse_registration_no

years = st.integers(min_value=1990, max_value=2100)
seqs = st.integers(min_value=1, max_value=999_999)


@pytest.mark.parametrize(
    ("year", "seq", "text"),
    [
        (2026, 123, "WQ-2026-000123"),
        (2026, 1, "WQ-2026-000001"),
        (2026, 999_999, "WQ-2026-999999"),
        (1990, 42, "WQ-1990-000042"),
        (2100, 100_000, "WQ-2100-100000"),
    ],
)
def test_format_and_parse_examples(year: int, seq: int, text: str) -> None:
    assert format_registration_no(year, seq) == text
    assert parse_registration_no(text) == (year, seq)


@pytest.mark.parametrize("text", ["  WQ-2026-000123\n", "wq-2026-000123", "Wq-2026-000123"])
def test_parse_tolerates_spaces_and_case(text: str) -> None:
    assert parse_registration_no(text) == (2026, 123)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "format"),
        ("WQ-2026-123", "format"),
        ("WQ-2026-0000123", "format"),
        ("WQ2026000123", "format"),
        ("WX-2026-000123", "format"),
        ("WQ-26-000123", "format"),
        ("WQ-2026-000123X", "format"),
        ("WQ-2026-00012a", "format"),
        ("WQ-２０２６-000123", "format"),
        ("WQ-2026-000000", "seq"),
        ("WQ-1989-000001", "year"),
        ("WQ-2101-000001", "year"),
    ],
)
def test_parse_refuses_bad_numbers(text: str, reason: str) -> None:
    with pytest.raises(InvalidRegistrationNo) as caught:
        parse_registration_no(text)
    assert caught.value.code == f"invalid_registration_no.{reason}"
    assert isinstance(caught.value, DomainError)


def test_format_error_shows_the_expected_form() -> None:
    with pytest.raises(InvalidRegistrationNo, match="WQ-2026-000123"):
        parse_registration_no("2026-123")


@pytest.mark.parametrize(
    ("year", "seq", "reason"),
    [
        (2026, 0, "seq"),
        (2026, -1, "seq"),
        (2026, 1_000_000, "seq"),
        (2026, True, "seq"),
        (1989, 1, "year"),
        (2101, 1, "year"),
        (26, 1, "year"),
        ("2026", 1, "year"),
    ],
)
def test_format_refuses_bad_parts(year: int, seq: int, reason: str) -> None:
    with pytest.raises(InvalidRegistrationNo) as caught:
        format_registration_no(year, seq)
    assert caught.value.code == f"invalid_registration_no.{reason}"


@given(year=years, seq=seqs)
def test_round_trip(year: int, seq: int) -> None:
    text = format_registration_no(year, seq)
    assert len(text) == 14
    assert parse_registration_no(text) == (year, seq)
    assert format_registration_no(*parse_registration_no(text.lower())) == text


@given(a=st.tuples(years, seqs), b=st.tuples(years, seqs))
def test_text_order_is_registration_order(a: tuple[int, int], b: tuple[int, int]) -> None:
    """Sorting the text (as a database index does) sorts by year, then serial."""
    text_a, text_b = format_registration_no(*a), format_registration_no(*b)
    assert (text_a < text_b) == (a < b)
