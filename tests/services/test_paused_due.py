"""Due dates in the squad queue, the group counts, My tasks and the map count the clock pauses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from fieldapp.domain.enums import AssignmentStatus, Matter, Priority
from fieldapp.services import paused_due
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.clock_pauses import clock_view
from fieldapp.services.map_data import load_map
from fieldapp.services.my_tasks import TaskList, load_my_tasks
from fieldapp.storage import assignments as storage
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import make_engine
from fieldapp.storage.migrate import upgrade
from tests.support.officer_day import set_fields, staff_id
from tests.support.workspace_copies import WorkspaceTemplate
from tests.ui.sample_data import OVERDUE, RECEIVED, TODAY, add_samples

# The samples were received on Sunday 2026-03-01; today is Monday 2026-03-16.
# 000001 (张三, in progress) was due 03-10: five paused days (03-05..03-09) push it to Sunday
# 03-15, and the rest day on to Monday 03-16 — today.
FIVE_DAYS = [{"start": "2026-03-05", "end": "2026-03-09", "reason": "public_notice"}]
STOPPED = [{"start": "2026-03-12", "end": None, "reason": "stay"}]
TWO_DAYS = [{"start": "2026-03-02", "end": "2026-03-03", "reason": "suspension"}]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_samples)


@pytest.fixture
def engine(samples: WorkspaceTemplate, tmp_path: Path) -> Iterator[Engine]:
    workspace = samples.copy(tmp_path / "data")
    try:
        yield workspace.engine
    finally:
        workspace.close()


def _rows(engine: Engine) -> dict[str, storage.AssignmentRow]:
    return {row.registration_no: row for row in AssignmentViews(engine).assignments()}


def _overdue_total(engine: Engine) -> int:
    return sum(count.overdue for count in AssignmentViews(engine).group_counts(TODAY))


def _page_due(engine: Engine, registration_no: str) -> date | None:
    with engine.connect() as connection:
        task = (
            connection.execute(
                select(Assignment.__table__).where(Assignment.registration_no == registration_no)
            )
            .mappings()
            .one()
        )
    return clock_view(task, TODAY).due_on


def _pause_three(engine: Engine) -> None:
    set_fields(engine, "WQ-2026-000001", clock_pauses=FIVE_DAYS)
    set_fields(engine, "WQ-2026-000004", clock_pauses=STOPPED)  # routed, due 03-15
    set_fields(engine, "WQ-2026-000006", clock_pauses=TWO_DAYS)  # registered, due 03-01


def test_the_queue_shows_the_due_date_the_page_shows(engine: Engine) -> None:
    assert {regno for regno, row in _rows(engine).items() if row.is_overdue(TODAY)} == OVERDUE
    _pause_three(engine)
    rows = _rows(engine)
    assert rows["WQ-2026-000001"].due_on == TODAY
    assert rows["WQ-2026-000001"].has_pauses
    assert not rows["WQ-2026-000001"].clock_stopped
    assert (rows["WQ-2026-000004"].due_on, rows["WQ-2026-000004"].clock_stopped) == (None, True)
    # Paused only after its due date had passed: still due when it was, still late.
    assert rows["WQ-2026-000006"].due_on == date(2026, 3, 1)
    for regno in ("WQ-2026-000001", "WQ-2026-000004", "WQ-2026-000006"):
        assert rows[regno].due_on == _page_due(engine, regno)
    assert {regno for regno, row in rows.items() if row.is_overdue(TODAY)} == {"WQ-2026-000006"}
    # Rows without pauses are as stored.
    assert rows["WQ-2026-000002"].due_on == date(2026, 3, 20)
    assert not rows["WQ-2026-000002"].has_pauses
    # Filtered lists count them the same.
    by_region = AssignmentViews(engine).assignments(region_code="520103")
    assert {row.registration_no: row.due_on for row in by_region}["WQ-2026-000004"] is None


def test_group_counts_count_a_paused_task_overdue_by_its_paused_date(engine: Engine) -> None:
    assert _overdue_total(engine) == len(OVERDUE)
    _pause_three(engine)
    counts = AssignmentViews(engine).group_counts(TODAY)
    late = {(c.squad_code, c.region_code, c.matter.value): c.overdue for c in counts}
    assert late[("S1", "520102", "service")] == 0  # 000001 is due today now
    assert late[("S1", "520103", "locate")] == 0  # 000004's clock stands still
    assert late[(None, "520103", "service")] == 1  # 000006 is late still
    assert sum(c.total for c in counts) == 6
    # The counts and the list agree, row for row.
    assert _overdue_total(engine) == sum(row.is_overdue(TODAY) for row in _rows(engine).values())


def test_a_short_pause_leaves_a_task_late_by_fewer_days(engine: Engine) -> None:
    set_fields(engine, "WQ-2026-000001", clock_pauses=TWO_DAYS)
    row = _rows(engine)["WQ-2026-000001"]
    assert row.due_on == date(2026, 3, 12) == _page_due(engine, "WQ-2026-000001")
    assert row.is_overdue(TODAY)
    assert _overdue_total(engine) == len(OVERDUE)
    officer = staff_id(engine, "张三")
    mine = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert [t.row.due_on for t in mine.on_list(TaskList.OVERDUE)] == [date(2026, 3, 12)]


def test_my_tasks_moves_a_paused_task_from_overdue_to_today(engine: Engine) -> None:
    officer = staff_id(engine, "张三")
    before = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert [t.row.registration_no for t in before.on_list(TaskList.OVERDUE)] == ["WQ-2026-000001"]
    assert before.on_list(TaskList.TODAY) == []
    set_fields(engine, "WQ-2026-000001", clock_pauses=FIVE_DAYS)
    after = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert after.on_list(TaskList.OVERDUE) == []
    assert [t.row.registration_no for t in after.on_list(TaskList.TODAY)] == ["WQ-2026-000001"]
    assert [t.row.registration_no for t in after.stops_today()] == ["WQ-2026-000001"]


def test_a_stopped_clock_is_due_on_no_day(engine: Engine) -> None:
    officer = staff_id(engine, "李四")
    set_fields(engine, "WQ-2026-000002", due_on=TODAY)
    assert len(load_my_tasks(engine, officer_id=officer, today=TODAY).on_list(TaskList.TODAY)) == 1
    set_fields(engine, "WQ-2026-000002", clock_pauses=STOPPED)
    mine = load_my_tasks(engine, officer_id=officer, today=TODAY)
    assert mine.counts() == {TaskList.TODAY: 0, TaskList.OVERDUE: 0, TaskList.ALL: 2}
    assert mine.stops_today() == []


def test_the_map_flags_overdue_by_the_paused_date(engine: Engine) -> None:
    _pause_three(engine)
    data = load_map(engine, officer_id=None, squad_code=None, today=TODAY)
    assert {pin.registration_no for pin in data.pins if pin.overdue} == {"WQ-2026-000006"}


@pytest.mark.parametrize(
    "stored",
    [
        [{"start": "not a day", "end": None}],
        [{"end": "2026-03-09"}],
        [{"start": "2026-03-09", "end": "2026-03-05"}],
        "a string",
        {"start": "2026-03-05"},
        [None],
        [{"start": "2026-03-05", "end": None}] * 101,
    ],
)
def test_pauses_nobody_can_read_leave_the_stored_due_date(engine: Engine, stored: Any) -> None:
    set_fields(engine, "WQ-2026-000001", clock_pauses=stored)
    row = _rows(engine)["WQ-2026-000001"]
    assert (row.due_on, row.clock_stopped, row.has_pauses) == (date(2026, 3, 10), False, True)
    assert row.due_on == _page_due(engine, "WQ-2026-000001")
    assert _overdue_total(engine) == len(OVERDUE)


@pytest.mark.parametrize(("stored", "marked"), [("[]", False), ("null", True), ("[ ]", True)])
def test_the_sql_mark_lets_only_stored_text_through(
    engine: Engine, stored: str, marked: bool
) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE assignment SET clock_pauses = :v"), {"v": stored})
    with engine.connect() as connection:
        assert len(storage.ids_with_pauses(connection)) == (6 if marked else 0)
    # A row let through that holds no pause counts exactly as one without pauses.
    rows = _rows(engine)
    assert not any(row.has_pauses or row.clock_stopped for row in rows.values())
    assert {regno for regno, row in rows.items() if row.is_overdue(TODAY)} == OVERDUE
    assert _overdue_total(engine) == len(OVERDUE)


@pytest.mark.parametrize("look_up_at_most", [1000, 2])
def test_rows_without_pauses_are_never_read_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, look_up_at_most: int
) -> None:
    # 1000: short lists look their rows up by id; 2: longer ones scan for the paused ids first.
    monkeypatch.setattr(paused_due, "_LOOK_UP_AT_MOST", look_up_at_most)
    set_fields(engine, "WQ-2026-000003", clock_pauses=TWO_DAYS)  # done: no due date shown late
    looked_up: list[list[str]] = []
    found: list[str] = []
    real = storage.pause_facts

    def pause_facts(connection: Any, ids: list[str]) -> dict[str, storage.PauseFacts]:
        looked_up.append(list(ids))
        result = real(connection, ids)
        found.extend(result)
        return result

    computed: list[str] = []
    real_due = paused_due.due_with_pauses

    def due_with_pauses(facts: storage.PauseFacts, calendar: Any = None) -> Any:
        computed.append(facts.id)
        return real_due(facts, calendar)

    monkeypatch.setattr(storage, "pause_facts", pause_facts)
    monkeypatch.setattr(paused_due, "due_with_pauses", due_with_pauses)
    rows = _rows(engine)
    assert {regno for regno, row in rows.items() if row.is_overdue(TODAY)} == OVERDUE
    paused = rows["WQ-2026-000003"].id
    assert found == computed == [paused]
    if look_up_at_most == 2:
        assert looked_up == [[paused]]
    # The group counts read no row again: the paused one is done, so it cannot be late.
    looked_up.clear()
    assert _overdue_total(engine) == len(OVERDUE)
    assert looked_up == []


def test_many_ids_are_looked_up_in_pieces(engine: Engine) -> None:
    set_fields(engine, "WQ-2026-000001", clock_pauses=FIVE_DAYS)
    with engine.connect() as connection:
        wanted = connection.execute(
            select(Assignment.id).where(Assignment.registration_no == "WQ-2026-000001")
        ).scalar_one()
        ids = [f"missing-{n}" for n in range(25_000)] + [wanted]
        found = storage.pause_facts(connection, ids)
    assert list(found) == [wanted]
    assert found[wanted].due_on == date(2026, 3, 10)


def test_sqlite_and_postgresql_count_the_same(db_url: str) -> None:
    upgrade(db_url, "central")
    engine = make_engine(db_url)
    stored = {"none": [], "five": FIVE_DAYS, "stopped": STOPPED, "late": TWO_DAYS}
    due_on = {"stopped": date(2026, 3, 15)}  # paused before it was due
    try:
        with Session(engine) as session, session.begin():
            for name, pauses in stored.items():
                session.add(
                    Assignment(
                        registration_no=f"WQ-2026-{name}",
                        request_key=name,
                        case_id="case",
                        matter=Matter.SERVICE,
                        address="贵州省贵阳市南明区青枫路1号",
                        region_code="520102",
                        squad_code="S1",
                        priority=Priority.NORMAL,
                        received_at=RECEIVED,
                        due_on=due_on.get(name, date(2026, 3, 10)),
                        status=AssignmentStatus.ASSIGNED,
                        clock_pauses=pauses,
                    )
                )
        with engine.connect() as connection:
            assert len(storage.ids_with_pauses(connection)) == 3
        views = AssignmentViews(engine)
        rows = {row.registration_no: row for row in views.assignments()}
        assert rows["WQ-2026-none"].due_on == date(2026, 3, 10)
        assert rows["WQ-2026-five"].due_on == TODAY
        assert (rows["WQ-2026-stopped"].due_on, rows["WQ-2026-stopped"].clock_stopped) == (
            None,
            True,
        )
        assert rows["WQ-2026-late"].due_on == date(2026, 3, 12)
        (count,) = views.group_counts(TODAY)
        assert (count.total, count.open, count.overdue, count.paused_late_ids) == (4, 4, 2, ())
    finally:
        engine.dispose()
