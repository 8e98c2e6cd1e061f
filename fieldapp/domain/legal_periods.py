"""Legal periods of asset control (seal, seize, freeze) and the expiry dates they give.

How a period is counted
-----------------------
`expires_on` is the LAST DAY ON WHICH THE MEASURE STILL HOLDS, and the effective day counts as
the first day: a one-year freeze effective 2026-01-10 expires on 2027-01-09, and its renewal
runs 2027-01-10 .. 2028-01-09.  In general the period ends the day before the same-numbered day
`months` later; when that month has no such day (31 March + 1 month, 29 Feb + 12 months) it
ends on that month's last day.

Why: this is how rulings and assistance notices state the period ("冻结期限自2026年1月10日起至
2027年1月9日止") and how banks and registries enforce it.  Read strictly, 民事诉讼法 第85条
(and 民法典 第201、202条) leave the starting day out and would end the same period on
2027-01-10, one day later.  The two readings never differ by more than that day, and ours is
always the earlier one, so a renewal scheduled against our date is in time under either
reading — for the asset watch list that is the safe side: an asset must never "lose control"
(脱保) because we counted one day too many.  第85条's move of a deadline past a public
holiday is not applied either, for the same reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fieldapp.domain.enums import AssetKind
from fieldapp.domain.errors import (
    InvalidPeriod,
    InvalidPeriodTable,
    PeriodTooLong,
    RenewalTooLate,
    UnknownAssetKind,
)

_ART_485 = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条"


@dataclass(frozen=True, slots=True)
class LegalPeriod:
    """The longest period one measure on `asset_kind` may run, and the law that says so."""

    asset_kind: AssetKind
    max_months: int
    basis: str

    def __post_init__(self) -> None:
        if not isinstance(self.asset_kind, AssetKind):
            raise InvalidPeriodTable(
                f"legal period: unknown asset kind {self.asset_kind!r}", reason="asset_kind"
            )
        if (
            isinstance(self.max_months, bool)
            or not isinstance(self.max_months, int)
            or self.max_months < 1
        ):
            raise InvalidPeriodTable(
                f"legal period for {self.asset_kind}: max_months must be a whole number of "
                f"months, at least 1, not {self.max_months!r}",
                reason="max_months",
            )
        if not isinstance(self.basis, str) or not self.basis.strip():
            raise InvalidPeriodTable(
                f"legal period for {self.asset_kind}: the legal basis must be given",
                reason="basis",
            )


PeriodTable = tuple[LegalPeriod, ...]

# Vehicles are movables (seized, 2 years); equity and "other" are other property rights
# (frozen, 3 years), like real estate (sealed, 3 years).
DEFAULT_PERIODS: PeriodTable = (
    LegalPeriod(
        AssetKind.BANK_DEPOSIT, 12, f"{_ART_485}：冻结被执行人的银行存款的期限不得超过一年"
    ),
    LegalPeriod(AssetKind.MOVABLE, 24, f"{_ART_485}：查封、扣押动产的期限不得超过二年"),
    LegalPeriod(AssetKind.VEHICLE, 24, f"{_ART_485}：查封、扣押动产的期限不得超过二年"),
    LegalPeriod(AssetKind.REAL_ESTATE, 36, f"{_ART_485}：查封不动产的期限不得超过三年"),
    LegalPeriod(AssetKind.EQUITY, 36, f"{_ART_485}：冻结其他财产权的期限不得超过三年"),
    LegalPeriod(AssetKind.OTHER, 36, f"{_ART_485}：冻结其他财产权的期限不得超过三年"),
)


def periods_from_mapping(
    mapping: Mapping[str, object], base: PeriodTable = DEFAULT_PERIODS
) -> PeriodTable:
    """A period table built from configuration.

    The configuration maps asset kinds to entries, e.g.
    ``{"bank_deposit": {"max_months": 12, "basis": "民诉法解释第485条……"}}``.
    Kinds the mapping leaves out keep their entry from `base`, so a court changes one number
    by writing one entry.  Unknown kinds and unknown keys are refused rather than ignored: a
    misspelt key must not silently leave the old period in force.
    """
    entries: dict[AssetKind, LegalPeriod] = {entry.asset_kind: entry for entry in base}
    for key, value in mapping.items():
        try:
            kind = AssetKind(key)
        except ValueError:
            accepted = ", ".join(AssetKind)
            raise InvalidPeriodTable(
                f"legal periods: unknown asset kind {key!r}; use one of {accepted}",
                reason="asset_kind",
            ) from None
        if not isinstance(value, Mapping):
            raise InvalidPeriodTable(
                f"legal periods: the entry for {kind} must hold max_months and basis",
                reason="entry",
            )
        extra = sorted(str(name) for name in value if name not in ("max_months", "basis"))
        missing = [name for name in ("max_months", "basis") if name not in value]
        if extra or missing:
            problems = ([f"unknown keys {', '.join(extra)}"] if extra else []) + (
                [f"no {', '.join(missing)}"] if missing else []
            )
            raise InvalidPeriodTable(
                f"legal periods: the entry for {kind} has {' and '.join(problems)}",
                reason="entry",
            )
        entries[kind] = LegalPeriod(kind, value["max_months"], value["basis"])
    return tuple(entries.values())  # base order kept; new kinds follow in mapping order


def period_for(asset_kind: AssetKind, table: PeriodTable = DEFAULT_PERIODS) -> LegalPeriod:
    """The table's entry for `asset_kind`."""
    for entry in table:
        if entry.asset_kind == asset_kind:
            return entry
    raise UnknownAssetKind(
        f"no legal period is configured for asset kind {asset_kind!r}", reason="not_configured"
    )


def _require_date(value: date, name: str) -> None:
    # datetime is a subclass of date; letting one through would mix in a time and a zone.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")


def _last_day(first_day: date, months: int) -> date:
    month_index = first_day.month - 1 + months
    year, month = first_day.year + month_index // 12, month_index % 12 + 1
    try:
        same_day = date(year, month, first_day.day)
    except ValueError:
        # No such day that month: the period ends on that month's last day.
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    return same_day - timedelta(days=1)


def _checked_months(asset_kind: AssetKind, months: int | None, table: PeriodTable) -> int:
    period = period_for(asset_kind, table)
    if months is None:
        return period.max_months
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise InvalidPeriod(
            f"a control period must be a whole number of months, at least 1, not {months!r}",
            reason="months",
        )
    if months > period.max_months:
        raise PeriodTooLong(
            f"a period of {months} months is too long for {asset_kind}: "
            f"the maximum is {period.max_months} months ({period.basis})",
            max_months=period.max_months,
            basis=period.basis,
        )
    return months


def expiry_date(
    effective_on: date,
    asset_kind: AssetKind,
    months: int | None = None,
    table: PeriodTable = DEFAULT_PERIODS,
) -> date:
    """The last day a measure effective on `effective_on` holds (see the module docstring).

    `months` defaults to the legal maximum for `asset_kind`; a longer one raises PeriodTooLong.
    """
    _require_date(effective_on, "effective_on")
    return _last_day(effective_on, _checked_months(asset_kind, months, table))


def renewal_expiry(
    previous_expires_on: date,
    asset_kind: AssetKind,
    months: int | None = None,
    table: PeriodTable = DEFAULT_PERIODS,
    *,
    renewed_on: date | None = None,
) -> date:
    """The last day of a renewal (续行查封、扣押、冻结) of a measure ending `previous_expires_on`.

    The renewal runs on from the day after the previous expiry, without gap or overlap, and is
    at most the same legal maximum.  Given `renewed_on`, a renewal made after the previous
    period ended raises RenewalTooLate: the asset was already released and needs a new measure.
    """
    _require_date(previous_expires_on, "previous_expires_on")
    if renewed_on is not None:
        _require_date(renewed_on, "renewed_on")
        if renewed_on > previous_expires_on:
            raise RenewalTooLate(
                f"a renewal on {renewed_on.isoformat()} is too late: the previous period "
                f"ended on {previous_expires_on.isoformat()}; a new {asset_kind} measure is "
                "needed instead",
            )
    return expiry_date(previous_expires_on + timedelta(days=1), asset_kind, months, table)


def days_left(expires_on: date, today: date) -> int:
    """Days from `today` to `expires_on`: 0 on the last day, negative once it has passed."""
    _require_date(expires_on, "expires_on")
    _require_date(today, "today")
    return (expires_on - today).days


def is_expired(expires_on: date, today: date) -> bool:
    return days_left(expires_on, today) < 0
