"""What a notice says, gathered from the records: the case, its parties, the field task, the
asset control and the visit, mapped onto the template fields by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import AssetKind, ControlMeasure, Matter, PartyKind, PartyRole
from fieldapp.domain.errors import DomainError
from fieldapp.notices.court import CourtConfig
from fieldapp.notices.numerals import (
    arabic_date,
    arabic_datetime,
    chinese_number,
    court_local,
    yuan,
)
from fieldapp.notices.templates import default_library
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.fieldwork import AssetControl, Notice, VisitAttempt
from fieldapp.storage.reference import StaffMember

MEASURE_NAMES: dict[ControlMeasure, str] = {
    ControlMeasure.SEAL: "查封",
    ControlMeasure.SEIZE: "扣押",
    ControlMeasure.FREEZE: "冻结",
    ControlMeasure.RENEW: "续行查封",
    ControlMeasure.RELEASE: "解除查封",
}
RENEW_NAMES: dict[AssetKind, str] = {
    AssetKind.BANK_DEPOSIT: "续行冻结",
    AssetKind.EQUITY: "续行冻结",
    AssetKind.OTHER: "续行冻结",
    AssetKind.VEHICLE: "续行扣押",
    AssetKind.MOVABLE: "续行扣押",
    AssetKind.REAL_ESTATE: "续行查封",
}
# Labels of the identifier keys asset-control records use.
IDENTIFIER_LABELS: dict[str, str] = {
    "property_certificate_no": "不动产权证号",
    "plate_no": "号牌号码",
    "vin": "车架号",
    "engine_no": "发动机号",
    "account_no": "账号",
    "bank": "开户银行",
    "serial_no": "编号",
    "model": "品牌型号",
    "credit_code": "统一社会信用代码",
}
_SERIAL_KEYS = (
    "property_certificate_no",
    "plate_no",
    "vin",
    "engine_no",
    "serial_no",
    "account_no",
)
CONTROLLING_MEASURES = (ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE)


class SourceNotFound(DomainError):
    base_code = "notice_source_not_found"


@dataclass(frozen=True, slots=True)
class CaseInfo:
    id: str
    case_number: str
    enforcement_basis: str
    amount_fen: int | None
    judge_name: str
    filed_on: date | None


@dataclass(frozen=True, slots=True)
class PartyInfo:
    id: str
    role: PartyRole
    kind: PartyKind
    name: str
    id_number: str
    addresses: tuple[str, ...]
    legal_representative: str


@dataclass(frozen=True, slots=True)
class AssignmentInfo:
    id: str
    registration_no: str
    matter: Matter
    address: str
    party_id: str | None
    officer_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AssetInfo:
    id: str
    kind: AssetKind
    description: str
    identifiers: tuple[tuple[str, str], ...]
    location: str
    measure: ControlMeasure
    ruling_no: str
    assisting_body: str
    effective_on: date
    period_months: int | None
    expires_on: date | None
    custodian: str
    seal_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VisitInfo:
    id: str
    arrived_at: datetime
    left_at: datetime | None
    persons_present: tuple[str, ...]
    witnesses: tuple[str, ...]
    notes: str
    officer_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServedNoticeInfo:
    id: str
    title: str
    document_number: str


@dataclass(frozen=True, slots=True)
class NoticeSources:
    case: CaseInfo
    applicant: PartyInfo | None
    respondent: PartyInfo | None
    assignment: AssignmentInfo | None
    assets: tuple[AssetInfo, ...]
    """The asset controls of the task (or the one chosen), newest first."""
    visit: VisitInfo | None
    served_notices: tuple[ServedNoticeInfo, ...]


def _staff_names(connection: Connection, ids: Sequence[str | None]) -> tuple[str, ...]:
    wanted = [i for i in ids if i]
    if not wanted:
        return ()
    names = dict(
        connection.execute(
            select(StaffMember.id, StaffMember.display_name).where(StaffMember.id.in_(wanted))
        ).all()
    )
    return tuple(names[i] for i in wanted if i in names)


def _party(row: Party) -> PartyInfo:
    return PartyInfo(
        id=row.id,
        role=row.role,
        kind=row.kind,
        name=row.name,
        id_number=row.id_number or "",
        addresses=tuple(row.addresses or ()),
        legal_representative=row.legal_representative or "",
    )


def _asset(row: AssetControl) -> AssetInfo:
    return AssetInfo(
        id=row.id,
        kind=row.asset_kind,
        description=row.asset_description,
        identifiers=tuple((row.identifiers or {}).items()),
        location=row.location,
        measure=row.measure,
        ruling_no=row.ruling_no,
        assisting_body=row.assisting_body,
        effective_on=row.effective_on,
        period_months=row.period_months,
        expires_on=row.expires_on,
        custodian=row.custodian,
        seal_numbers=tuple(row.seal_numbers or ()),
    )


def _one(session: Session, model: Any, record_id: str, what: str) -> Any:
    row = session.execute(
        select(model).where(model.id == record_id, model.deleted.is_(False))
    ).scalar_one_or_none()
    if row is None:
        raise SourceNotFound(f"no {what} with id {record_id}", reason=what.replace(" ", "_"))
    return row


def load_sources(
    connection: Connection,
    *,
    assignment_id: str | None = None,
    case_id: str | None = None,
    asset_control_id: str | None = None,
    visit_id: str | None = None,
    notice_ids: Sequence[str] = (),
) -> NoticeSources:
    """The records a notice is filled from. Give the task, or the case for a notice that
    belongs to no task; the latest visit and the task's asset controls are taken unless
    one is named."""
    with Session(connection) as session:
        assignment = None
        if assignment_id is not None:
            assignment = _one(session, Assignment, assignment_id, "assignment")
            case_id = assignment.case_id
        if case_id is None:
            raise SourceNotFound("a notice needs a task or a case", reason="nothing")
        case = _one(session, Case, case_id, "case")
        parties = session.scalars(
            select(Party).where(Party.case_id == case.id, Party.deleted.is_(False))
        ).all()
        applicant = next((p for p in parties if p.role is PartyRole.APPLICANT), None)
        respondent = None
        if assignment is not None and assignment.party_id:
            respondent = next((p for p in parties if p.id == assignment.party_id), None)
        if respondent is None:
            respondent = next((p for p in parties if p.role is PartyRole.RESPONDENT), None)
        if asset_control_id is not None:
            assets = [_one(session, AssetControl, asset_control_id, "asset control")]
        elif assignment is not None:
            assets = list(
                session.scalars(
                    select(AssetControl)
                    .where(
                        AssetControl.assignment_id == assignment.id,
                        AssetControl.deleted.is_(False),
                    )
                    .order_by(AssetControl.created_at.desc(), AssetControl.id)
                )
            )
        else:
            assets = []
        visit = None
        if visit_id is not None:
            visit = _one(session, VisitAttempt, visit_id, "visit")
        elif assignment is not None:
            visit = session.scalars(
                select(VisitAttempt)
                .where(
                    VisitAttempt.assignment_id == assignment.id,
                    VisitAttempt.deleted.is_(False),
                )
                .order_by(VisitAttempt.arrived_at.desc())
                .limit(1)
            ).first()
        served = [_one(session, Notice, notice_id, "notice") for notice_id in notice_ids]
        library = default_library()
        return NoticeSources(
            case=CaseInfo(
                id=case.id,
                case_number=case.case_number,
                enforcement_basis=case.enforcement_basis,
                amount_fen=case.amount_fen,
                judge_name=case.judge_name,
                filed_on=case.filed_on,
            ),
            applicant=_party(applicant) if applicant else None,
            respondent=_party(respondent) if respondent else None,
            assignment=AssignmentInfo(
                id=assignment.id,
                registration_no=assignment.registration_no,
                matter=assignment.matter,
                address=assignment.address,
                party_id=assignment.party_id,
                officer_names=_staff_names(
                    connection, [assignment.officer_id, assignment.second_officer_id]
                ),
            )
            if assignment
            else None,
            assets=tuple(_asset(a) for a in assets),
            visit=VisitInfo(
                id=visit.id,
                arrived_at=visit.arrived_at,
                left_at=visit.left_at,
                persons_present=tuple(visit.persons_present or ()),
                witnesses=tuple(visit.witnesses or ()),
                notes=visit.notes,
                officer_names=_staff_names(connection, list(visit.officer_ids or ())),
            )
            if visit
            else None,
            served_notices=tuple(
                ServedNoticeInfo(
                    n.id,
                    library.get(n.template_code, n.template_version).title,
                    n.document_number,
                )
                for n in served
            ),
        )


def period_text(asset: AssetInfo) -> str:
    """三年，自2026年11月27日起至2029年11月26日止."""
    months = asset.period_months
    if months is None:
        length = ""
    elif months % 12 == 0:
        length = f"{chinese_number(months // 12)}年，"
    else:
        length = f"{chinese_number(months)}个月，"
    if asset.expires_on is None:
        return f"{length}自{arabic_date(asset.effective_on)}起"
    return f"{length}自{arabic_date(asset.effective_on)}起至{arabic_date(asset.expires_on)}止"


def identifiers_text(asset: AssetInfo) -> str:
    return "；".join(
        f"{IDENTIFIER_LABELS.get(key, key)}：{value}" for key, value in asset.identifiers
    )


def measure_name(asset: AssetInfo) -> str:
    if asset.measure is ControlMeasure.RENEW:
        return RENEW_NAMES[asset.kind]
    return MEASURE_NAMES[asset.measure]


def _item_row(index: int, asset: AssetInfo) -> dict[str, str]:
    ids = dict(asset.identifiers)
    return {
        "no": str(index),
        "name": asset.description,
        "quantity": ids.get("quantity", "1"),
        "model": ids.get("model", ""),
        "serial": "；".join(ids[k] for k in _SERIAL_KEYS if ids.get(k)),
        "condition": ids.get("condition", ""),
        "kept_at": asset.location,
        "seal_no": "、".join(asset.seal_numbers),
    }


def _time_range(start: datetime, end: datetime | None) -> tuple[str, str]:
    if end is None:
        return arabic_datetime(start), ""
    same_day = court_local(start).date() == court_local(end).date()
    local_end = court_local(end)
    end_text = f"{local_end.hour}时{local_end.minute:02d}分" if same_day else arabic_datetime(end)
    return arabic_datetime(start), end_text


def field_values(sources: NoticeSources, court: CourtConfig) -> dict[str, Any]:
    """Every field any template may ask for, by its name; templates take the ones they
    declare. Values are plain text, lists of texts, or rows of texts."""
    case, respondent, applicant = sources.case, sources.respondent, sources.applicant
    task, visit = sources.assignment, sources.visit
    values: dict[str, Any] = {
        "court_name": court.name,
        "court_phone": court.phone,
        "court_address": court.address,
        "case_number": case.case_number,
        "enforcement_basis": case.enforcement_basis,
        "filed_on": arabic_date(case.filed_on) if case.filed_on else "",
        "judge_name": case.judge_name,
        "applicant_name": applicant.name if applicant else "",
    }
    if respondent is not None:
        values |= {
            "respondent_name": respondent.name,
            "respondent_id_number": respondent.id_number,
            "respondent_address": respondent.addresses[0] if respondent.addresses else "",
            "respondent_representative": respondent.legal_representative
            if respondent.kind is PartyKind.ORGANISATION
            else "",
            "recipient_name": respondent.name,
        }
    if case.amount_fen is not None and applicant is not None:
        values["amount"] = yuan(case.amount_fen)
        values["obligations"] = (
            f"一、向申请执行人{applicant.name}支付{yuan(case.amount_fen)}及利息"
            "（以生效法律文书确定的为准）；\n二、负担本案申请执行费。"
        )
    officers: tuple[str, ...] = ()
    if task is not None:
        officers = task.officer_names
        values |= {
            "place": task.address,
            "service_address": task.address,
            "registration_no": task.registration_no,
        }
    if visit is not None:
        officers = visit.officer_names or officers
        started, ended = _time_range(visit.arrived_at, visit.left_at)
        present = [p for p in visit.persons_present if respondent and respondent.name in p]
        values |= {
            "started_at": started,
            "ended_at": ended,
            "control_time": started,
            "persons_present": [p for p in visit.persons_present if p not in present],
            "respondent_present": "、".join(present),
            "witnesses": list(visit.witnesses),
            "witness": "、".join(visit.witnesses),
            "record": visit.notes,
        }
    values["officers"] = list(officers)
    values["recorder"] = officers[-1] if officers else ""
    controlling = [a for a in sources.assets if a.measure in CONTROLLING_MEASURES]
    if sources.assets:
        asset = sources.assets[0]
        values |= {
            "asset_description": asset.description,
            "asset_identifiers": identifiers_text(asset),
            "asset_location": asset.location,
            "measure_name": measure_name(asset),
            "ruling_no": asset.ruling_no,
            "assisting_body": asset.assisting_body,
            "effective_on": arabic_date(asset.effective_on),
            "period_text": period_text(asset),
            "custodian": asset.custodian,
            "seal_numbers": list(asset.seal_numbers),
        }
        values.setdefault("control_time", arabic_date(asset.effective_on))
        if asset.custodian:
            values["custody"] = f"上列财产由{asset.custodian}保管。"
    values["items"] = [_item_row(i, a) for i, a in enumerate(controlling, start=1)]
    values["served_documents"] = [f"{n.title}　{n.document_number}" for n in sources.served_notices]
    return values
