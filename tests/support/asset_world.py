"""A small laptop database for the asset watch, renewal and re-inspection tests: cases, their
parties, field tasks and asset-control chains written exactly as the test needs them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from fieldapp.domain.enums import (
    AssetKind,
    AssignmentStatus,
    ControlMeasure,
    Matter,
    PartyKind,
    PartyRole,
    Priority,
)
from fieldapp.domain.legal_periods import expiry_date, period_for
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.reference import RoutingRule
from fieldapp.storage.schema import LOCAL_METADATA
from fieldapp.storage.types import new_id

CREATED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def _stamp() -> dict[str, Any]:
    return {
        "version": 1,
        "created_at": CREATED,
        "updated_at": CREATED,
        "created_by": None,
        "device_id": "central",
        "deleted": False,
    }


def empty_engine(folder: Path) -> Engine:
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(folder / "laptop.sqlite"))
    LOCAL_METADATA.create_all(engine)
    return engine


def add_routing(engine: Engine, squad: str = "S2", matter: str = "*", region: str = "*") -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(RoutingRule).values(
                id=new_id(),
                **_stamp(),
                priority=10,
                matter_code=matter,
                region_code=region,
                squad_code=squad,
            )
        )


def add_case(
    engine: Engine,
    number: str,
    *,
    closed_for_now_on: date | None = None,
    respondent: str = "黄超",
    address: str = "贵州省贵阳市云岩区桂阳街258号20栋3单元3106号",
) -> str:
    case_id = new_id()
    with engine.begin() as connection:
        connection.execute(
            insert(Case).values(
                id=case_id,
                **_stamp(),
                case_number=number,
                track="ordinary",
                enforcement_basis="贵阳市云岩区人民法院（2025）黔0103民初100号民事判决书",
                amount_fen=12_000_000,
                judge_name="陈红",
                team="执行一组",
                filed_on=date(2025, 3, 1),
                legal_due_on=None,
                closed_for_now_on=closed_for_now_on,
            )
        )
        for role, name, kind, id_number in (
            (PartyRole.APPLICANT, "息烽县汇麓典当有限公司", PartyKind.ORGANISATION, None),
            (PartyRole.RESPONDENT, respondent, PartyKind.PERSON, "520103199605175397"),
        ):
            connection.execute(
                insert(Party).values(
                    id=new_id(),
                    **_stamp(),
                    case_id=case_id,
                    role=role,
                    kind=kind,
                    name=name,
                    id_number=id_number,
                    addresses=[address],
                    phones=[],
                    legal_representative="",
                )
            )
    return case_id


def add_task(engine: Engine, case_id: str, *, squad: str = "S1", number: int = 1) -> str:
    task_id = new_id()
    with engine.begin() as connection:
        connection.execute(
            insert(Assignment).values(
                id=task_id,
                **_stamp(),
                registration_no=f"WQ-2026-{number:06d}",
                request_key=new_id(),
                case_id=case_id,
                matter=Matter.SEAL,
                party_id=None,
                address="贵州省贵阳市云岩区桂阳街258号",
                region_code="520103",
                squad_code=squad,
                priority=Priority.NORMAL,
                received_at=CREATED,
                status=AssignmentStatus.DONE,
            )
        )
    return task_id


def add_control(
    engine: Engine,
    case_id: str,
    *,
    effective_on: date,
    kind: AssetKind = AssetKind.REAL_ESTATE,
    measure: ControlMeasure = ControlMeasure.SEAL,
    assignment_id: str | None = None,
    renews_id: str | None = None,
    expires_on: date | None = None,
    months: int | None = None,
    ruling_no: str = "（2025）黔01执100号之一",
    description: str = "被执行人黄超名下住宅一套，建筑面积127平方米",
    deleted: bool = False,
) -> str:
    """One control event; the expiry defaults to the legal maximum from `effective_on`."""
    control_id = new_id()
    months = months if months is not None else period_for(kind).max_months
    if expires_on is None and measure is not ControlMeasure.RELEASE:
        expires_on = expiry_date(effective_on, kind, months)
    with engine.begin() as connection:
        connection.execute(
            insert(AssetControl).values(
                id=control_id,
                **{**_stamp(), "deleted": deleted},
                case_id=case_id,
                assignment_id=assignment_id,
                asset_kind=kind,
                asset_description=description,
                identifiers={"property_certificate_no": "黔（2022）贵阳市不动产权第0477201号"},
                location="贵州省贵阳市云岩区桂阳街258号20栋3单元3106号",
                measure=measure,
                ruling_no=ruling_no,
                assisting_body="贵阳市不动产登记中心",
                effective_on=effective_on,
                period_months=months,
                expires_on=expires_on,
                renews_id=renews_id,
                custodian="",
                seal_numbers=[],
            )
        )
    return control_id
