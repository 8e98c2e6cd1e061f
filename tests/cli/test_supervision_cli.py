"""``fieldapp admin reinspect`` on a frozen clock: what it prints, what it writes, and the
arguments it refuses."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fieldapp.cli.main import main
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.workspace import open_workspace
from fieldapp.storage import types as storage_types
from tests.support.asset_world import add_case, add_control, add_routing

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The command reads the clock through the module it imports it from, when it runs.
    monkeypatch.setattr(storage_types, "utcnow", lambda: NOW)
    folder = tmp_path / "data"
    workspace = open_workspace(folder)
    try:
        add_routing(workspace.engine, squad="S2", matter="re_inspection")
        case = add_case(
            workspace.engine, "（2025）黔01执100号", closed_for_now_on=date(2026, 2, 26)
        )
        add_control(workspace.engine, case, effective_on=date(2025, 3, 1))
    finally:
        workspace.close()
    return folder


def _reinspection_tasks(folder: Path) -> list[str]:
    workspace = open_workspace(folder)
    try:
        rows = AssignmentViews(workspace.engine).assignments()
    finally:
        workspace.close()
    return [row.registration_no for row in rows if row.matter.value == "re_inspection"]


def test_dry_run_then_run_then_nothing_new(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "admin", "reinspect", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "on 2026-11-27: would register 1, already registered 0" in out
    assert "（2025）黔01执100号  period 1 from 2026-08-26  squad S2" in out
    assert _reinspection_tasks(data_dir) == []

    assert main(["--data-dir", str(data_dir), "admin", "reinspect"]) == 0
    out = capsys.readouterr().out
    assert "registered 1, already registered 0, skipped 0" in out
    [number] = _reinspection_tasks(data_dir)
    assert f"new: {number}  （2025）黔01执100号" in out

    assert main(["--data-dir", str(data_dir), "admin", "reinspect", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["generated"] == []
    assert [item["registration_no"] for item in report["already_registered"]] == [number]
    assert report["every_months"] == 6
    assert _reinspection_tasks(data_dir) == [number]


def test_every_sets_the_interval(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--data-dir", str(data_dir), "admin", "reinspect", "--dry-run", "--json"]
    assert main([*args, "--every", "3"]) == 0
    [planned] = json.loads(capsys.readouterr().out)["generated"]
    assert (planned["period"], planned["period_starts"]) == (3, "2026-11-26")
    # Full-width digits, as a Chinese input method types them, are digits too.
    assert main([*args, "--every", "６"]) == 0
    assert json.loads(capsys.readouterr().out)["every_months"] == 6


@pytest.mark.parametrize(
    "value", ["0", "-6", "61", "abc", "", "6.5", "9" * 400, "9" * 5000, "6; rm -rf /"]
)
def test_a_bad_interval_is_refused_before_anything_runs(
    data_dir: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "admin", "reinspect", "--every", value])
    assert exited.value.code == 2
    assert "--every" in capsys.readouterr().err
    assert _reinspection_tasks(data_dir) == []


def test_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["admin", "--help"])
    assert "reinspect" in capsys.readouterr().out
