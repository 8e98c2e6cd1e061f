"""The court's time zone: deadlines and registration years follow the court's calendar day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

COURT_TZ = timezone(timedelta(hours=8), "CST")


def court_date(instant: datetime) -> date:
    """The calendar day in the court's zone at ``instant`` (which must carry a zone)."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    return instant.astimezone(COURT_TZ).date()
