"""Registration numbers (登记号) of field tasks, like WQ-2026-000123."""

from __future__ import annotations

import re

from fieldapp.domain.errors import InvalidRegistrationNo

PREFIX = "WQ"
MIN_YEAR = 1990
MAX_YEAR = 2100
MAX_SEQ = 999_999

_EXAMPLE = "WQ-2026-000123"
# ASCII digits only: \d would also take full-width and other scripts' digits.
_PATTERN = re.compile(r"WQ-([0-9]{4})-([0-9]{6})")


def _check_parts(year: int, seq: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidRegistrationNo(
            f"registration year {year!r} is not between {MIN_YEAR} and {MAX_YEAR}",
            reason="year",
        )
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQ:
        raise InvalidRegistrationNo(
            f"registration serial {seq!r} is not between 1 and {MAX_SEQ}", reason="seq"
        )


def format_registration_no(year: int, seq: int) -> str:
    """The registration number of the `seq`-th request registered in `year`."""
    _check_parts(year, seq)
    return f"{PREFIX}-{year:04d}-{seq:06d}"


def parse_registration_no(text: str) -> tuple[int, int]:
    """(year, seq) of a registration number; outer spaces and a lowercase "wq" are accepted."""
    match = _PATTERN.fullmatch(text.strip().upper())
    if match is None:
        raise InvalidRegistrationNo(
            f"registration number {text!r} is not in the form {_EXAMPLE}", reason="format"
        )
    year, seq = int(match[1]), int(match[2])
    _check_parts(year, seq)
    return year, seq
