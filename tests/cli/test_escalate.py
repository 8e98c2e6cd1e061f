"""``fieldapp admin escalate`` as an administrator runs it: a real process on a seeded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.cli.main import main
from fieldapp.server.database import open_central
from fieldapp.server.seeding import seed_central
from tests.cli.test_cli import fieldapp
from tests.support.central import SEEDED_AT, cheap_argon2


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('escalate') / 'central.db'}"
    engine = open_central(url)
    try:
        with cheap_argon2():
            assert seed_central(engine, now=SEEDED_AT) is not None
    finally:
        engine.dispose()
    return url


def test_escalate_prints_what_it_raised_then_nothing_new(store: str) -> None:
    env = {"FIELDAPP_SERVER_CENTRE_HEAD": "supervisor", "FIELDAPP_SERVER_BUREAU_CHIEF": "admin"}
    first = fieldapp("admin", "escalate", "--db", store, "--date", "2026-06-30", env=env)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.strip().splitlines()
    raised = [line for line in lines if line.startswith("level ")]
    assert raised, first.stdout
    assert any(line.startswith("level 3 → supervisor: 三级督办") for line in raised)
    assert f"{len(raised)} new" in lines[-1]
    again = fieldapp("admin", "escalate", "--db", store, "--date", "2026-06-30", "--json", env=env)
    assert again.returncode == 0, again.stderr
    body = json.loads(again.stdout)
    assert body["raised"] == []
    assert body["standing"] == len(raised)
    assert body["without_recipient"] == 0


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command in this process (argparse errors exit 2); (exit code, stderr)."""
    try:
        code = main(["admin", "escalate", *args])
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


def test_escalate_refuses_bad_input(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAPP_SERVER_CONFIG", "")  # restored after: --config sets it
    for bad in ("2026-13-01", "yesterday", "", "2026-06-30T00:00", "9" * 5000):
        code, err = run(capsys, "--db", store, "--date", bad)
        assert code == 2
        assert "not a date" in err
    config = tmp_path / "server.toml"
    config.write_text('[escalation_levels]\n"2" = {min_days_overdue = 99}\n', encoding="utf-8")
    code, err = run(capsys, "--db", store, "--config", str(config))
    assert code == 2
    assert "escalation level 3 must start later than level 2" in err
    config.write_text('[escalation_levels]\n"7" = {min_days_overdue = 1}\n', encoding="utf-8")
    code, err = run(capsys, "--db", store, "--config", str(config))
    assert code == 2
    assert "unknown level" in err
    config.write_text("centre_head = [1, 2]\n", encoding="utf-8")
    code, err = run(capsys, "--db", store, "--config", str(config))
    assert code == 2
    assert "centre_head" in err
    monkeypatch.setenv("FIELDAPP_SERVER_CONFIG", "")
    code, err = run(capsys, "--db", f"sqlite:///{tmp_path}/no/such/dir/x.db")
    assert code == 2
    assert "cannot open" in err
