"""Escalations end to end: ``fieldapp server`` raises them on its timer, they sync to their
recipients' laptops, the laptop's own computation over its data gives the same records, and
the recipient's acknowledgement travels back through the outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.escalation_plan import EscalationRules
from fieldapp.server.database import open_central
from fieldapp.services.escalation_ack import CannotAcknowledge, acknowledge
from fieldapp.services.escalation_inbox import inbox, local_plan
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.types import utcnow
from tests.support.central_process import CentralProcess, seed
from tests.support.laptops import Laptop
from tests.support.sync_world import World

RULES = EscalationRules()
CALENDAR = ChinaCalendar()


@pytest.fixture
def central(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CentralProcess]:
    """The server with its heads named and a pass every 1.2 s (the child reads the env)."""
    monkeypatch.setenv("FIELDAPP_SERVER_CENTRE_HEAD", "supervisor")
    monkeypatch.setenv("FIELDAPP_SERVER_BUREAU_CHIEF", "admin")
    monkeypatch.setenv("FIELDAPP_SERVER_ESCALATION_EVERY_MINUTES", "0.02")
    open_central(db_url).dispose()
    server = CentralProcess(db_url, tmp_path / "central-blobs", tmp_path / "central.log")
    server.launch()
    try:
        seed(db_url)
        server.wait_healthy()
        yield server
    finally:
        server.stop()


def wait_for_pass(world: World) -> int:
    """The number of escalations once the server's scheduled pass has written them."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with world.engine.connect() as connection:
            count = connection.execute(select(func.count()).select_from(Escalation)).scalar()
        if count:
            return int(count)
        time.sleep(0.3)
    raise AssertionError("the server's escalation pass never ran")


def records(laptop: Laptop) -> set[tuple[Any, ...]]:
    with laptop.engine.connect() as connection:
        rows = connection.execute(
            select(
                Escalation.assignment_id,
                Escalation.asset_control_id,
                Escalation.level,
                Escalation.raised_to,
                Escalation.reason,
            )
        ).all()
    return {
        (("assignment", a, lvl) if a else ("asset", b, lvl), to, reason)
        for a, b, lvl, to, reason in rows
    }


def computed(laptop: Laptop) -> set[tuple[Any, ...]]:
    today = court_date(utcnow())
    with laptop.engine.connect() as connection:
        plan = local_plan(connection, today, rules=RULES, calendar=CALENDAR)
    return {(item.key, item.raised_to, item.reason) for item in plan}


def test_server_pass_reaches_laptops_which_compute_the_same(world: World) -> None:
    lead = world.laptop("lead1", synced=False)
    officer = world.laptop("officer11", synced=False)
    supervisor = world.laptop("supervisor", synced=False)
    laptops = [lead, officer, supervisor]
    wait_for_pass(world)
    time.sleep(1.5)  # the next passes find nothing new
    before = wait_for_pass(world)
    for laptop in laptops:
        laptop.sync()
    for laptop in laptops:
        server_side = records(laptop)
        assert server_side, laptop
        assert computed(laptop) == server_side, laptop
    assert wait_for_pass(world) == before  # later passes raised nothing twice
    # The officer's inbox: only the officer's own, each once, none provisional now.
    today = court_date(utcnow())
    views = inbox(officer.engine, officer.user_id, today, rules=RULES, calendar=CALENDAR)
    assert views
    assert all(view.raised_to == officer.user_id for view in views)
    assert not [view for view in views if view.provisional]
    assert len({view.key for view in views}) == len(views)
    # Acknowledged on the officer's laptop, pushed through the outbox, seen by the lead.
    chosen = views[0]
    assert chosen.record_id is not None
    with pytest.raises(CannotAcknowledge):
        acknowledge(lead.engine, chosen.record_id, actor=lead.actor, now=utcnow())
    acknowledge(officer.engine, chosen.record_id, actor=officer.actor, now=utcnow())
    report = officer.sync()
    assert (report.applied, report.rejected) == (1, 0)
    on_server = world.row("escalation", chosen.record_id)
    assert on_server is not None
    assert on_server["acknowledged_by"] == officer.user_id
    lead.sync()
    row = lead.row("escalation", chosen.record_id)
    assert row is not None
    assert row["acknowledged_by"] == officer.user_id
    # The lead forging it through the raw outbox is refused by the server.
    other = next(view for view in views if view.record_id != chosen.record_id)
    assert other.record_id is not None
    lead.edit(
        "escalation",
        other.record_id,
        acknowledged_at=utcnow(),
        acknowledged_by=lead.user_id,
    )
    assert lead.sync().rejected == 1
    refused = world.row("escalation", other.record_id)
    assert refused is not None
    assert refused["acknowledged_at"] is None
