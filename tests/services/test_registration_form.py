"""The registrar's form and CSV preview: live checks, routing preview, bad input of every kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.services.actor import Actor
from fieldapp.services.registration_form import DraftRefused, RegistrationForm
from fieldapp.services.requests_csv import UnusableFile
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.reference import RoutingRule, Squad
from tests.support.request_files import valid_row, write_csv

NOW = datetime(2026, 3, 16, 2, 0, tzinfo=UTC)
REGISTRAR = Actor(user_id="registrar-1", device_id="device-r")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    with Session(workspace.engine) as session, session.begin():
        session.add_all([Squad(code="S1", name="第一外勤组"), Squad(code="S2", name="第二外勤组")])
        session.add_all(
            [
                RoutingRule(priority=10, matter_code="*", region_code="520102", squad_code="S1"),
                RoutingRule(priority=20, matter_code="*", region_code="*", squad_code="S2"),
            ]
        )
    try:
        yield workspace
    finally:
        workspace.close()


def good() -> dict[str, str]:
    return {
        "case_number": "(2026)黔01执 1234 号",
        "matter": "查封",
        "party_name": "王五",
        "id_number": "",
        "address": "贵阳市南明区花果园1号",
        "requested_by": "李法官",
        "due_on": "2026-04-01",
        "priority": "普通",
        "notes": "",
    }


def counts(workspace: Workspace) -> tuple[int, int]:
    with Session(workspace.engine) as session:
        return (
            session.scalar(select(func.count()).select_from(Assignment)) or 0,
            session.scalar(select(func.count()).select_from(OutboxOp)) or 0,
        )


def test_a_good_request_previews_its_region_and_squad(workspace: Workspace) -> None:
    form = RegistrationForm(workspace.engine)
    check = form.check(good())
    assert check.ok, check.problems
    assert check.case_number == "（2026）黔01执1234号"
    assert (check.region_code, check.region_name) == ("520102", "南明区")
    assert (check.squad_code, check.squad_name) == ("S1", "第一外勤组")
    elsewhere = form.check({**good(), "address": "贵阳市云岩区中华北路4号"})
    assert elsewhere.squad_code == "S2"


def test_registering_writes_the_task_and_its_outbox_ops(workspace: Workspace) -> None:
    form = RegistrationForm(workspace.engine)
    done = form.register(good(), actor=REGISTRAR, now=NOW)
    assert done.registration_no == "WQ-2026-000001"
    assert done.squad_code == "S1"
    assert counts(workspace) == (1, 3)  # case, party, assignment
    with pytest.raises(DraftRefused, match="already registered as WQ-2026-000001"):
        form.register(good(), actor=REGISTRAR, now=NOW)
    assert counts(workspace) == (1, 3)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("case_number", "", "empty"),
        ("case_number", "2026黔01执1234号", "invalid_case_number.year"),
        ("case_number", "（2026）贵01执1234号", "invalid_case_number.court"),
        ("case_number", "（2026）黔011234号", "invalid_case_number.kind"),
        ("case_number", "x" * 100, "too_long"),
        ("address", "北京市朝阳区建国路1号", "no_region"),
        ("address", "   ", "empty"),
        ("address", "南" * 10_000, "too_long"),
        ("matter", "喝茶", "unknown_matter"),
        ("id_number", "520102199001011234", "invalid_id_number.checksum"),
        ("due_on", "2026-02-30", "invalid_date"),
        ("priority", "极急", "unknown_priority"),
        ("party_name", "\u3000", "empty"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_written(
    workspace: Workspace, field: str, value: str, code: str
) -> None:
    form = RegistrationForm(workspace.engine)
    check = form.check({**good(), field: value})
    problem = check.problem(field)
    assert problem is not None, check.problems
    assert problem.code == code
    with pytest.raises(DraftRefused):
        form.register({**good(), field: value}, actor=REGISTRAR, now=NOW)
    assert counts(workspace) == (0, 0)


def test_hostile_text_is_kept_as_text(workspace: Workspace) -> None:
    form = RegistrationForm(workspace.engine)
    hostile = {**good(), "party_name": "Robert'); DROP TABLE assignment;--", "notes": "<b>x</b>"}
    assert form.check(hostile).ok
    form.register(hostile, actor=REGISTRAR, now=NOW)
    assert counts(workspace) == (1, 3)


def test_csv_preview_marks_every_bad_row_before_anything_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    form = RegistrationForm(workspace.engine)
    rows = [valid_row(n) for n in range(4)]
    rows[1] = {**rows[1], "case_number": "（2026）黔01执号"}
    rows[2] = {**rows[2], "address": "北京市朝阳区1号"}
    rows.append(dict(rows[0]))  # the same request twice
    preview = form.preview_file(write_csv(tmp_path / "requests.csv", rows))
    assert [(row.line, row.good) for row in preview.rows] == [
        (2, True),
        (3, False),
        (4, False),
        (5, True),
        (6, False),
    ]
    assert "line 2" in preview.rows[4].reasons[0]
    # Each reason carries a code and what it names, for the window to translate.
    codes = [[(p.field, p.code, p.detail) for p in row.problems] for row in preview.rows]
    assert codes == [
        [],
        [("case_number", "invalid_case_number.serial", "")],
        [("address", "no_region", "")],
        [],
        [("", "duplicate_line", "2")],
    ]
    assert (preview.good_count, preview.bad_count) == (2, 3)
    assert counts(workspace) == (0, 0)
    done = form.import_good_rows(preview, actor=REGISTRAR, now=NOW)
    assert len(done.registered) == 2
    assert counts(workspace)[0] == 2
    # Importing the same preview again registers nothing twice.
    again = form.import_good_rows(preview, actor=REGISTRAR, now=NOW)
    assert (len(again.registered), len(again.duplicates)) == (0, 2)


def test_csv_in_gb18030_reads_and_utf16_or_binary_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    form = RegistrationForm(workspace.engine)
    rows = [valid_row(n) for n in range(2)]
    preview = form.preview_file(write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030"))
    assert preview.encoding == "gb18030"
    assert preview.good_count == 2
    with pytest.raises(UnusableFile, match="UTF-16"):
        form.preview_file(write_csv(tmp_path / "utf16.csv", rows, encoding="utf-16"))
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 100)
    with pytest.raises(UnusableFile):
        form.preview_file(binary)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnusableFile, match="empty"):
        form.preview_file(empty)
    with pytest.raises(UnusableFile):
        form.preview_file(tmp_path / "missing.csv")
    assert counts(workspace) == (0, 0)


def test_a_row_with_extra_cells_or_a_huge_value_is_named_not_lost(
    workspace: Workspace, tmp_path: Path
) -> None:
    form = RegistrationForm(workspace.engine)
    path = write_csv(tmp_path / "requests.csv", [valid_row(0), valid_row(1)])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] += ",surplus,cells"
    lines[2] = lines[2].replace(valid_row(1)["party_name"], "名" * 100_000, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = form.preview_file(path)
    first, second = preview.rows
    assert [(p.code, p.detail) for p in first.problems] == [("extra_cells", "2")]
    assert [(p.field, p.code) for p in second.problems] == [("party_name", "too_long")]
    assert len(second.values["party_name"]) == 100_000  # shown as it came, not cut
    assert preview.good_count == 0
    assert counts(workspace) == (0, 0)


def test_a_duplicate_says_which_task_it_duplicates(workspace: Workspace) -> None:
    form = RegistrationForm(workspace.engine)
    first = form.register(good(), actor=REGISTRAR, now=NOW)
    with pytest.raises(DraftRefused) as caught:
        form.register(good(), actor=REGISTRAR, now=NOW)
    assert caught.value.registered_as == first.registration_no
    assert counts(workspace)[0] == 1
