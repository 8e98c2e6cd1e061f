"""Translated labels of what the assignment page records (outcomes, kinds, measures, sources)
and the messages of the rules that refuse a record, by their stable codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.enums import (
    AssetKind,
    ControlMeasure,
    EvidenceKind,
    LocationSource,
    ServiceMethod,
    VisitOutcome,
)
from fieldapp.domain.errors import DomainError
from fieldapp.domain.statutory_checks import StatutoryCheckFailed

_C = "RecordLabels"

_ENUMS: dict[Enum, object] = {
    VisitOutcome.MET: QT_TRANSLATE_NOOP("RecordLabels", "Met the party"),
    VisitOutcome.NOT_AT_HOME: QT_TRANSLATE_NOOP("RecordLabels", "Not at home"),
    VisitOutcome.REFUSED: QT_TRANSLATE_NOOP("RecordLabels", "Refused"),
    VisitOutcome.MOVED_AWAY: QT_TRANSLATE_NOOP("RecordLabels", "Moved away"),
    VisitOutcome.ADDRESS_INVALID: QT_TRANSLATE_NOOP("RecordLabels", "Address invalid"),
    VisitOutcome.DONE: QT_TRANSLATE_NOOP("RecordLabels", "Done"),
    LocationSource.GPS: QT_TRANSLATE_NOOP("RecordLabels", "GPS"),
    LocationSource.EXIF: QT_TRANSLATE_NOOP("RecordLabels", "Photo EXIF GPS"),
    LocationSource.GEOCODED: QT_TRANSLATE_NOOP("RecordLabels", "From the address (gazetteer)"),
    LocationSource.MANUAL: QT_TRANSLATE_NOOP("RecordLabels", "Entered by hand"),
    AssetKind.REAL_ESTATE: QT_TRANSLATE_NOOP("RecordLabels", "Real estate"),
    AssetKind.VEHICLE: QT_TRANSLATE_NOOP("RecordLabels", "Vehicle"),
    AssetKind.MOVABLE: QT_TRANSLATE_NOOP("RecordLabels", "Movable property"),
    AssetKind.BANK_DEPOSIT: QT_TRANSLATE_NOOP("RecordLabels", "Bank deposit"),
    AssetKind.EQUITY: QT_TRANSLATE_NOOP("RecordLabels", "Equity"),
    AssetKind.OTHER: QT_TRANSLATE_NOOP("RecordLabels", "Other property right"),
    ControlMeasure.SEAL: QT_TRANSLATE_NOOP("RecordLabels", "Seal"),
    ControlMeasure.SEIZE: QT_TRANSLATE_NOOP("RecordLabels", "Seize"),
    ControlMeasure.FREEZE: QT_TRANSLATE_NOOP("RecordLabels", "Freeze"),
    ControlMeasure.RENEW: QT_TRANSLATE_NOOP("RecordLabels", "Renew"),
    ControlMeasure.RELEASE: QT_TRANSLATE_NOOP("RecordLabels", "Release"),
    EvidenceKind.PHOTO: QT_TRANSLATE_NOOP("RecordLabels", "Photo"),
    EvidenceKind.VIDEO: QT_TRANSLATE_NOOP("RecordLabels", "Video"),
    EvidenceKind.AUDIO: QT_TRANSLATE_NOOP("RecordLabels", "Audio"),
    EvidenceKind.DOCUMENT: QT_TRANSLATE_NOOP("RecordLabels", "Document"),
    EvidenceKind.NOTE: QT_TRANSLATE_NOOP("RecordLabels", "Note"),
    EvidenceKind.SIGNATURE: QT_TRANSLATE_NOOP("RecordLabels", "Signature"),
    ServiceMethod.PERSONAL: QT_TRANSLATE_NOOP("RecordLabels", "In person"),
    ServiceMethod.LEFT_WITH_WITNESS: QT_TRANSLATE_NOOP("RecordLabels", "Left with a witness"),
    ServiceMethod.POSTED: QT_TRANSLATE_NOOP("RecordLabels", "Posted"),
    ServiceMethod.MAIL: QT_TRANSLATE_NOOP("RecordLabels", "By mail"),
}

# What each statutory rule requires, as the officer reads it; the basis is shown beside it.
_RULES: dict[str, object] = {
    "two_officers": QT_TRANSLATE_NOOP(
        "RecordLabels", "Seizure, search and eviction need at least two officers."
    ),
    "search_warrant": QT_TRANSLATE_NOOP(
        "RecordLabels", "A search needs a recorded search warrant: enter its number."
    ),
    "refusal_proof": QT_TRANSLATE_NOOP(
        "RecordLabels", "A refused service needs a witness or a photo/video of the refusal."
    ),
    "seizure_list_present": QT_TRANSLATE_NOOP(
        "RecordLabels", "The list of sealed or seized property needs the persons present."
    ),
}

# Field problems by their code (invalid_field.<field>.<problem>, …).
_PROBLEMS: dict[str, object] = {
    "control_character": QT_TRANSLATE_NOOP(
        "RecordLabels", "%1: remove the invisible control characters."
    ),
    "too_long": QT_TRANSLATE_NOOP("RecordLabels", "%1 is too long."),
    "too_many": QT_TRANSLATE_NOOP("RecordLabels", "%1: too many names (at most 30)."),
    "empty": QT_TRANSLATE_NOOP("RecordLabels", "%1 is required."),
    "one_of": QT_TRANSLATE_NOOP("RecordLabels", "Give %1 or another identifier marked †."),
    "future": QT_TRANSLATE_NOOP("RecordLabels", "%1 is in the future."),
    "naive": QT_TRANSLATE_NOOP("RecordLabels", "%1 has no time zone."),
    "order": QT_TRANSLATE_NOOP("RecordLabels", "%1 comes before the start."),
    "length": QT_TRANSLATE_NOOP("RecordLabels", "%1: a visit lasting more than a day is a typo."),
    "half": QT_TRANSLATE_NOOP("RecordLabels", "%1: give both latitude and longitude, or neither."),
    "range": QT_TRANSLATE_NOOP(
        "RecordLabels", "%1: latitude is -90 to 90 and longitude -180 to 180."
    ),
    "source": QT_TRANSLATE_NOOP("RecordLabels", "%1: say where the position came from."),
    "accuracy": QT_TRANSLATE_NOOP("RecordLabels", "%1: the accuracy is 0 to 100,000 metres."),
    "format": QT_TRANSLATE_NOOP("RecordLabels", "%1 is not written correctly."),
    "too_old": QT_TRANSLATE_NOOP("RecordLabels", "%1 is more than three years ago."),
    "kind": QT_TRANSLATE_NOOP("RecordLabels", "%1 does not fit this kind of asset."),
    "unknown": QT_TRANSLATE_NOOP("RecordLabels", "%1 holds keys of another kind of asset."),
}

_FIELDS: dict[str, object] = {
    "arrived_at": QT_TRANSLATE_NOOP("RecordLabels", "Arrival"),
    "left_at": QT_TRANSLATE_NOOP("RecordLabels", "Departure"),
    "notes": QT_TRANSLATE_NOOP("RecordLabels", "Notes"),
    "witnesses": QT_TRANSLATE_NOOP("RecordLabels", "Witnesses"),
    "persons_present": QT_TRANSLATE_NOOP("RecordLabels", "Persons present"),
    "officer_ids": QT_TRANSLATE_NOOP("RecordLabels", "Officers"),
    "warrant_no": QT_TRANSLATE_NOOP("RecordLabels", "Search warrant no."),
    "location": QT_TRANSLATE_NOOP("RecordLabels", "Location"),
    "ruling_no": QT_TRANSLATE_NOOP("RecordLabels", "Ruling no."),
    "asset_description": QT_TRANSLATE_NOOP("RecordLabels", "Asset description"),
    "effective_on": QT_TRANSLATE_NOOP("RecordLabels", "Effective on"),
    "measure": QT_TRANSLATE_NOOP("RecordLabels", "Measure"),
    "assisting_body": QT_TRANSLATE_NOOP("RecordLabels", "Assisting body"),
    "custodian": QT_TRANSLATE_NOOP("RecordLabels", "Custodian"),
    "seal_numbers": QT_TRANSLATE_NOOP("RecordLabels", "Seal numbers"),
    "identifiers": QT_TRANSLATE_NOOP("RecordLabels", "Identifiers"),
    "property_certificate_no": QT_TRANSLATE_NOOP("RecordLabels", "Property certificate no."),
    "plate_no": QT_TRANSLATE_NOOP("RecordLabels", "Plate no."),
    "vin": QT_TRANSLATE_NOOP("RecordLabels", "Vehicle identification no. (VIN)"),
    "engine_no": QT_TRANSLATE_NOOP("RecordLabels", "Engine no."),
    "item_no": QT_TRANSLATE_NOOP("RecordLabels", "Item no. / model"),
    "account_no": QT_TRANSLATE_NOOP("RecordLabels", "Account no."),
    "bank": QT_TRANSLATE_NOOP("RecordLabels", "Bank and branch"),
    "amount_limit": QT_TRANSLATE_NOOP("RecordLabels", "Freeze limit (yuan)"),
    "company": QT_TRANSLATE_NOOP("RecordLabels", "Company"),
    "registration_authority": QT_TRANSLATE_NOOP("RecordLabels", "Equity registration authority"),
    "share": QT_TRANSLATE_NOOP("RecordLabels", "Share (amount or percentage)"),
    "certificate_no": QT_TRANSLATE_NOOP("RecordLabels", "Certificate no."),
}

# Other refusals, by their code.
_REFUSALS: dict[str, object] = {
    "period_too_long": QT_TRANSLATE_NOOP(
        "RecordLabels", "The period is longer than the law allows for this asset."
    ),
    "renewal_too_late": QT_TRANSLATE_NOOP(
        "RecordLabels",
        "The earlier period has ended: the asset is no longer under control and needs a new "
        "measure, not a renewal.",
    ),
    "invalid_period.months": QT_TRANSLATE_NOOP(
        "RecordLabels", "The period is a whole number of months, at least 1."
    ),
    "asset_control_refused.no_previous": QT_TRANSLATE_NOOP(
        "RecordLabels", "A renewal or a release follows an earlier measure: choose it."
    ),
    "asset_control_refused.followed": QT_TRANSLATE_NOOP(
        "RecordLabels", "The chosen measure was renewed or released already."
    ),
    "asset_control_refused.released": QT_TRANSLATE_NOOP(
        "RecordLabels", "The chosen measure was released already."
    ),
    "visit_refused.unknown_media": QT_TRANSLATE_NOOP(
        "RecordLabels", "The proof must be photos or videos of this task."
    ),
}


def _tr(text: object) -> str:
    # QT_TRANSLATE_NOOP marks the source texts for lupdate and hands them back as they are.
    return QCoreApplication.translate(_C, str(text))


def label(value: Enum | None) -> str:
    if value is None:
        return ""
    text = _ENUMS.get(value)
    return _tr(text) if text else str(value.value)


def labels(values: Mapping[Enum, object] | list[Enum]) -> dict[Enum, str]:
    return {value: label(value) for value in values}


def field_label(name: str) -> str:
    text = _FIELDS.get(name)
    return _tr(text) if text else name


def rule_message(rule_code: str) -> str:
    text = _RULES.get(rule_code)
    return _tr(text) if text else rule_code


def explain(error: DomainError) -> str:
    """The refusal in the interface's language, with the rule's legal basis where it has one."""
    if isinstance(error, StatutoryCheckFailed):
        basis = _tr("Legal basis: %1").replace("%1", error.rule.basis)
        return f"{rule_message(error.rule.code)}\n{basis}"
    code = error.code
    problem = getattr(error, "problem", None)
    field = getattr(error, "field", None)
    if problem in _PROBLEMS and isinstance(field, str):
        return _tr(_PROBLEMS[problem]).replace("%1", field_label(field))
    for key in (code, error.base_code):
        if key in _REFUSALS:
            message = _tr(_REFUSALS[key])
            law = getattr(error, "basis", None)
            if isinstance(law, str) and law:
                message += "\n" + _tr("Legal basis: %1").replace("%1", law)
            return message
    return error.message


def short_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def local_time(value: datetime | None) -> str:
    """A stored UTC time on the court's clock (as the visit dialog takes it)."""
    return value.astimezone(COURT_TZ).strftime("%Y-%m-%d %H:%M") if value else ""


def days_left_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return _tr("%1 day(s) overdue").replace("%1", str(-days))
    if days == 0:
        return _tr("last day")
    return _tr("%1 day(s) left").replace("%1", str(days))


_MARKERS = (QT_TRANSLATE_NOOP("RecordLabels", "Legal basis: %1"),)
_DAYS = (
    QT_TRANSLATE_NOOP("RecordLabels", "%1 day(s) overdue"),
    QT_TRANSLATE_NOOP("RecordLabels", "last day"),
    QT_TRANSLATE_NOOP("RecordLabels", "%1 day(s) left"),
)
