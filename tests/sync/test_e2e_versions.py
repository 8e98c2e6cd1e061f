"""Versions and history against the real central store (SQLite and PostgreSQL): a laptop of an
older protocol is told to upgrade (426) and keeps its outbox; a laptop whose cursor is older
than the tombstones kept is told so (410), pushes, downloads everything again and loses none
of its unsent edits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from fieldapp.server.changelog import prune_tombstones
from fieldapp.storage.central_tables import AppliedOp
from fieldapp.storage.engine import writing
from fieldapp.storage.types import utcnow
from fieldapp.sync.client import UpgradeRequired
from fieldapp.sync.protocol import PROTOCOL_VERSION
from tests.support.laptops import Laptop
from tests.support.sync_world import World


def _staffed(world: World, *officers: Laptop) -> str:
    lead = world.laptop("lead1")
    task = world.assignments("S1", "in_progress")[0]
    lead.edit(
        "assignment",
        task,
        officer_id=officers[0].user_id,
        second_officer_id=officers[-1].user_id,
    )
    assert lead.sync().applied == 1
    world.settle()
    return task


def test_an_older_protocol_gets_426_and_keeps_its_outbox(world: World) -> None:
    officer = world.laptop("officer11")
    task = _staffed(world, officer)
    officer.edit("assignment", task, result="written on an old version")
    officer.add_visit(task)
    waiting = officer.outbox()

    with pytest.raises(UpgradeRequired) as refused:
        officer.sync(protocol=PROTOCOL_VERSION - 1)
    assert refused.value.status == 426
    assert "Update Fieldapp" in refused.value.message
    assert officer.outbox() == waiting
    assert len(officer.pending()) == 2
    with world.engine.connect() as connection:
        applied = connection.execute(
            select(func.count()).where(AppliedOp.device_id == officer.device_id)
        ).scalar_one()
    assert applied == 0

    report = officer.sync()  # upgraded
    assert report.applied == 2
    assert officer.pending() == []
    world.settle()
    world.check()


def test_a_cursor_older_than_the_tombstones_downloads_again_without_losing_edits(
    world: World,
) -> None:
    registrar = world.laptop("registrar")
    officer = world.laptop("officer11")
    colleague = world.laptop("officer12")
    task = _staffed(world, officer, colleague)
    doomed = world.assignments("S1", "routed")[0]
    assert officer.row("assignment", doomed) is not None

    # Offline for long: edits wait in the outbox while the registrar deletes a task.
    officer.edit("assignment", task, result="written while away")
    visit = officer.add_visit(task)
    registrar.delete("assignment", doomed)
    assert registrar.sync().applied == 1
    colleague.sync()  # a laptop that did see the deletion
    with writing(world.engine).begin() as connection:
        forgotten = prune_tombstones(connection, older_than=utcnow() + timedelta(days=1))
    assert forgotten >= 1

    report = officer.sync()
    assert report.downloaded_again
    assert (report.applied, report.rejected) == (2, 0)
    assert officer.pending() == []
    assert officer.row("assignment", doomed) is None
    assert officer.row("visit_attempt", visit) is not None
    server_task = world.row("assignment", task)
    assert server_task is not None
    assert server_task["result"] == "written while away"
    again = officer.sync()
    assert not again.downloaded_again
    world.settle()
    world.check()
