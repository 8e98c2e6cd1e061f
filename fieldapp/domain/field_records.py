"""What an officer may type into a visit or an asset-control record: text, names, times, places,
and the identifiers each kind of asset is known by."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.domain.errors import DomainError

NOTES_LIMIT = 4000
NAME_LIMIT = 64
NAMES_LIMIT = 30
LINE_LIMIT = 128
# A laptop's clock may run a little ahead of the officer's watch; more than this is a typo.
CLOCK_SLACK = timedelta(minutes=10)
LONGEST_VISIT = timedelta(hours=24)

# Names may be typed one a line, or separated by Chinese or Western commas and semicolons.
_NAME_SEPARATORS = re.compile(r"[\n,，、;；]+")


class InvalidRecordField(DomainError):
    """A field of a visit or an asset-control record refused; `field` names it."""

    base_code = "invalid_field"

    def __init__(self, message: str, *, field: str, reason: str) -> None:
        super().__init__(message, reason=f"{field}.{reason}")
        self.field = field
        self.problem = reason


def clean_text(value: str, *, field: str, limit: int, multiline: bool = False) -> str:
    """The text trimmed, refused when too long or when it holds control characters."""
    text = value.strip()
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs") and not (multiline and char in "\n\t"):
            raise InvalidRecordField(
                f"{field}: remove the invisible control character U+{ord(char):04X}",
                field=field,
                reason="control_character",
            )
    if len(text) > limit:
        raise InvalidRecordField(
            f"{field}: at most {limit} characters, not {len(text)}", field=field, reason="too_long"
        )
    return text


def split_names(text: str) -> list[str]:
    """Names typed one a line or separated by commas (，、,;；)."""
    return [part.strip() for part in _NAME_SEPARATORS.split(text) if part.strip()]


def clean_names(names: Iterable[str], *, field: str) -> list[str]:
    """Each name checked like text; duplicates dropped, order kept."""
    cleaned: list[str] = []
    for name in names:
        text = clean_text(name, field=field, limit=NAME_LIMIT)
        if text and text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > NAMES_LIMIT:
        raise InvalidRecordField(
            f"{field}: at most {NAMES_LIMIT} names", field=field, reason="too_many"
        )
    return cleaned


def check_visit_times(arrived_at: datetime, left_at: datetime | None, now: datetime) -> None:
    """Arrival and departure carry a zone, are not in the future, and come in order."""
    for field, value in (("arrived_at", arrived_at), ("left_at", left_at)):
        if value is None:
            continue
        if value.tzinfo is None:
            raise InvalidRecordField(
                f"{field}: a time must carry a zone", field=field, reason="naive"
            )
        if value > now + CLOCK_SLACK:
            raise InvalidRecordField(
                f"{field}: the time is in the future", field=field, reason="future"
            )
    if left_at is not None:
        if left_at < arrived_at:
            raise InvalidRecordField(
                "left_at: the departure comes before the arrival", field="left_at", reason="order"
            )
        if left_at - arrived_at > LONGEST_VISIT:
            raise InvalidRecordField(
                "left_at: a visit lasting more than a day is a typo",
                field="left_at",
                reason="length",
            )


def check_position(lat: float | None, lon: float | None, source: object | None) -> None:
    """Both coordinates or neither, in range, and where they came from."""
    if (lat is None) != (lon is None):
        raise InvalidRecordField(
            "location: give both latitude and longitude, or neither",
            field="location",
            reason="half",
        )
    if lat is None or lon is None:
        return
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0) or lat != lat or lon != lon:
        raise InvalidRecordField(
            "location: latitude is -90..90 and longitude -180..180",
            field="location",
            reason="range",
        )
    if source is None:
        raise InvalidRecordField(
            "location: say where the position came from", field="location", reason="source"
        )


# --- asset control ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IdentifierField:
    """One identifier of an asset kind: its key in the record, and whether it must be given.

    Fields sharing a non-empty `one_of` group: at least one of them must be given.
    """

    key: str
    label_zh: str
    required: bool = False
    one_of: str = ""


IDENTIFIER_FIELDS: Mapping[AssetKind, tuple[IdentifierField, ...]] = {
    AssetKind.REAL_ESTATE: (IdentifierField("property_certificate_no", "不动产权证号", True),),
    AssetKind.VEHICLE: (
        IdentifierField("plate_no", "车牌号", one_of="vehicle"),
        IdentifierField("vin", "车辆识别代号（VIN）", one_of="vehicle"),
        IdentifierField("engine_no", "发动机号"),
    ),
    AssetKind.MOVABLE: (IdentifierField("item_no", "编号/型号"),),
    AssetKind.BANK_DEPOSIT: (
        IdentifierField("account_no", "账号", True),
        IdentifierField("bank", "开户行", True),
        IdentifierField("amount_limit", "冻结限额（元）"),
    ),
    AssetKind.EQUITY: (
        IdentifierField("company", "公司名称", True),
        IdentifierField("registration_authority", "股权登记机关", True),
        IdentifierField("share", "股权数额/比例"),
    ),
    AssetKind.OTHER: (IdentifierField("certificate_no", "权利凭证号"),),
}

# Which first measure fits which kind; renewal and release follow an earlier measure.
MEASURES_FOR_KIND: Mapping[AssetKind, frozenset[ControlMeasure]] = {
    AssetKind.REAL_ESTATE: frozenset({ControlMeasure.SEAL}),
    AssetKind.VEHICLE: frozenset({ControlMeasure.SEAL, ControlMeasure.SEIZE}),
    AssetKind.MOVABLE: frozenset({ControlMeasure.SEAL, ControlMeasure.SEIZE}),
    AssetKind.BANK_DEPOSIT: frozenset({ControlMeasure.FREEZE}),
    AssetKind.EQUITY: frozenset({ControlMeasure.FREEZE}),
    AssetKind.OTHER: frozenset({ControlMeasure.SEAL, ControlMeasure.FREEZE}),
}
FOLLOW_UP_MEASURES = frozenset({ControlMeasure.RENEW, ControlMeasure.RELEASE})

_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{17}")
_ACCOUNT = re.compile(r"[0-9]{6,32}")


def check_measure(measure: ControlMeasure, kind: AssetKind) -> None:
    if measure in FOLLOW_UP_MEASURES or measure in MEASURES_FOR_KIND[kind]:
        return
    allowed = ", ".join(sorted(MEASURES_FOR_KIND[kind]))
    raise InvalidRecordField(
        f"measure: {measure} does not fit {kind}; use {allowed}", field="measure", reason="kind"
    )


def clean_identifiers(kind: AssetKind, values: Mapping[str, str]) -> dict[str, str]:
    """The identifiers of `kind`, trimmed and checked; keys of other kinds are refused."""
    fields = IDENTIFIER_FIELDS[kind]
    known = {spec.key for spec in fields}
    unknown = sorted(set(values) - known)
    if unknown:
        raise InvalidRecordField(
            f"identifiers: {', '.join(unknown)} do not belong to {kind}",
            field="identifiers",
            reason="unknown",
        )
    cleaned: dict[str, str] = {}
    for spec in fields:
        text = clean_text(values.get(spec.key, ""), field=spec.key, limit=LINE_LIMIT)
        if spec.required and not text:
            raise InvalidRecordField(
                f"{spec.key}: required for {kind}", field=spec.key, reason="empty"
            )
        if text:
            cleaned[spec.key] = text
    groups = {spec.one_of for spec in fields if spec.one_of}
    for group in sorted(groups):
        members = [spec.key for spec in fields if spec.one_of == group]
        if not any(key in cleaned for key in members):
            raise InvalidRecordField(
                f"{members[0]}: give at least one of {', '.join(members)}",
                field=members[0],
                reason="one_of",
            )
    vin = cleaned.get("vin")
    if vin is not None:
        vin = cleaned["vin"] = vin.upper()
        if not _VIN.fullmatch(vin):
            raise InvalidRecordField(
                "vin: 17 letters and digits, without I, O or Q", field="vin", reason="format"
            )
    account = cleaned.get("account_no")
    if account is not None:
        account = cleaned["account_no"] = "".join(account.split())
        if not _ACCOUNT.fullmatch(account):
            raise InvalidRecordField(
                "account_no: 6 to 32 digits", field="account_no", reason="format"
            )
    return cleaned
