"""fieldapp demo: the first start seeds, enrols and syncs before the window; a later start
of the same laptop opens the window at once, offline first, with the store starting beside it
on the address the laptop was enrolled with."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli.demo import PORT_FILE, _port

REPO = Path(__file__).resolve().parents[2]


def demo(data: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FIELDAPP_STARTUP_PROBE": str(tmp_path / "probe.json"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data), "demo", *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_a_second_start_opens_the_window_at_once(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    first = demo(data, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "seeded the demo data" in first.stdout
    port = (data / "central" / PORT_FILE).read_text().strip()
    assert f"http://127.0.0.1:{port}" in first.stdout

    second = demo(data, tmp_path)
    assert second.returncode == 0, second.stderr
    assert f"http://127.0.0.1:{port}" in second.stdout
    assert "starting beside the window" in second.stdout
    assert "Traceback" not in second.stderr
    probe = json.loads((tmp_path / "probe.json").read_text())
    assert probe["first_list_s"] > 0

    other_user = demo(data, tmp_path, "--user", "officer11")
    assert other_user.returncode == 0, other_user.stderr
    assert "starting beside the window" not in other_user.stdout  # enrolled first, as new


def test_the_port_of_last_time_is_reused_only_when_free(tmp_path: Path) -> None:
    assert _port(tmp_path, 0) == 0  # never started
    (tmp_path / PORT_FILE).write_text("not a port")
    assert _port(tmp_path, 0) == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        (tmp_path / PORT_FILE).write_text(str(busy))
        assert _port(tmp_path, 0) == 0
    assert _port(tmp_path, 0) == busy  # free again
    assert _port(tmp_path, 9123) == 9123  # asked for: always that one


@pytest.mark.parametrize("content", ["", "-1", "70000", "8470\n8471", "０"])
def test_a_damaged_port_file_means_any_port(tmp_path: Path, content: str) -> None:
    (tmp_path / PORT_FILE).write_text(content)
    assert _port(tmp_path, 0) == 0
