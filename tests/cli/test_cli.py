"""The ``fieldapp`` command as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fieldapp import __version__
from tests.support.request_files import valid_row, write_csv


def fieldapp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_version_and_help() -> None:
    version = fieldapp("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"fieldapp {__version__}")
    helped = fieldapp("--help")
    assert helped.returncode == 0
    assert "admin" in helped.stdout
    assert "--data-dir" in helped.stdout
    admin = fieldapp("admin", "--help")
    for command in ("import-requests", "list-assignments", "seed-demo"):
        assert command in admin.stdout


def test_import_then_list(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    good = write_csv(tmp_path / "good.csv", [valid_row(n) for n in range(3)])
    imported = fieldapp("--data-dir", data, "admin", "import-requests", str(good))
    assert imported.returncode == 0, imported.stderr
    assert "registered 3" in imported.stdout
    listed = fieldapp("--data-dir", data, "admin", "list-assignments", "--json")
    items = json.loads(listed.stdout)
    assert [item["registration_no"] for item in items] == [
        "WQ-2026-000001",
        "WQ-2026-000002",
        "WQ-2026-000003",
    ]
    first = items[0]
    assert first["case_number"] == "（2026）黔01执1000号"
    assert first["party_name"] == valid_row(0)["party_name"]
    assert first["region"] == "520102"  # 南明区
    assert set(first) >= {
        "registration_no",
        "case_number",
        "matter",
        "party_name",
        "address",
        "region",
        "squad",
        "status",
        "due_on",
        "officers",
    }


def test_exit_codes_name_what_happened(tmp_path: Path) -> None:
    env = {"FIELDAPP_DATA_DIR": str(tmp_path / "data")}
    mixed = write_csv(tmp_path / "mixed.csv", [valid_row(1), {**valid_row(2), "matter": "喝茶"}])
    result = fieldapp("admin", "import-requests", str(mixed), env=env)
    assert result.returncode == 3
    assert "rejected: line 3" in result.stdout
    assert "喝茶" in result.stdout
    again = fieldapp("admin", "import-requests", str(mixed), "--json", env=env)
    report = json.loads(again.stdout)
    assert again.returncode == 3
    assert report["duplicates"][0]["registration_no"] == "WQ-2026-000001"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    unusable = fieldapp("admin", "import-requests", str(empty), env=env)
    assert unusable.returncode == 2
    assert "empty.csv is empty" in unusable.stderr
