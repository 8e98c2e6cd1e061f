"""China's official working-day calendar (holidays and 调休 make-up days) with court overrides."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from datetime import date
from types import ModuleType

from fieldapp.domain.deadlines import WeekendCalendar

_log = logging.getLogger(__name__)


def _load() -> ModuleType | None:
    # A missing package must degrade to weekends like a missing year, not stop the app.
    try:
        return importlib.import_module("chinese_calendar")
    except ImportError:  # pragma: no cover - the package is a dependency
        return None


_chinese_calendar = _load()


class ChinaCalendar:
    """Working days by the State Council's yearly notice, as published by `chinesecalendar`.

    The package knows both the public holidays and the weekend days made working days (调休),
    which a plain holiday list lacks.  A court's own days come first: `extra_holidays` (e.g. a
    local closure) are rest days and `extra_working_days` working days, whatever the package
    says.  For a year the package does not cover yet (each release adds the next year once the
    notice is out) Monday to Friday count as working days, with one warning per year in the log,
    rather than stopping every deadline computation.
    """

    def __init__(
        self,
        *,
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
    ) -> None:
        self._holidays = frozenset(extra_holidays)
        self._working = frozenset(extra_working_days)
        both = self._holidays & self._working
        if both:
            days = ", ".join(sorted(day.isoformat() for day in both))
            raise ValueError(f"days given both as holidays and as working days: {days}")
        self._weekends = WeekendCalendar()
        self._years_missing: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        if day in self._holidays:
            return False
        if day in self._working:
            return True
        if _chinese_calendar is not None and day.year not in self._years_missing:
            try:
                return bool(_chinese_calendar.is_workday(day))
            except NotImplementedError:
                self._years_missing.add(day.year)
                _log.warning(
                    "no official holiday data for %d in chinesecalendar %s: counting Monday to "
                    "Friday as working days; update the package or add the year's days as "
                    "court overrides",
                    day.year,
                    getattr(_chinese_calendar, "__version__", "?"),
                )
        elif _chinese_calendar is None and not self._years_missing:
            self._years_missing.add(day.year)
            _log.warning("chinesecalendar is not installed: counting Monday to Friday only")
        return self._weekends.is_working_day(day)

    def covers(self, year: int) -> bool:
        """True when official data for `year` is known (so weekends are not a guess)."""
        if _chinese_calendar is None:
            return False
        try:
            _chinese_calendar.is_workday(date(year, 6, 1))
        except NotImplementedError:
            return False
        return True
