"""``fieldapp admin …``: importing requests, listing assignments, seeding the demo data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.cli import backup, central, escalation, supervision

if TYPE_CHECKING:  # the services load at run time only: `fieldapp --help` stays quick
    from fieldapp.services.request_import import ImportReport

EXIT_UNUSABLE_FILE = 2


def add_commands(commands: Any) -> None:
    admin = commands.add_parser("admin", help="administration of the local data")
    sub = admin.add_subparsers(dest="admin_command", metavar="ADMIN_COMMAND", required=True)

    importer = sub.add_parser(
        "import-requests",
        help="register field requests from a CSV file (UTF-8 or GB18030)",
        description="Each valid row becomes a case (if new), a party and a routed assignment. "
        "Exit 0: every row imported; 3: some rows rejected; 2: the file cannot be used.",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    importer.add_argument("--json", action="store_true", help="print the report as JSON")
    importer.set_defaults(handler=import_requests)

    lister = sub.add_parser("list-assignments", help="print the assignments")
    lister.add_argument("--json", action="store_true", help="as a JSON array")
    lister.set_defaults(handler=list_assignments)

    seeder = sub.add_parser("seed-demo", help="fill an empty database with demo data")
    seeder.set_defaults(handler=seed_demo)

    central.add_admin_commands(sub)
    backup.add_admin_commands(sub)
    supervision.add_admin_commands(sub)
    escalation.add_admin_commands(sub)


def import_requests(args: argparse.Namespace) -> int:
    from fieldapp.services.changes import OutboxSink
    from fieldapp.services.request_import import import_request_file, region_lookup
    from fieldapp.services.requests_csv import UnusableFile
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    workspace = open_workspace(args.data_dir)
    try:
        report = import_request_file(
            workspace.engine,
            args.file,
            region_of=region_lookup(),
            actor=workspace.actor(),
            now=utcnow(),
            changes=OutboxSink(),
            dry_run=args.dry_run,
        )
    except UnusableFile as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE_FILE
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(_report_json(report), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return report.exit_code


def _print_report(report: ImportReport) -> None:
    verb = "would register" if report.dry_run else "registered"
    count = report.would_register if report.dry_run else len(report.registered)
    print(f"{report.file_name} ({report.encoding}): {verb} {count}, ", end="")
    print(f"already registered {len(report.duplicates)}, rejected {len(report.problems)}")
    if report.ignored_headers:
        print("ignored columns: " + ", ".join(report.ignored_headers))
    for duplicate in report.duplicates:
        print(f"duplicate: {duplicate}")
    for problem in report.problems:
        print(f"rejected: {problem}")


def _report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file_name,
        "encoding": report.encoding,
        "dry_run": report.dry_run,
        "registered": [
            {"line": r.line, "registration_no": r.registration_no, "squad": r.squad_code}
            for r in report.registered
        ],
        "would_register": report.would_register,
        "duplicates": [
            {"line": d.line, "registration_no": d.registration_no, "same_as_line": d.first_line}
            for d in report.duplicates
        ],
        "rejected": [{"line": p.line, "reasons": list(p.reasons)} for p in report.problems],
        "ignored_headers": list(report.ignored_headers),
    }


def list_assignments(args: argparse.Namespace) -> int:
    from fieldapp.domain.clock import court_date
    from fieldapp.services.assignment_views import AssignmentViews
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    workspace = open_workspace(args.data_dir)
    try:
        rows = AssignmentViews(workspace.engine).assignments()
    finally:
        workspace.close()
    if args.json:
        items = [
            {
                "registration_no": row.registration_no,
                "case_number": row.case_number,
                "matter": row.matter.value,
                "party_name": row.party_name,
                "address": row.address,
                "region": row.region_code,
                "region_name": row.region_name,
                "squad": row.squad_code,
                "status": row.status.value,
                "due_on": row.due_on.isoformat() if row.due_on else None,
                "officers": list(row.officers),
            }
            for row in rows
        ]
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    today = court_date(utcnow())
    for row in rows:
        late = "  OVERDUE" if row.is_overdue(today) else ""
        print(
            f"{row.registration_no}  {row.case_number}  {row.matter.value:<13} "
            f"{row.party_name}  {row.region_name or '-'}  {row.squad_code or '-'}  "
            f"{row.status.value}  {row.due_on or '-'}{late}"
        )
    return 0


def seed_demo(args: argparse.Namespace) -> int:
    from fieldapp.services.demo_seed import is_seeded
    from fieldapp.services.demo_seed import seed_demo as seed
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    workspace = open_workspace(args.data_dir)
    try:
        with workspace.engine.begin() as connection:
            if is_seeded(connection):
                print(f"demo data already present in {workspace.data_dir}")
                return 0
            summary = seed(connection, now=utcnow())
    finally:
        workspace.close()
    print(f"demo data written to {workspace.data_dir}: {summary}")
    return 0
