"""Checking one row of a request list: each field parsed, each problem named for the registrar."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar

from fieldapp.domain.enums import Matter, PartyKind, Priority
from fieldapp.domain.errors import DomainError
from fieldapp.domain.identifiers import (
    normalise_case_number,
    validate_credit_code,
    validate_id_number,
)
from fieldapp.domain.vocabulary import parse_matter, parse_priority
from fieldapp.services.requests_csv import RawRow

FIELD_LIMITS = {
    "case_number": 64,
    "matter": 32,
    "party_name": 128,
    "id_number": 32,
    "address": 256,
    "requested_by": 64,
    "due_on": 32,
    "priority": 16,
    "notes": 2000,
}
ORGANISATION_SUFFIXES = (
    "公司",
    "厂",
    "店",
    "中心",
    "合作社",
    "事务所",
    "集团",
    "银行",
    "医院",
    "学校",
)
T = TypeVar("T")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$"
)


@dataclass(frozen=True, slots=True)
class FieldRequest:
    """A request that passed every check, ready to register."""

    line: int
    case_number: str
    matter: Matter
    party_name: str
    party_kind: PartyKind
    id_number: str | None
    address: str
    region_code: str
    requested_by: str
    due_on: date | None
    priority: Priority
    notes: str

    @property
    def request_key(self) -> str:
        """Who, what and where: the same request sent twice has the same key."""
        parts = (self.case_number, self.matter.value, self.party_name, self.id_number or "")
        text = "\x1f".join((*parts, " ".join(self.address.split())))
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"line {self.line}: " + "; ".join(self.reasons)


RegionLookup = Callable[[str], str | None]


def check_row(row: RawRow, region_of: RegionLookup) -> FieldRequest | RowProblem:
    """The row as a request, or every reason it cannot be one."""
    reasons: list[str] = []
    values = row.values
    if row.extra_cells:
        reasons.append(f"{row.extra_cells} cell(s) more than the header has columns")
    for column, limit in FIELD_LIMITS.items():
        if len(values.get(column, "")) > limit:
            reasons.append(f"{column} is {len(values[column])} characters long; at most {limit}")
    if reasons:
        return RowProblem(row.line, tuple(reasons))

    def parsed(parse: Callable[[str], T], column: str) -> T | None:
        try:
            return parse(values.get(column, ""))
        except DomainError as error:
            reasons.append(str(error))
            return None

    case_number = parsed(_required(_case_number, "case number"), "case_number")
    matter = parsed(_required(parse_matter, "matter"), "matter")
    party_name = parsed(_required(_collapse, "party name"), "party_name")
    id_number = parsed(_optional_id, "id_number")
    address = parsed(_required(_collapse, "address"), "address")
    due_on = parsed(parse_date, "due_on")
    priority = parsed(parse_priority, "priority")
    region_code = region_of(address) if address else None
    if address and region_code is None:
        reasons.append(
            f"address {address!r} names no district or county we serve (e.g. 南明区, 清镇市)"
        )
    if (
        reasons
        or case_number is None
        or matter is None
        or party_name is None
        or address is None
        or priority is None
        or region_code is None
    ):
        return RowProblem(row.line, tuple(reasons))
    return FieldRequest(
        line=row.line,
        case_number=case_number,
        matter=matter,
        party_name=party_name,
        party_kind=_party_kind(party_name, id_number),
        id_number=id_number,
        address=address,
        region_code=region_code,
        requested_by=values.get("requested_by", ""),
        due_on=due_on,
        priority=priority,
        notes=values.get("notes", ""),
    )


# Rows of one case repeat its number; each distinct spelling is parsed once.
_case_number = lru_cache(maxsize=65536)(normalise_case_number)


class _MissingValue(DomainError):
    base_code = "missing_value"


def _required(parse: Callable[[str], T], label: str) -> Callable[[str], T]:
    def parse_required(text: str) -> T:
        if not text.strip():
            raise _MissingValue(f"{label} is empty")
        return parse(text)

    return parse_required


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _optional_id(text: str) -> str | None:
    text = text.strip().upper()
    if not text:
        return None
    if len(text) == 18 and any(ch.isalpha() for ch in text[:17]):
        return validate_credit_code(text)
    return validate_id_number(text)


def _party_kind(name: str, id_number: str | None) -> PartyKind:
    if id_number is not None:
        is_credit_code = any(ch.isalpha() for ch in id_number[:17])
        return PartyKind.ORGANISATION if is_credit_code else PartyKind.PERSON
    return PartyKind.ORGANISATION if name.endswith(ORGANISATION_SUFFIXES) else PartyKind.PERSON


class InvalidDate(DomainError):
    base_code = "invalid_date"


def parse_date(text: str) -> date | None:
    """A date as registrars write it: 2026-12-01, 2026/12/1, 2026年12月1日 or 20261201."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise InvalidDate(f"date {text!r} is not a date like 2026-12-01")
    parts = [int(group) for group in match.groups() if group is not None]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise InvalidDate(f"date {text!r} does not exist") from None
