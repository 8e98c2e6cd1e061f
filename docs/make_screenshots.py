"""Render the documentation screenshots of the window from demo data (safe to re-run).

    .venv/bin/python docs/make_screenshots.py [--data-dir DIR] [--out docs/screenshots]

Without --data-dir the demo data is seeded into a temporary folder; a given folder is seeded
when empty and reused otherwise. The window opens offscreen, in Chinese, at 1400x850.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

# Before Qt is imported: render without a display, in the users' language.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["FIELDAPP_LANG"] = "zh_CN"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldapp.domain.clock import COURT_TZ, court_date  # noqa: E402
from fieldapp.services.assignment_views import AssignmentViews  # noqa: E402
from fieldapp.services.demo_seed import is_seeded, seed_demo  # noqa: E402
from fieldapp.services.workspace import open_workspace  # noqa: E402
from fieldapp.ui.app import create_application  # noqa: E402
from fieldapp.ui.groups import GroupKey, GroupNode, build_tree, load_groups  # noqa: E402
from fieldapp.ui.main_window import MainWindow  # noqa: E402

# A fixed "now", so every run draws the same data and the same overdue tasks.
DEMO_NOW = datetime(2026, 3, 16, 9, 30, tzinfo=COURT_TZ)
WINDOW_SIZE = (1400, 850)
DOCS = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="folder with (or for) the demo data")
    parser.add_argument("--out", type=Path, default=DOCS / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldapp-screens-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        path = make_main_window_shot(data_dir, args.out)
    print(f"wrote {path}")
    return 0


def make_main_window_shot(data_dir: Path, out: Path) -> Path:
    workspace = open_workspace(data_dir)
    try:
        with workspace.engine.begin() as connection:
            if not is_seeded(connection):
                seed_demo(connection, now=DEMO_NOW)
        today = court_date(DEMO_NOW)
        views = AssignmentViews(workspace.engine)
        app = create_application(sys.argv[:1])
        window = MainWindow(views, today=lambda: today)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_for(window.queue.sig_rows_loaded, window.refresh)
        key = busiest_region(build_tree(load_groups(views, today).counts))
        window.queue.tree.expand(window.queue.group_model.index_of(key.prefix(1)))
        wait_for(window.queue.sig_rows_loaded, lambda: window.queue.select_group(key))
        app.processEvents()
        out.mkdir(parents=True, exist_ok=True)
        path = out / "main-window.png"
        if not window.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        window.close()
        return path
    finally:
        workspace.close()


def busiest_region(root: GroupNode) -> GroupKey:
    """The region with the most overdue tasks in the squad with the most: a lead's first look."""
    squads = [node for node in root.children if node.key.squad_code is not None]
    squad = max(squads, key=lambda node: (node.overdue, node.total))
    return max(squad.children, key=lambda node: (node.overdue, node.total)).key


def wait_for(signal: SignalInstance, start: Callable[[], object], timeout_ms: int = 20_000) -> None:
    """Run ``start`` and the event loop until ``signal`` fires (the background load is done)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    start()
    if not fired:
        loop.exec()
    timer.stop()
    signal.disconnect(done)
    if not fired:
        raise TimeoutError(f"no answer within {timeout_ms} ms")
    QApplication.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
