"""``fieldapp verify-notice`` and ``fieldapp notice-numbers``: checking a notice PDF against
the issued record, and whether this laptop's document numbers last for its open tasks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_UNREADABLE = 2
EXIT_RUNNING_OUT = 3


def add_commands(commands: Any) -> None:
    verify = commands.add_parser(
        "verify-notice",
        help="check that a notice PDF is the one that was issued",
        description="Reads the notice stamp (id, document number, content hash) from the PDF "
        "and compares it and the file with the notice recorded on this laptop. Exit 0: "
        "genuine; 1: altered, mismatched, unknown or no notice; 2: not a readable PDF.",
    )
    verify.add_argument("file", type=Path)
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler=verify_notice)

    numbers = commands.add_parser(
        "notice-numbers",
        help="show whether the leased document numbers last for the open tasks",
        description="For each case with open tasks: numbers left on this laptop and numbers "
        "its tasks usually need. Exit 3 when a case is out or running low.",
    )
    numbers.add_argument("--officer", default=None, help="only this officer's tasks (user id)")
    numbers.add_argument(
        "--demo-lease",
        action="store_true",
        help="DEMO ONLY, no central store: lease the missing numbers locally, as if from a "
        "server that this laptop alone uses",
    )
    numbers.set_defaults(handler=notice_numbers)


def verify_notice(args: argparse.Namespace) -> int:
    from fieldapp.services.notices_verify import Verdict, verify_notice_file
    from fieldapp.services.workspace import open_workspace

    workspace = open_workspace(args.data_dir)
    try:
        result = verify_notice_file(workspace.engine, args.file)
    finally:
        workspace.close()
    if args.json:
        stamp = result.stamp
        print(
            json.dumps(
                {
                    "file": str(args.file),
                    "verdict": result.verdict.value,
                    "genuine": result.genuine,
                    "message": result.message,
                    "notice_id": stamp.notice_id if stamp else None,
                    "document_number": stamp.document_number if stamp else None,
                    "content_hash": stamp.content_hash if stamp else None,
                    "file_sha256": result.file_sha256,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        label = "GENUINE" if result.genuine else "NOT GENUINE"
        print(f"{args.file}: {label} ({result.verdict.value}): {result.message}")
    if result.verdict is Verdict.UNREADABLE:
        return EXIT_UNREADABLE
    return EXIT_GENUINE if result.genuine else EXIT_NOT_GENUINE


def notice_numbers(args: argparse.Namespace) -> int:
    from fieldapp.notices.numbering import SupplyState, grant_blocks
    from fieldapp.services.notices_numbers import (
        highest_local,
        lease_request_for,
        number_supply,
        store_granted_blocks,
    )
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import new_id, utcnow

    workspace = open_workspace(args.data_dir)
    try:
        if args.demo_lease:
            with workspace.engine.begin() as connection:
                request = lease_request_for(
                    connection, workspace.device_id, officer_id=args.officer
                )
                blocks = grant_blocks(request, highest_local(connection), new_id)
                added = store_granted_blocks(connection, blocks, now=utcnow())
            print(f"demo lease: {added} block(s) of numbers stored on this laptop")
        rows = number_supply(workspace.engine, officer_id=args.officer)
    finally:
        workspace.close()
    if not rows:
        print("no open tasks")
        return 0
    for row in rows:
        print(f"{row.state.value.upper():4}  {row}")
    short = [row for row in rows if row.state is not SupplyState.OK]
    if short:
        print(f"{len(short)} case(s) out of or low on document numbers: sync before going out")
        return EXIT_RUNNING_OUT
    return 0
