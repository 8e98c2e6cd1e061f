"""Records as plain JSON-ready dicts: the form of outbox payloads and sync changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import msgspec
from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, String, Table
from sqlalchemy.types import TypeDecorator

# Values that are in wire form as they are (a StrEnum member's type is its enum, not str).
_PLAIN = frozenset({str, int, float, bool, type(None), list, dict})


def to_wire(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, datetime):
        # One fixed form (UTC, microseconds) so laptops can store it without parsing.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def row_payload(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Every column of ``table`` from ``row`` (missing ones as None), in wire form."""
    names = _column_names.get(table)
    if names is None:
        names = _column_names[table] = tuple(column.name for column in table.columns)
    return {name: to_wire(row.get(name)) for name in names}


# Asked for every record a push writes: SQLAlchemy builds its column list on each iteration.
_column_names: dict[Table, tuple[str, ...]] = {}


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return to_wire(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(value: Any) -> str:
    """Compact JSON that keeps Chinese readable and writes dates as ISO 8601.

    Enums need no help: every domain enum is a StrEnum, so JSON sees a string.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


_encode = msgspec.json.Encoder().encode


def wire_json(value: Any) -> str:
    """``dumps`` for a value already in wire form (row_payload's, or one parsed from JSON),
    by msgspec: several times faster, and pushes write one per record. The same JSON, but
    for the spelling of some numbers (1e16, not 1e+16) and NaN, written as null; integers
    beyond 64 bits fall back to ``dumps``."""
    try:
        return _encode(value).decode()
    except (TypeError, OverflowError, msgspec.EncodeError):
        return dumps(value)


class WireError(ValueError):
    """A value from the wire that does not fit its column; the message names the field."""


Converter = Callable[[Any], Any]


def _text(limit: int | None) -> Converter:
    def convert(value: Any) -> Any:
        if not isinstance(value, str):
            raise WireError(f"must be text, not {type(value).__name__}")
        if limit is not None and len(value) > limit:
            raise WireError(f"is {len(value)} characters long; at most {limit}")
        if "\x00" in value:  # PostgreSQL cannot store it; no one types it
            raise WireError("may not contain NUL characters")
        return value

    return convert


def _integer(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(f"must be a whole number, not {value!r:.40}")
    if abs(value) > 2**62:
        raise WireError("is out of range")
    return value


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"must be a number, not {value!r:.40}")
    if value != value or value in (float("inf"), float("-inf")):
        raise WireError("must be a finite number")
    return float(value)


def _boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise WireError(f"must be true or false, not {value!r:.40}")
    return value


def _date(value: Any) -> Any:
    if not isinstance(value, str) or len(value) != 10:
        raise WireError(f"must be a date like 2026-11-27, not {value!r:.40}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WireError(f"must be a date like 2026-11-27, not {value!r:.40}") from None


def _instant(value: Any) -> Any:
    if not isinstance(value, str) or len(value) > 40:
        raise WireError(f"must be a time like 2026-11-27T08:00:00+08:00, not {value!r:.40}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise WireError(
            f"must be a time like 2026-11-27T08:00:00+08:00, not {value!r:.40}"
        ) from None
    if parsed.tzinfo is None:
        raise WireError("must carry a time zone offset")
    return parsed.astimezone(UTC)


JSON_LIMIT = 65536


def _json(value: Any) -> Any:
    if not isinstance(value, list | dict | str | int | float | bool) and value is not None:
        raise WireError("must be JSON")
    if len(wire_json(value)) > JSON_LIMIT:
        raise WireError("is larger than 64 KB")
    return value


def _enum(enum_cls: type[Enum]) -> Converter:
    def convert(value: Any) -> Any:
        try:
            return enum_cls(value)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in enum_cls)
            raise WireError(f"must be one of {allowed}, not {value!r:.40}") from None

    return convert


def _converter(column: Column[Any]) -> Converter:
    column_type = column.type
    enum_cls = getattr(column_type, "enum_cls", None)
    if enum_cls is not None:
        return _enum(enum_cls)
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    if isinstance(column_type, JSON):
        return _json
    if isinstance(column_type, DateTime):
        return _instant
    if isinstance(column_type, Date):
        return _date
    if isinstance(column_type, Boolean):
        return _boolean
    if isinstance(column_type, Integer):
        return _integer
    if isinstance(column_type, Float):
        return _number
    if isinstance(column_type, String):
        return _text(column_type.length)
    raise TypeError(f"no wire converter for {column.name}: {column.type!r}")


class WireDecoder:
    """Checks and converts a record's fields from their wire form, column by column."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._converters = {column.key: _converter(column) for column in table.columns}
        self._nullable = {column.key: bool(column.nullable) for column in table.columns}

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(self._converters)

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        """The fields of ``data`` converted; WireError names the first field that is wrong."""
        unknown = sorted(set(data) - set(self._converters))
        if unknown:
            raise WireError(f"{self.table.name} has no field(s) {', '.join(unknown)[:200]}")
        converted: dict[str, Any] = {}
        for key, value in data.items():
            if value is None:
                if not self._nullable[key]:
                    raise WireError(f"{self.table.name}.{key} may not be empty")
                converted[key] = None
                continue
            try:
                converted[key] = self._converters[key](value)
            except WireError as error:
                raise WireError(f"{self.table.name}.{key} {error}") from None
        return converted
