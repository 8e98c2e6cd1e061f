"""Errors raised by the domain rules: a machine code plus a message a registrar can read."""

from __future__ import annotations

from typing import ClassVar


class DomainError(ValueError):
    """A rule of the domain refused a value.

    `code` is stable and meant for programs (sync rejections, tests, translations);
    `message` (also `str(error)`) is plain English meant for the person who typed the value.
    A `reason` narrows the code, e.g. ``invalid_id_number.checksum``.
    """

    base_code: ClassVar[str] = "domain_error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.code = self.base_code if reason is None else f"{self.base_code}.{reason}"


class InvalidTransition(DomainError):
    base_code = "invalid_transition"

    def __init__(self, message: str, *, source: str, target: str) -> None:
        super().__init__(message)
        self.source = source
        self.target = target


class InvalidCaseNumber(DomainError):
    base_code = "invalid_case_number"


class InvalidIdNumber(DomainError):
    base_code = "invalid_id_number"


class InvalidCreditCode(DomainError):
    base_code = "invalid_credit_code"


class InvalidRegistrationNo(DomainError):
    base_code = "invalid_registration_no"


class InvalidRoutingRule(DomainError):
    base_code = "invalid_routing_rule"


class InvalidPeriod(DomainError):
    base_code = "invalid_period"


class PeriodTooLong(InvalidPeriod):
    base_code = "period_too_long"

    def __init__(self, message: str, *, max_months: int, basis: str) -> None:
        super().__init__(message)
        self.max_months = max_months
        self.basis = basis


class RenewalTooLate(InvalidPeriod):
    base_code = "renewal_too_late"


class InvalidPeriodTable(DomainError):
    base_code = "invalid_period_table"


class UnknownAssetKind(DomainError):
    base_code = "unknown_asset_kind"


class UnknownMatter(DomainError):
    base_code = "unknown_matter"


class UnknownPriority(DomainError):
    base_code = "unknown_priority"
