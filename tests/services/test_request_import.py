"""Importing request files: good rows registered and routed, bad rows named and not written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import AssignmentStatus, Matter, OpKind
from fieldapp.services.changes import OutboxSink
from fieldapp.services.request_import import ImportReport, import_request_file, region_lookup
from fieldapp.services.requests_csv import UnusableFile
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.reference import RoutingRule
from tests.support.request_files import HEADER_ZH, valid_row, write_csv

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = open_workspace(tmp_path / "data")
    rules = [
        {"priority": 10, "matter_code": "seal", "region_code": "*", "squad_code": "S4"},
        {"priority": 50, "matter_code": "*", "region_code": "520102", "squad_code": "S1"},
        {"priority": 90, "matter_code": "*", "region_code": "*", "squad_code": "S2"},
    ]
    with opened.engine.begin() as connection:
        connection.execute(RoutingRule.__table__.insert(), rules)
    yield opened
    opened.close()


def run_import(workspace: Workspace, path: Path, *, dry_run: bool = False) -> ImportReport:
    return import_request_file(
        workspace.engine,
        path,
        region_of=region_lookup(),
        actor=workspace.actor("registrar-1"),
        now=NOW,
        changes=OutboxSink(),
        dry_run=dry_run,
    )


def count(workspace: Workspace, model: type) -> int:
    with workspace.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_valid_rows_become_routed_assignments(workspace: Workspace, tmp_path: Path) -> None:
    rows = [valid_row(n) for n in range(12)]
    report = run_import(workspace, write_csv(tmp_path / "in.csv", rows))
    assert report.exit_code == 0
    assert [r.registration_no for r in report.registered] == [
        f"WQ-2026-{n:06d}" for n in range(1, 13)
    ]
    with Session(workspace.engine) as session:
        by_no = {a.registration_no: a for a in session.scalars(select(Assignment))}
    first = by_no["WQ-2026-000001"]
    assert first.matter is Matter.SERVICE
    assert first.region_code == "520102"  # 南明区
    assert first.squad_code == "S1"
    assert first.status is AssignmentStatus.ROUTED
    seal = by_no["WQ-2026-000004"]  # row 3: 查封 in 乌当区
    assert (seal.matter, seal.squad_code) == (Matter.SEAL, "S4")
    assert by_no["WQ-2026-000002"].squad_code == "S2"  # 云岩区, no rule but the catch-all
    # Rows 0-3 share a case number: one case, and a party per distinct person.
    assert count(workspace, Case) == 3
    assert count(workspace, Party) == 12


def test_every_written_record_is_queued_for_sync(workspace: Workspace, tmp_path: Path) -> None:
    run_import(workspace, write_csv(tmp_path / "in.csv", [valid_row(n) for n in range(5)]))
    with Session(workspace.engine) as session:
        ops = session.scalars(select(OutboxOp).order_by(OutboxOp.seq)).all()
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    assert {op.entity for op in ops} == {"case", "party", "assignment"}
    assert all(op.kind is OpKind.INSERT and op.base_version == 0 for op in ops)
    assignment_ops = [op for op in ops if op.entity == "assignment"]
    assert len(assignment_ops) == 5
    with Session(workspace.engine) as session:
        first = session.scalars(select(Assignment).order_by(Assignment.registration_no)).first()
    # An insert is pushed as the record stands, so its op carries no copy of it.
    assert first is not None
    assert (assignment_ops[0].record_id, assignment_ops[0].payload) == (first.id, None)


def test_importing_the_same_file_twice_creates_no_duplicates(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", [valid_row(n) for n in range(8)])
    first = run_import(workspace, path)
    second = run_import(workspace, path)
    assert len(first.registered) == 8
    assert second.registered == ()
    assert [d.registration_no for d in second.duplicates] == [
        r.registration_no for r in first.registered
    ]
    assert second.exit_code == 0
    assert count(workspace, Assignment) == 8


def test_a_row_repeated_inside_a_file_is_registered_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = [valid_row(1), valid_row(2), valid_row(1)]
    report = run_import(workspace, write_csv(tmp_path / "in.csv", rows))
    assert len(report.registered) == 2
    assert [(d.line, d.first_line) for d in report.duplicates] == [(4, 2)]
    assert "same request as line 2" in str(report.duplicates[0])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_and_chinese_headers(workspace: Workspace, tmp_path: Path, encoding: str) -> None:
    path = write_csv(
        tmp_path / "in.csv", [valid_row(n) for n in range(3)], header=HEADER_ZH, encoding=encoding
    )
    report = run_import(workspace, path)
    assert len(report.registered) == 3
    with workspace.engine.connect() as connection:
        names = set(connection.execute(select(Party.name)).scalars())
    assert names == {valid_row(n)["party_name"] for n in range(3)}


def bad(**changes: str) -> dict[str, str]:
    return {**valid_row(7), **changes}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (bad(case_number="2026黔01执12号"), "case number"),
        (bad(case_number=""), "case number is empty"),
        (bad(matter="喝茶"), "喝茶"),
        (bad(address=""), "address is empty"),
        (bad(address="北京市朝阳区建国路1号"), "names no district"),
        (bad(due_on="2026-13-45"), "2026-13-45"),
        (bad(due_on="next week"), "next week"),
        (bad(id_number="520102199001011234"), "check"),
        (bad(party_name="王" * 129), "party_name is 129 characters long"),
        (bad(notes="x" * 2001), "notes is 2001 characters long"),
        (bad(priority="urgentissimo"), "urgentissimo"),
    ],
)
def test_each_bad_row_is_named_and_not_written(
    workspace: Workspace, tmp_path: Path, row: dict[str, str], reason: str
) -> None:
    path = write_csv(tmp_path / "in.csv", [valid_row(1), row, valid_row(2)])
    report = run_import(workspace, path)
    assert report.exit_code == 3
    assert len(report.registered) == 2
    [problem] = report.problems
    assert problem.line == 3
    assert reason.casefold() in str(problem).casefold()
    assert count(workspace, Assignment) == 2


def test_a_row_with_several_faults_names_them_all(workspace: Workspace, tmp_path: Path) -> None:
    row = bad(case_number="黔01执", matter="", due_on="32/13/2026")
    report = run_import(workspace, write_csv(tmp_path / "in.csv", [row]))
    [problem] = report.problems
    assert len(problem.reasons) == 3


def test_dry_run_checks_and_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [valid_row(1), bad(matter="?"), valid_row(2)])
    report = run_import(workspace, path, dry_run=True)
    assert (report.would_register, len(report.problems)) == (2, 1)
    assert count(workspace, Assignment) == 0
    assert count(workspace, OutboxOp) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \r\n\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("案号,事项\n".encode("utf-16"), "UTF-16"),
        ("case_number,matter\n(2026)黔01执1号,送达\n".encode(), "party_name/当事人"),
        (b"case_number,matter,party_name,address\n\xff\xfe\xfa\x80\xff\n", "neither UTF-8"),
        (b"case_number,case_number,matter,party_name,address\n", "appears twice"),
    ],
)
def test_an_unusable_file_is_refused_whole(
    workspace: Workspace, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(UnusableFile, match=message):
        run_import(workspace, path)
    assert count(workspace, Assignment) == 0


def test_a_100_mb_file_is_refused_without_reading_it(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(UnusableFile, match=r"100\.0 MB.*at most 64 MB"):
        run_import(workspace, path)


def test_a_missing_file_is_named(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UnusableFile, match="cannot read"):
        run_import(workspace, tmp_path / "nowhere.csv")
