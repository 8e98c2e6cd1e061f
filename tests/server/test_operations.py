"""Operating the central store: settings from a file, readiness, JSON logs, housekeeping."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.logs import JsonFormatter, log_config
from fieldapp.server.periodic import Job, _repeat
from fieldapp.server.settings import CONFIG_VARIABLE, ConfigError, load_settings
from fieldapp.sync.protocol import API

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_config_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_VARIABLE, raising=False)
    for name in ("FIELDAPP_SERVER_PORT", "FIELDAPP_SERVER_HOST", "FIELDAPP_SERVER_LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)


def write(path: Path, text_: str) -> Path:
    path.write_text(text_, encoding="utf-8")
    return path


def test_arguments_beat_the_environment_which_beats_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "s.toml", 'port = 9001\nhost = "0.0.0.0"\nlog_format = "json"\n')
    monkeypatch.setenv("FIELDAPP_SERVER_HOST", "10.0.0.5")
    settings = load_settings(config, port=9002)
    assert (settings.port, settings.host, settings.log_format) == (9002, "10.0.0.5", "json")
    # The workers read the same file through the environment.
    assert Path(__import__("os").environ[CONFIG_VARIABLE]) == config.resolve()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("port = ", "not valid TOML"),
        ("bogus = 1\n", "bogus"),
        ('port = "many"\n', "port"),
        ("port = 70000\n", "port"),
        ('log_format = "xml"\n', "log_format"),
        ("db_connections = 1\n", "db_connections"),
        ("\x00\x01\x02", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_naming_the_setting(tmp_path: Path, content: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        load_settings(write(tmp_path / "s.toml", content))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "absent.toml")


def test_the_command_exits_2_on_a_bad_file(tmp_path: Path) -> None:
    config = write(tmp_path / "s.toml", "bogus = 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "server", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "bogus" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def central(tmp_path: Path) -> tuple[TestClient, Path]:
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    blobs = tmp_path / "blobs"
    engine = open_central(url)
    settings = load_settings(db=url, blobs=blobs)
    return TestClient(create_app(settings, engine)), blobs


def test_ready_when_schema_and_blobs_are_fine(central: tuple[TestClient, Path]) -> None:
    client, _ = central
    answer = client.get(f"{API}/ready")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ready", "checks": {"database": "ok", "blobs": "ok"}}


def test_not_ready_without_its_blob_folder(central: tuple[TestClient, Path]) -> None:
    client, blobs = central
    shutil.rmtree(blobs)
    answer = client.get(f"{API}/ready")
    assert answer.status_code == 503
    assert answer.json()["checks"]["blobs"].startswith("the blob folder")
    assert answer.json()["checks"]["database"] == "ok"


def test_not_ready_on_a_schema_of_another_version(
    central: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, _ = central
    engine = open_central(f"sqlite:///{tmp_path / 'central.sqlite'}", migrate=False)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    engine.dispose()
    answer = client.get(f"{API}/ready")
    assert answer.status_code == 503
    assert "schema is at older" in answer.json()["checks"]["database"]


def test_json_logs_are_one_object_per_line_with_the_access_fields() -> None:
    formatter = JsonFormatter()
    access = logging.makeLogRecord(
        {
            "name": "uvicorn.access",
            "levelname": "INFO",
            "msg": '%s - "%s %s HTTP/%s" %d',
            "args": ("127.0.0.1:5000", "GET", "/api/v1/health", "1.1", 200),
        }
    )
    line = json.loads(formatter.format(access))
    assert line["path"] == "/api/v1/health"
    assert line["status"] == 200
    assert line["level"] == "info"
    assert line["logger"] == "uvicorn.access"
    assert line["time"].endswith("+00:00")
    record = logging.makeLogRecord(
        {"name": "fieldapp.x", "levelname": "ERROR", "msg": "推送被拒绝\n第二行", "device": "d1"}
    )
    text_ = formatter.format(record)
    assert "\n" not in text_
    assert json.loads(text_) | {"time": ""} == {
        "time": "",
        "level": "error",
        "logger": "fieldapp.x",
        "message": "推送被拒绝\n第二行",
        "device": "d1",
    }


def test_log_config_sends_every_logger_through_one_formatter() -> None:
    config = log_config("json", "warning")
    assert config["formatters"]["main"] == {"()": JsonFormatter}
    assert {name: c["handlers"] for name, c in config["loggers"].items()} == {
        "uvicorn": ["stderr"],
        "uvicorn.error": ["stderr"],
        "uvicorn.access": ["stderr"],
        "fieldapp": ["stderr"],
    }
    assert config["loggers"]["uvicorn.access"]["level"] == "WARNING"
    assert "format" in log_config("text", "info")["formatters"]["main"]


def test_a_failing_job_is_logged_and_runs_again(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk went away")
        return "fine"

    async def run_a_while() -> None:
        task = asyncio.create_task(_repeat(Job("flaky", every_s=0.01, run=flaky, first_after_s=0)))
        while len(calls) < 3:
            await asyncio.sleep(0.01)
        task.cancel()

    with caplog.at_level(logging.INFO, logger="fieldapp.server.periodic"):
        asyncio.run(asyncio.wait_for(run_a_while(), timeout=10))
    assert len(calls) >= 3
    assert "flaky failed" in caplog.text
    assert "flaky: fine" in caplog.text
