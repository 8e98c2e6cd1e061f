"""The ``fieldapp`` command: the window by default, and administration subcommands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from fieldapp import __version__
from fieldapp.cli import admin, central, evidence, notices, report, watch


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="Fieldapp: field work of a court's enforcement bureau. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of the local database and files (default: $FIELDAPP_DATA_DIR, "
        "else the platform's user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = commands.add_parser("gui", help="open the window (the default)")
    gui.set_defaults(handler=_run_gui)
    admin.add_commands(commands)
    notices.add_commands(commands)
    central.add_commands(commands)
    watch.add_commands(commands)
    evidence.add_commands(commands)
    report.add_commands(commands)
    parser.set_defaults(handler=_run_gui)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from fieldapp.services.workspace import open_workspace
    from fieldapp.ui.app import run_gui

    workspace = open_workspace(args.data_dir)
    try:
        return run_gui(workspace, sys.argv[:1])
    finally:
        workspace.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    result: int = args.handler(args)
    return result
