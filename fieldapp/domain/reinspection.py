"""How often the assets of cases closed for now (终本) are re-inspected (复查)."""

from __future__ import annotations

from fieldapp.domain.errors import DomainError

DEFAULT_INTERVAL_MONTHS = 6
MAX_INTERVAL_MONTHS = 60


class InvalidInterval(DomainError):
    base_code = "invalid_reinspection_interval"


def check_interval(months: object) -> int:
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInterval(f"the interval must be a whole number of months, not {months!r}")
    if not 1 <= months <= MAX_INTERVAL_MONTHS:
        raise InvalidInterval(
            f"the interval must be between 1 and {MAX_INTERVAL_MONTHS} months, not {months}"
        )
    return months
