"""``fieldapp report weekly``: the bulletin PDF from the command line, and what it refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fieldapp.cli import report
from fieldapp.cli.main import main
from fieldapp.services.workspace import open_workspace
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import make_engine
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember
from tests.services.test_bulletin import NOW, random_data


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "now", lambda: NOW)  # a Tuesday of 2027-W02


def filled(url: str) -> str:
    engine = make_engine(url)
    models = (Assignment, AssetControl, Escalation, Squad, StaffMember)
    RecordBase.metadata.create_all(engine, tables=[model.__table__ for model in models])
    random_data(3, date(2026, 11, 30), 42).store(engine)
    engine.dispose()
    return url


def text_of(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_writes_the_bulletin_of_the_last_complete_week_by_default(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "weekly.pdf"
    assert main(["report", "weekly", "--db", filled(db_url), "--out", str(out)]) == 0
    assert "2027-W01" in capsys.readouterr().out
    text = text_of(out)
    assert "2027年第1周（2027年1月4日至1月10日）" in text
    assert "第一外勤组" in text


def test_a_named_week_and_a_squad(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "s2.pdf"
    url = filled(db_url)
    assert main(["report", "weekly", "--week", "2026-W53", "--squad", "S2", "--db", url,
                 "--out", str(out)]) == 0  # fmt: skip
    text = text_of(out)
    assert "2026年第53周（2026年12月28日至2027年1月3日）" in text
    assert "第二外勤组" in text
    assert "第一外勤组" not in text


def test_the_laptop_database_is_the_default(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "data")
    random_data(3, date(2026, 11, 30), 42).store(workspace.engine)
    workspace.close()
    out = tmp_path / "local.pdf"
    code = main(["--data-dir", str(tmp_path / "data"), "report", "weekly", "--out", str(out)])
    assert code == 0
    assert "第三外勤组" in text_of(out)


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2027-W02", "not over yet"),  # this week
        ("2031-W10", "not over yet"),  # the future
        ("2027-W53", "no week 53"),
        ("48", "write it like 2026-W48"),
        ("2026-W48'; DROP TABLE assignment; --", "week"),
        ("9" * 5000, "week"),
        ("", "write it like"),
    ],
)
def test_bad_weeks_are_refused(
    week: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "w.pdf"
    url = f"sqlite:///{tmp_path / 'never-opened.db'}"
    assert main(["report", "weekly", "--week", week, "--db", url, "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: --week:")
    assert message in error
    assert len(error) < 300
    assert not out.exists()
    assert not (tmp_path / "never-opened.db").exists()


def test_an_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = filled(f"sqlite:///{tmp_path / 'db.sqlite'}")
    out = tmp_path / "weekly.pdf"
    out.write_bytes(b"last week's")
    assert main(["report", "weekly", "--db", url, "--out", str(out)]) == 2
    assert "exists already; give --force" in capsys.readouterr().err
    assert out.read_bytes() == b"last week's"
    assert main(["report", "weekly", "--db", url, "--out", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("target", "message"),
    [("no/such/folder/w.pdf", "does not exist"), (".", "is a folder")],
)
def test_unwritable_outputs_are_refused(
    target: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = filled(f"sqlite:///{tmp_path / 'db.sqlite'}")
    out = tmp_path / target
    assert main(["report", "weekly", "--db", url, "--out", str(out), "--force"]) == 2
    assert message in capsys.readouterr().err


def test_bad_databases_and_squads_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "w.pdf")
    assert main(["report", "weekly", "--db", "nonsense://x", "--out", out]) == 2
    assert "--db: not a usable database URL" in capsys.readouterr().err
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["report", "weekly", "--db", empty, "--out", out]) == 1
    assert "cannot read the figures" in capsys.readouterr().err
    url = filled(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert main(["report", "weekly", "--db", url, "--squad", "S9", "--out", out]) == 2
    assert "no squad 'S9' (squads: S1, S2, S3)" in capsys.readouterr().err
    assert not Path(out).exists()


def test_a_real_process(tmp_path: Path) -> None:
    url = filled(f"sqlite:///{tmp_path / 'db.sqlite'}")
    out = tmp_path / "w.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "fieldapp", "report", "weekly", "--week", "2026-W10",
         "--db", url, "--out", str(out)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ), check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "2026年第10周" in text_of(out)  # the real clock: an early week is over


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "weekly", "--help"])
    helped = capsys.readouterr().out
    for option in ("--week", "--out", "--force", "--db", "--squad"):
        assert option in helped
