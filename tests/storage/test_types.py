"""Ids are RFC 9562 UUIDv7s in time order; UTC times refuse a missing zone."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from fieldapp.storage.types import UTCDateTime, new_id


def test_new_id_is_a_version_7_uuid_with_the_current_time() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(new_id())
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after
    assert str(made) == str(made).lower()


def test_new_ids_are_unique_and_ordered_across_milliseconds() -> None:
    ids = [new_id() for _ in range(20_000)]
    assert len(set(ids)) == len(ids)
    first = new_id()
    time.sleep(0.003)
    assert new_id() > first


def test_utc_datetime_refuses_naive_and_normalises_offsets() -> None:
    column_type = UTCDateTime()
    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2026, 1, 1), sqlite.dialect())  # noqa: DTZ001
    beijing = datetime(2026, 11, 27, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    stored = column_type.process_bind_param(beijing, sqlite.dialect())
    assert stored == datetime(2026, 11, 27, 0, 0)  # noqa: DTZ001 - SQLite keeps naive UTC
    assert column_type.process_bind_param(beijing, postgresql.dialect()) == beijing
    loaded = column_type.process_result_value(stored, sqlite.dialect())
    assert loaded == beijing
    assert loaded.tzinfo is UTC
