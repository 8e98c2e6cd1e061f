"""The canonical form of a chained record (version 1): what an entry's hash covers.

Described for people in docs/evidence.md. The named fields of each entity are written here,
not read from the models, so a later column cannot change the form of entries already made:
a new field needs a new version tag.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

VERSION = 1
GENESIS = "0" * 64  # the "previous entry" of a device's first entry

# Field types: how a value is written in the canonical form.
TEXT, INT, FLOAT, TIME, DAY, JSON_VALUE = "text", "int", "float", "time", "date", "json"

_COMMON = {"id": TEXT, "created_at": TIME, "created_by": TEXT}

FIELDS_V1: dict[str, dict[str, str]] = {
    "visit_attempt": {
        **_COMMON,
        "assignment_id": TEXT,
        "arrived_at": TIME,
        "left_at": TIME,
        "lat": FLOAT,
        "lon": FLOAT,
        "accuracy_m": FLOAT,
        "location_source": TEXT,
        "outcome": TEXT,
        "officer_ids": JSON_VALUE,
        "persons_present": JSON_VALUE,
        "witnesses": JSON_VALUE,
        "notes": TEXT,
        "warrant_no": TEXT,
        "media_evidence_ids": JSON_VALUE,
    },
    "evidence_item": {
        **_COMMON,
        "assignment_id": TEXT,
        "visit_id": TEXT,
        "kind": TEXT,
        "sha256": TEXT,
        "size": INT,
        "mime": TEXT,
        "original_name": TEXT,
        "captured_at": TIME,
        "captured_by": TEXT,
        "exif_taken_at": TIME,
        "clock_offset_s": FLOAT,
        "lat": FLOAT,
        "lon": FLOAT,
        "description": TEXT,
        "corrects_id": TEXT,
    },
    "asset_control": {
        **_COMMON,
        "case_id": TEXT,
        "assignment_id": TEXT,
        "asset_kind": TEXT,
        "asset_description": TEXT,
        "identifiers": JSON_VALUE,
        "location": TEXT,
        "measure": TEXT,
        "ruling_no": TEXT,
        "assisting_body": TEXT,
        "effective_on": DAY,
        "period_months": INT,
        "expires_on": DAY,
        "renews_id": TEXT,
        "custodian": TEXT,
        "seal_numbers": JSON_VALUE,
        "officer_ids": JSON_VALUE,
        "persons_present": JSON_VALUE,
    },
    "notice": {
        **_COMMON,
        "case_id": TEXT,
        "assignment_id": TEXT,
        "template_code": TEXT,
        "template_version": INT,
        "document_number": TEXT,
        "field_values": JSON_VALUE,
        "pdf_sha256": TEXT,
        "issued_at": TIME,
        "issued_by": TEXT,
    },
    "service_record": {
        **_COMMON,
        "notice_id": TEXT,
        "method": TEXT,
        "served_at": TIME,
        "place": TEXT,
        "recipient": TEXT,
        "relation": TEXT,
        "refusal_reason": TEXT,
        "witness": TEXT,
        "media_evidence_ids": JSON_VALUE,
    },
}
CHAINED = frozenset(FIELDS_V1)

# Columns of chained records that the form leaves out on purpose: sync bookkeeping the
# server changes, the device (the chain and its key say which), and the chain's own fields.
NOT_COVERED = frozenset(
    {"version", "updated_at", "deleted", "device_id", "prev_hash", "entry_hash", "signature"}
)


class CanonicalError(ValueError):
    """A record that has no canonical form (unknown entity, a value of the wrong type)."""


def canonical_bytes(entity: str, seq: int, record: Mapping[str, Any]) -> bytes:
    """The canonical form of ``record`` as entry ``seq`` of its device's chain.

    ``record`` may hold Python values (datetime, date, enums) or their wire form (ISO text):
    both give the same bytes. Missing fields count as null.
    """
    fields = FIELDS_V1.get(entity)
    if fields is None:
        raise CanonicalError(f"{entity!r} records are not chained")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise CanonicalError("a chain position is a whole number from 1")
    values = {}
    for name, kind in fields.items():
        value = record.get(name)
        try:
            values[name] = None if value is None else _CONVERT[kind](value)
        except (TypeError, ValueError) as error:
            raise CanonicalError(f"{entity} field {name}: {error}") from error
    form = {"v": VERSION, "entity": entity, "seq": seq, "record": values}
    return _dump(form)


def parse_canonical(data: bytes) -> dict[str, Any]:
    """A canonical form read back (from a bundle): checked to be exactly canonical."""
    try:
        form = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CanonicalError(f"not canonical JSON: {error}") from error
    if not isinstance(form, dict) or set(form) != {"v", "entity", "seq", "record"}:
        raise CanonicalError("not a canonical record form")
    if form["v"] != VERSION:
        raise CanonicalError(f"canonical form version {form['v']!r} is not known")
    record = form["record"]
    if not isinstance(record, dict) or not isinstance(form["entity"], str):
        raise CanonicalError("not a canonical record form")
    if canonical_bytes(form["entity"], form["seq"], record) != data:
        raise CanonicalError("the record is not written in its canonical form")
    return form


def entry_hash(prev_hash: str, canonical: bytes) -> str:
    """sha256(previous entry hash as 32 bytes || canonical form), as hex."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical).hexdigest()


def _dump(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _text(value: Any) -> Any:
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise TypeError("must be text")
    return value


def _int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("must be a whole number")
    return value


def _float(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def _day(value: Any) -> Any:
    if isinstance(value, datetime):
        raise TypeError("must be a date")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return date.fromisoformat(value).isoformat()
    raise TypeError("must be a date")


def _json(value: Any) -> Any:
    _dump(value)  # refuses NaN and values JSON cannot hold
    return value


def _instant(value: Any) -> str:
    """UTC, microseconds, ``Z``: ``2026-11-27T08:00:00.000000Z``."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError("must be a time")
    if value.tzinfo is None:
        raise ValueError("a time must carry its offset from UTC")
    # isoformat of a UTC time: 2026-11-27T08:00:00.000000+00:00 (faster than strftime)
    return value.astimezone(UTC).isoformat(timespec="microseconds")[:26] + "Z"


_CONVERT = {TEXT: _text, INT: _int, FLOAT: _float, TIME: _instant, DAY: _day, JSON_VALUE: _json}
