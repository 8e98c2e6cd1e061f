"""Three laptops against the real central store (SQLite and PostgreSQL): offline edits of the
same and of different assignments, synced in every order, with clocks an hour off either way;
same-field edits become Conflicts that the lead resolves; a task moved to another squad
leaves the old squad's laptops."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from fieldapp.sync.engine import SyncReport
from tests.support.laptops import Laptop
from tests.support.sync_world import World

ORDERS = list(itertools.permutations(range(3)))


def _staff(world: World, lead: Laptop, ids: list[str], *officers: Laptop) -> None:
    for assignment_id in ids:
        lead.edit(
            "assignment",
            assignment_id,
            officer_id=officers[0].user_id,
            second_officer_id=officers[1].user_id,
        )
    report = lead.sync()
    assert (report.applied, report.rejected) == (len(ids), 0)


def _resolve(lead: Laptop, conflict: dict[str, object], *, take_device: bool) -> None:
    """The lead settles a conflict: records the choice and, for the device's value, applies it."""
    chosen = conflict["device_value"] if take_device else conflict["server_value"]
    lead.edit(
        "conflict",
        str(conflict["id"]),
        resolution="device" if take_device else "server",
        resolved_value=chosen,
        resolved_at=lead.now(),
        resolved_by=lead.user_id,
    )
    if take_device:
        lead.edit("assignment", str(conflict["record_id"]), **{str(conflict["field"]): chosen})


def test_three_laptops_offline_synced_in_every_order_with_skewed_clocks(world: World) -> None:
    lead = world.laptop("lead1")
    ahead = world.laptop("officer11")  # its clock runs an hour fast
    behind = world.laptop("officer12")  # and this one an hour slow
    ahead.clock_shift, behind.clock_shift = timedelta(hours=1), -timedelta(hours=1)
    laptops = [ahead, behind, lead]
    started = world.assignments("S1", "in_progress") + world.assignments("S1", "assigned")
    to_start = world.assignments("S1", "assigned")[-len(ORDERS) :]
    others = [i for i in started if i not in to_start][: 3 * len(ORDERS)]
    assert len(others) == 3 * len(ORDERS)
    _staff(world, lead, others + to_start, ahead, behind)
    world.settle()
    for round_no, order in enumerate(ORDERS):
        same, different, own, status = *others[3 * round_no : 3 * round_no + 3], to_start[round_no]
        # Offline, in this real-time order: ahead, behind, lead.
        ahead.edit("assignment", same, result=f"ahead's result {round_no}")
        ahead.edit("assignment", different, lat=26.5 + round_no / 1000)
        ahead.edit("assignment", status, status="in_progress")
        visit_ahead = ahead.add_visit(same)
        behind.edit("assignment", same, result=f"behind's result {round_no}")
        behind.edit("assignment", different, lon=106.6 + round_no / 1000)
        # Two edits of one field on one laptop: the second builds on the first.
        behind.edit("assignment", own, result=f"behind's draft {round_no}")
        behind.edit("assignment", own, result=f"behind's final {round_no}")
        visit_behind = behind.add_visit(own)
        due = date(2027, 1, 1) + timedelta(days=round_no)
        lead.edit("assignment", same, priority="urgent")
        lead.edit("assignment", different, due_on=due)
        lead.edit("assignment", own, notes=f"lead's note {round_no}")
        lead.edit("assignment", status, status="routed")

        reports: dict[str, SyncReport] = {}
        for index in order:
            reports[laptops[index].name] = laptops[index].sync()
        assert all(report.rejected == 0 for report in reports.values()), reports
        world.settle(rounds=1)  # everything is pushed: one pull each brings it everywhere

        winner = "ahead" if next(i for i in order if i < 2) == 0 else "behind"
        server_same = world.row("assignment", same)
        assert server_same is not None
        # The first to reach the server wins the shared field, whatever the clocks say.
        assert server_same["result"] == f"{winner}'s result {round_no}"
        assert server_same["priority"] == "urgent"
        server_different = world.row("assignment", different)
        assert server_different is not None
        assert (server_different["lat"], server_different["lon"], server_different["due_on"]) == (
            26.5 + round_no / 1000,
            106.6 + round_no / 1000,
            due,
        )
        server_own = world.row("assignment", own)
        assert server_own is not None
        assert server_own["result"] == f"behind's final {round_no}"
        assert server_own["notes"] == f"lead's note {round_no}"
        assert world.row("visit_attempt", visit_ahead) is not None
        assert world.row("visit_attempt", visit_behind) is not None

        raised = {
            (c["record_id"], c["field"]): c
            for c in world.rows("conflict")
            if c["resolution"] is None
        }
        assert set(raised) == {(same, "result"), (status, "status")}, raised
        lead_first = order.index(2) < order.index(0)
        assert raised[(status, "status")]["device_value"] == (
            "in_progress" if lead_first else "routed"
        )
        # The lead's laptop has the conflicts; the lead keeps the server's result and makes
        # sure the task goes back to the squad queue either way.
        on_lead = {(c["record_id"], c["field"]) for c in _open_conflicts(lead)}
        assert on_lead == set(raised)
        _resolve(lead, raised[(same, "result")], take_device=False)
        _resolve(lead, raised[(status, "status")], take_device=not lead_first)
        assert lead.sync().rejected == 0
        world.settle()
        final = world.row("assignment", status)
        assert final is not None
        assert final["status"] == "routed"
        assert not [c for c in world.rows("conflict") if c["resolution"] is None]
        for laptop in laptops:
            assert not _open_conflicts(laptop), laptop
            assert laptop.pending() == []
        world.check()

    # One laptop's edits of one field split over several requests are no conflict either;
    # and an edit that sets a field to the value it has leaves every copy alike.
    task = others[0]
    behind.edit("assignment", task, result="split, first")
    behind.edit("assignment", task, result="split, second")
    assert behind.sync(push_batch=1).conflicts == 0
    unchanged = lead.row("assignment", task)
    assert unchanged is not None
    lead.edit("assignment", task, priority=unchanged["priority"])
    assert lead.sync().applied == 1
    world.settle()
    assert world.row("assignment", task)["result"] == "split, second"  # type: ignore[index]
    world.check()


def _open_conflicts(laptop: Laptop) -> list[dict[str, object]]:
    return [
        row
        for key, row in laptop.snapshot().items()
        if key[0] == "conflict" and row["resolution"] is None
    ]


def test_assignment_moved_to_another_squad_leaves_the_old_squads_laptops(world: World) -> None:
    lead = world.laptop("lead1")
    officer = world.laptop("officer11")
    colleague = world.laptop("officer12")
    other_squad = world.laptop("officer21")
    registrar = world.laptop("registrar")
    moved = world.assignments("S1", "assigned")[0]
    stays = world.assignments("S1", "assigned")[1]
    _staff(world, lead, [moved, stays], officer, colleague)
    world.settle()
    visit = officer.add_visit(moved)
    officer.edit("assignment", moved, result="found the debtor's car")
    colleague.edit("assignment", moved, result="nobody home")  # a conflict, on this task
    officer.sync()
    colleague.sync()
    world.settle()
    conflict = next(c for c in world.rows("conflict") if c["record_id"] == moved)
    case_id = world.row("assignment", moved)["case_id"]  # type: ignore[index]
    assert officer.row("visit_attempt", visit) is not None

    lead.edit("assignment", moved, squad_code="S2", officer_id=None, second_officer_id=None)
    officer.edit("assignment", stays, result="still ours")  # unrelated work goes on
    assert lead.sync().applied == 1
    world.settle()

    for laptop in (lead, officer, colleague):
        assert laptop.row("assignment", moved) is None, laptop
        assert laptop.row("visit_attempt", visit) is None, laptop
        assert laptop.row("conflict", conflict["id"]) is None, laptop
        assert laptop.row("assignment", stays) is not None
    s1_cases = {r["case_id"] for r in world.rows("assignment", squad_code="S1", deleted=False)}
    assert (officer.row("case", case_id) is not None) == (case_id in s1_cases)
    arrived = other_squad.row("assignment", moved)
    assert arrived is not None
    assert arrived["squad_code"] == "S2"
    assert other_squad.row("visit_attempt", visit) is not None
    assert other_squad.row("conflict", conflict["id"]) is not None
    assert other_squad.row("case", case_id) is not None
    assert registrar.row("assignment", moved)["squad_code"] == "S2"  # type: ignore[index]
    world.check()
