"""An assignment moved to another squad: it and what hangs off it leave the old squad's
laptops (listed in ``removed``) and arrive on the new squad's; its case follows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fieldapp.storage.schema import TABLES
from tests.support.central import (
    Central,
    asset_control,
    evidence,
    new_assignment,
    notice,
    service_record,
    visit,
)

Key = tuple[str, str]


@dataclass
class Task:
    case: set[Key]  # the case, its party, and its records tied to no task
    assignment: Key
    hanging: set[Key]  # the records that hang off the assignment

    @property
    def everything(self) -> set[Key]:
        return self.case | {self.assignment} | self.hanging


def register(central: Central, *, tasks: int = 1) -> list[Task]:
    """A new case with a party, an asset control and a notice served of its own, and ``tasks``
    assignments routed to S1 and given to officer11, each with a visit, evidence, an asset
    control, a notice served, and a conflict."""
    registrar = central.ops("registrar")
    case = registrar.insert(
        "case",
        {"case_number": f"（2026）黔01执{central.count('case') + 9000}号", "track": "ordinary"},
    )
    party = registrar.insert(
        "party",
        {"case_id": case["record_id"], "role": "respondent", "kind": "person", "name": "李四"},
    )
    routed = [
        registrar.insert("assignment", new_assignment(case["record_id"], "S1"))
        for _ in range(tasks)
    ]
    central.apply("registrar", case, party, *routed)
    officer = central.account("officer11").user_id
    lead = central.ops("lead1")
    central.apply(
        "lead1",
        *(
            lead.update(
                "assignment", op["record_id"], 1, {"status": "assigned", "officer_id": officer}
            )
            for op in routed
        ),
    )
    ops = central.ops("officer11")
    case_level = [
        ops.insert("asset_control", asset_control(case["record_id"], None)),
        ops.insert("notice", notice(case["record_id"], None)),
    ]
    case_level.append(ops.insert("service_record", service_record(case_level[-1]["record_id"])))
    central.apply("officer11", *case_level)
    case_records = {(o["entity"], o["record_id"]) for o in [case, party, *case_level]}
    made = []
    for op in routed:
        task_id = op["record_id"]
        ops = central.ops("officer11")
        field = [
            ops.insert("visit_attempt", visit(task_id)),
            ops.insert("evidence_item", evidence(task_id)),
            ops.insert("asset_control", asset_control(case["record_id"], task_id)),
            ops.insert("notice", notice(case["record_id"], task_id)),
        ]
        field.append(ops.insert("service_record", service_record(field[-1]["record_id"])))
        central.apply("officer11", *field)
        central.apply("lead1", lead.update("assignment", task_id, 2, {"due_on": "2026-06-01"}))
        (clash,) = central.push_ok(
            "registrar", registrar.update("assignment", task_id, 2, {"due_on": "2026-06-02"})
        )
        assert clash["status"] == "conflict"
        (conflict,) = central.rows("conflict", TABLES["conflict"].c.record_id == task_id)
        hanging = {(o["entity"], o["record_id"]) for o in field} | {("conflict", conflict["id"])}
        made.append(Task(case_records, ("assignment", task_id), hanging))
    return made


def move(central: Central, mover: str, task: Task, squad: str) -> None:
    row = central.row("assignment", task.assignment[1])
    central.apply(
        mover,
        central.ops(mover).update(
            "assignment",
            row["id"],
            row["version"],
            {"squad_code": squad, "status": "routed", "officer_id": None},
        ),
    )


@pytest.mark.parametrize("mover", ["lead1", "registrar"])
def test_a_moved_assignment_leaves_the_old_squad_and_reaches_the_new(
    central: Central, mover: str
) -> None:
    (task,) = register(central)
    old_squad = central.pull_all("officer11")
    assert task.everything <= old_squad.keys()
    new_squad = central.pull_all("officer21")
    assert not task.everything & new_squad.keys()

    move(central, mover, task, "S2")

    left = central.pull_all("officer11", old_squad.next_cursor)
    assert task.everything <= left.removed_keys()
    assert not task.everything & left.keys()
    arrived = central.pull_all("officer21", new_squad.next_cursor)
    assert task.everything <= arrived.keys()
    assert not task.everything & arrived.removed_keys()
    moved = arrived.record(*task.assignment)
    assert moved is not None
    assert moved["data"]["squad_code"] == "S2"

    # A laptop downloading from scratch sees the same.
    assert not task.everything & central.pull_all("officer12").keys()
    assert task.everything <= central.pull_all("officer22").keys()
    assert task.everything <= central.pull_all("lead2").keys()


def test_a_case_stays_with_a_squad_that_still_has_one_of_its_tasks(central: Central) -> None:
    first, second = register(central, tasks=2)
    old_squad = central.pull_all("officer11")
    new_squad = central.pull_all("officer21")

    move(central, "lead1", first, "S2")

    left = central.pull_all("officer11", old_squad.next_cursor)
    assert {first.assignment} | first.hanging <= left.removed_keys()
    assert not first.case & left.removed_keys()
    assert not ({second.assignment} | second.hanging) & left.removed_keys()
    arrived = central.pull_all("officer21", new_squad.next_cursor)
    assert first.everything <= arrived.keys()  # the case and its party now belong to both
    assert not ({second.assignment} | second.hanging) & arrived.keys()
    assert second.everything <= central.pull_all("officer12").keys()


def test_a_task_moved_away_and_back_ends_up_on_the_old_squads_laptops(
    central: Central,
) -> None:
    (task,) = register(central)
    old_squad = central.pull_all("officer11")
    move(central, "lead1", task, "S2")
    move(central, "registrar", task, "S1")
    since = central.pull_all("officer11", old_squad.next_cursor)
    # A laptop applies a page's removals before its changes, so the records come back.
    assert task.everything <= since.keys()
    assert task.everything <= central.pull_all("officer12").keys()
    gone = central.pull_all("officer21")
    assert not task.everything & gone.keys()
