"""A laptop database with sample tasks for recording visits and asset control: the window's
samples plus a search, a seizure and an eviction, each with one officer or two."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from fieldapp.domain.enums import AssignmentStatus, Matter
from fieldapp.services.actor import Actor
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.reference import StaffMember
from fieldapp.storage.schema import TABLES
from tests.ui.sample_data import SAMPLES, TODAY, Sample, add_samples

NOW = datetime(2026, 3, 16, 3, 0, tzinfo=UTC)  # 11:00 in Guiyang on TODAY
ACTOR = Actor(user_id=None, device_id="laptop-d")

EXTRA = (
    Sample(
        "WQ-2026-000101", "S1", "520102", Matter.SEARCH, "吴十", "贵阳市南明区宝山南路7号",
        "（2026）黔01执200号", AssignmentStatus.IN_PROGRESS, date(2026, 3, 30), ("张三", "李四"),
    ),
    Sample(
        "WQ-2026-000102", "S1", "520102", Matter.SEIZE, "郑十一", "贵阳市南明区市府路8号",
        "（2026）黔01执200号", AssignmentStatus.ASSIGNED, date(2026, 4, 2), ("张三",),
    ),
    Sample(
        "WQ-2026-000103", "S1", "520103", Matter.EVICTION, "冯十二", "贵阳市云岩区黔灵西路9号",
        "（2026）黔01执300号", AssignmentStatus.ASSIGNED, date(2026, 3, 20), ("李四",),
    ),
)  # fmt: skip


def add_field_samples(engine: Engine) -> None:
    add_samples(engine, SAMPLES + EXTRA)


def field_workspace(folder: Path) -> Workspace:
    workspace = open_workspace(folder)
    add_field_samples(workspace.engine)
    return workspace


def task_id(engine: Engine, registration_no: str) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                select(Assignment.id).where(Assignment.registration_no == registration_no)
            ).scalar_one()
        )


def staff_id(engine: Engine, name: str) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                select(StaffMember.id).where(StaffMember.display_name == name)
            ).scalar_one()
        )


def count(engine: Engine, entity: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(TABLES[entity])).scalar())


def queued(engine: Engine, record_id: str) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(OutboxOp.entity).where(OutboxOp.record_id == record_id)
            ).scalars()
        )


__all__ = [
    "ACTOR",
    "NOW",
    "TODAY",
    "add_field_samples",
    "count",
    "field_workspace",
    "queued",
    "staff_id",
    "task_id",
]
