"""A handful of assignments in two squads and two regions, with known counts, for window tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from fieldapp.domain.enums import (
    AssignmentStatus,
    Matter,
    PartyKind,
    PartyRole,
    Priority,
    Role,
)
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.reference import Region, Squad, StaffMember

TODAY = date(2026, 3, 16)
RECEIVED = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)

SQUADS = {"S1": "第一外勤组", "S2": "第二外勤组"}
REGIONS = {"520102": "南明区", "520103": "云岩区"}


@dataclass(frozen=True)
class Sample:
    registration_no: str
    squad: str | None
    region: str
    matter: Matter
    party: str
    address: str
    case_number: str
    status: AssignmentStatus
    due_on: date | None
    officers: tuple[str, ...] = ()


SAMPLES = (
    Sample(
        "WQ-2026-000001", "S1", "520102", Matter.SERVICE, "王五", "贵阳市南明区花果园1号",
        "（2026）黔01执100号", AssignmentStatus.IN_PROGRESS, date(2026, 3, 10), ("张三",),
    ),
    Sample(
        "WQ-2026-000002", "S1", "520102", Matter.SERVICE, "贵阳某商贸有限公司",
        "贵阳市南明区遵义路2号", "（2026）黔01执1000号", AssignmentStatus.ASSIGNED,
        date(2026, 3, 20), ("张三", "李四"),
    ),
    Sample(
        "WQ-2026-000003", "S1", "520102", Matter.SEAL, "赵六", "贵阳市南明区油榨街3号",
        "（2026）黔01执100号", AssignmentStatus.DONE, date(2026, 3, 1), ("李四",),
    ),
    Sample(
        "WQ-2026-000004", "S1", "520103", Matter.LOCATE, "钱七", "贵阳市云岩区中华北路4号",
        "（2025）黔01执99号", AssignmentStatus.ROUTED, date(2026, 3, 15),
    ),
    Sample(
        "WQ-2026-000005", "S2", "520103", Matter.FREEZE, "孙八", "贵阳市云岩区北京路5号",
        "（2025）黔01执99号", AssignmentStatus.ROUTED, None,
    ),
    Sample(
        "WQ-2026-000006", None, "520103", Matter.SERVICE, "周九", "贵阳市云岩区延安中路6号",
        "（2026）黔01执1000号", AssignmentStatus.REGISTERED, date(2026, 3, 1),
    ),
)  # fmt: skip
OVERDUE = {"WQ-2026-000001", "WQ-2026-000004", "WQ-2026-000006"}


def add_samples(engine: Engine, samples: tuple[Sample, ...] = SAMPLES) -> None:
    """Insert ``samples`` with the regions, squads, officers, cases and parties they name."""
    with Session(engine) as session, session.begin():
        known_regions = {code for (code,) in session.query(Region.code)}
        for code, name in REGIONS.items():
            if code not in known_regions:
                session.add(Region(code=code, name=name, centroid_lat=26.5, centroid_lon=106.7))
        known_squads = {code for (code,) in session.query(Squad.code)}
        for code, name in SQUADS.items():
            if code not in known_squads:
                session.add(Squad(code=code, name=name))
        staff = {member.display_name: member.id for member in session.query(StaffMember)}
        cases = {case.case_number: case.id for case in session.query(Case)}
        session.flush()
        for sample in samples:
            for name in sample.officers:
                if name not in staff:
                    member = StaffMember(
                        username=f"officer-{len(staff)}", display_name=name, role=Role.OFFICER
                    )
                    session.add(member)
                    session.flush()
                    staff[name] = member.id
            if sample.case_number not in cases:
                case = Case(case_number=sample.case_number)
                session.add(case)
                session.flush()
                cases[sample.case_number] = case.id
            party = Party(
                case_id=cases[sample.case_number],
                role=PartyRole.RESPONDENT,
                kind=PartyKind.PERSON,
                name=sample.party,
            )
            session.add(party)
            session.flush()
            officers = [staff[name] for name in sample.officers] + [None, None]
            session.add(
                Assignment(
                    registration_no=sample.registration_no,
                    request_key=sample.registration_no,
                    case_id=cases[sample.case_number],
                    matter=sample.matter,
                    party_id=party.id,
                    address=sample.address,
                    region_code=sample.region,
                    squad_code=sample.squad,
                    officer_id=officers[0],
                    second_officer_id=officers[1],
                    priority=Priority.NORMAL,
                    received_at=RECEIVED,
                    due_on=sample.due_on,
                    status=sample.status,
                )
            )
