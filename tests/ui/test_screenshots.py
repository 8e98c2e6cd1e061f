"""The documentation screenshot script still runs and draws a window of the promised size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_make_screenshots_writes_the_main_window(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_screenshots.py"), "--out", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "FIELDAPP_DATA_DIR": str(tmp_path / "unused")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(tmp_path / "main-window.png"))
    assert (image.width(), image.height()) == (1400, 850)
