"""The demo's extras on the central store: conflicts, notices and their service, nearly-due
asset controls and the escalation pass — deterministic, written once, logged for sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from fieldapp.domain.clock import court_date
from fieldapp.notices.errors import FontUnavailable
from fieldapp.notices.fonts import FontConfig
from fieldapp.notices.numbering import series_of
from fieldapp.notices.numerals import document_number
from fieldapp.server.database import open_central
from fieldapp.server.demo_extras import (
    BUREAU_CHIEF,
    CENTRE_HEAD,
    demo_device,
    demo_id,
    seed_demo_extras,
)
from fieldapp.server.seeding import seed_central
from fieldapp.server.supervision import config_from_mappings
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.central_tables import ChangeLogEntry
from fieldapp.storage.fieldwork import AssetControl, Notice, ServiceRecord
from fieldapp.storage.number_leases import NoticeNumberGrant
from fieldapp.storage.oversight import Conflict, Escalation
from tests.support.central_process import cheap_passwords

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # 10:30 in Guiyang
CONFIG = config_from_mappings(centre_head=CENTRE_HEAD, bureau_chief=BUREAU_CHIEF)
EXTRAS = (Conflict, Notice, ServiceRecord, AssetControl)


def _seeded(folder: Path) -> Engine:
    engine = open_central(f"sqlite:///{folder / 'central.sqlite'}")
    with cheap_passwords():
        seed_central(engine, now=NOW)
    return engine


def _rows(engine: Engine, model: Any) -> list[dict[str, Any]]:
    table = model.__table__
    with engine.connect() as connection:
        found = connection.execute(
            select(table).where(table.c.device_id.is_not(None)).order_by(table.c.id)
        )
        return [dict(row._mapping) for row in found]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Engine]:
    engines = []
    for name in ("a", "b"):
        engine = _seeded(tmp_path_factory.mktemp(name))
        seed_demo_extras(engine, now=NOW, config=CONFIG)
        engines.append(engine)
    return engines[0], engines[1]


def test_the_same_start_gives_the_same_records(pair: tuple[Engine, Engine]) -> None:
    first, second = pair
    for model in EXTRAS:
        assert _rows(first, model) == _rows(second, model), model.__tablename__
    assert _rows(first, Conflict)


def test_a_second_start_writes_nothing_new(pair: tuple[Engine, Engine]) -> None:
    engine = pair[0]
    before = {model: len(_rows(engine, model)) for model in (*EXTRAS, Escalation)}
    again = seed_demo_extras(engine, now=NOW + timedelta(hours=1), config=CONFIG)
    assert not again.seeded
    assert again.escalations is not None
    assert again.escalations.raised == []
    assert {model: len(_rows(engine, model)) for model in (*EXTRAS, Escalation)} == before
    assert "there already" in again.summary()


def test_records_are_well_formed_and_logged(pair: tuple[Engine, Engine]) -> None:
    engine = pair[0]
    today = court_date(NOW)
    with engine.connect() as connection:
        squads = dict(connection.execute(select(Assignment.id, Assignment.squad_code)).all())
        cases = dict(connection.execute(select(Case.id, Case.case_number)).all())
        logged = {
            (entity, record_id): scope
            for entity, record_id, scope in connection.execute(
                select(ChangeLogEntry.entity, ChangeLogEntry.record_id, ChangeLogEntry.scope)
            )
        }
        grants = connection.execute(
            select(
                NoticeNumberGrant.series,
                NoticeNumberGrant.first_number,
                NoticeNumberGrant.last_number,
            )
        ).all()
    conflicts = _rows(engine, Conflict)
    assert {row["field"] for row in conflicts} == {"due_on", "second_officer_id"}
    for row in conflicts:
        assert squads[row["record_id"]] == "S1"
        assert row["device_value"] != row["server_value"]
        assert row["resolution"] is None
    notices = _rows(engine, Notice)
    for row in notices:
        assert squads[row["assignment_id"]] == "S1"
        assert row["pdf_sha256"] is not None or not _font_available()
        series = series_of(cases[row["case_id"]])
        assert row["document_number"].startswith(series)
        # Its number lies in a block the store granted for the case's series.
        granted = {
            document_number(series, n)
            for s, first, last in grants
            if s == series
            for n in range(first, last + 1)
        }
        assert row["document_number"] in granted
    services = _rows(engine, ServiceRecord)
    assert {row["notice_id"] for row in services} <= {row["id"] for row in notices}
    for row in services:
        notice = next(n for n in notices if n["id"] == row["notice_id"])
        assert notice["issued_at"] <= row["served_at"] <= NOW
        assert row["recipient"]
    controls = _rows(engine, AssetControl)
    assert len(controls) == 3
    for row in controls:
        assert squads[row["assignment_id"]] == "S1"
        assert 0 <= (row["expires_on"] - today).days <= 90
        assert row["effective_on"] <= today
    for model in EXTRAS:
        for row in _rows(engine, model):
            assert (model.__tablename__, row["id"]) in logged
            assert logged[(model.__tablename__, row["id"])] == ",S1,"
    with engine.connect() as connection:
        recipients = connection.execute(select(Escalation.level, Escalation.raised_to)).all()
    assert {level for level, _ in recipients} >= {1, 2, 3}
    assert all(to is not None for level, to in recipients if level >= 3)


def _font_available() -> bool:
    try:
        FontConfig().resolve()
    except FontUnavailable:
        return False
    return True


def test_an_empty_store_gets_only_what_it_can(tmp_path: Path) -> None:
    engine = open_central(f"sqlite:///{tmp_path / 'central.sqlite'}")
    summary = seed_demo_extras(engine, now=NOW, config=CONFIG)
    assert summary.seeded
    assert (summary.conflicts, summary.notices, summary.asset_controls) == (0, 0, 0)
    with pytest.raises(ValueError, match="naive"):
        seed_demo_extras(engine, now=NOW.replace(tzinfo=None), config=CONFIG)


def test_ids_are_uuid7_and_stable() -> None:
    made = demo_id(NOW, "x")
    assert made == demo_id(NOW, "x") != demo_id(NOW, "y")
    assert made[14] == "7"
    assert demo_device("lead1") == demo_device("lead1") != demo_device("lead2")
