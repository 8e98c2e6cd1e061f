"""``fieldapp report weekly``: the weekly bulletin (周通报) of a week as a PDF file."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def now() -> datetime:
    """The clock of the command (tests freeze it)."""
    return datetime.now(UTC)


def add_commands(commands: Any) -> None:
    report = commands.add_parser("report", help="reports of the field affairs centre")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    weekly = kinds.add_parser(
        "weekly",
        help="the weekly bulletin (周通报) as a PDF",
        description="Writes the weekly bulletin of an ISO week: per squad and per officer, "
        "received, completed, completion rate, average days to complete, overdue at the end "
        "of the week, escalations by level, assets expiring within 30 days, each beside the "
        "week before. Exit 0: written; 2: bad arguments or the file cannot be written.",
    )
    weekly.add_argument(
        "--week",
        default=None,
        help="ISO week like 2026-W48 (default: the last complete week, in court time)",
    )
    weekly.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    weekly.add_argument(
        "--force", action="store_true", help="replace --out if it exists (else refuse)"
    )
    weekly.add_argument(
        "--db",
        default=None,
        help="database URL (postgresql+psycopg://… or sqlite:///…); default: this "
        "laptop's database",
    )
    weekly.add_argument("--squad", default=None, help="only this squad (its code)")
    weekly.set_defaults(handler=run_weekly)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def run_weekly(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from fieldapp.domain.errors import DomainError
    from fieldapp.services.bulletin_report import (
        BulletinFileError,
        load_bulletin,
        render_bulletin_pdf,
        save_pdf,
    )
    from fieldapp.services.bulletin_week import complete_week
    from fieldapp.storage.engine import make_engine

    clock = now()
    try:
        week = complete_week(args.week, clock)
    except DomainError as error:
        return _fail(f"--week: {error}")
    out: Path = args.out
    # Checked before the figures are read, so a mistake costs nothing; checked again on write.
    if out.is_dir():
        return _fail(f"--out: {out} is a folder, not a file name")
    if out.exists() and not args.force:
        return _fail(f"--out: {out} exists already; give --force to replace it")
    if not out.parent.is_dir():
        return _fail(f"--out: the folder {out.parent} does not exist")

    workspace = None
    try:
        if args.db:
            engine = make_engine(args.db)
        else:
            from fieldapp.services.workspace import open_workspace

            workspace = open_workspace(args.data_dir)
            engine = workspace.engine
    except (ArgumentError, ValueError, ImportError) as error:
        return _fail(f"--db: not a usable database URL: {error}")
    try:
        bulletin = load_bulletin(engine, week, now=clock)
        if args.squad is not None:
            if args.squad not in {line.code for line in bulletin.squads}:
                known = ", ".join(line.code for line in bulletin.squads) or "none"
                return _fail(f"--squad: no squad {args.squad!r} (squads: {known})")
            bulletin = bulletin.for_squad(args.squad)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return _fail(f"cannot read the figures from the database: {reason}", EXIT_FAILED)
    finally:
        if workspace is not None:
            workspace.close()
        else:
            engine.dispose()
    try:
        pdf = render_bulletin_pdf(bulletin)
        save_pdf(pdf, out, overwrite=args.force)
    except BulletinFileError as error:
        return _fail(f"--out: {error}")
    except DomainError as error:
        return _fail(str(error), EXIT_FAILED)
    total = bulletin.total.this_week
    print(
        f"{out}: weekly bulletin {week} ({week.first_day} to {week.last_day}), "
        f"{len(bulletin.squads)} squads, {sum(1 for o in bulletin.officers if o.officer_id)} "
        f"officer lines; received {total.received}, completed {total.completed}, "
        f"overdue {total.overdue}"
    )
    return EXIT_OK
