"""Start-up of the packaged client: cold start to a usable main window, and the bundle's size.

Run: .venv/bin/python tests/benchmarks/startup_bench.py [--bundle dist/fieldapp] [--runs 5]
Without --bundle it builds one with PyInstaller into a temporary folder (2–4 minutes).

What is timed: `fieldapp demo` on a demo profile made by a first, untimed run (which seeds
the embedded central store), offscreen, with $FIELDAPP_STARTUP_PROBE (fieldapp/ui/startup_probe.py):
from the operating system's start of the process to the main window shown with its first list
loaded. That start also runs the demo's embedded central store, its online sign-in and a sync,
which a field laptop's start does not; the figures say how long the window itself took after it.
Baselines from the same run: the bundle's `fieldapp --version` (process start and exit, no Qt),
and a bare PySide6 QApplication with an empty QMainWindow shown, in this venv's Python.
Targets: at most 2 s to a usable main window; the bundle at most 250 MB.
"Cold": the page cache is dropped before each timed run when running as root with a writable
/proc/sys/vm/drop_caches (and not --warm); otherwise the runs are warm, and the output says so.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_WINDOW_S = 2.0
TARGET_SIZE = 250 * 1024 * 1024
RUN_TIMEOUT_S = 300
DROP_CACHES = Path("/proc/sys/vm/drop_caches")

# The bare baseline: an empty main window, timed like the probe (process start to exposed).
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from fieldapp.ui.startup_probe import process_age

class Exposed(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            print(process_age()[0], flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
window.windowHandle().installEventFilter(Exposed(app))
sys.exit(app.exec())
"""


@dataclass
class Series:
    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def line(self) -> str:
        if not self.seconds:
            return f"{self.name:<50} (no runs)"
        low, high = min(self.seconds), max(self.seconds)
        cpu = f"  cpu {statistics.median(self.cpu):.2f} s" if self.cpu else ""
        return (
            f"{self.name:<50} median {statistics.median(self.seconds):6.2f} s"
            f"  range {low:.2f}–{high:.2f} s{cpu}"
        )

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def build_bundle(work: Path) -> Path:
    print(f"building the bundle with PyInstaller in {work} (2–4 minutes)…", flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={work / 'dist'}",
            f"--workpath={work / 'build'}",
            str(ROOT / "packaging" / "fieldapp.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"PyInstaller failed:\n{done.stderr[-4000:]}")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return work / "dist" / "fieldapp"


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def drop_page_cache() -> bool:
    """Drop the page cache (cold start) if allowed here; False: the runs stay warm."""
    if os.geteuid() != 0 or not os.access(DROP_CACHES, os.W_OK):
        return False
    os.sync()
    try:
        DROP_CACHES.write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def environment(home: Path, probe: Path | None, platform: str, language: str) -> dict[str, str]:
    dropped = ("PYTHONPATH", "VIRTUAL_ENV", "FIELDAPP_RESOURCES", "FIELDAPP_NOTICE_FONT")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        QT_QPA_PLATFORM=platform,
        FIELDAPP_LANG=language,
        # Settings, logs and the data folder of this run only, not the user's.
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.pop("FIELDAPP_STARTUP_PROBE", None)
    if probe is not None:
        env["FIELDAPP_STARTUP_PROBE"] = str(probe)
    return env


def timed_run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds from spawning to exit, the child's CPU seconds, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(
            f"{command[-1]!r} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}"
        )
    return wall, cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="a built dist/fieldapp (default: build one)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen)")
    parser.add_argument("--lang", default="zh_CN", help="FIELDAPP_LANG of the client (zh_CN)")
    parser.add_argument("--warm", action="store_true", help="never drop the page cache")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.runs < 1 or args.runs > 100:
        parser.error("--runs must be between 1 and 100")

    work = Path(tempfile.mkdtemp(prefix="fieldapp-startup-"))
    try:
        if args.bundle is not None:
            bundle = args.bundle.resolve()
            if not (bundle / "fieldapp").is_file():
                parser.error(f"{bundle} holds no fieldapp executable (give dist/fieldapp)")
        else:
            bundle = build_bundle(work)
        return measure(bundle, work, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure(bundle: Path, work: Path, args: argparse.Namespace) -> int:
    executable = str(bundle / "fieldapp")
    size = bundle_size(bundle)
    cold = not args.warm and drop_page_cache()
    load_before = os.getloadavg()
    print(f"bundle {bundle}: {size / 2**20:.0f} MiB ({size / 1e6:.0f} MB)")
    print(
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f}; "
        + ("cold: page cache dropped before each run" if cold else "WARM: page cache not dropped")
        + f"; QT_QPA_PLATFORM={args.platform}, language {args.lang}"
    )

    probe = work / "probe.json"
    data = work / "demo"
    env = environment(work / "home", probe, args.platform, args.lang)
    demo = [executable, "--data-dir", str(data), "demo"]
    print("making the demo profile (first run, untimed: it seeds the central store)…", flush=True)
    wall, _cpu, _out = timed_run(demo, env, work)
    print(f"  first run: {wall:.1f} s to exit")

    usable = Series("fieldapp demo → usable window (probe)")
    shown = Series("  of which: window shown")
    made = Series("  of which: window made (demo's own work before)")
    exits = Series("fieldapp demo → process exit (wall)")
    version = Series("baseline: bundle `fieldapp --version`")
    bare = Series("baseline: bare PySide6 QMainWindow shown (venv)")

    def probe_once() -> None:
        probe.unlink(missing_ok=True)
        wall, cpu, _ = timed_run(demo, env, work)
        figures = json.loads(probe.read_text(encoding="utf-8"))
        usable.seconds.append(max(figures["window_shown_s"], figures["first_list_s"]))
        usable.cpu.append(cpu)
        shown.seconds.append(figures["window_shown_s"])
        made.seconds.append(figures["process_start_to_window_s"])
        exits.seconds.append(wall)

    def version_once() -> None:
        wall, cpu, out = timed_run([executable, "--version"], env, work)
        assert out.startswith("fieldapp "), out
        version.seconds.append(wall)
        version.cpu.append(cpu)

    bare_env = {**env, "PYTHONPATH": str(ROOT)}

    def bare_once() -> None:
        wall, cpu, out = timed_run([sys.executable, "-c", BARE_WINDOW], bare_env, work)
        bare.seconds.append(float(out.split()[-1]))
        bare.cpu.append(cpu)

    # Interleaved, so a change in the machine's load touches every series alike.
    for _ in range(args.runs):
        for once in (probe_once, version_once, bare_once):
            if cold:
                drop_page_cache()
            once()

    print()
    for series in (usable, shown, made, exits, version, bare):
        print(series.line())
    after_window = [u - m for u, m in zip(usable.seconds, made.seconds, strict=True)]
    print(
        f"{'window made → usable (the window alone)':<50} median "
        f"{statistics.median(after_window):6.2f} s"
    )
    load_after = os.getloadavg()
    print(
        f"load average now {load_after[0]:.1f} (before {load_before[0]:.1f}) on {os.cpu_count()} CPUs"
    )
    print()
    window_ok = usable.median <= TARGET_WINDOW_S
    size_ok = size <= TARGET_SIZE
    print(
        f"target usable window ≤ {TARGET_WINDOW_S:.0f} s: {usable.median:.2f} s "
        f"{'met' if window_ok else 'MISSED'}" + ("" if cold else " (warm)")
    )
    print(
        f"target bundle ≤ 250 MiB (as tests/packaging checks): {size / 2**20:.0f} MiB "
        f"= {size / 1e6:.0f} MB {'met' if size_ok else 'MISSED'}"
    )
    return 0 if window_ok and size_ok else 1


if __name__ == "__main__":
    sys.exit(main())
