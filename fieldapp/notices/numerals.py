"""Chinese numerals as court documents write them: dates, 之N suffixes, amounts."""

from __future__ import annotations

from datetime import date, datetime

from fieldapp.domain.clock import COURT_TZ

_DIGITS = "〇一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_number(n: int) -> str:
    """1..9999 in words: 三, 十一, 二十, 一百零五, 一千零二十.

    A leading 一十 is written 十 (十一, not 一十一), as in 第十一条 and 之十一.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 9999:
        raise ValueError(f"chinese_number takes 1..9999, not {n!r}")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(_DIGITS[rest])
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def chinese_date(day: date) -> str:
    """二〇二六年十一月二十七日: the year digit by digit, month and day in words."""
    if isinstance(day, datetime):
        raise TypeError("chinese_date takes a date; use court_day() for an instant")
    year = "".join(_DIGITS[int(c)] for c in f"{day.year:04d}")
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def court_day(instant: datetime) -> date:
    """The calendar day in the court's zone; a naive time is refused."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    return instant.astimezone(COURT_TZ).date()


def arabic_date(day: date) -> str:
    """2026年11月27日: how dates in the body of a document are written."""
    return f"{day.year}年{day.month}月{day.day}日"


def arabic_datetime(instant: datetime) -> str:
    """2026年11月27日9时05分, in the court's zone."""
    local = court_local(instant)
    return f"{arabic_date(local.date())}{local.hour}时{local.minute:02d}分"


def court_local(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    return instant.astimezone(COURT_TZ)


def document_number(case_number: str, suffix: int) -> str:
    """（2026）黔01执1234号之三 for suffix 3; the bare case number for suffix 0."""
    if isinstance(suffix, bool) or not isinstance(suffix, int) or suffix < 0:
        raise ValueError(f"a document number suffix is 0 or more, not {suffix!r}")
    return case_number if suffix == 0 else f"{case_number}之{chinese_number(suffix)}"


def yuan(amount_fen: int) -> str:
    """12,345.60元 from an amount in fen."""
    sign = "-" if amount_fen < 0 else ""
    whole, fen = divmod(abs(amount_fen), 100)
    return f"{sign}{whole:,}.{fen:02d}元"
