"""``fieldapp admin escalate``: run the escalation pass on a central store's database now, and
print what it raised (the server also runs it on its timer)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fieldapp.cli.central import CONFIG_HELP, EXIT_USAGE, _settings


def _day(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-27: {text[:40]!r}") from None


def add_admin_commands(sub: Any) -> None:
    escalate = sub.add_parser(
        "escalate",
        help="run the escalation pass (四级督办) on a central store and print what it raised",
        description="Writes one escalation record per task or asset control and level reached "
        "that has none yet, raised to its recipient; they sync to the recipients' laptops. "
        "Running it again the same day raises nothing new.",
    )
    escalate.add_argument("--config", type=Path, help=CONFIG_HELP)
    escalate.add_argument("--db", help="database URL of the central store (default: settings)")
    escalate.add_argument(
        "--date",
        type=_day,
        default=None,
        help="run as on this court day (YYYY-MM-DD), e.g. to catch up after a stop",
    )
    escalate.add_argument("--json", action="store_true", help="print the result as JSON")
    escalate.set_defaults(handler=run_escalate)


def run_escalate(args: argparse.Namespace) -> int:
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from fieldapp.domain.clock import COURT_TZ
    from fieldapp.server.database import open_central
    from fieldapp.server.settings import ConfigError
    from fieldapp.server.supervision import run_escalation_pass, supervision_config
    from fieldapp.storage.reference import StaffMember
    from fieldapp.storage.types import utcnow

    settings = _settings(args)
    try:
        config = supervision_config(settings)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    now = utcnow()
    if args.date is not None:
        noon = datetime(args.date.year, args.date.month, args.date.day, 12, tzinfo=COURT_TZ)
        now = noon.astimezone(UTC)
    try:
        engine = open_central(settings.db)
    except (SQLAlchemyError, ValueError) as error:
        print(f"error: cannot open the central store's database: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = run_escalation_pass(engine, now=now, config=config)
        with engine.connect() as connection:
            names = dict(connection.execute(select(StaffMember.id, StaffMember.username)).all())
    finally:
        engine.dispose()
    rows = [
        {
            "id": item.id,
            "kind": item.planned.kind,
            "item_id": item.planned.item_id,
            "level": item.planned.level,
            "recipient": item.planned.recipient.value,
            "raised_to": names.get(item.planned.raised_to or ""),
            "reason": item.planned.reason,
        }
        for item in report.raised
    ]
    if args.json:
        body = {
            "date": report.today.isoformat(),
            "ran": report.ran,
            "standing": report.planned,
            "without_recipient": report.without_recipient,
            "raised": rows,
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        for item in report.raised:
            planned = item.planned
            who = names.get(planned.raised_to or "") or f"({planned.recipient.value}, unset)"
            print(f"level {planned.level} → {who}: {planned.reason}")
        print(report.summary())
    return 0
