"""Records as plain JSON-ready dicts: the form of outbox payloads and sync changes."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def row_payload(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Every column of ``table`` from ``row`` (missing ones as None), in wire form."""
    return {column.name: to_wire(row.get(column.name)) for column in table.columns}


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(value: Any) -> str:
    """Compact JSON that keeps Chinese readable and writes dates as ISO 8601.

    Enums need no help: every domain enum is a StrEnum, so JSON sees a string.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)
