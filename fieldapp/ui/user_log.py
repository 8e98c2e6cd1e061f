"""The log file in the platform's user log folder, where the window's errors are written."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

LOG_NAME = "fieldapp.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"


def log_folder() -> Path:
    return Path(user_log_dir("fieldapp", appauthor=False))


def start_file_log(folder: Path | None = None) -> RotatingFileHandler:
    """Send the ``fieldapp`` loggers to ``fieldapp.log`` in ``folder`` (default: the platform's).

    Returns the handler, whose ``baseFilename`` is the file's path.
    """
    folder = folder if folder is not None else log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    # Rotated so a laptop that runs for months does not fill its disk with one log.
    handler = RotatingFileHandler(
        folder / LOG_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    logging.getLogger("fieldapp").addHandler(handler)
    return handler


def stop_file_log(handler: logging.Handler) -> None:
    logging.getLogger("fieldapp").removeHandler(handler)
    handler.close()
