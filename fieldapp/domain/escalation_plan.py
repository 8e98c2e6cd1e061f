"""The escalations a set of tasks and asset controls stands at on one court day, with their
recipients and reasons: the pure computation the server's pass and the offline laptop share.

Every level up to the one reached is planned, not only the highest: a task first seen 20 days
overdue owes a record to the officer, the lead and the centre head alike, and the result then
depends only on the data and the day, never on which passes ran before — which is what lets
a laptop offline and the server agree.  Each (item, level) is one record, written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from fieldapp.domain.deadlines import Pause, WorkCalendar, paused_due_date
from fieldapp.domain.enums import (
    MATTER_NAMES_ZH,
    AssetKind,
    AssignmentStatus,
    ControlMeasure,
    Matter,
)
from fieldapp.domain.escalation import DEFAULT_LEVELS, EscalationTable, Recipient
from fieldapp.domain.escalation_assets import DEFAULT_ASSET_LEVELS, AssetTable
from fieldapp.domain.status import is_open

LEVEL_NAMES_ZH = {1: "一级督办", 2: "二级督办", 3: "三级督办", 4: "四级督办"}
RECIPIENT_NAMES_ZH = {
    Recipient.OFFICER: "承办干警",
    Recipient.LEAD: "组长",
    Recipient.CENTRE_HEAD: "外勤事务中心主任",
    Recipient.BUREAU_CHIEF: "执行局局长",
}
ASSET_KIND_NAMES_ZH = {
    AssetKind.REAL_ESTATE: "不动产",
    AssetKind.VEHICLE: "车辆",
    AssetKind.MOVABLE: "动产",
    AssetKind.BANK_DEPOSIT: "银行存款",
    AssetKind.EQUITY: "股权",
    AssetKind.OTHER: "其他财产",
}
MEASURE_NAMES_ZH = {
    ControlMeasure.SEAL: "查封",
    ControlMeasure.SEIZE: "扣押",
    ControlMeasure.FREEZE: "冻结",
    ControlMeasure.RENEW: "续行查封",
    ControlMeasure.RELEASE: "解除",
}


@dataclass(frozen=True, slots=True)
class EscalationRules:
    """A court's thresholds and recipients for tasks and for asset controls."""

    levels: EscalationTable = DEFAULT_LEVELS
    asset_levels: AssetTable = DEFAULT_ASSET_LEVELS


@dataclass(frozen=True, slots=True)
class Holders:
    """Who holds each post: squad leads by squad code, and the two heads (user ids).

    The centre head and the bureau chief are users named in the configuration; a post left
    empty gives records with no recipient (the pass reports them) rather than a guess.
    """

    squad_leads: Mapping[str, str | None] = field(default_factory=dict)
    centre_head: str | None = None
    bureau_chief: str | None = None

    def holder(self, recipient: Recipient, officer_id: str | None, squad: str | None) -> str | None:
        if recipient is Recipient.OFFICER:
            return officer_id
        if recipient is Recipient.LEAD:
            return self.squad_leads.get(squad) if squad else None
        if recipient is Recipient.CENTRE_HEAD:
            return self.centre_head
        return self.bureau_chief


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """What the plan needs of one assignment."""

    id: str
    registration_no: str
    matter: Matter
    status: AssignmentStatus
    received_on: date
    due_on: date | None
    officer_id: str | None
    squad_code: str | None
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True, slots=True)
class AssetFacts:
    """What the plan needs of one active asset control (see `escalation_assets`)."""

    id: str
    asset_kind: AssetKind
    measure: ControlMeasure
    ruling_no: str
    expires_on: date
    officer_id: str | None
    squad_code: str | None


@dataclass(frozen=True, slots=True)
class PlannedEscalation:
    """One record the day calls for: `item_id` is the assignment's or the asset control's."""

    kind: str  # "assignment" | "asset"
    item_id: str
    level: int
    recipient: Recipient
    raised_to: str | None
    reason: str
    squad_code: str | None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.item_id, self.level)


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def task_threshold_zh(min_days_overdue: int) -> str:
    """The rule of a task level in words: 期限届满前3日 / 超过办理期限15日."""
    if min_days_overdue < 0:
        return f"期限届满前{-min_days_overdue}日"
    if min_days_overdue == 0:
        return "期限届满当日"
    if min_days_overdue == 1:
        return "超过办理期限"
    return f"超过办理期限{min_days_overdue - 1}日"


def asset_threshold_zh(max_days_left: int) -> str:
    """The rule of an asset level in words: 到期前90日 / 已到期."""
    if max_days_left < 0:
        return "控制期限届满未续行" if max_days_left == -1 else f"期限届满{-max_days_left - 1}日后"
    if max_days_left == 0:
        return "期限届满当日"
    return f"到期前{max_days_left}日"


def _recipient_for(recipient: Recipient, officer_id: str | None) -> Recipient:
    # A reminder to an officer no one has named yet goes to the lead, whose move it is.
    if recipient is Recipient.OFFICER and officer_id is None:
        return Recipient.LEAD
    return recipient


def plan_tasks(
    tasks: Iterable[TaskFacts],
    today: date,
    *,
    calendar: WorkCalendar,
    holders: Holders,
    table: EscalationTable = DEFAULT_LEVELS,
) -> list[PlannedEscalation]:
    """Every (task, level) reached on `today`, levels in rising order within a task."""
    today_ordinal = today.toordinal()
    # What every reason of a level shares, made once: a pass plans tens of thousands.
    levels = [
        (
            entry,
            f"{LEVEL_NAMES_ZH.get(entry.level, f'{entry.level}级督办')}：外勤任务",
            task_threshold_zh(entry.min_days_overdue),
        )
        for entry in table
    ]
    days: dict[date, str] = {}
    planned: list[PlannedEscalation] = []
    append = planned.append
    for task in tasks:
        if task.due_on is None or not is_open(task.status):
            continue
        due_on: date | None = task.due_on
        if task.pauses:
            due_on = paused_due_date(task.received_on, task.due_on, task.pauses, calendar)
            if due_on is None:
                continue  # the clock stands still
        assert due_on is not None
        overdue = today_ordinal - due_on.toordinal()
        if overdue < table[0].min_days_overdue:
            continue
        day = days.get(due_on)
        if day is None:
            day = days[due_on] = _day(due_on)
        what = (
            f"{task.registration_no}（{MATTER_NAMES_ZH.get(task.matter, task.matter)}）"
            f"办理期限至{day}，已达督办规则“"
        )
        for entry, head, rule in levels:
            if overdue < entry.min_days_overdue:
                break
            recipient = _recipient_for(entry.recipient, task.officer_id)
            append(
                PlannedEscalation(
                    "assignment",
                    task.id,
                    entry.level,
                    recipient,
                    holders.holder(recipient, task.officer_id, task.squad_code),
                    f"{head}{what}{rule}”，报{RECIPIENT_NAMES_ZH[recipient]}督办。",
                    task.squad_code,
                )
            )
    return planned


def plan_assets(
    assets: Iterable[AssetFacts],
    today: date,
    *,
    holders: Holders,
    table: AssetTable = DEFAULT_ASSET_LEVELS,
) -> list[PlannedEscalation]:
    """Every (active control, level) reached on `today`, levels in rising order."""
    today_ordinal = today.toordinal()
    planned: list[PlannedEscalation] = []
    for asset in assets:
        left = asset.expires_on.toordinal() - today_ordinal
        for entry in table:
            if left > entry.max_days_left:
                break
            recipient = _recipient_for(entry.recipient, asset.officer_id)
            what = (
                f"{ASSET_KIND_NAMES_ZH.get(asset.asset_kind, asset.asset_kind)}"
                f"{MEASURE_NAMES_ZH.get(asset.measure, asset.measure)}"
            )
            ruling = f"（{asset.ruling_no}）" if asset.ruling_no else ""
            state = (
                f"已于{_day(asset.expires_on)}到期，有脱保风险"
                if left < 0
                else f"将于{_day(asset.expires_on)}到期"
            )
            reason = (
                f"{LEVEL_NAMES_ZH.get(entry.level, f'{entry.level}级督办')}：{what}{ruling}"
                f"{state}，已达督办规则“{asset_threshold_zh(entry.max_days_left)}”，"
                f"请及时续行查封，报{RECIPIENT_NAMES_ZH[recipient]}督办。"
            )
            planned.append(
                PlannedEscalation(
                    "asset",
                    asset.id,
                    entry.level,
                    recipient,
                    holders.holder(recipient, asset.officer_id, asset.squad_code),
                    reason,
                    asset.squad_code,
                )
            )
    return planned


def plan_all(
    tasks: Iterable[TaskFacts],
    assets: Iterable[AssetFacts],
    today: date,
    *,
    calendar: WorkCalendar,
    holders: Holders,
    rules: EscalationRules = EscalationRules(),  # noqa: B008 - frozen, shared safely
) -> list[PlannedEscalation]:
    return plan_tasks(
        tasks, today, calendar=calendar, holders=holders, table=rules.levels
    ) + plan_assets(assets, today, holders=holders, table=rules.asset_levels)
