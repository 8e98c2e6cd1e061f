"""The weekly bulletin's figures against counts made here, row by row, in plain Python."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.enums import AssetKind, AssignmentStatus, ControlMeasure, Matter, Role
from fieldapp.services.bulletin import Bulletin, Figures, weekly_bulletin
from fieldapp.services.bulletin_week import InvalidWeek, IsoWeek, complete_week
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import make_engine
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember
from fieldapp.storage.types import new_id

NOW = datetime(2027, 1, 12, 9, 30, tzinfo=COURT_TZ)  # a Tuesday of 2027-W02
OPEN = {"registered", "routed", "assigned", "in_progress"}
CONTROLS = {"seal", "seize", "freeze", "renew"}


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=COURT_TZ)  # type: ignore[misc]


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    tables = [
        model.__table__ for model in (Assignment, AssetControl, Escalation, Squad, StaffMember)
    ]
    RecordBase.metadata.create_all(engine, tables=tables)
    try:
        yield engine
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------- the data


@dataclass
class Data:
    squads: list[dict[str, Any]]
    staff: list[dict[str, Any]]
    assignments: list[dict[str, Any]]
    controls: list[dict[str, Any]]
    escalations: list[dict[str, Any]]

    def store(self, engine: Engine) -> None:
        with engine.begin() as connection:
            for model, rows in (
                (Squad, self.squads),
                (StaffMember, self.staff),
                (Assignment, self.assignments),
                (AssetControl, self.controls),
                (Escalation, self.escalations),
            ):
                if rows:
                    connection.execute(insert(model.__table__), rows)


def squad(code: str, name: str) -> dict[str, Any]:
    return {"id": new_id(), "code": code, "name": name}


def person(name: str, squad_code: str | None, role: Role = Role.OFFICER) -> dict[str, Any]:
    return {
        "id": new_id(),
        "username": f"u{new_id()[-12:]}",
        "display_name": name,
        "role": role,
        "squad_code": squad_code,
        "active": True,
    }


def task(
    received_at: datetime,
    *,
    squad_code: str | None,
    officer_id: str | None,
    status: str = "assigned",
    completed_at: datetime | None = None,
    due_on: date | None = None,
    deleted: bool = False,
) -> dict[str, Any]:
    number = new_id()
    return {
        "id": number,
        "registration_no": f"WQ-{number[-12:]}",
        "request_key": number,
        "case_id": new_id(),
        "matter": Matter.SERVICE,
        "address": "贵阳市",
        "squad_code": squad_code,
        "officer_id": officer_id,
        "received_at": received_at,
        "status": AssignmentStatus(status),
        "completed_at": completed_at,
        "due_on": due_on,
        "deleted": deleted,
    }


def control(
    effective_on: date,
    expires_on: date | None,
    *,
    assignment_id: str | None,
    measure: str = "seal",
    renews_id: str | None = None,
    deleted: bool = False,
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "case_id": new_id(),
        "assignment_id": assignment_id,
        "asset_kind": AssetKind.REAL_ESTATE,
        "measure": ControlMeasure(measure),
        "effective_on": effective_on,
        "expires_on": expires_on,
        "renews_id": renews_id,
        "deleted": deleted,
    }


def escalation(
    raised_at: datetime,
    level: int,
    *,
    assignment_id: str | None = None,
    asset_control_id: str | None = None,
    deleted: bool = False,
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "assignment_id": assignment_id,
        "asset_control_id": asset_control_id,
        "level": level,
        "reason": "overdue",
        "raised_at": raised_at,
        "deleted": deleted,
    }


def random_data(seed: int, first: date, days: int) -> Data:
    """Work spread over ``days`` days from ``first``, with rows right on the week boundaries."""
    rng = random.Random(seed)
    squads = [squad("S1", "第一外勤组"), squad("S2", "第二外勤组"), squad("S3", "第三外勤组")]
    staff = [person(f"干警{i}", f"S{i % 3 + 1}") for i in range(8)]
    staff.append(person("组长甲", "S1", Role.LEAD))
    staff.append(person("登记员", None, Role.REGISTRAR))
    officers = [member["id"] for member in staff if member["squad_code"]] + [None, None]
    start = datetime.combine(first, datetime.min.time(), COURT_TZ)

    def instant() -> datetime:
        if rng.random() < 0.1:  # a Monday midnight, or just before one
            monday = first + timedelta(days=rng.randrange(0, days, 1))
            monday -= timedelta(days=monday.weekday())
            edge = datetime.combine(monday, datetime.min.time(), COURT_TZ)
            return edge - timedelta(microseconds=rng.choice((0, 1)))
        return start + timedelta(seconds=rng.randrange(days * 86400))

    assignments = []
    for _ in range(400):
        received = instant()
        status = rng.choice(
            ["registered", "routed", "assigned", "in_progress", "done", "done", "done"]
            + ["returned", "cancelled"]
        )
        completed = None
        if status == "done" and rng.random() < 0.95:
            completed = received + timedelta(seconds=rng.randrange(3600, 20 * 86400))
        elif status == "returned" and rng.random() < 0.3:
            completed = received + timedelta(days=1)  # must not make it count as completed
        assignments.append(
            task(
                received,
                squad_code=rng.choice(["S1", "S1", "S2", "S3", None]),
                officer_id=rng.choice(officers),
                status=status,
                completed_at=completed,
                due_on=None
                if rng.random() < 0.05
                else received.astimezone(COURT_TZ).date() + timedelta(days=rng.randint(-2, 25)),
                deleted=rng.random() < 0.05,
            )
        )
    ids = [row["id"] for row in assignments] + [None, new_id()]
    controls: list[dict[str, Any]] = []
    for _ in range(200):
        effective = first - timedelta(days=rng.randint(0, 800))
        expires = first + timedelta(days=rng.randint(-10, days + 40))
        if rng.random() < 0.3:  # right on a window's edge: a Sunday, +1, +30 or +31 days
            sunday = expires - timedelta(days=expires.weekday() + 1)
            expires = sunday + timedelta(days=rng.choice((0, 1, 30, 31)))
        renews = None
        if controls and rng.random() < 0.3:
            renews = rng.choice(controls)["id"]
            effective = first + timedelta(days=rng.randint(0, days))
        controls.append(
            control(
                effective,
                None if rng.random() < 0.05 else expires,
                assignment_id=rng.choice(ids),
                measure=rng.choice(["seal", "seize", "freeze", "renew", "release"]),
                renews_id=renews,
                deleted=rng.random() < 0.05,
            )
        )
    escalations = []
    seen: set[tuple[str | None, str | None, int]] = set()  # one per item and level
    for _ in range(400):
        on_task = rng.random() < 0.6
        target = rng.choice(ids) if on_task else rng.choice(controls)["id"]
        level = rng.choice([0, 1, 2, 3, 4, 4, 5])
        key = (target, None, level) if on_task else (None, target, level)
        if target is None or key in seen:
            continue
        seen.add(key)
        escalations.append(
            escalation(
                instant(),
                level,
                assignment_id=key[0],
                asset_control_id=key[1],
                deleted=rng.random() < 0.05,
            )
        )
    return Data(squads, staff, assignments, controls, escalations)


# ------------------------------------------------------------- counting by hand, row by row


def expected(
    data: Data, week: IsoWeek, belongs: Callable[[str | None, str | None], bool]
) -> dict[str, Any]:
    start, end = week.start, week.end
    last = week.last_day
    by_id = {row["id"]: row for row in data.assignments}
    controls = {row["id"]: row for row in data.controls}

    def open_at(row: dict[str, Any], moment: datetime) -> bool:
        if row["received_at"] >= moment:
            return False
        if row["status"] in OPEN:
            return True
        return (
            row["status"] == "done"
            and row["completed_at"] is not None
            and row["completed_at"] >= moment
        )

    rows = [
        r
        for r in data.assignments
        if not r["deleted"] and belongs(r["squad_code"], r["officer_id"])
    ]
    done = [
        r
        for r in rows
        if r["status"] == "done"
        and r["completed_at"] is not None
        and start <= r["completed_at"] < end
    ]
    days = [(r["completed_at"] - r["received_at"]).total_seconds() / 86400 for r in done]
    carried = sum(1 for r in rows if open_at(r, start))
    received = sum(1 for r in rows if start <= r["received_at"] < end)

    def owner(assignment_id: str | None) -> tuple[str | None, str | None]:
        row = by_id.get(assignment_id or "")
        return (row["squad_code"], row["officer_id"]) if row else (None, None)

    levels = [0, 0, 0, 0]
    for e in data.escalations:
        if e["deleted"] or not start <= e["raised_at"] < end or e["level"] not in (1, 2, 3, 4):
            continue
        target = e["assignment_id"]
        if target is None and e["asset_control_id"] in controls:
            target = controls[e["asset_control_id"]]["assignment_id"]
        if belongs(*owner(target)):
            levels[e["level"] - 1] += 1

    expiring = 0
    for c in data.controls:
        if c["deleted"] or c["measure"] not in CONTROLS or c["expires_on"] is None:
            continue
        successors = [
            s["effective_on"]
            for s in data.controls
            if s["renews_id"] == c["id"] and not s["deleted"]
        ]
        in_force = c["effective_on"] <= last and not any(day <= last for day in successors)
        if (
            in_force
            and last < c["expires_on"] <= last + timedelta(days=30)
            and belongs(*owner(c["assignment_id"]))
        ):
            expiring += 1

    return {
        "carried_over": carried,
        "received": received,
        "completed": len(done),
        "rate": len(done) / (carried + received) if carried + received else None,
        "average_days": sum(days) / len(days) if days else None,
        "overdue": sum(
            1 for r in rows if open_at(r, end) and r["due_on"] is not None and r["due_on"] <= last
        ),
        "escalations": tuple(levels),
        "expiring_assets": expiring,
    }


def actual(figures: Figures) -> dict[str, Any]:
    return {
        "carried_over": figures.carried_over,
        "received": figures.received,
        "completed": figures.completed,
        "rate": figures.completion_rate,
        "average_days": figures.average_days,
        "overdue": figures.overdue,
        "escalations": figures.escalations,
        "expiring_assets": figures.expiring_assets,
    }


def assert_same(got: Figures, want: dict[str, Any], where: str) -> None:
    values = actual(got)
    for name in ("rate", "average_days"):
        if want[name] is None:
            assert values[name] is None, f"{where}: {name}"
        else:
            assert values[name] == pytest.approx(want[name], rel=1e-6), f"{where}: {name}"
    for name in want:
        if name not in ("rate", "average_days"):
            assert values[name] == want[name], f"{where}: {name}"


def check_every_figure(data: Data, bulletin: Bulletin) -> None:
    for index, week in enumerate((bulletin.week, bulletin.previous_week)):

        def pick(line: Any, index: int = index) -> Figures:
            return line.this_week if index == 0 else line.last_week  # type: ignore[no-any-return]

        assert_same(pick(bulletin.total), expected(data, week, lambda s, o: True), f"{week} total")
        for line in bulletin.squads:
            want = expected(data, week, lambda s, o, code=line.code: s == code)
            assert_same(pick(line), want, f"{week} squad {line.code}")
        for officer in bulletin.officers:
            want = expected(
                data,
                week,
                lambda s, o, sq=officer.squad_code, who=officer.officer_id: s == sq and o == who,
            )
            assert_same(pick(officer), want, f"{week} {officer.squad_code}/{officer.name}")
    # Every (squad, officer) pair that has work has a line.
    lines = {(o.squad_code, o.officer_id) for o in bulletin.officers}
    for row in data.assignments:
        if (
            not row["deleted"]
            and row["squad_code"] is not None
            and bulletin.week.start <= row["received_at"] < bulletin.week.end
        ):
            assert (row["squad_code"], row["officer_id"]) in lines


@pytest.mark.parametrize(
    ("week", "first"),
    [("2026-W48", date(2026, 11, 2)), ("2027-W01", date(2026, 12, 7))],
    ids=["2026-W48", "across-the-year"],
)
def test_every_figure_matches_a_count_made_by_hand(engine: Engine, week: str, first: date) -> None:
    data = random_data(48, first, 42)
    data.store(engine)
    iso = IsoWeek.parse(week)
    with engine.connect() as connection:
        bulletin = weekly_bulletin(connection, iso, now=NOW)
    assert bulletin.total.this_week.received > 10  # the data does reach the week
    assert bulletin.total.this_week.escalations_total > 0
    assert bulletin.total.this_week.expiring_assets > 0
    check_every_figure(data, bulletin)
    # The change is this week minus the last.
    change, this, last = bulletin.total.change, bulletin.total.this_week, bulletin.total.last_week
    assert change.received == this.received - last.received
    assert change.escalations[3] == this.escalations[3] - last.escalations[3]


def test_a_week_without_work_has_no_rates(engine: Engine) -> None:
    data = Data([squad("S1", "第一外勤组")], [person("张三", "S1")], [], [], [])
    data.store(engine)
    with engine.connect() as connection:
        bulletin = weekly_bulletin(connection, IsoWeek(2026, 48), now=NOW)
    [line] = bulletin.squads
    [officer] = bulletin.officers
    assert officer.name == "张三"
    assert officer.this_week == Figures()
    for figures in (line.this_week, line.last_week, bulletin.total.this_week):
        assert figures.completion_rate is None
        assert figures.average_days is None
    assert line.change.completion_rate is None
    assert line.change.received == 0


def test_an_officer_moved_between_squads_has_a_line_in_each(engine: Engine) -> None:
    moved = person("李四", "S2")
    stay = person("王五", "S1")
    week = IsoWeek(2026, 48)
    monday = week.start
    data = Data(
        [squad("S1", "第一外勤组"), squad("S2", "第二外勤组")],
        [moved, stay],
        [
            # Done for S1 before the move, then new work in S2.
            task(
                monday - timedelta(days=3),
                squad_code="S1",
                officer_id=moved["id"],
                status="done",
                completed_at=monday + timedelta(days=1),
            ),
            task(monday + timedelta(days=2), squad_code="S2", officer_id=moved["id"]),
            task(monday + timedelta(days=2), squad_code="S1", officer_id=stay["id"]),
            task(monday + timedelta(days=3), squad_code="S1", officer_id=None),
        ],
        [],
        [],
    )
    data.store(engine)
    with engine.connect() as connection:
        bulletin = weekly_bulletin(connection, week, now=NOW)
    lines = {(o.squad_code, o.name): o for o in bulletin.officers}
    assert lines[("S1", "李四")].this_week.completed == 1
    assert lines[("S1", "李四")].moved
    assert lines[("S2", "李四")].this_week.received == 1
    assert not lines[("S2", "李四")].moved
    assert lines[("S1", "")].officer_id is None  # the squad's unassigned work
    s1 = next(line for line in bulletin.squads if line.code == "S1")
    summed = Figures()
    for officer in bulletin.officers_of("S1"):
        summed += officer.this_week
    assert summed == s1.this_week
    assert s1.this_week.completion_rate == pytest.approx(1 / 3)
    assert s1.this_week.average_days == pytest.approx(4.0)
    # A lead's view: only the squad, whose line is the total.
    mine = bulletin.for_squad("S2")
    assert [line.code for line in mine.squads] == ["S2"]
    assert {o.squad_code for o in mine.officers} == {"S2"}
    assert mine.total.this_week.received == 1


def test_boundaries_are_midnight_in_court_time(engine: Engine) -> None:
    week = IsoWeek(2026, 48)
    s = week.start
    data = Data(
        [squad("S1", "一组")],
        [],
        [
            task(s, squad_code="S1", officer_id=None),  # the first instant: in
            task(s - timedelta(microseconds=1), squad_code="S1", officer_id=None),  # before
            task(week.end - timedelta(microseconds=1), squad_code="S1", officer_id=None),  # in
            task(week.end, squad_code="S1", officer_id=None),  # the next week
            # Sunday 23:00 UTC is already Monday in Guiyang: the week after.
            task(datetime(2026, 11, 29, 16, 0, tzinfo=UTC), squad_code="S1", officer_id=None),
        ],
        [],
        [],
    )
    data.store(engine)
    with engine.connect() as connection:
        figures = weekly_bulletin(connection, week, now=NOW).total
    assert figures.this_week.received == 2
    assert figures.last_week.received == 1
    assert figures.this_week.carried_over == 1


def test_overdue_means_the_due_day_is_over_by_the_end_of_the_week(engine: Engine) -> None:
    week = IsoWeek(2026, 48)
    received = week.start - timedelta(days=20)
    data = Data(
        [squad("S1", "一组")],
        [],
        [
            task(received, squad_code="S1", officer_id=None, due_on=week.last_day),  # overdue
            task(received, squad_code="S1", officer_id=None, due_on=week.last_day + timedelta(1)),
            task(
                received,
                squad_code="S1",
                officer_id=None,
                due_on=date(2026, 11, 1),
                status="done",
                completed_at=week.end,
            ),  # done only after the week: overdue
            task(
                received,
                squad_code="S1",
                officer_id=None,
                due_on=date(2026, 11, 1),
                status="cancelled",
            ),
        ],
        [],
        [],
    )
    data.store(engine)
    with engine.connect() as connection:
        figures = weekly_bulletin(connection, week, now=NOW).total.this_week
    assert figures.overdue == 2


# ---------------------------------------------------------------------------- the weeks


def test_weeks_across_the_turn_of_the_year() -> None:
    # 1 January 2026 is a Thursday, so 2026 has 53 ISO weeks; 2027 and 2025 have 52.
    w53 = IsoWeek.parse("2026-W53")
    assert (w53.first_day, w53.last_day) == (date(2026, 12, 28), date(2027, 1, 3))
    assert IsoWeek.parse("2027-W01").previous() == w53
    assert w53.next() == IsoWeek(2027, 1)
    assert IsoWeek(2027, 1).first_day == date(2027, 1, 4)
    assert IsoWeek.containing(date(2027, 1, 1)) == w53
    for missing in ("2027-W53", "2025-W53", "2026-W54", "2026-W00"):
        with pytest.raises(InvalidWeek) as caught:
            IsoWeek.parse(missing)
        assert caught.value.code == "invalid_week.no_such_week"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "W48",
        "2026-48",
        "2026-W",
        "26-W48",
        "2026-W480",
        "2026–W48",
        "2026-W48; DROP TABLE assignment",
        "9" * 10_000,
        "2026-W4\n8",
        "\x00",
        "1999-W10",
    ],
)
def test_bad_week_strings_are_refused_clearly(text: str) -> None:
    with pytest.raises(InvalidWeek) as caught:
        IsoWeek.parse(text)
    assert "week" in str(caught.value) or "year" in str(caught.value)
    assert len(str(caught.value)) < 120


def test_forms_of_a_week_that_are_accepted() -> None:
    for text in ("2026-W48", "2026W48", "2026-w48", " 2026-W48 ", "２０２６－Ｗ４８"):
        assert IsoWeek.parse(text) == IsoWeek(2026, 48)
    assert str(IsoWeek.parse("2026-W8")) == "2026-W08"


def test_the_default_week_is_the_last_complete_one_in_court_time() -> None:
    # Monday 00:30 in Guiyang is still Sunday in UTC: the week that just ended is the default.
    now = datetime(2026, 11, 29, 16, 30, tzinfo=UTC)
    assert complete_week(None, now) == IsoWeek(2026, 48)
    assert complete_week(None, now - timedelta(hours=1)) == IsoWeek(2026, 47)
    with pytest.raises(InvalidWeek) as caught:
        complete_week("2026-W49", now)
    assert caught.value.code == "invalid_week.not_over"
    with pytest.raises(InvalidWeek):
        complete_week("2030-W01", now)
