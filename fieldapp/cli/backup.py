"""``fieldapp admin backup`` and ``fieldapp admin restore``: the central store's database and
blob folder, together (see fieldapp.server.backup for what a backup holds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fieldapp.cli.central import CONFIG_HELP, EXIT_FAILED, _settings


def add_admin_commands(sub: Any) -> None:
    backup = sub.add_parser(
        "backup",
        help="copy the central store's database and blobs into a new folder under --out",
        description="Safe while the server runs. Blobs already in the previous backup under "
        "--out are hard-linked, not copied again.",
    )
    _add_store_arguments(backup)
    backup.add_argument("--out", type=Path, required=True, help="folder that keeps the backups")
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser(
        "restore",
        help="restore a backup folder into the central store's database and blob folder",
        description="Stop the server first. Every file is checked against the backup's "
        "manifest before anything is written.",
    )
    _add_store_arguments(restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, help="backup folder")
    restore.add_argument(
        "--replace", action="store_true", help="overwrite a database that holds data"
    )
    restore.set_defaults(handler=run_restore)


def _add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help=CONFIG_HELP)
    parser.add_argument("--db", help="database URL of the central store (default: settings)")
    parser.add_argument("--blobs", type=Path, help="blob folder (default: settings)")


def run_backup(args: argparse.Namespace) -> int:
    from fieldapp.server.backup import BackupError, backup

    settings = _settings(args)
    try:
        summary = backup(settings.db, settings.blobs, args.out, say=_say)
    except (BackupError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"backed up to {summary.folder}: {summary.database_kind} database at schema "
        f"{summary.schema_revision}, {summary.blobs} blobs ({summary.blob_bytes} bytes, "
        f"{summary.blobs_linked} linked from the previous backup)"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from fieldapp.server.backup import BackupError, restore

    settings = _settings(args)
    try:
        summary = restore(args.source, settings.db, settings.blobs, replace=args.replace, say=_say)
    except (BackupError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"restored {summary.folder}: {summary.database_kind} database now at schema "
        f"{summary.schema_revision}, {summary.blobs} blobs ({summary.blob_bytes} bytes)"
    )
    return 0


def _say(message: str) -> None:
    print(message, file=sys.stderr)
