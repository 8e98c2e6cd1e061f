"""A person's escalations on the laptop: the central store's records merged with the ones the
laptop computes itself while it waits for them.

How the two are merged
----------------------
The laptop runs the same plan as the server's pass (`escalation_plan`, over the same queries
of `escalation_facts`) on its own data.  An escalation is known by its key (item, level): a
record from the central store with that key always wins, whoever it was raised to, and the
locally computed one with the same key is dropped — so nothing shows twice, and once the
server's record arrives the provisional one silently becomes it.  Locally computed ones are
*provisional*: they have no record yet, cannot be acknowledged (the server must raise the
record first), and are never written to the database or the outbox.

Who holds the posts on a laptop: squad leads come from the squads; the centre head and the
bureau chief, which the server's configuration names, are taken from the latest server records
raised to those posts (a laptop that has seen none leaves them unknown, and shows no
provisional level-3/4 escalation to anyone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, or_, select

from fieldapp.domain.deadlines import WorkCalendar
from fieldapp.domain.escalation import Recipient
from fieldapp.domain.escalation_plan import (
    EscalationRules,
    Holders,
    PlannedEscalation,
    plan_all,
)
from fieldapp.services.escalation_facts import load_facts, squad_leads
from fieldapp.services.escalation_reasons import (
    ReasonFacts,
    asset_reasons,
    reason_facts,
    task_reasons,
)
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import StaffMember

Key = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class EscalationView:
    """One escalation as the window shows it."""

    key: Key
    record_id: str | None  # None: provisional, computed on this laptop
    level: int
    reason: str
    item_label: str  # registration no. of the task, or the asset's description
    assignment_id: str | None
    raised_at: datetime | None
    raised_to: str | None
    acknowledged_at: datetime | None
    # The structured facts the reason was worded from, for a window in another language.
    facts: ReasonFacts | None = None

    @property
    def provisional(self) -> bool:
        return self.record_id is None

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def item_id(self) -> str:
        return self.key[1]


def _head(connection: Connection, levels: list[int], asset_levels: list[int]) -> str | None:
    conditions = []
    if levels:
        conditions.append(Escalation.assignment_id.is_not(None) & Escalation.level.in_(levels))
    if asset_levels:
        conditions.append(
            Escalation.asset_control_id.is_not(None) & Escalation.level.in_(asset_levels)
        )
    if not conditions:
        return None
    query = (
        select(Escalation.raised_to)
        .where(or_(*conditions), Escalation.raised_to.is_not(None), Escalation.deleted.is_(False))
        .order_by(Escalation.raised_at.desc())
        .limit(1)
    )
    return connection.execute(query).scalar()


def laptop_holders(connection: Connection, rules: EscalationRules) -> Holders:
    def levels_of(recipient: Recipient) -> tuple[list[int], list[int]]:
        return (
            [entry.level for entry in rules.levels if entry.recipient is recipient],
            [entry.level for entry in rules.asset_levels if entry.recipient is recipient],
        )

    return Holders(
        squad_leads(connection),
        _head(connection, *levels_of(Recipient.CENTRE_HEAD)),
        _head(connection, *levels_of(Recipient.BUREAU_CHIEF)),
    )


def local_plan(
    connection: Connection,
    today: date,
    *,
    rules: EscalationRules,
    calendar: WorkCalendar,
    holders: Holders | None = None,
) -> list[PlannedEscalation]:
    """What the server's pass would raise on `today` over this database's data."""
    facts = load_facts(connection, today, rules)
    return plan_all(
        facts.tasks,
        facts.assets,
        today,
        calendar=calendar,
        holders=holders or laptop_holders(connection, rules),
        rules=rules,
    )


def _labels(
    connection: Connection, task_ids: set[str], asset_ids: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    tasks: dict[str, str] = {}
    assets: dict[str, str] = {}
    wanted = sorted(task_ids)
    for start in range(0, len(wanted), 500):
        query = select(Assignment.id, Assignment.registration_no).where(
            Assignment.id.in_(wanted[start : start + 500])
        )
        tasks.update({i: n for i, n in connection.execute(query)})
    wanted = sorted(asset_ids)
    for start in range(0, len(wanted), 500):
        asset_query = select(
            AssetControl.id, AssetControl.ruling_no, AssetControl.asset_description
        ).where(AssetControl.id.in_(wanted[start : start + 500]))
        for asset_id, ruling, description in connection.execute(asset_query):
            assets[asset_id] = " ".join(part for part in (ruling, description) if part)[:120]
    return tasks, assets


def inbox(
    engine: Engine,
    user_id: str,
    today: date,
    *,
    rules: EscalationRules,
    calendar: WorkCalendar,
) -> list[EscalationView]:
    """The escalations raised to `user_id`: the server's records (acknowledged ones too: the
    history) and the provisional ones; unacknowledged first, then highest level, newest."""
    with engine.connect() as connection:
        records = connection.execute(
            select(
                Escalation.id,
                Escalation.assignment_id,
                Escalation.asset_control_id,
                Escalation.level,
                Escalation.reason,
                Escalation.raised_at,
                Escalation.raised_to,
                Escalation.acknowledged_at,
            ).where(Escalation.deleted.is_(False))
        ).all()
        known: set[Key] = set()
        mine = []
        for row in records:
            key: Key = ("assignment", row[1], row[3]) if row[1] else ("asset", row[2] or "", row[3])
            known.add(key)
            if row[6] == user_id:
                mine.append((key, row))
        planned = [
            item
            for item in local_plan(connection, today, rules=rules, calendar=calendar)
            if item.raised_to == user_id and item.key not in known
        ]
        task_ids = {k[1] for k, _ in mine if k[0] == "assignment"} | {
            p.item_id for p in planned if p.kind == "assignment"
        }
        asset_ids = {k[1] for k, _ in mine if k[0] == "asset"} | {
            p.item_id for p in planned if p.kind == "asset"
        }
        task_labels, asset_labels = _labels(connection, task_ids, asset_ids)
        task_facts = task_reasons(connection, task_ids, calendar)
        asset_facts = asset_reasons(connection, asset_ids)

    def facts(key: Key) -> ReasonFacts | None:
        return reason_facts(key, today, rules, task_facts, asset_facts)

    def label(kind: str, item_id: str) -> str:
        labels = task_labels if kind == "assignment" else asset_labels
        return labels.get(item_id, "")

    views = [
        EscalationView(
            key,
            row[0],
            row[3],
            row[4],
            label(key[0], key[1]),
            row[1],
            row[5],
            row[6],
            row[7],
            facts(key),
        )
        for key, row in mine
    ]
    views.extend(
        EscalationView(
            item.key,
            None,
            item.level,
            item.reason,
            label(item.kind, item.item_id),
            item.item_id if item.kind == "assignment" else None,
            None,
            item.raised_to,
            None,
            facts(item.key),
        )
        for item in planned
    )
    views.sort(
        key=lambda v: (
            v.acknowledged_at is not None,
            -v.level,
            -(v.raised_at.timestamp() if v.raised_at else float("inf")),
            v.item_label,
        )
    )
    return views


def unacknowledged(views: list[EscalationView]) -> int:
    """The badge's number: escalations not yet acknowledged, provisional ones included."""
    return sum(1 for view in views if view.acknowledged_at is None)


def item_history(engine: Engine, kind: str, item_id: str) -> list[EscalationView]:
    """Every record the central store raised for one task or asset control, oldest level
    first: the levels it went through, to whom, and who acknowledged."""
    column = Escalation.assignment_id if kind == "assignment" else Escalation.asset_control_id
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Escalation.id,
                Escalation.level,
                Escalation.reason,
                Escalation.raised_at,
                Escalation.raised_to,
                Escalation.acknowledged_at,
            )
            .where(column == item_id, Escalation.deleted.is_(False))
            .order_by(Escalation.level)
        ).all()
    return [
        EscalationView(
            (kind, item_id, level),
            record_id,
            level,
            reason,
            "",
            item_id if kind == "assignment" else None,
            raised_at,
            raised_to,
            acknowledged_at,
        )
        for record_id, level, reason, raised_at, raised_to, acknowledged_at in rows
    ]


def staff_names(engine: Engine) -> dict[str, str]:
    """id → display name of everyone the laptop knows, to say whom an escalation went to."""
    with engine.connect() as connection:
        rows = connection.execute(select(StaffMember.id, StaffMember.display_name)).all()
    return {user_id: name for user_id, name in rows}
