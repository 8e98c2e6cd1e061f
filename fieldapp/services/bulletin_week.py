"""ISO weeks of the weekly bulletin (周通报): parsing ``2026-W48``, their bounds in court time."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fieldapp.domain.clock import COURT_TZ, court_date
from fieldapp.domain.errors import DomainError

# Four-digit years only: a bulletin of year 10000 or 0999 is a typing mistake.
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})", re.ASCII)
_MAX_TEXT = 32
FIRST_YEAR = 2000


class InvalidWeek(DomainError):
    base_code = "invalid_week"


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    """An ISO 8601 week (Monday to Sunday) of the court's calendar."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not FIRST_YEAR <= self.year <= 9998:
            raise InvalidWeek(f"year {self.year} is outside {FIRST_YEAR}–9998", reason="year")
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError:
            last = weeks_in_year(self.year)
            raise InvalidWeek(
                f"{self.year} has no week {self.week}: its ISO weeks are 1 to {last}",
                reason="no_such_week",
            ) from None

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W48`` (also ``2026W48``, ``2026-w48``, ``2026-W8``)."""
        if not isinstance(text, str) or len(text) > _MAX_TEXT:
            raise InvalidWeek("a week is written like 2026-W48", reason="format")
        # NFKC, so that full-width ２０２６－Ｗ４８ typed with a Chinese input method is read too.
        match = _WEEK.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if match is None:
            shown = text.strip()[:_MAX_TEXT]
            raise InvalidWeek(f"{shown!r} is not a week: write it like 2026-W48", reason="format")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def last_complete(cls, now: datetime) -> IsoWeek:
        """The latest week that has ended by ``now`` in the court's zone."""
        return cls.containing(court_date(now)).previous()

    @property
    def first_day(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=6)

    @property
    def start(self) -> datetime:
        """Monday 00:00 in the court's zone."""
        return datetime.combine(self.first_day, time(), COURT_TZ)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 in the court's zone (exclusive)."""
        return self.start + timedelta(days=7)

    def previous(self) -> IsoWeek:
        return IsoWeek.containing(self.first_day - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.containing(self.first_day + timedelta(days=7))

    def is_over(self, now: datetime) -> bool:
        return now >= self.end

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the year's last ISO week."""
    return date(year, 12, 28).isocalendar()[1]


def complete_week(text: str | None, now: datetime) -> IsoWeek:
    """The week ``text`` names (default: the last complete one), refused unless it is over."""
    week = IsoWeek.last_complete(now) if text is None else IsoWeek.parse(text)
    if not week.is_over(now):
        raise InvalidWeek(
            f"week {week} is not over yet: it ends on {week.last_day.isoformat()}, "
            f"and the bulletin reports only complete weeks",
            reason="not_over",
        )
    return week
