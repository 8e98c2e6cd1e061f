"""Case numbers, resident ID numbers and unified social credit codes: parsing and checking."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import NoReturn

from fieldapp.domain.errors import InvalidCaseNumber, InvalidCreditCode, InvalidIdNumber

# The 34 provincial-level divisions.  Court codes (法院代字) use exactly these characters.
PROVINCES: Mapping[str, str] = MappingProxyType(
    {
        "京": "Beijing",
        "津": "Tianjin",
        "沪": "Shanghai",
        "渝": "Chongqing",
        "冀": "Hebei",
        "晋": "Shanxi",
        "辽": "Liaoning",
        "吉": "Jilin",
        "黑": "Heilongjiang",
        "苏": "Jiangsu",
        "浙": "Zhejiang",
        "皖": "Anhui",
        "闽": "Fujian",
        "赣": "Jiangxi",
        "鲁": "Shandong",
        "豫": "Henan",
        "鄂": "Hubei",
        "湘": "Hunan",
        "粤": "Guangdong",
        "琼": "Hainan",
        "川": "Sichuan",
        "黔": "Guizhou",
        "云": "Yunnan",
        "陕": "Shaanxi",
        "甘": "Gansu",
        "青": "Qinghai",
        "台": "Taiwan",
        "蒙": "Inner Mongolia",
        "桂": "Guangxi",
        "藏": "Tibet",
        "宁": "Ningxia",
        "新": "Xinjiang",
        "港": "Hong Kong",
        "澳": "Macao",
    }
)

# Other names people know provinces by, which court codes never use: named in the error.
_ALTERNATE_ABBREVIATIONS = {"贵": "黔", "滇": "云", "蜀": "川", "秦": "陕", "陇": "甘", "内": "蒙"}

CASE_YEAR_MIN = 1990
CASE_YEAR_MAX = 2100
_CASE_EXAMPLE = "（2026）黔01执1234号"
_CJK = re.compile(r"[\u4e00-\u9fff]{1,5}")
_SUFFIX = re.compile(r"之[一二三四五六七八九十百]+")
_COURT_DIGITS = re.compile(r"(?:[0-9]{2}){0,2}")


def _compact(text: str) -> str:
    # NFKC turns full-width brackets, digits and letters into ASCII; split() drops every kind of
    # space, including the ideographic one an input method leaves behind.
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A case number (案号) such as （2026）黔0102执恢12号之一; str() gives the normal form."""

    year: int
    court: str
    kind: str
    serial: int
    suffix: str = ""

    def __post_init__(self) -> None:
        problem = _case_part_problem(self.year, self.court, self.kind, self.serial, self.suffix)
        if problem is not None:
            reason, detail = problem
            raise InvalidCaseNumber(f"case number {detail}", reason=reason)

    def __str__(self) -> str:
        return f"（{self.year}）{self.court}{self.kind}{self.serial}号{self.suffix}"

    @property
    def province(self) -> str:
        return self.court[0]


def _case_part_problem(
    year: int, court: str, kind: str, serial: int, suffix: str
) -> tuple[str, str] | None:
    """(reason, what is wrong) with the parts of a case number, or None if they are fine."""
    if isinstance(year, bool) or not isinstance(year, int):
        return "year", f"year must be a number, not {year!r}"
    if not CASE_YEAR_MIN <= year <= CASE_YEAR_MAX:
        return "year", f"has year {year}, outside {CASE_YEAR_MIN}–{CASE_YEAR_MAX}"
    if not isinstance(court, str) or not court:
        return "court", "has no court code after the year"
    province, digits = court[0], court[1:]
    if province not in PROVINCES:
        if province in _ALTERNATE_ABBREVIATIONS:
            hint = f"courts there use {_ALTERNATE_ABBREVIATIONS[province]}"
        else:
            hint = f"the court code starts with one of {''.join(PROVINCES)}"
        return "court", f"has '{province}' where the province should be; {hint}"
    if not _COURT_DIGITS.fullmatch(digits):
        return "court", (
            f"has court code '{court}'; the province is followed by 2 digits (intermediate "
            "court), 4 digits (basic court) or nothing (high court)"
        )
    if not isinstance(kind, str) or not kind:
        return "kind", "has no case-type code (such as 执) before the serial number"
    if not _CJK.fullmatch(kind) or "号" in kind:
        return "kind", f"has case-type code '{kind}'; it must be Chinese, such as 执 or 执恢"
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        return "serial", f"has serial number {serial!r}; it must be 1 or more"
    if not isinstance(suffix, str) or suffix and not _SUFFIX.fullmatch(suffix):
        return (
            "suffix",
            f"has '{suffix}' after the serial number; only a suffix like 之一 may follow",
        )
    return None


def _case_fail(text: str, reason: str, detail: str) -> NoReturn:
    raise InvalidCaseNumber(
        f"case number '{text.strip()}' {detail}: expected like {_CASE_EXAMPLE}", reason=reason
    )


_YEAR_PART = re.compile(r"\(([0-9]*)\)")
_COURT_AND_KIND_PART = re.compile(r"([^0-9][0-9]*)([^0-9]*)")
_TAIL_PART = re.compile(r"([0-9]+)号?(.*)")


def parse_case_number(text: str) -> CaseNumber:
    """Parse a case number typed with full-width or ASCII brackets and any spaces."""
    s = _compact(text)
    if not s:
        _case_fail(text, "empty", "is empty")
    year_part = _YEAR_PART.match(s)
    if year_part is None:
        _case_fail(text, "year", "does not start with the year in brackets")
    if len(year_part[1]) != 4:
        _case_fail(text, "year", "needs a four-digit year in the brackets")
    court_and_kind = _COURT_AND_KIND_PART.match(s, year_part.end())
    if court_and_kind is None:
        _case_fail(text, "court", "has no court code after the year")
    court, kind = court_and_kind[1], court_and_kind[2]
    # "（2026）黔011234号" leaves "号" as the kind: the serial ran into the court code.
    if not kind or kind.startswith("号"):
        _case_fail(text, "kind", "has no case-type code (such as 执) before the serial number")
    tail = _TAIL_PART.match(s, court_and_kind.end())
    if tail is None:
        _case_fail(text, "serial", "has no serial number")
    parts = (int(year_part[1]), court, kind, int(tail[1]), tail[2])
    problem = _case_part_problem(*parts)
    if problem is not None:
        _case_fail(text, *problem)
    return CaseNumber(*parts)


def normalise_case_number(text: str) -> str:
    """The normal form: full-width brackets, no spaces, no leading zeros, ending in 号."""
    return str(parse_case_number(text))


# --- Resident ID numbers (GB 11643-1999) -------------------------------------------------------

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
ID_BIRTH_YEAR_MIN = 1800


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    return _ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _id_fail(text: str, reason: str, detail: str) -> NoReturn:
    raise InvalidIdNumber(f"ID number '{text.strip()}' {detail}", reason=reason)


def validate_id_number(text: str, *, today: date | None = None) -> str:
    """The normalised 18-character ID number (upper-case X), or InvalidIdNumber saying why not.

    Given `today`, a birth date after it is refused too.
    """
    s = _compact(text).upper()
    if not s:
        _id_fail(text, "empty", "is empty")
    if len(s) == 15 and s.isascii() and s.isdigit():
        _id_fail(text, "length", "is an old 15-digit number: ask for the 18-digit ID number")
    if len(s) != 18:
        _id_fail(text, "length", f"has {len(s)} characters; an ID number has 18")
    if not _ID_SHAPE.fullmatch(s):
        _id_fail(text, "characters", "must be 17 digits followed by a digit or X")
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        _id_fail(text, "birth_date", f"holds '{s[6:14]}' as the birth date, which is no date")
    if born.year < ID_BIRTH_YEAR_MIN or (today is not None and born > today):
        _id_fail(text, "birth_date", f"holds an impossible birth date {born.isoformat()}")
    if id_check_digit(s[:17]) != s[17]:
        _id_fail(
            text, "checksum", "fails its check digit (GB 11643): a character is probably mistyped"
        )
    return s


def id_birth_date(text: str) -> date:
    """The birth date held in a valid ID number."""
    s = validate_id_number(text)
    return date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


# --- Unified social credit codes (GB 32100-2015) -----------------------------------------------

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_CHARS)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def credit_check_char(first17: str) -> str:
    """The MOD 31 check character for the first 17 characters of a credit code."""
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[-total % 31]


def _credit_fail(text: str, reason: str, detail: str) -> NoReturn:
    raise InvalidCreditCode(f"credit code '{text.strip()}' {detail}", reason=reason)


def validate_credit_code(text: str) -> str:
    """The normalised (upper-case) 18-character code, or InvalidCreditCode saying why not."""
    s = _compact(text).upper()
    if not s:
        _credit_fail(text, "empty", "is empty")
    if len(s) != 18:
        _credit_fail(
            text, "length", f"has {len(s)} characters; a unified social credit code has 18"
        )
    bad = sorted({c for c in s if c not in _CREDIT_VALUES})
    if bad:
        _credit_fail(
            text,
            "characters",
            f"contains {', '.join(bad)}: only digits and capital letters other than "
            "I, O, S, V and Z are used",
        )
    if not s[2:8].isdigit():
        _credit_fail(
            text, "region", "must have digits in places 3–8 (the administrative division code)"
        )
    if credit_check_char(s[:17]) != s[17]:
        _credit_fail(
            text,
            "checksum",
            "fails its check character (GB 32100): a character is probably mistyped",
        )
    return s
