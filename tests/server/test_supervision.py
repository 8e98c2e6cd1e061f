"""The escalation pass on the central store: records per item and level, written once, synced
to their recipients through the change log, acknowledged by the recipient only."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from fieldapp.domain.clock import COURT_TZ
from fieldapp.server.supervision import (
    LOCK_KEY,
    SupervisionConfig,
    config_from_mappings,
    run_escalation_pass,
)
from fieldapp.storage.central_tables import ChangeLogEntry
from fieldapp.storage.oversight import Escalation
from tests.support.central import Central, asset_control, new_assignment, new_uuid

CONFIG = SupervisionConfig(centre_head="supervisor", bureau_chief="admin")


def noon(day: date) -> datetime:
    """Midday in the court's zone on ``day``, as UTC."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=COURT_TZ).astimezone(UTC)


def escalations(central: Central, **equal: Any) -> list[dict[str, Any]]:
    table = Escalation.__table__
    return central.rows(table, *(table.c[name] == value for name, value in equal.items()))


def new_task(central: Central, due_on: date, **fields: Any) -> dict[str, Any]:
    """A task of squad S1 given to one of its officers, due on ``due_on``."""
    case_id = central.task("S1")[0]["case_id"]
    officer = central.account(central.officers("S1")[0])
    data = new_assignment(case_id, "S1", due_on=due_on.isoformat(), **fields)
    record_id = new_uuid()
    central.apply("registrar", central.ops("registrar").insert("assignment", data, record_id))
    central.apply(
        "lead1",
        central.ops("lead1").update(
            "assignment", record_id, 1, {"officer_id": officer.user_id, "status": "assigned"}
        ),
    )
    return central.row("assignment", record_id)


def levels_of(central: Central, assignment_id: str) -> list[int]:
    return sorted(row["level"] for row in escalations(central, assignment_id=assignment_id))


def test_each_level_is_raised_at_its_threshold_and_not_before(central: Central) -> None:
    due = date(2026, 9, 10)
    task = new_task(central, due)
    firsts = {1: due - timedelta(days=3), 2: due + timedelta(days=1)}
    firsts |= {3: due + timedelta(days=16), 4: due + timedelta(days=31)}
    for level, first_day in firsts.items():
        run_escalation_pass(central.engine, now=noon(first_day - timedelta(days=1)), config=CONFIG)
        assert levels_of(central, task["id"]) == list(range(1, level))
        report = run_escalation_pass(central.engine, now=noon(first_day), config=CONFIG)
        assert levels_of(central, task["id"]) == list(range(1, level + 1))
        assert [
            (r.planned.item_id, r.planned.level)
            for r in report.raised
            if r.planned.item_id == task["id"]
        ] == [(task["id"], level)]
    by_level = {row["level"]: row for row in escalations(central, assignment_id=task["id"])}
    accounts = central.accounts
    assert by_level[1]["raised_to"] == task["officer_id"]
    assert by_level[2]["raised_to"] == accounts["lead1"].user_id
    assert by_level[3]["raised_to"] == accounts["supervisor"].user_id
    assert by_level[4]["raised_to"] == accounts["admin"].user_id
    assert "超过办理期限15日" in by_level[3]["reason"]
    assert task["registration_no"] in by_level[3]["reason"]
    # History: every level keeps its own record, raised on the day it was reached.
    assert by_level[1]["raised_at"] < by_level[2]["raised_at"] < by_level[4]["raised_at"]


def test_a_pass_is_idempotent_and_a_later_day_adds_only_new_levels(central: Central) -> None:
    now = noon(date(2026, 5, 11))
    first = run_escalation_pass(central.engine, now=now, config=CONFIG)
    assert first.ran
    assert first.raised, "the demo data has overdue tasks"
    assert first.planned == len(first.raised)
    count = central.count(Escalation.__table__)
    log = central.count(ChangeLogEntry.__table__)
    again = run_escalation_pass(central.engine, now=now + timedelta(hours=3), config=CONFIG)
    assert again.raised == []
    assert again.planned == first.planned
    assert central.count(Escalation.__table__) == count
    assert central.count(ChangeLogEntry.__table__) == log
    later = run_escalation_pass(central.engine, now=now + timedelta(days=20), config=CONFIG)
    assert later.raised
    assert central.count(Escalation.__table__) == count + len(later.raised)
    keys = [
        (row["assignment_id"], row["asset_control_id"], row["level"])
        for row in escalations(central)
    ]
    assert len(keys) == len(set(keys))


def test_records_reach_the_recipients_laptops_and_not_other_squads(central: Central) -> None:
    due = date(2026, 9, 10)
    task = new_task(central, due)
    report = run_escalation_pass(central.engine, now=noon(due + timedelta(days=1)), config=CONFIG)
    mine = [r for r in report.raised if r.planned.item_id == task["id"]]
    assert [r.planned.level for r in mine] == [1, 2]
    officer = central.username_of(task["officer_id"])
    for username in (officer, "lead1", "supervisor"):
        pulled = central.pull_all(username)
        assert {("escalation", r.id) for r in mine} <= pulled.keys("escalation"), username
    other = central.pull_all("lead2")
    assert not {("escalation", r.id) for r in mine} & other.keys("escalation")
    record = central.pull_all(officer).one("escalation", mine[0].id)
    assert record["version"] == 1
    assert record["data"]["raised_to"] == task["officer_id"]


def test_pauses_hold_the_clock(central: Central) -> None:
    due = date(2026, 9, 10)
    paused = new_task(central, due, clock_pauses=[{"start": "2026-09-01", "end": None}])
    resumed = new_task(
        central, due, clock_pauses=[{"start": "2026-09-01", "end": "2026-09-07", "reason": "公告"}]
    )
    run_escalation_pass(central.engine, now=noon(due + timedelta(days=5)), config=CONFIG)
    assert levels_of(central, paused["id"]) == []
    # Seven paused days: due 2026-09-17 (a Thursday), so level 2 from the 18th.
    assert levels_of(central, resumed["id"]) == [1]
    run_escalation_pass(central.engine, now=noon(date(2026, 9, 18)), config=CONFIG)
    assert levels_of(central, resumed["id"]) == [1, 2]


def test_asset_controls_get_reminders_and_escalate_when_expired(central: Central) -> None:
    task, officer = central.task("S1")
    expires = date(2026, 12, 31)
    control = asset_control(task["case_id"], task["id"], expires_on=expires.isoformat())
    control_id = new_uuid()
    central.apply(officer, central.ops(officer).insert("asset_control", control, control_id))
    row = central.row("asset_control", control_id)
    levels = {}
    for day, expected in [
        (expires - timedelta(days=91), []),
        (expires - timedelta(days=90), [1]),
        (expires - timedelta(days=30), [1, 2]),
        (expires - timedelta(days=7), [1, 2, 3]),
        (expires, [1, 2, 3]),
        (expires + timedelta(days=1), [1, 2, 3, 4]),
    ]:
        run_escalation_pass(central.engine, now=noon(day), config=CONFIG)
        levels[day] = sorted(r["level"] for r in escalations(central, asset_control_id=row["id"]))
        assert levels[day] == expected, day
    expired = escalations(central, asset_control_id=row["id"], level=4)[0]
    assert "已于2026年12月31日到期" in expired["reason"]
    # A renewal takes over: the renewed control raises nothing more.
    renewal = asset_control(
        task["case_id"], None, measure="renew", renews_id=row["id"], expires_on="2028-12-31"
    )
    central.apply(officer, central.ops(officer).insert("asset_control", renewal))
    report = run_escalation_pass(
        central.engine, now=noon(expires + timedelta(days=2)), config=CONFIG
    )
    assert not [r for r in report.raised if r.planned.item_id == row["id"]]


def test_only_the_recipient_acknowledges(central: Central) -> None:
    due = date(2026, 9, 10)
    task = new_task(central, due)
    run_escalation_pass(central.engine, now=noon(due + timedelta(days=16)), config=CONFIG)
    by_level = {row["level"]: row for row in escalations(central, assignment_id=task["id"])}
    officer = central.username_of(task["officer_id"])
    at = "2026-09-27T09:00:00+08:00"

    def ack(username: str, level: int, **extra: Any) -> dict[str, Any]:
        row = by_level[level]
        data = {"acknowledged_at": at, "acknowledged_by": central.account(username).user_id}
        op = central.ops(username).update("escalation", row["id"], 1, data | extra)
        (result,) = central.push_ok(username, op)
        return result

    assert ack("lead1", 1)["status"] == "rejected"  # raised to the officer, not the lead
    other = central.officers("S1")[1]
    assert ack(other, 1)["status"] == "rejected"
    assert ack(officer, 1, reason="nothing to see")["status"] == "rejected"  # not an ack field
    forged = central.ops(officer).update(
        "escalation",
        by_level[1]["id"],
        1,
        {"acknowledged_at": at, "acknowledged_by": central.account("lead1").user_id},
    )
    assert central.push_ok(officer, forged)[0]["status"] == "rejected"
    assert ack(officer, 1)["status"] == "applied"
    assert ack("lead1", 2)["status"] == "applied"
    assert ack("supervisor", 3)["status"] == "applied"  # a supervisor, but its recipient
    stored = central.row("escalation", by_level[1]["id"])
    assert stored["acknowledged_by"] == task["officer_id"]
    assert stored["version"] == 2
    assert stored["acknowledged_at"] == datetime(2026, 9, 27, 1, tzinfo=UTC)
    assert ack(officer, 1, acknowledged_at="2026-09-28T09:00:00+08:00")["status"] == "rejected"
    # The acknowledgement syncs back to the lead's laptop.
    pulled = central.pull_all("lead1").one("escalation", by_level[1]["id"])
    assert pulled["data"]["acknowledged_by"] == task["officer_id"]


def test_a_pass_skips_while_another_holds_the_lock(central: Central) -> None:
    if central.kind != "postgresql":
        pytest.skip("SQLite admits one writer by itself (BEGIN IMMEDIATE)")
    with central.engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        try:
            report = run_escalation_pass(central.engine, now=noon(date(2026, 5, 11)), config=CONFIG)
        finally:
            holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
    assert not report.ran
    assert "skipped" in report.summary()
    assert central.count(Escalation.__table__) == 0


def test_passes_at_once_write_each_record_once(central: Central) -> None:
    now = noon(date(2026, 6, 20))
    reports = []

    def run() -> None:
        reports.append(run_escalation_pass(central.engine, now=now, config=CONFIG))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = sum(len(report.raised) for report in reports)
    assert written == central.count(Escalation.__table__) > 0
    assert written == max(report.planned for report in reports)


def test_configuration_is_checked() -> None:
    from fieldapp.domain.escalation import InvalidEscalationTable

    config = config_from_mappings(levels={"3": {"min_days_overdue": 15}}, every_minutes=5)
    assert config.rules.levels[2].min_days_overdue == 15
    assert config.every_s == 300
    for bad in ({"9": {}}, {"2": {"min_days_overdue": 40}}, {"1": {"days": 3}}):
        with pytest.raises(InvalidEscalationTable):
            config_from_mappings(levels=bad)
    with pytest.raises(InvalidEscalationTable):
        config_from_mappings(asset_levels={"1": {"max_days_left": 20}})
