"""A lead's pause of a task's clock, pushed to the real central store, is accepted there and moves
the escalation the same way on both sides: the server's pass and the laptop's own plan find the
same levels with the same (paused) due day in their reasons; an open pause stops both."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from fieldapp.domain.clock import court_date
from fieldapp.domain.enums import Role
from fieldapp.domain.escalation_plan import EscalationRules, PlannedEscalation
from fieldapp.server.supervision import SupervisionConfig, run_escalation_pass
from fieldapp.services.clock_pauses import pause_clock, resume_clock
from fieldapp.services.escalation_inbox import local_plan
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage.casework import Assignment
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.types import utcnow
from tests.support.laptops import Laptop
from tests.support.sync_world import World

RULES = EscalationRules()
CALENDAR = ChinaCalendar()


def planned(laptop: Laptop, task_id: str | None = None) -> list[PlannedEscalation]:
    today = court_date(utcnow())
    with laptop.engine.connect() as connection:
        plan = local_plan(connection, today, rules=RULES, calendar=CALENDAR)
    return [item for item in plan if task_id is None or item.item_id == task_id]


def server_records(world: World, task_id: str) -> set[tuple[Any, ...]]:
    with world.engine.connect() as connection:
        rows = connection.execute(
            select(Escalation.level, Escalation.reason).where(Escalation.assignment_id == task_id)
        ).all()
    return {(level, reason) for level, reason in rows}


def test_a_pause_pushed_by_a_lead_moves_the_escalation_on_both_sides(world: World) -> None:
    lead = world.laptop("lead1")
    today = court_date(utcnow())
    # The lead's most overdue task of their own squad (the seed has tasks weeks late).
    levels: dict[str, int] = {}
    for item in planned(lead):
        if item.kind == "assignment" and item.squad_code == lead.squad:
            levels[item.item_id] = max(levels.get(item.item_id, 0), item.level)
    task_id = max(levels, key=lambda key: levels[key])
    assert levels[task_id] >= 2, levels
    with lead.engine.connect() as connection:
        received_at, due_on = connection.execute(
            select(Assignment.received_at, Assignment.due_on).where(Assignment.id == task_id)
        ).one()
    start = court_date(received_at) + timedelta(days=1)
    assert start <= due_on  # so every paused day counts
    overdue = (today - due_on).days
    # Paused long enough to bring the task down a level, not so long that nothing is left.
    paused = overdue - 5 if overdue >= 16 else overdue + 1
    edit = {"role": Role(lead.role), "squad_code": lead.squad, "today": today}

    # An open pause: the clock stands still, nothing escalates, on either side.
    pause_clock(lead.engine, task_id, start=start, reason="suspension", note="中止", **edit)
    report = lead.sync()
    assert (report.applied, report.rejected) == (1, 0)
    on_server = world.row("assignment", task_id)
    assert on_server is not None
    assert on_server["clock_pauses"] == [
        {"start": start.isoformat(), "end": None, "reason": "suspension", "note": "中止"}
    ]
    assert planned(lead, task_id) == []
    config = SupervisionConfig()
    run_escalation_pass(world.engine, now=utcnow(), config=config, calendar=CALENDAR)
    assert server_records(world, task_id) == set()

    # Resumed: the due day moves on by the paused days, the same on both sides.
    resume_clock(lead.engine, task_id, end=start + timedelta(days=paused - 1), **edit)
    assert lead.sync().applied == 1
    after = planned(lead, task_id)
    assert after, (overdue, paused)
    run_escalation_pass(world.engine, now=utcnow(), config=config, calendar=CALENDAR)
    lead.sync()
    raised = server_records(world, task_id)
    assert raised == {(item.level, item.reason) for item in after}
    assert max((item.level for item in after), default=0) < levels[task_id]
    # What the lead's laptop received is what it computed: nothing provisional remains.
    with lead.engine.connect() as connection:
        received = connection.execute(
            select(Escalation.level, Escalation.reason).where(Escalation.assignment_id == task_id)
        ).all()
    assert set(received) == raised
    assert lead.pending() == []
