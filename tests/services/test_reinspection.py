"""Re-inspection (复查) tasks for the cases closed for now, on a frozen clock: one per case and
period, routed like any request, never two for the same period, the interval configurable."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from fieldapp.domain.deadlines import WeekendCalendar
from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Matter
from fieldapp.domain.reinspection import InvalidInterval
from fieldapp.services.changes import OutboxSink
from fieldapp.services.reinspection import (
    ReinspectionRun,
    current_period,
    run_reinspections,
)
from fieldapp.storage.casework import Assignment, Party
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.local_tables import OutboxOp
from tests.support.asset_world import (
    add_case,
    add_control,
    add_routing,
    add_task,
    empty_engine,
)
from tests.support.notice_data import ACTOR

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # 2026-11-27 in Guiyang


def _region(address: str) -> str | None:
    return "520103" if "云岩区" in address else None


def _run(engine: Engine, now: datetime = NOW, **kwargs: object) -> ReinspectionRun:
    return run_reinspections(
        engine,
        now=now,
        actor=ACTOR,
        changes=OutboxSink(),
        region_of=_region,
        calendar=WeekendCalendar(),
        **kwargs,  # type: ignore[arg-type]
    )


def _tasks(engine: Engine) -> list[Assignment]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(Assignment)
                .where(Assignment.matter == Matter.RE_INSPECTION)
                .order_by(Assignment.registration_no)
            ).all()
        )


def _ops(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(OutboxOp)).scalar() or 0)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = empty_engine(tmp_path)
    add_routing(engine, squad="S2", matter="re_inspection", region="520103")
    return engine


def test_a_case_closed_for_now_gets_one_routed_task_for_its_period(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    add_control(engine, case, effective_on=date(2025, 3, 1))
    run = _run(engine)
    [planned] = run.generated
    assert (planned.period, planned.period_starts) == (1, date(2026, 8, 26))
    assert planned.squad_code == "S2"
    assert planned.registration_no is not None
    [task] = _tasks(engine)
    assert task.registration_no == planned.registration_no
    assert task.case_id == case
    assert task.status is AssignmentStatus.ROUTED
    assert (task.squad_code, task.region_code) == ("S2", "520103")
    assert task.address == "贵州省贵阳市云岩区桂阳街258号20栋3单元3106号"  # where the asset is
    assert task.due_on == date(2026, 12, 14)  # 15 days, the last day a Saturday → Monday
    assert "终本案件第1次复查" in task.notes
    assert "被执行人黄超名下住宅一套" in task.notes
    # The respondent recorded for the case is the task's party, not a new one.
    with engine.connect() as connection:
        party = connection.execute(select(Party).where(Party.id == task.party_id)).one()
    assert party.name == "黄超"
    assert _ops(engine) == 1  # the task's insert, queued in the same transaction


def test_running_again_in_the_same_period_registers_nothing(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    add_control(engine, case, effective_on=date(2025, 3, 1))
    first = _run(engine)
    again = _run(engine, now=datetime(2027, 2, 25, 3, 0, tzinfo=UTC))  # last day of period 1
    assert again.generated == ()
    assert [p.registration_no for p in again.existing] == [first.generated[0].registration_no]
    assert len(_tasks(engine)) == 1
    assert _ops(engine) == 1


def test_the_next_period_gets_the_next_task(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    add_control(engine, case, effective_on=date(2025, 3, 1))
    _run(engine)
    # 2027-02-26 00:30 in Guiyang is still 2027-02-25 16:30 UTC: the court's day counts.
    later = _run(engine, now=datetime(2027, 2, 25, 16, 30, tzinfo=UTC))
    [planned] = later.generated
    assert (planned.period, planned.period_starts) == (2, date(2027, 2, 26))
    assert len(_tasks(engine)) == 2


def test_a_dry_run_shows_the_tasks_and_writes_nothing(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    add_control(engine, case, effective_on=date(2025, 3, 1))
    dry = _run(engine, dry_run=True)
    assert dry.dry_run
    assert [p.case_number for p in dry.generated] == ["（2025）黔01执100号"]
    assert dry.generated[0].registration_no is None
    assert dry.generated[0].squad_code == "S2"
    assert _tasks(engine) == []
    assert _ops(engine) == 0
    _run(engine)
    assert _run(engine, dry_run=True).generated == ()


def test_only_cases_closed_for_now_with_assets_under_control_and_due(engine: Engine) -> None:
    open_case = add_case(engine, "（2025）黔01执1号")
    add_control(engine, open_case, effective_on=date(2025, 3, 1))
    recent = add_case(engine, "（2025）黔01执2号", closed_for_now_on=date(2026, 6, 1))
    add_control(engine, recent, effective_on=date(2025, 3, 1))  # first due 2026-12-01
    add_case(engine, "（2025）黔01执3号", closed_for_now_on=date(2025, 1, 1))  # no asset
    released = add_case(engine, "（2025）黔01执4号", closed_for_now_on=date(2025, 1, 1))
    control = add_control(engine, released, effective_on=date(2025, 3, 1))
    add_control(engine, released, effective_on=date(2026, 1, 1), renews_id=control,
                measure=ControlMeasure.RELEASE)  # fmt: skip
    future = add_case(engine, "（2025）黔01执5号", closed_for_now_on=date(2026, 12, 1))
    add_control(engine, future, effective_on=date(2025, 3, 1))
    run = _run(engine)
    assert run.generated == ()
    assert {s.case_number for s in run.skipped} == {"（2025）黔01执3号", "（2025）黔01执4号"}
    assert all("under control" in s.reason for s in run.skipped)


def test_an_unknown_region_leaves_the_task_registered_for_the_centre(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    add_control(engine, case, effective_on=date(2025, 3, 1))
    with engine.begin() as connection:
        connection.execute(AssetControl.__table__.update().values(location="某地某路1号"))
    [planned] = _run(engine).generated
    [task] = _tasks(engine)
    assert planned.squad_code is None
    assert task.status is AssignmentStatus.REGISTERED


def test_the_interval_is_configurable(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26))
    task = add_task(engine, case)
    add_control(engine, case, effective_on=date(2025, 3, 1), assignment_id=task)
    [planned] = _run(engine, interval_months=3).generated
    assert (planned.period, planned.period_starts) == (3, date(2026, 11, 26))
    # The control's own task knows the region: no address lookup needed.
    assert planned.region_code == "520103"


@pytest.mark.parametrize("months", [0, -6, 61, 10**12, 6.0, "6", True, None])
def test_an_interval_out_of_range_is_refused(engine: Engine, months: object) -> None:
    with pytest.raises(InvalidInterval):
        _run(engine, interval_months=months)
    assert _ops(engine) == 0


@pytest.mark.parametrize(
    ("closed", "today", "expected"),
    [
        (date(2026, 2, 26), date(2026, 8, 25), None),
        (date(2026, 2, 26), date(2026, 8, 26), (1, date(2026, 8, 26))),
        (date(2026, 2, 26), date(2027, 2, 25), (1, date(2026, 8, 26))),
        (date(2026, 2, 26), date(2027, 2, 26), (2, date(2027, 2, 26))),
        # The 31st of August plus six months is the last day of February.
        (date(2025, 8, 31), date(2026, 2, 28), (1, date(2026, 2, 28))),
        (date(2025, 8, 31), date(2026, 2, 27), None),
        (date(2020, 1, 15), date(2026, 11, 27), (13, date(2026, 7, 15))),
    ],
)
def test_periods(closed: date, today: date, expected: tuple[int, date] | None) -> None:
    assert current_period(closed, today, 6) == expected
