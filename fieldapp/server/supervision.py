"""The escalation pass on the central store: one transaction that writes the Escalation records
the day calls for, and their change-log entries, so they sync to the people they go to.

Several server processes may serve one database and each runs the pass on its timer: on
PostgreSQL a transaction-level advisory lock lets one of them run it while the others skip
their turn; on SQLite the pass's write transaction (BEGIN IMMEDIATE) already admits one
writer at a time.  Either way the pass reads what exists inside its own transaction and the
unique (item, level) constraints refuse a second copy, so a record is never written twice.

Who the centre head and the bureau chief are: users named by username in the server's
configuration (``centre_head``, ``bureau_chief``); they are normally supervisors, who see
every record.  A post left unset gives level 3/4 records without a recipient, counted in the
pass's report, so the gap is visible rather than filled by a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, text

from fieldapp.domain.clock import court_date
from fieldapp.domain.escalation import InvalidEscalationTable, levels_from_mapping
from fieldapp.domain.escalation_assets import asset_levels_from_mapping
from fieldapp.domain.escalation_plan import EscalationRules, PlannedEscalation, plan_all
from fieldapp.server.changelog import Entry, append, scope_text
from fieldapp.server.periodic import Job
from fieldapp.server.settings import ConfigError, ServerSettings
from fieldapp.services.escalation_facts import (
    CONTROLLING,
    holders_named,
    load_facts,
    user_squads,
)
from fieldapp.services.work_calendar import ChinaCalendar
from fieldapp.storage.assignments import OPEN_STATUSES
from fieldapp.storage.bulk import bulk_insert
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import writing
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.types import new_id, utcnow
from fieldapp.storage.wire import row_payload, wire_json

log = logging.getLogger(__name__)

ENTITY = "escalation"
# pg_try_advisory_xact_lock key: "FAES" (Fieldapp escalation) as a number.
LOCK_KEY = 0x46414553


@dataclass(frozen=True)
class SupervisionConfig:
    rules: EscalationRules = field(default_factory=EscalationRules)
    centre_head: str | None = None  # username
    bureau_chief: str | None = None  # username
    every_s: float = 3600.0


def config_from_mappings(
    *,
    levels: Mapping[str, object] | None = None,
    asset_levels: Mapping[str, object] | None = None,
    centre_head: str | None = None,
    bureau_chief: str | None = None,
    every_minutes: float = 60.0,
) -> SupervisionConfig:
    """The configuration from its settings; InvalidEscalationTable names a bad entry."""
    rules = EscalationRules(
        levels_from_mapping(levels or {}), asset_levels_from_mapping(asset_levels or {})
    )
    return SupervisionConfig(
        rules, centre_head or None, bureau_chief or None, float(every_minutes) * 60.0
    )


@dataclass(frozen=True, slots=True)
class Raised:
    id: str
    planned: PlannedEscalation


@dataclass(frozen=True)
class PassReport:
    today: date
    ran: bool  # False: another server process was running a pass
    planned: int = 0
    raised: list[Raised] = field(default_factory=list)
    without_recipient: int = 0
    bad_pauses: int = 0

    def summary(self) -> str:
        if not self.ran:
            return "skipped: another process is running the escalation pass"
        levels: dict[int, int] = {}
        for item in self.raised:
            levels[item.planned.level] = levels.get(item.planned.level, 0) + 1
        by_level = ", ".join(f"level {lvl}: {n}" for lvl, n in sorted(levels.items()))
        text = (
            f"{self.today.isoformat()}: {self.planned} escalation(s) stand, "
            f"{len(self.raised)} new ({by_level or 'none'})"
        )
        if self.without_recipient:
            text += f"; {self.without_recipient} without a recipient (set centre_head/bureau_chief)"
        if self.bad_pauses:
            text += f"; {self.bad_pauses} task(s) with unreadable pauses counted without them"
        return text


def _locked(connection: Connection) -> bool:
    if connection.dialect.name != "postgresql":
        return True  # BEGIN IMMEDIATE: this transaction is the only writer
    return bool(
        connection.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": LOCK_KEY}
        ).scalar()
    )


def existing_keys(
    connection: Connection, today: date, rules: EscalationRules
) -> set[tuple[str, str, int]]:
    """(kind, item id, level) of the records already written for the items the pass reads."""
    task_horizon = today - timedelta(days=rules.levels[0].min_days_overdue)
    asset_horizon = today + timedelta(days=rules.asset_levels[0].max_days_left)
    tasks = select(Assignment.id).where(
        Assignment.deleted.is_(False),
        Assignment.status.in_([s.value for s in OPEN_STATUSES]),
        Assignment.due_on <= task_horizon,
    )
    assets = select(AssetControl.id).where(
        AssetControl.deleted.is_(False),
        AssetControl.measure.in_([m.value for m in CONTROLLING]),
        AssetControl.expires_on <= asset_horizon,
    )
    keys: set[tuple[str, str, int]] = set()
    by_task = select(Escalation.assignment_id, Escalation.level).where(
        Escalation.assignment_id.in_(tasks)
    )
    keys.update(("assignment", str(i), level) for i, level in connection.execute(by_task).all())
    by_asset = select(Escalation.asset_control_id, Escalation.level).where(
        Escalation.asset_control_id.in_(assets)
    )
    keys.update(("asset", str(i), level) for i, level in connection.execute(by_asset).all())
    return keys


def run_escalation_pass(
    engine: Engine,
    *,
    now: datetime,
    config: SupervisionConfig,
    calendar: ChinaCalendar | None = None,
) -> PassReport:
    """Write the escalations the court day of `now` calls for that do not exist yet."""
    today = court_date(now)
    calendar = calendar or ChinaCalendar()
    with writing(engine).begin() as connection:
        if not _locked(connection):
            return PassReport(today, ran=False)
        facts = load_facts(connection, today, config.rules)
        holders = holders_named(
            connection, centre_head=config.centre_head, bureau_chief=config.bureau_chief
        )
        planned = plan_all(
            facts.tasks,
            facts.assets,
            today,
            calendar=calendar,
            holders=holders,
            rules=config.rules,
        )
        done = existing_keys(connection, today, config.rules)
        fresh = [item for item in planned if item.key not in done]
        raised = _write(connection, fresh, facts.asset_squads, now)
    return PassReport(
        today,
        ran=True,
        planned=len(planned),
        raised=raised,
        without_recipient=sum(1 for item in fresh if item.raised_to is None),
        bad_pauses=facts.bad_pauses,
    )


# The columns every record of one pass shares: processed once by bulk_insert, not per row.
_SHARED = ("version", "created_at", "updated_at", "created_by", "device_id", "deleted")


def _write(
    connection: Connection,
    fresh: list[PlannedEscalation],
    asset_squads: Mapping[str, frozenset[str]],
    now: datetime,
) -> list[Raised]:
    if not fresh:
        return []
    table: Any = Escalation.__table__
    squads_of = user_squads(connection)
    constants = dict.fromkeys(_SHARED) | {
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "deleted": False,
        "raised_at": now,
        "acknowledged_at": None,
        "acknowledged_by": None,
    }
    # The change log's payload: the same record in wire form, its constant part made once.
    template = row_payload(table, {**constants, "id": "", "level": 0, "reason": ""})
    rows: list[dict[str, Any]] = []
    entries: list[Entry] = []
    raised: list[Raised] = []
    scopes: dict[tuple[str | None, str | None], str] = {}
    for item in fresh:
        record_id = new_id()
        is_task = item.kind == "assignment"
        row = {
            "id": record_id,
            "assignment_id": item.item_id if is_task else None,
            "asset_control_id": None if is_task else item.item_id,
            "level": item.level,
            "reason": item.reason,
            "raised_to": item.raised_to,
        }
        rows.append(row)
        # As ScopeResolver.scope reads it: the item's squads and the recipient's.
        squad_key = (item.squad_code if is_task else item.item_id, item.raised_to)
        scope = scopes.get(squad_key)
        if scope is None:
            item_squads = [item.squad_code] if is_task else list(asset_squads.get(item.item_id, ()))
            scope = scopes[squad_key] = scope_text(
                [*item_squads, squads_of.get(item.raised_to or "")]
            )
        entries.append(Entry(ENTITY, record_id, 1, False, scope, wire_json(template | row)))
        raised.append(Raised(record_id, item))
    bulk_insert(connection, table, rows, constants=constants)
    append(connection, entries, now=now, new=[(ENTITY, row["id"]) for row in rows])
    return raised


def supervision_config(settings: ServerSettings) -> SupervisionConfig:
    """The pass's configuration from the server's settings; ConfigError names what is wrong."""
    try:
        return config_from_mappings(
            levels=settings.escalation_levels,
            asset_levels=settings.asset_escalation_levels,
            centre_head=settings.centre_head,
            bureau_chief=settings.bureau_chief,
            every_minutes=settings.escalation_every_minutes,
        )
    except InvalidEscalationTable as error:
        raise ConfigError(f"invalid escalation setting: {error}") from None


def escalation_job(settings: ServerSettings, engine: Engine) -> Job:
    """The pass as a timer job of every server process (the lock lets one run at a time)."""
    config = supervision_config(settings)
    calendar = ChinaCalendar()

    def run() -> str:
        report = run_escalation_pass(engine, now=utcnow(), config=config, calendar=calendar)
        return report.summary()

    # First after a minute, as other jobs, unless the court asked for passes more often.
    first = min(60.0, config.every_s)
    return Job("escalation pass", every_s=config.every_s, run=run, first_after_s=first)
