"""verify-notice: the issued file is genuine; an altered, forged, unknown or unstamped one is
not, and the command exits non-zero for it."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from sqlalchemy import Engine

from fieldapp.cli import notices as notices_cli
from fieldapp.notices.render import META_DOCUMENT_NUMBER
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_issue import IssuedNotice, issue, prepare, preview
from fieldapp.services.notices_verify import Verdict, verify_notice_bytes, verify_notice_file
from fieldapp.services.workspace import DATABASE_NAME
from tests.support.notice_data import ACTOR, NOW, demo_engine, lease_locally, pick_tasks


@dataclass
class Setup:
    engine: Engine
    notice: IssuedNotice
    folder: Path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    folder = tmp_path_factory.mktemp("verify")
    engine = demo_engine(folder)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    draft = prepare(engine, "seal_public_notice", assignment_id=picks.asset_task)
    notice = issue(engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    yield Setup(engine, notice, folder)
    engine.dispose()


def _rewritten(pdf: bytes, **metadata: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_issued_file_is_genuine(setup: Setup) -> None:
    result = verify_notice_bytes(setup.engine, setup.notice.pdf)
    assert result.verdict is Verdict.GENUINE
    assert result.genuine
    assert result.stamp is not None
    assert result.stamp.document_number == setup.notice.document_number


def test_a_changed_text_is_altered(setup: Setup) -> None:
    reader = PdfReader(io.BytesIO(setup.notice.pdf))
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[0]
    content = page.get_contents()
    assert content is not None
    data = content.get_data()
    # Move the first line of text a little: the kind of edit a PDF editor makes.
    changed = data.replace(b" Tm", b" Tm 1 0 Td", 1)
    assert changed != data
    content.set_data(changed)
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    result = verify_notice_bytes(setup.engine, out.getvalue())
    assert result.verdict is Verdict.ALTERED
    assert not result.genuine


def test_an_appended_update_is_altered(setup: Setup) -> None:
    # An incremental update keeps every original byte and adds to the end.
    appended = setup.notice.pdf + b"\n% added after issue\n"
    assert verify_notice_bytes(setup.engine, appended).verdict is Verdict.ALTERED


def test_a_stamp_naming_another_number_is_a_mismatch(setup: Setup) -> None:
    forged = _rewritten(setup.notice.pdf, **{META_DOCUMENT_NUMBER: "（2026）黔01执9999号之一"})
    result = verify_notice_bytes(setup.engine, forged)
    assert result.verdict is Verdict.MISMATCH
    assert "（2026）黔01执9999号之一" in result.message


def test_a_notice_of_another_store_is_unknown(setup: Setup, tmp_path: Path) -> None:
    other = demo_engine(tmp_path / "other", seed=False)
    assert verify_notice_bytes(other, setup.notice.pdf).verdict is Verdict.UNKNOWN


def test_a_preview_or_any_other_pdf_is_not_a_notice(setup: Setup) -> None:
    draft = prepare(
        setup.engine, "execution_notice", assignment_id=pick_tasks(setup.engine).service
    )
    shown, _ = preview(setup.engine, draft, now=NOW)
    assert verify_notice_bytes(setup.engine, shown.pdf).verdict is Verdict.NOT_A_NOTICE
    assert verify_notice_bytes(setup.engine, b"not a pdf").verdict is Verdict.UNREADABLE
    missing = verify_notice_file(setup.engine, setup.folder / "nowhere.pdf")
    assert missing.verdict is Verdict.UNREADABLE


def _workspace_with(setup: Setup, folder: Path) -> Path:
    # The CLI opens a workspace folder; give it a copy of the laptop database.
    folder.mkdir()
    # The backup API copies what is still in the write-ahead log too.
    with (
        sqlite3.connect(str(setup.engine.url.database)) as source,
        sqlite3.connect(folder / DATABASE_NAME) as target,
    ):
        source.backup(target)
    source.close()
    target.close()
    return folder


@pytest.fixture
def cli_workspace(setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = _workspace_with(setup, tmp_path / "ws")
    # The database was made from the models, not by Alembic: open it as it is.
    monkeypatch.setattr("fieldapp.services.workspace.upgrade_local_database", lambda path: None)
    return folder


def test_the_command_exits_zero_only_for_the_genuine_file(
    setup: Setup, cli_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli.main import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    if "verify-notice" not in getattr(commands, "choices", {}):
        notices_cli.add_commands(commands)
    genuine = tmp_path / "genuine.pdf"
    genuine.write_bytes(setup.notice.pdf)
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(setup.notice.pdf + b"%")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"hello")

    def run(*argv: str) -> int:
        args = parser.parse_args(["--data-dir", str(cli_workspace), *argv])
        return int(args.handler(args))

    assert run("verify-notice", str(genuine)) == notices_cli.EXIT_GENUINE
    assert "GENUINE" in capsys.readouterr().out
    assert run("verify-notice", str(altered), "--json") == notices_cli.EXIT_NOT_GENUINE
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "altered"
    assert report["document_number"] == setup.notice.document_number
    assert run("verify-notice", str(garbage)) == notices_cli.EXIT_UNREADABLE
    assert "NOT GENUINE" in capsys.readouterr().out


def test_the_numbers_command_warns_before_numbers_run_out(
    cli_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli.main import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    if "notice-numbers" not in getattr(commands, "choices", {}):
        notices_cli.add_commands(commands)

    def run(*argv: str) -> int:
        args = parser.parse_args(["--data-dir", str(cli_workspace), *argv])
        return int(args.handler(args))

    assert run("notice-numbers") == notices_cli.EXIT_RUNNING_OUT
    assert "OUT" in capsys.readouterr().out
    assert run("notice-numbers", "--demo-lease") == 0
    out = capsys.readouterr().out
    assert "demo lease:" in out
    assert "OUT " not in out
