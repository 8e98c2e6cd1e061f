"""The documentation screenshot script still runs and draws a window of the promised size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_screenshots.py"), *args],
        cwd=ROOT,
        env={**os.environ, "FIELDAPP_DATA_DIR": str(tmp_path / "unused")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_make_screenshots_writes_the_main_window(tmp_path: Path) -> None:
    # One shot keeps the test fast; `make screenshots` renders the whole gallery.
    result = _run("--out", str(tmp_path), "--only", "main-window", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(tmp_path / "main-window.png"))
    assert (image.width(), image.height()) == (1400, 850)
    assert [p.name for p in tmp_path.glob("*.png")] == ["main-window.png"]
    assert not (tmp_path / "unused").exists()  # the user's data folder is not touched


def test_an_unknown_shot_is_refused_by_name(tmp_path: Path) -> None:
    result = _run("--out", str(tmp_path), "--only", "nonexistent", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'nonexistent'" in result.stderr
    assert "main-window" in result.stderr  # the names that exist are listed
    assert not list(tmp_path.glob("*.png"))
