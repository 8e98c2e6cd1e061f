"""Column types and defaults shared by every table: UTC times, text enums, UUIDv7 ids."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    """A UUIDv7 (RFC 9562) as text: time-ordered, so ids made on laptops index well.

    Written out here rather than through uuid.UUID because bulk imports make hundreds of
    thousands of ids, and this is twice as fast as building UUID objects.
    """
    random = os.urandom(10)
    octets = (
        (time.time_ns() // 1_000_000).to_bytes(6, "big")
        + bytes((0x70 | (random[0] & 0x0F), random[1], 0x80 | (random[2] & 0x3F)))
        + random[3:]
    )
    h = octets.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC instant on every dialect.

    SQLite keeps no offset, so values are stored as naive UTC there and made aware again on
    load; a naive value is refused on the way in, because its zone would be a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: times must carry a zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class TextEnum(TypeDecorator[E]):
    """A StrEnum kept as plain text, so a new member needs no migration."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_cls: type[E]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_cls(value)
