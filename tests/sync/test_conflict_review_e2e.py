"""A conflict made by the real central store, settled on the lead's laptop through the conflict
review service, and the decision back on the central store and on every laptop."""

from __future__ import annotations

from datetime import date

import pytest

from fieldapp.domain.conflict_rules import Choice, ConflictRefused
from fieldapp.domain.enums import Role
from fieldapp.services.conflicts import open_conflicts, resolve_conflict
from tests.support.sync_world import World


def test_the_lead_settles_a_server_made_conflict_with_the_devices_value(world: World) -> None:
    lead = world.laptop("lead1")
    registrar = world.laptop("registrar")
    task = world.assignments("S1", "assigned")[0]
    # Both offline: the registrar moves the due date one way, the lead another.
    registrar.edit("assignment", task, due_on=date(2027, 2, 1))
    lead.edit("assignment", task, due_on=date(2027, 3, 1))
    assert registrar.sync().rejected == 0
    report = lead.sync()
    assert (report.conflicts, report.rejected) == (1, 0)
    lead.sync()  # pulls the conflict the push raised

    (conflict,) = open_conflicts(lead.engine)
    assert (conflict.record_id, conflict.field) == (task, "due_on")
    assert (conflict.device_value, conflict.server_value) == ("2027-03-01", "2027-02-01")
    assert conflict.lead_may_write
    # The registrar cannot settle it, and neither can a typed date that does not exist.
    with pytest.raises(ConflictRefused):
        resolve_conflict(registrar.engine, actor=registrar.actor, role=Role.REGISTRAR,
                         conflict_id=conflict.id, choice=Choice.DEVICE)  # fmt: skip
    with pytest.raises(ConflictRefused):
        resolve_conflict(lead.engine, actor=lead.actor, role=Role.LEAD, conflict_id=conflict.id,
                         choice=Choice.EDITED, edited="2027-02-30")  # fmt: skip

    settled = resolve_conflict(
        lead.engine,
        actor=lead.actor,
        role=Role.LEAD,
        conflict_id=conflict.id,
        choice=Choice.DEVICE,
        note="组长确认：按组长的期限",
    )
    assert settled.record_changed
    assert lead.sync().rejected == 0
    world.settle()

    on_server = world.row("conflict", conflict.id)
    assert on_server is not None
    assert on_server["resolution"] == "device"
    assert on_server["resolved_by"] == lead.user_id
    assert on_server["resolved_at"] is not None
    assert on_server["note"] == "组长确认：按组长的期限"
    assignment = world.row("assignment", task)
    assert assignment is not None
    assert assignment["due_on"] == date(2027, 3, 1)
    for laptop in (lead, registrar):
        assert open_conflicts(laptop.engine) == []
        row = laptop.row("assignment", task)
        assert row is not None
        assert row["due_on"] == "2027-03-01"  # laptops hand rows back in wire form
    world.check()
