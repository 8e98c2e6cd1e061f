"""``fieldapp export-bundle`` and ``fieldapp verify``: evidence bundles out of the laptop, and
their check anywhere (no network, no database)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_TAMPERED = 1
EXIT_REFUSED = 2


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export-bundle",
        help="write the evidence of an assignment or a case as a verifiable zip",
        description="Writes the files, manifest.json (records, hashes, chain entries, "
        "signatures, public keys, the server's receipts) and custody-log.pdf. Exit 0: "
        "written; 2: nothing to export or not possible.",
    )
    subject = export.add_mutually_exclusive_group(required=True)
    subject.add_argument("--assignment", metavar="REG_NO", help="registration no., WQ-2026-…")
    subject.add_argument("--case", metavar="CASE_NUMBER", help="case number, （2026）黔01执…号")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    export.set_defaults(handler=run_export)

    verify = commands.add_parser(
        "verify",
        help="check an evidence bundle offline",
        description="Checks every file against its signed record, every chain entry's hash, "
        "link and signature, and the server's receipts, using only the bundle. Prints one "
        "line per item. Exit 0: intact; 1: a check failed (the first failure is named).",
    )
    verify.add_argument("bundle", type=Path, metavar="FILE.zip")
    verify.set_defaults(handler=run_verify)


def run_export(args: argparse.Namespace) -> int:
    from fieldapp.services.evidence_export import ExportRefused, export_bundle
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    out: Path = args.out
    if out.exists() and out.is_dir():
        print(f"error: {out} is a folder", file=sys.stderr)
        return EXIT_REFUSED
    if not out.parent.is_dir():
        print(f"error: the folder {out.parent} does not exist", file=sys.stderr)
        return EXIT_REFUSED
    workspace = open_workspace(args.data_dir)
    try:
        report = export_bundle(
            workspace.engine,
            workspace.blobs_dir,
            out=out,
            now=utcnow(),
            registration_no=args.assignment,
            case_number=args.case,
        )
    except (ExportRefused, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        workspace.close()
    print(f"wrote {report.out}: {report.items} items, {report.files} files")
    if report.left_out:
        print(
            f"{report.left_out} items captured on other laptops are not in this bundle "
            "(export them there, or from the central store)"
        )
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from fieldapp.evidence.verify import verify_bundle

    path: Path = args.bundle
    if not path.is_file():
        print(f"FAIL  {path} is not a file", file=sys.stderr)
        return EXIT_TAMPERED
    verdict = verify_bundle(path, on_line=print)
    if verdict.ok:
        print(f"bundle intact: {verdict.items} items verified")
        return EXIT_OK
    print(f"bundle NOT intact ({len(verdict.failures)} failures); first: {verdict.failures[0]}")
    return EXIT_TAMPERED
