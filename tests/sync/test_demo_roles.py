"""``fieldapp demo`` gives every role something real on first start: the central store seeded
as the demo seeds it (demo data, then the extras and the escalation pass), laptops of five
roles signed in and synced over HTTP, and what each one then holds, entity by entity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.enums import AssignmentStatus
from fieldapp.domain.escalation_plan import EscalationRules
from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.demo_extras import BUREAU_CHIEF, CENTRE_HEAD, seed_demo_extras
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.server.supervision import supervision_config
from fieldapp.services.asset_watch import watch_list
from fieldapp.services.conflicts import open_conflicts
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.escalation_inbox import inbox
from fieldapp.services.evidence_demo import seed_demo_evidence
from fieldapp.services.notices_numbers import number_supply
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.fieldwork import EvidenceItem, Notice
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import utcnow
from fieldapp.sync.client import CentralClient
from fieldapp.sync.engine import SyncEngine
from fieldapp.sync.enrolment import Enrolment, enrol
from tests.support.central_process import cheap_passwords

ROLES = ("officer11", "lead1", "lead2", "registrar", "supervisor")
EXTRA_ENTITIES = ("conflict", "notice", "service_record", "escalation", "evidence_item")


@dataclass
class Signed:
    workspace: Workspace
    enrolment: Enrolment
    evidence_on: list[str]

    @property
    def engine(self) -> Engine:
        return self.workspace.engine

    def count(self, entity: str, *where: Any) -> int:
        table = TABLES[entity]
        query = select(func.count()).select_from(table).where(table.c.deleted.is_(False), *where)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())


@dataclass
class Demo:
    central: Engine
    laptops: dict[str, Signed]
    first: Any
    again: Any

    def central_count(self, entity: str) -> int:
        with self.central.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(TABLES[entity])).scalar_one()
            )


def _sync(workspace: Workspace, url: str, token: str) -> None:
    with CentralClient(url, token) as client:
        SyncEngine(
            workspace.engine, client, workspace.device_id, ContentStore(workspace.blobs_dir)
        ).run()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    root = tmp_path_factory.mktemp("demo")
    settings = ServerSettings(
        db=f"sqlite:///{root / 'central.sqlite'}",
        blobs=root / "blobs",
        centre_head=CENTRE_HEAD,
        bureau_chief=BUREAU_CHIEF,
    )
    engine = open_central(settings.db)
    now = utcnow()
    with cheap_passwords():
        seed_central(engine, now=now)
    config = supervision_config(settings)
    first = seed_demo_extras(engine, now=now, config=config)
    again = seed_demo_extras(engine, now=now + timedelta(minutes=1), config=config)
    server = EmbeddedServer(create_app(settings, engine))
    url = server.start()
    laptops: dict[str, Signed] = {}
    try:
        for username in ROLES:
            workspace = open_workspace(root / f"laptop-{username}")
            with cheap_passwords():
                enrolment = enrol(
                    workspace.engine,
                    server_url=url,
                    username=username,
                    password=DEMO_PASSWORD,
                    device_id=workspace.device_id,
                    device_name=f"demo laptop of {username}",
                )
            _sync(workspace, url, enrolment.token)
            evidence_on: list[str] = []
            if enrolment.role == "officer":  # as the demo does, and sent at once
                evidence_on = seed_demo_evidence(
                    workspace.engine,
                    workspace.blobs_dir,
                    workspace.actor(enrolment.user_id),
                    scratch=root / f"scratch-{username}",
                    assignments=2,
                )
                _sync(workspace, url, enrolment.token)
            laptops[username] = Signed(workspace, enrolment, evidence_on)
        for signed in laptops.values():  # everyone sees what the others sent meanwhile
            _sync(signed.workspace, url, signed.enrolment.token)
        yield Demo(engine, laptops, first, again)
    finally:
        for signed in laptops.values():
            signed.workspace.close()
        server.stop()
        engine.dispose()


def test_the_central_store_has_the_extras_once(demo: Demo) -> None:
    assert demo.first.seeded
    assert not demo.again.seeded
    assert (demo.first.conflicts, demo.first.notices, demo.first.service_records) == (2, 4, 3)
    assert demo.first.asset_controls == 3
    assert demo.first.escalations.raised
    assert not demo.again.escalations.raised
    assert demo.central_count("conflict") == 2
    assert demo.central_count("notice") == 4
    assert demo.central_count("service_record") == 3
    assert demo.central_count("escalation") == len(demo.first.escalations.raised)
    levels = {item.planned.level for item in demo.first.escalations.raised}
    assert {1, 2, 3} <= levels  # the heads are set: level 3 has a recipient


def test_counts_per_entity_per_role(demo: Demo) -> None:
    counts = {
        name: {entity: signed.count(entity) for entity in EXTRA_ENTITIES}
        for name, signed in demo.laptops.items()
    }
    everything = {entity: demo.central_count(entity) for entity in EXTRA_ENTITIES}
    # Registrar and supervisor see every record of the store.
    assert counts["registrar"] == everything
    assert counts["supervisor"] == everything
    # The extras are S1's: its lead and officer hold them all; S2's lead none of them.
    for name in ("officer11", "lead1"):
        assert counts[name]["conflict"] == 2
        assert counts[name]["notice"] == 4
        assert counts[name]["service_record"] == 3
        assert 0 < counts[name]["escalation"] < everything["escalation"]
    assert counts["lead2"]["conflict"] == counts["lead2"]["notice"] == 0
    assert counts["lead2"]["service_record"] == 0
    assert counts["lead2"]["escalation"] > 0  # S2's own overdue tasks
    assert everything["evidence_item"] > 0


def test_evidence_is_the_signed_in_officers_on_open_tasks_only(demo: Demo) -> None:
    officer = demo.laptops["officer11"]
    assert len(officer.evidence_on) == 2
    me = officer.enrolment.user_id
    with officer.engine.connect() as connection:
        rows = connection.execute(
            select(Assignment.officer_id, Assignment.second_officer_id, Assignment.status).where(
                Assignment.registration_no.in_(officer.evidence_on)
            )
        ).all()
        takers = set(connection.execute(select(EvidenceItem.captured_by).distinct()).scalars())
    assert all(me in (main, second) for main, second, _ in rows)
    assert {status for *_, status in rows} <= {
        AssignmentStatus.IN_PROGRESS,
        AssignmentStatus.ASSIGNED,
    }
    assert takers == {me}
    for name in ("lead1", "lead2", "registrar", "supervisor"):
        assert demo.laptops[name].evidence_on == []


def test_each_role_sees_its_work(demo: Demo) -> None:
    today = court_date(utcnow())
    rules, calendar = EscalationRules(), ChinaCalendar()
    for name in ("officer11", "lead1", "supervisor"):  # the inbox and its badge
        signed = demo.laptops[name]
        mine = inbox(signed.engine, signed.enrolment.user_id, today, rules=rules, calendar=calendar)
        assert [view for view in mine if view.record_id is not None], name
    lead = demo.laptops["lead1"]
    conflicts = open_conflicts(lead.engine)
    assert len(conflicts) == 2
    assert all(view.lead_may_write for view in conflicts)
    assert {view.field for view in conflicts} == {"due_on", "second_officer_id"}
    officer = demo.laptops["officer11"]
    watched = [c for c in watch_list(officer.engine, today) if c.registration_no]
    soon = [c for c in watched if c.days_left is not None and 0 <= c.days_left <= 90]
    assert len(soon) >= 3
    assert {c.squad_code for c in soon} == {"S1"}
    with officer.engine.connect() as connection:
        numbers = list(connection.execute(select(Notice.document_number)).scalars())
    assert len(numbers) == len(set(numbers)) == 4
    assert all("之" in number for number in numbers)  # from the case's number series
    assert number_supply(officer.engine, officer_id=officer.enrolment.user_id)
