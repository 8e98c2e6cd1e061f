"""Demo data for notice tests: a seeded laptop database with document numbers leased, and
the task each template is best filled from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Matter
from fieldapp.notices.numbering import LeaseItem, LeaseRequest, grant_blocks, series_of
from fieldapp.services.actor import Actor
from fieldapp.services.demo_seed import seed_demo
from fieldapp.services.notices_numbers import highest_local, store_granted_blocks
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.fieldwork import AssetControl, VisitAttempt
from fieldapp.storage.schema import LOCAL_METADATA
from fieldapp.storage.types import new_id

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # 10:30 in Guiyang
ACTOR = Actor(user_id="00000000-0000-7000-8000-00000000000a", device_id="laptop-a")
# What no record holds and the officer types before issuing a sale notice.
SALE_VALUES: dict[str, Any] = {
    "valuation": "1,200,000.00元",
    "starting_price": "840,000.00元",
    "deposit": "100,000.00元",
    "platform": "人民法院诉讼资产网",
    "auction_time": "2027年1月15日10时至2027年1月16日10时",
}


def demo_engine(folder: Path, *, seed: bool = True) -> Engine:
    """A laptop database (schema from the models) with the demo data."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(folder / "laptop.sqlite"))
    LOCAL_METADATA.create_all(engine)
    if seed:
        with engine.begin() as connection:
            seed_demo(connection, now=NOW)
    return engine


def lease_locally(engine: Engine, case_numbers: list[str], count: int = 20) -> None:
    """Blocks for `case_numbers`, granted as a server that only this laptop uses would."""
    with engine.begin() as connection:
        request = LeaseRequest(
            "laptop", tuple(LeaseItem(series_of(n), count) for n in dict.fromkeys(case_numbers))
        )
        blocks = grant_blocks(request, highest_local(connection), new_id)
        store_granted_blocks(connection, blocks, now=NOW)


@dataclass(frozen=True)
class Picks:
    service: str  # a service task: execution notice, asset report order, receipt
    asset_task: str  # a done seal/seize task with its asset control
    visit_task: str  # a task with a recorded visit
    case_numbers: list[str]


def pick_tasks(engine: Engine) -> Picks:
    with engine.connect() as connection:

        def case_of(assignment_id: str) -> str:
            return str(
                connection.execute(
                    select(Case.case_number)
                    .join(Assignment, Assignment.case_id == Case.id)
                    .where(Assignment.id == assignment_id)
                ).scalar_one()
            )

        service = connection.execute(
            select(Assignment.id)
            .join(Case, Case.id == Assignment.case_id)
            .where(Assignment.matter == Matter.SERVICE, Case.amount_fen.is_not(None))
            .order_by(Assignment.registration_no)
            .limit(1)
        ).scalar_one()
        asset_task = connection.execute(
            select(AssetControl.assignment_id)
            .where(
                AssetControl.assignment_id.is_not(None),
                AssetControl.measure.in_([ControlMeasure.SEAL, ControlMeasure.SEIZE]),
            )
            .order_by(AssetControl.measure, AssetControl.id)
            .limit(1)
        ).scalar_one()
        visit_task = connection.execute(
            select(VisitAttempt.assignment_id)
            .join(Assignment, Assignment.id == VisitAttempt.assignment_id)
            .where(Assignment.status == AssignmentStatus.DONE)
            .order_by(VisitAttempt.id)
            .limit(1)
        ).scalar_one()
        return Picks(
            service, asset_task, visit_task, [case_of(t) for t in (service, asset_task, visit_task)]
        )


TEMPLATE_TASK: dict[str, str] = {
    "execution_notice": "service",
    "asset_report_order": "service",
    "service_receipt": "service",
    "seal_public_notice": "asset_task",
    "seal_strip": "asset_task",
    "property_list": "asset_task",
    "assistance_notice": "asset_task",
    "disposal_notice": "asset_task",
    "online_auction_notice": "asset_task",
    "execution_record": "visit_task",
}
