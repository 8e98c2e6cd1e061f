"""Supervision figures over 100,000 assignments and 20,000 asset controls, on SQLite and on
PostgreSQL, each printed beside a same-run baseline: one SQL query counting the overdue
assignments.

Run: .venv/bin/python tests/benchmarks/supervision_bench.py [--assignments 100000]
     [--controls 20000] [--no-postgres]

Targets (issue 6): a full escalation pass ≤ 2 s on each database; the weekly bulletin for
4 squads and 40 officers ≤ 3 s.

Each figure is one function ``measure_*(engine, data) -> list[Figure]`` listed in MEASUREMENTS;
a new figure (e.g. the weekly bulletin) is one more function and one more list entry, run on
the same data, databases and baseline.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, delete, func, select  # noqa: E402

from fieldapp.domain.clock import COURT_TZ, court_date  # noqa: E402
from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Role  # noqa: E402
from fieldapp.server.database import open_central  # noqa: E402
from fieldapp.server.supervision import SupervisionConfig, run_escalation_pass  # noqa: E402
from fieldapp.services.work_calendar import ChinaCalendar  # noqa: E402
from fieldapp.storage.assignments import OPEN_STATUSES  # noqa: E402
from fieldapp.storage.bulk import bulk_insert  # noqa: E402
from fieldapp.storage.casework import Assignment  # noqa: E402
from fieldapp.storage.central_tables import ChangeLogEntry  # noqa: E402
from fieldapp.storage.engine import writing  # noqa: E402
from fieldapp.storage.oversight import Escalation  # noqa: E402
from fieldapp.storage.schema import TABLES  # noqa: E402
from fieldapp.storage.types import new_id  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402

# Midday of a Monday in the court's zone: the pass's court day is 2026-11-30.
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=COURT_TZ).astimezone(UTC)
TODAY = court_date(NOW)
SQUADS = 4
OFFICERS_PER_SQUAD = 10
CONFIG = SupervisionConfig(centre_head="centre_head", bureau_chief="bureau_chief")


@dataclass(frozen=True)
class Data:
    assignments: int
    controls: int
    open_assignments: int
    overdue: int


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    detail: str = ""
    target_s: float | None = None
    # This process's CPU seconds for the same work: on a machine shared with other jobs the
    # wall time includes waiting for a core; this part does not.
    cpu_s: float | None = None


# --- the data --------------------------------------------------------------------------------


def _stamp() -> dict[str, Any]:
    return {
        "version": 1,
        "created_at": NOW,
        "updated_at": NOW,
        "created_by": None,
        "device_id": None,
        "deleted": False,
    }


def _staff(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    squads, staff = [], []
    for s in range(1, SQUADS + 1):
        lead = {"id": new_id(), "username": f"lead{s}", "role": Role.LEAD, "squad_code": f"S{s}"}
        staff.append(lead)
        members = [
            {"id": new_id(), "username": f"officer{s}{n}", "role": Role.OFFICER,
             "squad_code": f"S{s}"}
            for n in range(OFFICERS_PER_SQUAD)
        ]  # fmt: skip
        staff += members
        squads.append(
            _stamp()
            | {
                "id": new_id(),
                "code": f"S{s}",
                "name": f"第{'一二三四'[s - 1]}外勤组",
                "lead_id": lead["id"],
                "member_ids": [m["id"] for m in members],
                "region_codes": [],
                "matter_codes": [],
            }
        )
    for username in ("centre_head", "bureau_chief"):
        staff.append({"id": new_id(), "username": username, "role": Role.SUPERVISOR,
                      "squad_code": None})  # fmt: skip
    rows = [
        _stamp() | person | {"display_name": person["username"], "phone": "", "active": True}
        for person in staff
    ]
    return squads, rows


def generate(engine: Engine, assignments: int, controls: int, seed: int = 6) -> Data:
    """A year of a court's field work: most old tasks closed, recent ones open, some of them
    late; seals, seizures and freezes of the last three years, some renewed, some run out."""
    rng = random.Random(seed)
    squads, staff = _staff(rng)
    officers = [p for p in staff if p["role"] is Role.OFFICER]
    open_statuses = [s.value for s in OPEN_STATUSES]
    tasks: list[dict[str, Any]] = []
    for number in range(assignments):
        age = rng.randrange(365)
        received = NOW - timedelta(days=age, seconds=rng.randrange(86400))
        # Recent work is mostly open; older work mostly finished, a few stragglers left.
        if rng.random() < (0.6 if age < 45 else 0.03):
            status = rng.choice(open_statuses)
        else:
            status = rng.choice(["done"] * 8 + ["returned", "cancelled"])
        officer = rng.choice(officers)
        tasks.append(
            _stamp()
            | {
                "id": new_id(),
                "registration_no": f"WQ-B-{number:07d}",
                "request_key": f"bench-{number}",
                "case_id": new_id(),
                "matter": "service",
                "party_id": None,
                "address": "贵阳市南明区",
                "lat": None,
                "lon": None,
                "region_code": "520102",
                "squad_code": officer["squad_code"],
                "officer_id": None if status in ("registered", "routed") else officer["id"],
                "second_officer_id": None,
                "priority": "normal",
                "requested_by": "",
                "received_at": received,
                "due_on": court_date(received) + timedelta(days=rng.choice((3, 7, 10, 15))),
                "status": AssignmentStatus(status),
                "result": "",
                "return_reason": "",
                "notes": "",
                "completed_at": None,
                "clock_pauses": (
                    [{"start": (TODAY - timedelta(days=20)).isoformat(), "end": None}]
                    if rng.random() < 0.01
                    else []
                ),
            }
        )
    assets: list[dict[str, Any]] = []
    while len(assets) < controls:
        task = rng.choice(tasks)
        effective = TODAY - timedelta(days=rng.randrange(3 * 365))
        months = rng.choice((12, 24, 36))
        first = _control(task, effective, months, None)
        assets.append(first)
        ended = first["expires_on"] < TODAY - timedelta(days=30)
        # Controls that ran out long ago were nearly all renewed or released (a few lapsed:
        # those escalate); of those near their end, a quarter are renewed already.
        if (ended and rng.random() < 0.97) or (
            first["expires_on"] < TODAY + timedelta(days=60) and rng.random() < 0.25
        ):
            if ended and rng.random() < 0.6:
                follow = _control(task, first["expires_on"], months, first["id"])
                follow["measure"] = ControlMeasure.RELEASE
            else:
                follow = _control(
                    task, first["expires_on"] + timedelta(days=1), months, first["id"]
                )
            follow["assignment_id"] = None
            assets.append(follow)
    assets = assets[:controls]
    with writing(engine).begin() as connection:
        for entity, rows in (
            ("squad", squads),
            ("staff_member", staff),
            ("assignment", tasks),
            ("asset_control", assets),
        ):
            bulk_insert(connection, TABLES[entity], rows)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    open_count = sum(1 for t in tasks if t["status"] in open_statuses)
    return Data(len(tasks), len(assets), open_count, overdue_baseline(engine))


def _control(
    task: dict[str, Any], effective: date, months: int, renews: str | None
) -> dict[str, Any]:
    years = months // 12
    try:
        expires = effective.replace(year=effective.year + years) - timedelta(days=1)
    except ValueError:  # 29 February
        expires = effective.replace(year=effective.year + years, day=28)
    return _stamp() | {
        "id": new_id(),
        "case_id": task["case_id"],
        "assignment_id": task["id"],
        "asset_kind": {12: "bank_deposit", 24: "vehicle", 36: "real_estate"}[months],
        "asset_description": "",
        "identifiers": {},
        "location": "",
        "measure": ControlMeasure.RENEW if renews else ControlMeasure.SEAL,
        "ruling_no": "",
        "assisting_body": "",
        "effective_on": effective,
        "period_months": months,
        "expires_on": expires,
        "renews_id": renews,
        "custodian": "",
        "seal_numbers": [],
        "officer_ids": [],
        "persons_present": [],
    }


def reset_escalations(engine: Engine) -> None:
    """Back to a store no pass has run on (the records and their change-log entries)."""
    with writing(engine).begin() as connection:
        connection.execute(delete(Escalation))
        connection.execute(delete(ChangeLogEntry).where(ChangeLogEntry.entity == "escalation"))


# --- the baseline and the measurements ----------------------------------------------------


def overdue_baseline(engine: Engine) -> int:
    """One SQL query counting the overdue assignments."""
    query = select(func.count()).where(
        Assignment.deleted.is_(False),
        Assignment.status.in_([s.value for s in OPEN_STATUSES]),
        Assignment.due_on < TODAY,
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def timed_cpu(work: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    cpu = time.process_time()
    seconds, result = timed(work)
    return seconds, time.process_time() - cpu, result


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    work()  # warm: statement caches, the database's pages
    return statistics.median(timed(work)[0] for _ in range(repeat))


def measure_baseline(engine: Engine, data: Data, repeat: int) -> list[Figure]:
    seconds = median_seconds(lambda: overdue_baseline(engine), repeat)
    return [Figure("baseline: one query counting the overdue assignments", seconds,
                   f"{data.overdue:,} overdue")]  # fmt: skip


def measure_escalation_pass(engine: Engine, data: Data, repeat: int) -> list[Figure]:
    """The full pass as the server runs it: cold (no escalation yet: every one standing is
    written with its change-log entry), again the same day (nothing new), and the next day."""
    calendar = ChinaCalendar()
    calendar.is_working_day(TODAY)  # the holiday package's first lookup is not the pass's
    firsts: list[tuple[float, float]] = []
    raised = standing = 0

    def run(now: datetime = NOW) -> Any:
        return run_escalation_pass(engine, now=now, config=CONFIG, calendar=calendar)

    for _ in range(max(1, repeat // 2)):
        reset_escalations(engine)
        seconds, cpu, report = timed_cpu(run)
        firsts.append((seconds, cpu))
        raised, standing = len(report.raised), report.planned  # type: ignore[attr-defined]
    run()  # warm
    agains = [timed_cpu(run)[:2] for _ in range(repeat)]
    next_day, next_cpu, report = timed_cpu(lambda: run(NOW + timedelta(days=1)))
    return [
        Figure(
            "escalation pass, full (no record yet)",
            statistics.median(wall for wall, _ in firsts),
            f"{raised:,} records written of {standing:,} standing",
            2.0,
            statistics.median(cpu for _, cpu in firsts),
        ),
        Figure(
            "escalation pass, same day again",
            statistics.median(wall for wall, _ in agains),
            "0 new",
            2.0,
            statistics.median(cpu for _, cpu in agains),
        ),
        Figure(
            "escalation pass, the next day",
            next_day,
            f"{len(report.raised):,} new",  # type: ignore[attr-defined]
            2.0,
            next_cpu,
        ),
    ]


def measure_weekly_bulletin(engine: Engine, data: Data, repeat: int) -> list[Figure]:
    """The weekly bulletin (周通报) of the last complete week, after the passes above raised
    their escalations: every figure per squad and per officer beside the week before."""
    from fieldapp.services.bulletin import weekly_bulletin
    from fieldapp.services.bulletin_week import IsoWeek

    week = IsoWeek.last_complete(NOW)

    def bulletin() -> object:
        with engine.connect() as connection:
            return weekly_bulletin(connection, week, now=NOW)

    result = bulletin()
    lines = [line for line in result.officers if line.officer_id]  # type: ignore[attr-defined]
    officers = len({line.officer_id for line in lines})
    squads = len(result.squads)  # type: ignore[attr-defined]
    return [
        Figure(
            f"weekly bulletin {week}",
            median_seconds(bulletin, repeat),
            f"{squads} squads, {officers} officers in {len(lines)} lines",
            3.0,
        )
    ]


# One function per figure; each gets the engine, the data and the repeat count.
MEASUREMENTS: list[Callable[[Engine, Data, int], list[Figure]]] = [
    measure_escalation_pass,
    measure_weekly_bulletin,
]


def run_all(name: str, engine: Engine, data: Data, repeat: int) -> None:
    (baseline,) = measure_baseline(engine, data, repeat)
    print(f"{name}: {baseline.name}: {baseline.seconds * 1000:.1f} ms ({baseline.detail})")
    for measure in MEASUREMENTS:
        for figure in measure(engine, data, repeat):
            target = f", target ≤ {figure.target_s:g} s" if figure.target_s else ""
            if figure.cpu_s is not None:
                target += f", CPU {figure.cpu_s:.3f} s"
            verdict = ""
            if figure.target_s:
                verdict = " ✓" if figure.seconds <= figure.target_s else " ✗ over target"
            print(
                f"{name}: {figure.name}: {figure.seconds:.3f} s ({figure.detail}{target}); "
                f"{figure.seconds / baseline.seconds:.0f}× the baseline{verdict}",
                flush=True,
            )


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    engine = open_central(url)
    try:
        seconds, data = timed(lambda: generate(engine, args.assignments, args.controls))
        assert isinstance(data, Data)
        print(
            f"{name}: data: {data.assignments:,} assignments ({data.open_assignments:,} open, "
            f"{data.overdue:,} overdue), {data.controls:,} asset controls; made in "
            f"{seconds:.1f} s",
            flush=True,
        )
        run_all(name, engine, data, args.repeat)
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--controls", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with TemporaryDirectory() as folder:
        bench("SQLite", f"sqlite:///{Path(folder) / 'central.sqlite'}", args)
    if args.no_postgres:
        return
    with PostgresServer() as postgres:
        bench("PostgreSQL", postgres.create_database("supervision_bench"), args)


if __name__ == "__main__":
    main()
