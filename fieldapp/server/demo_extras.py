"""What the demo's central store holds beyond the demo seed, as if it had been running a while:
sync conflicts for a squad lead to settle, issued and served notices numbered from the number
series, nearly-due asset controls on officers' tasks, and the escalation pass's records.

Written once (records carry the demo's own device ids, which nothing else uses), after
:func:`fieldapp.server.seeding.seed_central`; the escalation pass runs at every start, as
a server's timer would, and only writes what is not there yet.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, select

from fieldapp.domain.clock import COURT_TZ, court_date
from fieldapp.domain.enums import (
    AssetKind,
    AssignmentStatus,
    ControlMeasure,
    Matter,
    PartyKind,
    ServiceMethod,
)
from fieldapp.domain.legal_periods import expiry_date, period_for
from fieldapp.notices.errors import NoticeError
from fieldapp.notices.fonts import NoticeFont, load_font
from fieldapp.notices.numbering import FIRST_SUFFIX, LeaseItem, LeaseRequest, series_of
from fieldapp.notices.numerals import document_number
from fieldapp.notices.render import NoticeIdentity, render_notice
from fieldapp.server.changelog import Entry, append
from fieldapp.server.scopes import ScopeResolver
from fieldapp.server.supervision import PassReport, SupervisionConfig, run_escalation_pass
from fieldapp.services.notices_issue import prepare_notice
from fieldapp.services.notices_leasing import lease_number_blocks
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.central_tables import User
from fieldapp.storage.engine import writing
from fieldapp.storage.fieldwork import AssetControl, Notice, ServiceRecord
from fieldapp.storage.oversight import Conflict
from fieldapp.storage.wire import row_payload, to_wire, wire_json

SQUAD = "S1"  # the squad whose lead and officers the extras are for
# Who holds the two top posts of the escalation ladder in the demo: its supervisor account.
CENTRE_HEAD = "supervisor"
BUREAU_CHIEF = "supervisor"
_NAMESPACE = uuid.UUID("5b0f5d1e-6c1a-4d55-9a57-6465616d6f21")
# Tasks on which an officer finds assets and controls them at once, most likely first.
FINDING_MATTERS = (
    Matter.RE_INSPECTION,
    Matter.INVESTIGATION,
    Matter.LOCATE,
    Matter.SEARCH,
    Matter.SEIZE,
    Matter.SEAL,
    Matter.FREEZE,
)
FOUND_KINDS = (AssetKind.BANK_DEPOSIT, AssetKind.VEHICLE, AssetKind.REAL_ESTATE)
# Days left on the nearly-due controls: one in each reminder band of the asset watch.
DAYS_LEFT = (5, 20, 60)
WORKING = (AssignmentStatus.IN_PROGRESS, AssignmentStatus.ASSIGNED)


@dataclass(frozen=True)
class ExtrasSummary:
    """What one call wrote (all 0 but the escalations when the store had the extras)."""

    seeded: bool
    conflicts: int = 0
    notices: int = 0
    service_records: int = 0
    asset_controls: int = 0
    escalations: PassReport | None = None
    skipped_notices: str = ""  # why no notice was issued (no font), else ""

    def summary(self) -> str:
        if not self.seeded:
            text = "demo extras: there already"
        else:
            text = (
                f"demo extras: {self.conflicts} conflict(s), {self.notices} notice(s), "
                f"{self.service_records} service record(s), {self.asset_controls} "
                "asset control(s)"
            )
            if self.skipped_notices:
                text += f" (no notices: {self.skipped_notices})"
        report = self.escalations
        if report is not None and report.ran:
            text += f"; escalations: {report.planned} stand, {len(report.raised)} new"
        return text


def demo_device(username: str) -> str:
    """The id of a demo user's earlier device (the records the store "had" came from it)."""
    return str(uuid.uuid5(_NAMESPACE, f"device:{username}"))


def demo_id(at: datetime, name: str) -> str:
    """A UUIDv7 for `at` whose random part comes from `name`: the same inputs, the same id."""
    millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    bits = int.from_bytes(hashlib.sha256(f"fieldapp-demo:{name}".encode()).digest()[:10], "big")
    rand_a, rand_b = bits >> 68, bits & ((1 << 62) - 1)
    value = (millis << 80) | (0x7 << 76) | ((rand_a & 0xFFF) << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))


def seed_demo_extras(
    engine: Engine,
    *,
    now: datetime,
    config: SupervisionConfig,
    font: NoticeFont | None = None,
) -> ExtrasSummary:
    """Write the extras once (one transaction), then run the escalation pass."""
    if now.tzinfo is None:
        raise ValueError("naive datetime: `now` must carry a zone")
    now = now.replace(microsecond=0)
    summary = ExtrasSummary(seeded=False)
    with writing(engine).begin() as connection:
        if not _seeded_already(connection):
            summary = _write_extras(connection, now, font)
    report = run_escalation_pass(engine, now=now, config=config)
    return ExtrasSummary(
        summary.seeded,
        summary.conflicts,
        summary.notices,
        summary.service_records,
        summary.asset_controls,
        report,
        summary.skipped_notices,
    )


def _seeded_already(connection: Connection) -> bool:
    devices = [demo_device(name) for name in _usernames(connection)]
    for model in (Conflict, Notice, AssetControl):
        table: Any = model.__table__
        found = connection.execute(
            select(table.c.id).where(table.c.device_id.in_(devices)).limit(1)
        ).first()
        if found is not None:
            return True
    return False


def _usernames(connection: Connection) -> dict[str, str]:
    rows = connection.execute(select(User.username, User.id))
    return {str(name): str(user_id) for name, user_id in rows}


class _Context:
    def __init__(self, connection: Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now
        self.today = court_date(now)
        self.users = _usernames(connection)
        self.names = {user_id: name for name, user_id in self.users.items()}

    def stamp(self, name: str, at: datetime, username: str) -> dict[str, Any]:
        return {
            "id": demo_id(at, name),
            "version": 1,
            "created_at": at,
            "updated_at": at,
            "created_by": self.users.get(username),
            "device_id": demo_device(username),
            "deleted": False,
        }

    def squad_tasks(self, *, matters: Sequence[Matter] = ()) -> list[Any]:
        """The squad's tasks in hand (in progress first), with an officer, oldest number first."""
        query = (
            select(Assignment.__table__)
            .where(
                Assignment.squad_code == SQUAD,
                Assignment.deleted.is_(False),
                Assignment.officer_id.is_not(None),
                Assignment.status.in_([s.value for s in WORKING]),
            )
            .order_by(Assignment.registration_no)
        )
        if matters:
            query = query.where(Assignment.matter.in_([m.value for m in matters]))
        rows = self.connection.execute(query).all()
        return sorted(rows, key=lambda row: row.status != AssignmentStatus.IN_PROGRESS)


def _write_extras(connection: Connection, now: datetime, font: NoticeFont | None) -> ExtrasSummary:
    ctx = _Context(connection, now)
    written: list[tuple[type[RecordBase], list[dict[str, Any]]]] = [
        (Conflict, _conflicts(ctx)),
        (AssetControl, _asset_controls(ctx)),
    ]
    _insert(connection, written)
    # After the controls: a notice's number follows the rulings its case has.
    try:
        notices, services = _notices(ctx, font or load_font())
        skipped = ""
    except NoticeError as error:
        notices, services, skipped = [], [], error.message
    more: list[tuple[type[RecordBase], list[dict[str, Any]]]] = [
        (Notice, notices),
        (ServiceRecord, services),
    ]
    _insert(connection, more)
    _log(connection, [*written, *more], now)
    return ExtrasSummary(
        seeded=True,
        conflicts=len(written[0][1]),
        notices=len(notices),
        service_records=len(services),
        asset_controls=len(written[1][1]),
        skipped_notices=skipped,
    )


def _insert(
    connection: Connection, written: list[tuple[type[RecordBase], list[dict[str, Any]]]]
) -> None:
    for model, rows in written:
        if rows:
            connection.execute(_table(model).insert(), rows)


def _table(model: type[RecordBase]) -> Table:
    table: Any = model.__table__
    return table  # type: ignore[no-any-return]


def _log(
    connection: Connection,
    written: list[tuple[type[RecordBase], list[dict[str, Any]]]],
    now: datetime,
) -> None:
    """Change-log entries, scoped as a push would scope them (the rows are in the store now)."""
    resolver = ScopeResolver(connection)
    entries: list[Entry] = []
    for model, rows in written:
        entity: str = model.__entity__  # type: ignore[attr-defined]
        table = _table(model)
        for row in rows:
            full = connection.execute(select(table).where(table.c.id == row["id"])).one()
            record = dict(full._mapping)
            entries.append(
                Entry(
                    entity,
                    record["id"],
                    record["version"],
                    False,
                    resolver.scope(entity, record),
                    wire_json(row_payload(table, record)),
                )
            )
    append(connection, entries, now=now, new=[(e.entity, e.record_id) for e in entries])


# --- conflicts ---------------------------------------------------------------------------------


def _conflicts(ctx: _Context) -> list[dict[str, Any]]:
    """Two edits the store kept its own value against, as a push makes them: the registrar's
    laptop moving a due day, and the lead's other laptop naming another second officer."""
    tasks = [row for row in ctx.squad_tasks() if row.due_on is not None]
    officers = sorted(
        (name, user_id) for name, user_id in ctx.users.items() if name.startswith("officer1")
    )
    rows: list[dict[str, Any]] = []
    if tasks and "registrar" in ctx.users:
        task = tasks[0]
        at = ctx.now - timedelta(hours=3)
        rows.append(
            ctx.stamp(f"conflict:due_on:{task.id}", at, "registrar")
            | _conflict(task.id, "due_on", task.due_on + timedelta(days=5), task.due_on, at)
        )
    for task in tasks[1:]:
        others = [u for _, u in officers if u not in (task.officer_id, task.second_officer_id)]
        if not others or "lead1" not in ctx.users:
            continue
        at = ctx.now - timedelta(hours=1)
        rows.append(
            ctx.stamp(f"conflict:second_officer_id:{task.id}", at, "lead1")
            | _conflict(task.id, "second_officer_id", others[0], task.second_officer_id, at)
        )
        break
    return rows


def _conflict(
    record_id: str, field: str, device_value: Any, server_value: Any, at: datetime
) -> dict[str, Any]:
    return {
        "entity": "assignment",
        "record_id": record_id,
        "field": field,
        "device_value": to_wire(device_value),
        "server_value": to_wire(server_value),
        "raised_at": at,
        "resolved_value": None,
        "resolution": None,
        "resolved_at": None,
        "resolved_by": None,
        "note": "",
    }


# --- nearly-due asset controls ---------------------------------------------------------------


def _asset_controls(ctx: _Context) -> list[dict[str, Any]]:
    """On one task of each of the squad's first officers: an asset the officer found there and
    put under control on site, for a period that ends within the asset watch's bands."""
    chosen: dict[str, Any] = {}
    tasks = ctx.squad_tasks(matters=FINDING_MATTERS)  # (asset tasks go to the control squad)
    tasks.sort(
        key=lambda t: (t.status != AssignmentStatus.IN_PROGRESS, FINDING_MATTERS.index(t.matter))
    )
    for task in tasks:
        chosen.setdefault(task.officer_id, task)
    rows: list[dict[str, Any]] = []
    suffixes: dict[str, int] = {}
    picked = list(chosen.values())[: len(DAYS_LEFT)]
    for task, days_left, kind in zip(picked, DAYS_LEFT, FOUND_KINDS, strict=False):
        case = ctx.connection.execute(select(Case.__table__).where(Case.id == task.case_id)).one()
        party = _party(ctx.connection, task.party_id)
        effective, months = _period(ctx.today, court_date(task.received_at), kind, days_left)
        username = ctx.names.get(task.officer_id, "")
        made = min(
            datetime.combine(effective, time(10, 0), COURT_TZ).astimezone(UTC),
            ctx.now - timedelta(hours=2),
        )
        taken = suffixes.get(case.id) or _controls_of_case(ctx.connection, case.id)
        suffixes[case.id] = taken + 1
        officers = [o for o in (task.officer_id, task.second_officer_id) if o]
        rows.append(
            ctx.stamp(f"asset_control:{task.id}", made, username)
            | _describe(kind, party, task.address)
            | {
                "case_id": case.id,
                "assignment_id": task.id,
                "measure": _MEASURES[kind],
                "ruling_no": document_number(case.case_number, taken + 1),
                "effective_on": effective,
                "period_months": months,
                "expires_on": expiry_date(effective, kind, months),
                "renews_id": None,
                "officer_ids": officers,
                "persons_present": [],
            }
        )
    return rows


_MEASURES = {
    AssetKind.BANK_DEPOSIT: ControlMeasure.FREEZE,
    AssetKind.REAL_ESTATE: ControlMeasure.SEAL,
    AssetKind.VEHICLE: ControlMeasure.SEIZE,
}


def _period(today: date, received_on: date, kind: AssetKind, days_left: int) -> tuple[date, int]:
    """(effective day, months): effective soon after the task came in, for the shortest
    period (never beyond the legal one) that still has about `days_left` days to run."""
    effective = min(received_on + timedelta(days=1), today)
    longest = period_for(kind).max_months
    for months in range(1, longest + 1):
        if expiry_date(effective, kind, months) >= today + timedelta(days=days_left):
            return effective, months
    return effective, longest


def _controls_of_case(connection: Connection, case_id: str) -> int:
    # The seed numbers a case's rulings 之一, 之二, … in order: the next one follows them.
    return len(
        connection.execute(select(AssetControl.id).where(AssetControl.case_id == case_id)).all()
    )


def _party(connection: Connection, party_id: str | None) -> Any:
    return connection.execute(select(Party.__table__).where(Party.id == party_id)).first()


def _describe(kind: AssetKind, party: Any, address: str) -> dict[str, Any]:
    name = party.name if party is not None else "被执行人"
    digest = hashlib.sha256(f"{name}:{kind}".encode()).hexdigest()
    number = int(digest[:12], 16)
    if kind is AssetKind.REAL_ESTATE:
        return {
            "asset_kind": kind,
            "asset_description": f"被执行人{name}名下房产一处（演示）",
            "identifiers": {
                "property_certificate_no": f"黔（2024）贵阳市不动产权第{number % 10**7:07d}号"
            },
            "location": address,
            "assisting_body": "贵阳市不动产登记中心",
            "custodian": f"被执行人{name}（活封，可继续使用）",
            "seal_numbers": [f"GYZY-DEMO-{number % 10**5:05d}"],
        }
    if kind is AssetKind.VEHICLE:
        return {
            "asset_kind": kind,
            "asset_description": f"被执行人{name}名下小型普通客车一辆（演示）",
            "identifiers": {"plate_no": f"贵A·D{number % 10**4:04d}"},
            "location": address,
            "assisting_body": "贵阳市公安局交通管理局车辆管理所",
            "custodian": "本院涉案车辆停放场",
            "seal_numbers": [f"GYZY-DEMO-{number % 10**5:05d}"],
        }
    bank = "贵阳银行营业部"
    return {
        "asset_kind": kind,
        "asset_description": f"被执行人{name}在{bank}开立账户内的存款（演示）",
        "identifiers": {"account_no": f"6{number % 10**18:018d}", "bank": bank},
        "location": bank,
        "assisting_body": bank,
        "custodian": "",
        "seal_numbers": [],
    }


# --- notices and their service -----------------------------------------------------------------

# (template, how it was served: None = issued, not served yet) per officer, in order.
NOTICE_PLAN: tuple[tuple[tuple[str, ServiceMethod | None], ...], ...] = (
    (("execution_notice", ServiceMethod.PERSONAL), ("asset_report_order", ServiceMethod.PERSONAL)),
    (("execution_notice", ServiceMethod.LEFT_WITH_WITNESS),),
    (("execution_notice", None),),
)


def _notices(ctx: _Context, font: NoticeFont) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Notices the squad's officers issued on their service tasks today, numbered from a
    block of the case's series the store granted their laptop, and how they were served."""
    chosen: dict[str, Any] = {}
    for task in ctx.squad_tasks(matters=(Matter.SERVICE,)):
        if task.status == AssignmentStatus.IN_PROGRESS:
            chosen.setdefault(task.officer_id, task)
    notices: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    for task, plan in zip(chosen.values(), NOTICE_PLAN, strict=False):
        username = ctx.names.get(task.officer_id, "")
        case_number = ctx.connection.execute(
            select(Case.case_number).where(Case.id == task.case_id)
        ).scalar_one()
        series = series_of(case_number)
        after = _controls_of_case(ctx.connection, task.case_id)
        first = _lease(ctx.connection, demo_device(username), series, len(plan), ctx.now, after)
        issued_at = max(ctx.now - timedelta(hours=4), task.received_at + timedelta(minutes=5))
        party = _party(ctx.connection, task.party_id)
        for offset, (code, method) in enumerate(plan):
            draft = prepare_notice(ctx.connection, code, assignment_id=task.id)
            number = document_number(series, first + offset)
            stamp = ctx.stamp(f"notice:{code}:{task.id}", issued_at, username)
            rendered = render_notice(
                draft.template,
                draft.values,
                NoticeIdentity(stamp["id"], number, issued_at),
                font=font,
            )
            notices.append(
                stamp
                | {
                    "case_id": task.case_id,
                    "assignment_id": task.id,
                    "template_code": draft.template.code,
                    "template_version": draft.template.version,
                    "document_number": number,
                    "field_values": rendered.field_values,
                    "pdf_sha256": rendered.sha256,
                    "issued_at": issued_at,
                    "issued_by": task.officer_id,
                }
            )
            if method is not None:
                served_at = issued_at + timedelta(minutes=40 + 10 * offset)
                services.append(
                    ctx.stamp(f"service:{stamp['id']}", served_at, username)
                    | _service(stamp["id"], method, served_at, party, task.address)
                )
    return notices, services


def _lease(
    connection: Connection, device_id: str, series: str, count: int, now: datetime, after: int
) -> int:
    """The first number of a block granted as the store grants its laptops' leases, past
    the `after` rulings the case has (numbered in the same series)."""
    request = LeaseRequest(device_id, (LeaseItem(series, count),))
    first_suffix = max(FIRST_SUFFIX, after + 1)
    block = lease_number_blocks(connection, request, now=now, first_suffix=first_suffix)[0]
    return block.first


def _service(
    notice_id: str, method: ServiceMethod, served_at: datetime, party: Any, address: str
) -> dict[str, Any]:
    if party is None or party.kind == PartyKind.PERSON:
        recipient, relation = (party.name if party is not None else "被执行人"), "本人"
    else:
        recipient, relation = party.legal_representative or party.name, "法定代表人"
    row: dict[str, Any] = {
        "notice_id": notice_id,
        "method": method,
        "served_at": served_at,
        "place": address,
        "recipient": recipient,
        "relation": relation,
        "refusal_reason": "",
        "witness": "",
        "media_evidence_ids": [],
    }
    if method is ServiceMethod.LEFT_WITH_WITNESS:
        row["refusal_reason"] = "受送达人拒绝签收，称对执行标的有异议。"
        row["witness"] = "社区工作人员 陈敏（演示）"
    return row
