"""The escalation plan with a frozen clock: each level of a task and of an asset control is
reached exactly at its threshold and not the day before; pauses hold the clock; recipients."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fieldapp.domain.deadlines import Pause, WeekendCalendar, paused_due_date
from fieldapp.domain.enums import AssetKind, AssignmentStatus, ControlMeasure, Matter
from fieldapp.domain.escalation import InvalidEscalationTable, Recipient
from fieldapp.domain.escalation_assets import (
    DEFAULT_ASSET_LEVELS,
    AssetLevel,
    asset_level,
    asset_levels_from_mapping,
    check_asset_table,
)
from fieldapp.domain.escalation_plan import (
    AssetFacts,
    Holders,
    TaskFacts,
    asset_threshold_zh,
    plan_assets,
    plan_tasks,
    task_threshold_zh,
)

CAL = WeekendCalendar()
DUE = date(2026, 10, 13)  # a Tuesday
HOLDERS = Holders({"S1": "lead-1"}, "head", "chief")


def task(
    due_on: date | None = DUE,
    *,
    officer: str | None = "officer-1",
    status: AssignmentStatus = AssignmentStatus.IN_PROGRESS,
    pauses: tuple[Pause, ...] = (),
) -> TaskFacts:
    return TaskFacts(
        "t-1", "WQ-2026-000123", Matter.LOCATE, status, date(2026, 10, 6), due_on, officer,
        "S1", pauses,
    )  # fmt: skip


def levels(today: date, facts: TaskFacts | None = None) -> list[int]:
    return [p.level for p in plan_tasks([facts or task()], today, calendar=CAL, holders=HOLDERS)]


@pytest.mark.parametrize(
    ("first_day", "level"),
    [
        (DUE - timedelta(days=3), 1),
        (DUE + timedelta(days=1), 2),
        (DUE + timedelta(days=16), 3),
        (DUE + timedelta(days=31), 4),
    ],
)
def test_task_levels_start_exactly_at_their_thresholds(first_day: date, level: int) -> None:
    assert levels(first_day) == list(range(1, level + 1))
    assert levels(first_day - timedelta(days=1)) == list(range(1, level))


def test_recipients_and_reasons() -> None:
    planned = plan_tasks([task()], DUE + timedelta(days=31), calendar=CAL, holders=HOLDERS)
    assert [(p.recipient, p.raised_to) for p in planned] == [
        (Recipient.OFFICER, "officer-1"),
        (Recipient.LEAD, "lead-1"),
        (Recipient.CENTRE_HEAD, "head"),
        (Recipient.BUREAU_CHIEF, "chief"),
    ]
    assert planned[2].reason == (
        "三级督办：外勤任务WQ-2026-000123（查人找物）办理期限至2026年10月13日，"
        "已达督办规则“超过办理期限15日”，报外勤事务中心主任督办。"
    )
    assert "期限届满前3日" in planned[0].reason
    assert all(p.key == ("assignment", "t-1", p.level) for p in planned)


def test_a_task_without_officer_reminds_the_lead_and_unknown_posts_stay_empty() -> None:
    planned = plan_tasks(
        [task(officer=None)], DUE + timedelta(days=20), calendar=CAL, holders=Holders()
    )
    assert [(p.level, p.recipient, p.raised_to) for p in planned] == [
        (1, Recipient.LEAD, None),
        (2, Recipient.LEAD, None),
        (3, Recipient.CENTRE_HEAD, None),
    ]


@pytest.mark.parametrize(
    "status", [AssignmentStatus.DONE, AssignmentStatus.RETURNED, AssignmentStatus.CANCELLED]
)
def test_closed_tasks_and_tasks_without_due_day_never_escalate(status: AssignmentStatus) -> None:
    assert levels(DUE + timedelta(days=60), task(status=status)) == []
    assert levels(DUE + timedelta(days=60), task(due_on=None)) == []


def test_an_open_pause_stops_the_clock() -> None:
    paused = task(pauses=(Pause(date(2026, 10, 10), None, "stay"),))
    assert levels(DUE + timedelta(days=100), paused) == []


def test_a_closed_pause_pushes_each_level_by_its_days() -> None:
    # Paused 10-08 .. 10-14 (7 days, all before the last day): due 10-20, a Tuesday.
    paused = task(pauses=(Pause(date(2026, 10, 8), date(2026, 10, 14), "公告"),))
    assert paused_due_date(date(2026, 10, 6), DUE, paused.pauses, CAL) == date(2026, 10, 20)
    assert levels(date(2026, 10, 16), paused) == []
    assert levels(date(2026, 10, 17), paused) == [1]
    assert levels(date(2026, 10, 21), paused) == [1, 2]
    assert levels(date(2026, 11, 5), paused) == [1, 2, 3]


def test_a_pause_after_the_due_day_changes_nothing() -> None:
    late = task(pauses=(Pause(DUE + timedelta(days=2), None, "too late"),))
    assert levels(DUE + timedelta(days=1), late) == [1, 2]
    assert levels(DUE + timedelta(days=20), late) == [1, 2, 3]


def test_a_pushed_due_day_on_a_weekend_moves_to_monday() -> None:
    pauses = (Pause(date(2026, 10, 8), date(2026, 10, 11), "公告"),)  # 4 days: Sat 10-17
    assert paused_due_date(date(2026, 10, 6), DUE, pauses, CAL) == date(2026, 10, 19)


EXPIRES = date(2026, 12, 31)


def asset(expires_on: date = EXPIRES, officer: str | None = "officer-1") -> AssetFacts:
    return AssetFacts(
        "a-1", AssetKind.BANK_DEPOSIT, ControlMeasure.FREEZE, "（2026）黔01执1号之一",
        expires_on, officer, "S1",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("first_day", "level"),
    [
        (EXPIRES - timedelta(days=90), 1),
        (EXPIRES - timedelta(days=30), 2),
        (EXPIRES - timedelta(days=7), 3),
        (EXPIRES + timedelta(days=1), 4),
    ],
)
def test_asset_levels_start_exactly_at_their_thresholds(first_day: date, level: int) -> None:
    def reached(today: date) -> list[int]:
        return [p.level for p in plan_assets([asset()], today, holders=HOLDERS)]

    assert reached(first_day) == list(range(1, level + 1))
    assert reached(first_day - timedelta(days=1)) == list(range(1, level))
    assert asset_level(EXPIRES, first_day) == level


def test_the_last_day_of_a_control_is_not_expired() -> None:
    assert asset_level(EXPIRES, EXPIRES) == 3
    (*_, expired) = plan_assets([asset()], EXPIRES + timedelta(days=1), holders=HOLDERS)
    assert expired.raised_to == "chief"
    assert "已于2026年12月31日到期" in expired.reason
    assert "银行存款冻结（（2026）黔01执1号之一）" in expired.reason
    assert "控制期限届满未续行" in expired.reason


def test_threshold_words() -> None:
    assert [task_threshold_zh(n) for n in (-3, 0, 1, 16)] == [
        "期限届满前3日",
        "期限届满当日",
        "超过办理期限",
        "超过办理期限15日",
    ]
    assert [asset_threshold_zh(n) for n in (90, 0, -1, -8)] == [
        "到期前90日",
        "期限届满当日",
        "控制期限届满未续行",
        "期限届满7日后",
    ]


def test_asset_table_configuration_is_checked() -> None:
    table = asset_levels_from_mapping({"1": {"max_days_left": 120}, "4": {"recipient": "lead"}})
    assert table[0].max_days_left == 120
    assert table[3].recipient is Recipient.LEAD
    assert asset_levels_from_mapping({}) == DEFAULT_ASSET_LEVELS
    for bad in (
        {"5": {}},
        {"x": {}},
        {"1": {"days": 3}},
        {"1": "90"},
        {"2": {"max_days_left": 100}},
        {"1": {"recipient": "mayor"}},
        {"1": {"max_days_left": "ninety"}},
    ):
        with pytest.raises(InvalidEscalationTable):
            asset_levels_from_mapping(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidEscalationTable):
        check_asset_table(())
    with pytest.raises(InvalidEscalationTable):
        check_asset_table((AssetLevel(2, 90, Recipient.OFFICER),))
