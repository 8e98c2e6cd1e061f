"""Wrap the PyInstaller bundle (dist/fieldapp) into a .deb for Debian-family systems
(Debian, Ubuntu, UOS, Kylin): the bundle in /opt/fieldapp, ``fieldapp`` on the PATH, a
desktop entry and its icon.

    .venv/bin/python packaging/build_deb.py [--bundle dist/fieldapp] [--out dist]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp import __version__  # noqa: E402

# What the bundle needs from the system: the C library, X/Wayland and OpenGL client
# libraries Qt loads, and fontconfig. Python, Qt and the rest are inside the bundle.
DEPENDS = (
    "libc6 (>= 2.31), libfontconfig1, libfreetype6, libegl1, libgl1, libxkbcommon0, "
    "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, "
    "libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libdbus-1-3"
)


def control(version: str, architecture: str, installed_kib: int) -> str:
    return (
        "Package: fieldapp\n"
        f"Version: {version}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Architecture: {architecture}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEPENDS}\n"
        "Recommends: fonts-wqy-zenhei\n"
        "Maintainer: Fieldapp developers <fieldapp@court.example>\n"
        "Description: field work of a court's enforcement bureau\n"
        " Registration and routing of field requests, offline visits, evidence,\n"
        " asset control and notices for court officers, synced with a central store.\n"
    )


def build(bundle: Path, out: Path, *, compression: str = "xz") -> Path:
    """The .deb of ``bundle`` in ``out``; ``compression`` "xz" (smallest) or "gzip" (fast)."""
    if not (bundle / "fieldapp").is_file():
        raise SystemExit(f"no bundle at {bundle}: run `make package` first")
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"fieldapp_{__version__}_{architecture}.deb"
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "root"
        shutil.copytree(bundle, root / "opt" / "fieldapp", symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / "fieldapp").symlink_to("/opt/fieldapp/fieldapp")
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        shutil.copy(ROOT / "packaging" / "deb" / "fieldapp.desktop", applications)
        icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
        icons.mkdir(parents=True)
        shutil.copy(ROOT / "packaging" / "icons" / "fieldapp.png", icons)
        files = (p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        size_kib = sum(p.stat().st_size for p in files) // 1024
        debian = root / "DEBIAN"
        debian.mkdir()
        (debian / "control").write_text(control(__version__, architecture, size_kib))
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                f"-Z{compression}",
                *(["-z1"] if compression == "gzip" else []),
                "--build",
                str(root),
                str(target),
            ],
            check=True,
            capture_output=True,
        )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "fieldapp")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--compression", choices=("xz", "gzip"), default="xz")
    args = parser.parse_args()
    print(build(args.bundle, args.out, compression=args.compression))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
