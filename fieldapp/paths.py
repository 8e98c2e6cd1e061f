"""Where the application's shipped files are: resources/ and db/, in a checkout or a bundle."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

RESOURCES_ENV = "FIELDAPP_RESOURCES"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``db/``: the PyInstaller bundle, or the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


@functools.cache
def resources_dir() -> Path:
    """$FIELDAPP_RESOURCES, else ``resources/`` under the install root.

    Cached for the life of the process; tests that change the environment call
    ``resources_dir.cache_clear()``.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return install_root() / "resources"


def migrations_dir() -> Path:
    return install_root() / "db"
