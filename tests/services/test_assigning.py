"""Assigning and reassigning tasks: open loads, the second officer, every refusal, the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from fieldapp.domain.assigning import AssignmentRefused
from fieldapp.domain.enums import AssignmentStatus, Role
from fieldapp.services.assigning import (
    TasksRefused,
    assign,
    assign_choices,
    officers_needed,
    squad_officers,
)
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.reference import MatterType, Squad, StaffMember
from tests.ui.sample_data import add_samples


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    add_samples(workspace.engine)
    staff(workspace.engine)
    try:
        yield workspace
    finally:
        workspace.close()


def staff(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for username, name, role, squad in (
            ("a1", "甲", Role.OFFICER, "S1"),
            ("a2", "乙", Role.OFFICER, "S1"),
            ("a3", "丙", Role.OFFICER, "S2"),
            ("lead1", "组长一", Role.LEAD, "S1"),
            ("reg", "登记员", Role.REGISTRAR, "S1"),
        ):
            session.add(
                StaffMember(username=username, display_name=name, role=role, squad_code=squad)
            )
        session.add(StaffMember(username="gone", display_name="离职", role=Role.OFFICER,
                                squad_code="S1", active=False))  # fmt: skip


def ids(engine: Engine, *names: str) -> list[str]:
    with engine.connect() as connection:
        query = select(StaffMember.display_name, StaffMember.id)
        found = {name: member_id for name, member_id in connection.execute(query)}
    return [found[name] for name in names]


def task(engine: Engine, registration_no: str) -> Assignment:
    with Session(engine) as session:
        row = session.scalars(
            select(Assignment).where(Assignment.registration_no == registration_no)
        ).one()
        session.expunge(row)
        return row


def outbox(engine: Engine) -> list[OutboxOp]:
    with Session(engine) as session:
        rows = list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq)))
        session.expunge_all()
        return rows


def test_officers_of_the_squad_with_their_open_load(workspace: Workspace) -> None:
    engine = workspace.engine
    a1, a2 = ids(engine, "甲", "乙")
    assign(engine, role=Role.LEAD, actor_squad="S1",
           assignment_ids=[task(engine, "WQ-2026-000004").id], officer_id=a1,
           second_officer_id=a2)  # fmt: skip
    officers = squad_officers(engine, "S1")
    names = [officer.name for officer in officers]
    assert "丙" not in names
    assert "离职" not in names
    assert "登记员" not in names
    loads = {officer.name: officer.open_count for officer in officers}
    assert loads["甲"] == 1
    assert loads["乙"] == 1
    assert loads["组长一"] == 0
    assert officers[-1].role is Role.LEAD  # officers first
    assert squad_officers(engine, None) == []
    assert squad_officers(engine, "nope") == []


def test_assigning_a_routed_task_writes_the_change_and_its_outbox_op(workspace: Workspace) -> None:
    engine = workspace.engine
    (a1,) = ids(engine, "甲")
    routed = task(engine, "WQ-2026-000004")
    done = assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[routed.id],
                  officer_id=a1)  # fmt: skip
    assert done.changed == ("WQ-2026-000004",)
    after = task(engine, "WQ-2026-000004")
    assert after.officer_id == a1
    assert after.status is AssignmentStatus.ASSIGNED
    (op,) = outbox(engine)
    assert op.entity == "assignment"
    assert op.record_id == routed.id
    assert op.kind == "update"
    assert '"officer_id"' in (op.payload or "")
    assert '"assigned"' in (op.payload or "")
    # The same again changes nothing and queues nothing.
    again = assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[routed.id],
                   officer_id=a1)  # fmt: skip
    assert again.changed == ()
    assert again.unchanged == ("WQ-2026-000004",)
    assert len(outbox(engine)) == 1


def test_reassigning_keeps_the_status_and_queues_a_new_op(workspace: Workspace) -> None:
    engine = workspace.engine
    a1, a2 = ids(engine, "甲", "乙")
    with Session(engine) as session, session.begin():
        session.execute(update(Squad).where(Squad.code == "S1").values(member_ids=[]))
        # The sample task in progress belongs to S1; its officers are outside any squad.
    in_progress = task(engine, "WQ-2026-000001")
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[in_progress.id],
           officer_id=a1)  # fmt: skip
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[in_progress.id],
           officer_id=a2)  # fmt: skip
    after = task(engine, "WQ-2026-000001")
    assert after.officer_id == a2
    assert after.status is AssignmentStatus.IN_PROGRESS
    ops = outbox(engine)
    assert [op.record_id for op in ops] == [in_progress.id, in_progress.id]
    assert [op.seq for op in ops] == [1, 2]


def test_a_drop_keeps_the_second_officer_and_swaps_when_the_second_becomes_main(
    workspace: Workspace,
) -> None:
    engine = workspace.engine
    a1, a2, lead = ids(engine, "甲", "乙", "组长一")
    routed = task(engine, "WQ-2026-000004").id
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[routed], officer_id=a1,
           second_officer_id=a2)  # fmt: skip
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[routed], officer_id=lead,
           keep_second=True)  # fmt: skip
    after = task(engine, "WQ-2026-000004")
    assert (after.officer_id, after.second_officer_id) == (lead, a2)
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[routed], officer_id=a2,
           keep_second=True)  # fmt: skip
    after = task(engine, "WQ-2026-000004")
    assert (after.officer_id, after.second_officer_id) == (a2, lead)


@pytest.mark.parametrize(
    ("registration_no", "officer", "second", "role", "squad", "reason"),
    [
        ("WQ-2026-000004", "丙", None, Role.LEAD, "S1", "other_squad"),
        ("WQ-2026-000004", "甲", "丙", Role.LEAD, "S1", "other_squad"),
        ("WQ-2026-000004", "甲", "甲", Role.LEAD, "S1", "same"),
        ("WQ-2026-000003", "甲", None, Role.LEAD, "S1", "closed"),
        ("WQ-2026-000004", "甲", None, Role.OFFICER, "S1", "role"),
        ("WQ-2026-000004", "甲", None, Role.SUPERVISOR, "S1", "role"),
        ("WQ-2026-000004", "甲", None, Role.REGISTRAR, "S1", "role"),
        ("WQ-2026-000004", "离职", None, Role.LEAD, "S1", "inactive"),
        ("WQ-2026-000004", "登记员", None, Role.LEAD, "S1", "not_officer"),
        ("WQ-2026-000005", "丙", None, Role.LEAD, "S1", "other_squad_task"),
        ("WQ-2026-000006", "甲", None, Role.LEAD, "S1", "unrouted"),
    ],
)
def test_refusals_name_the_rule_and_write_nothing(
    workspace: Workspace,
    registration_no: str,
    officer: str,
    second: str | None,
    role: Role,
    squad: str,
    reason: str,
) -> None:
    engine = workspace.engine
    main = ids(engine, officer)[0]
    second_id = ids(engine, second)[0] if second else None
    before = task(engine, registration_no)
    with pytest.raises((TasksRefused, AssignmentRefused)) as caught:
        assign(engine, role=role, actor_squad=squad, assignment_ids=[before.id],
               officer_id=main, second_officer_id=second_id)  # fmt: skip
    error = caught.value
    errors = [r.error for r in error.refusals] if isinstance(error, TasksRefused) else [error]
    assert [e.code for e in errors] == [f"assignment_refused.{reason}"]
    after = task(engine, registration_no)
    assert (after.officer_id, after.status, after.version) == (
        before.officer_id,
        before.status,
        before.version,
    )
    assert outbox(engine) == []


def test_a_matter_that_needs_two_refuses_one_officer(workspace: Workspace) -> None:
    engine = workspace.engine
    (a1,) = ids(engine, "甲")
    assert officers_needed(engine, "seize") == 2  # type: ignore[arg-type]
    assert officers_needed(engine, "service") == 1  # type: ignore[arg-type]
    with Session(engine) as session, session.begin():
        session.add(MatterType(code="locate", name="查人找物", min_officers=2))
    with pytest.raises(TasksRefused) as caught:
        assign(engine, role=Role.LEAD, actor_squad="S1",
               assignment_ids=[task(engine, "WQ-2026-000004").id], officer_id=a1)  # fmt: skip
    assert caught.value.refusals[0].error.code == "assignment_refused.needs_two"
    assert caught.value.refusals[0].registration_no == "WQ-2026-000004"


def test_one_bad_task_in_a_selection_refuses_all_of_them(workspace: Workspace) -> None:
    engine = workspace.engine
    (a1,) = ids(engine, "甲")
    good, closed = task(engine, "WQ-2026-000004"), task(engine, "WQ-2026-000003")
    with pytest.raises(TasksRefused) as caught:
        assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[good.id, closed.id],
               officer_id=a1)  # fmt: skip
    assert [r.registration_no for r in caught.value.refusals] == ["WQ-2026-000003"]
    assert task(engine, "WQ-2026-000004").officer_id is None
    assert outbox(engine) == []


@pytest.mark.parametrize(
    "assignment_ids",
    [[], ["' OR 1=1 --"], ["x" * 100_000], ["\x00"]],
    ids=["empty", "sql", "huge", "nul"],
)
def test_empty_hostile_and_unknown_selections(
    workspace: Workspace, assignment_ids: list[str]
) -> None:
    engine = workspace.engine
    (a1,) = ids(engine, "甲")
    with pytest.raises((TasksRefused, AssignmentRefused)):
        assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=assignment_ids,
               officer_id=a1)  # fmt: skip
    with pytest.raises(AssignmentRefused):
        assign(engine, role=Role.LEAD, actor_squad="S1",
               assignment_ids=[task(engine, "WQ-2026-000004").id],
               officer_id="'; DROP TABLE assignment; --")  # fmt: skip
    assert outbox(engine) == []


def test_the_dialog_choices_name_the_current_officers_by_id(workspace: Workspace) -> None:
    engine = workspace.engine
    a1, a2 = ids(engine, "甲", "乙")
    locate, other = task(engine, "WQ-2026-000004"), task(engine, "WQ-2026-000005")
    with Session(engine) as session, session.begin():
        session.add(MatterType(code="locate", name="查人找物", min_officers=2))
    assign(engine, role=Role.LEAD, actor_squad="S1", assignment_ids=[locate.id],
           officer_id=a1, second_officer_id=a2)  # fmt: skip
    one = assign_choices(engine, "S1", [locate.id])
    assert one.current == (a1, a2)
    assert one.needed == 2
    assert {officer.id for officer in one.officers} >= {a1, a2}
    several = assign_choices(engine, "S1", [locate.id, other.id, locate.id])
    assert several.current == (None, None)  # several tasks: nobody is preselected
    nothing = assign_choices(engine, "S1", ["' OR 1=1 --", "x" * 10_000])
    assert (nothing.current, nothing.needed) == ((None, None), 1)
