"""Issuing in batch (all or nothing, with progress) and recording service with the checks
each method needs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from fieldapp.domain.enums import Matter, ServiceMethod
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_batch import BatchRefused, issue_batch
from fieldapp.services.notices_issue import issue, prepare
from fieldapp.services.notices_serve import ServiceDetails, ServiceRefused, serve
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.fieldwork import Notice, ServiceRecord
from fieldapp.storage.local_tables import OutboxOp
from tests.support.notice_data import ACTOR, NOW, demo_engine, lease_locally, pick_tasks


def _service_tasks(engine: Engine, count: int) -> tuple[list[str], list[str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Assignment.id, Case.case_number)
            .join(Case, Case.id == Assignment.case_id)
            .where(Assignment.matter == Matter.SERVICE, Case.amount_fen.is_not(None))
            .order_by(Assignment.registration_no)
            .limit(count)
        ).all()
    return [r[0] for r in rows], [r[1] for r in rows]


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_batch_issues_every_notice_with_progress(tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    tasks, cases = _service_tasks(engine, 12)
    lease_locally(engine, cases)
    seen: list[tuple[int, int]] = []
    issued = issue_batch(
        engine,
        "execution_notice",
        tasks,
        actor=ACTOR,
        now=NOW,
        changes=OutboxSink(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [n.assignment_id for n in issued] == tasks
    assert seen == [(i, len(tasks)) for i in range(1, len(tasks) + 1)]
    assert _count(engine, Notice) == len(tasks)
    with engine.connect() as connection:
        ops = connection.execute(select(OutboxOp.seq).where(OutboxOp.entity == "notice"))
        assert sorted(ops.scalars()) == list(range(1, len(tasks) + 1))


def test_a_batch_with_one_bad_task_issues_nothing_and_names_it(tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    tasks, cases = _service_tasks(engine, 4)
    lease_locally(engine, cases[1:])  # the first task's case has no numbers
    with pytest.raises(BatchRefused) as refused:
        issue_batch(engine, "execution_notice", tasks, actor=ACTOR, now=NOW, changes=OutboxSink())
    problems = refused.value.problems
    assert [p.assignment_id for p in problems] == [tasks[0]]
    assert "sync to lease more" in problems[0].reason
    assert problems[0].registration_no.startswith("WQ-")
    assert _count(engine, Notice) == 0
    assert _count(engine, OutboxOp) == 0


def test_service_is_recorded_with_what_each_method_needs(tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    draft = prepare(engine, "execution_notice", assignment_id=picks.service)
    notice = issue(engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    later = NOW + timedelta(hours=2)

    def attempt(**details: object) -> None:
        serve(
            engine,
            notice.id,
            ServiceDetails(**details),  # type: ignore[arg-type]
            actor=ACTOR,
            now=later,
            changes=OutboxSink(),
        )

    with pytest.raises(ServiceRefused, match="第89条") as refused:
        attempt(
            method=ServiceMethod.LEFT_WITH_WITNESS,
            served_at=later,
            recipient="张三",
            refusal_reason="拒绝签收",
        )
    assert refused.value.code == "service_refused.witness"
    with pytest.raises(ServiceRefused, match="第138条"):
        attempt(method=ServiceMethod.POSTED, served_at=later)
    with pytest.raises(ServiceRefused, match="before it was issued"):
        attempt(method=ServiceMethod.PERSONAL, served_at=NOW - timedelta(days=1), recipient="张三")
    assert _count(engine, ServiceRecord) == 0
    served = serve(
        engine,
        notice.id,
        ServiceDetails(
            ServiceMethod.LEFT_WITH_WITNESS,
            later,
            recipient="张三",
            refusal_reason="拒绝签收",
            witness="社区工作人员 李四",
        ),
        actor=ACTOR,
        now=later,
        changes=OutboxSink(),
    )
    assert served.document_number == notice.document_number
    with engine.connect() as connection:
        record = connection.execute(select(ServiceRecord.notice_id, ServiceRecord.witness)).one()
        ops = connection.execute(
            select(OutboxOp.record_id).where(OutboxOp.entity == "service_record")
        ).scalars()
        assert list(ops) == [served.id]
    assert tuple(record) == (notice.id, "社区工作人员 李四")
