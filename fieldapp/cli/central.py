"""``fieldapp server``, ``login``, ``sync``, ``demo`` and ``admin create-user``: the central
store and a laptop's link to it."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from fieldapp.domain.enums import Role

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REJECTED = 4
CONFIG_HELP = "settings file (TOML; default: $FIELDAPP_SERVER_CONFIG)"


def add_commands(commands: Any) -> None:
    server = commands.add_parser("server", help="run the central store (FastAPI under uvicorn)")
    server.add_argument("--config", type=Path, help=CONFIG_HELP)
    server.add_argument("--db", help="database URL: postgresql+psycopg://… or sqlite:///…")
    server.add_argument("--blobs", type=Path, help="folder of the received files")
    server.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    server.add_argument("--port", type=int, default=None, help="port (default 8470)")
    server.add_argument("--certfile", help="TLS certificate (PEM)")
    server.add_argument("--keyfile", help="TLS private key (PEM)")
    server.add_argument(
        "--workers",
        type=int,
        default=None,
        help="server processes (default: one per CPU on PostgreSQL, one on SQLite)",
    )
    server.set_defaults(handler=run_server)

    login = commands.add_parser("login", help="enrol this laptop with a central store")
    login.add_argument("--server", required=True, help="e.g. https://fieldapp.court.example")
    login.add_argument("--username", required=True)
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    login.set_defaults(handler=run_login)

    sync = commands.add_parser("sync", help="sync this laptop once and say what happened")
    sync.set_defaults(handler=run_sync)

    demo = commands.add_parser(
        "demo", help="run the demo: an embedded central store with demo data, and the window"
    )
    demo.add_argument("--no-gui", action="store_true", help="serve only, until interrupted")
    demo.add_argument("--port", type=int, default=0, help="port of the demo store (default: any)")
    demo.add_argument("--user", default="lead1", help="demo account the laptop signs in as")
    demo.set_defaults(handler=run_demo)


def add_admin_commands(sub: Any) -> None:
    create = sub.add_parser("create-user", help="add a user to a central store's database")
    create.add_argument("--config", type=Path, help=CONFIG_HELP)
    create.add_argument("--db", help="database URL of the central store (default: settings)")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--squad", default=None, help="squad code, for officers and leads")
    create.add_argument("--display-name", default=None)
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    create.set_defaults(handler=run_create_user)

    revoke = sub.add_parser(
        "revoke-device", help="revoke a laptop: its token stops working at once"
    )
    revoke.add_argument("--config", type=Path, help=CONFIG_HELP)
    revoke.add_argument("--db", help="database URL of the central store (default: settings)")
    revoke.add_argument("device_id")
    revoke.set_defaults(handler=run_revoke_device)

    prune = sub.add_parser(
        "prune-tombstones",
        help="forget deletions older than the retention (laptops older re-download)",
    )
    prune.add_argument("--config", type=Path, help=CONFIG_HELP)
    prune.add_argument("--db", help="database URL of the central store (default: settings)")
    prune.add_argument(
        "--days", type=int, default=None, help="retention in days (default: settings)"
    )
    prune.set_defaults(handler=run_prune_tombstones)


def _settings(args: argparse.Namespace) -> Any:
    """The server's settings: arguments over environment over the --config file.
    A configuration that cannot be used ends the command with its reason (exit 2)."""
    from fieldapp.server.settings import ConfigError, load_settings

    given = {
        key: value
        for key, value in (
            ("db", getattr(args, "db", None)),
            ("blobs", getattr(args, "blobs", None)),
            ("host", getattr(args, "host", None)),
            ("port", getattr(args, "port", None)),
        )
        if value is not None
    }
    try:
        return load_settings(getattr(args, "config", None), **given)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def run_server(args: argparse.Namespace) -> int:
    import uvicorn

    from fieldapp.server.app import create_app
    from fieldapp.server.database import open_central
    from fieldapp.server.logs import log_config
    from fieldapp.server.workers import (
        APP_FACTORY,
        default_workers,
        engine_options,
        export_settings,
        freeze_startup_heap,
        serve,
    )

    settings = _settings(args)
    workers = default_workers(settings.db) if args.workers is None else args.workers
    if workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    # Migrated here, once, before any worker starts.
    engine = open_central(
        settings.db,
        **engine_options(settings.db, workers=workers, budget=settings.db_connections),
    )
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "ssl_certfile": args.certfile,
        "ssl_keyfile": args.keyfile,
        "log_level": "info" if args.verbose else "warning",
        "log_config": log_config(settings.log_format, "info" if args.verbose else "warning"),
    }
    if workers == 1:
        app = create_app(settings, engine)
        freeze_startup_heap()
        uvicorn.run(app, **options)
        return 0
    engine.dispose()
    export_settings(settings, workers)
    serve(uvicorn.Config(APP_FACTORY, factory=True, workers=workers, **options))
    return 0


def _password(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != password:
        raise SystemExit("the two passwords differ")
    return password


def run_create_user(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import create_user
    from fieldapp.server.database import open_central
    from fieldapp.storage.engine import writing
    from fieldapp.storage.types import utcnow

    role = Role(args.role)
    if role in (Role.OFFICER, Role.LEAD) and not args.squad:
        print("error: officers and leads need --squad", file=sys.stderr)
        return 2
    password = _password(args, f"password for {args.username}: ", confirm=True)
    engine = open_central(_settings(args).db)
    try:
        with writing(engine).begin() as connection:
            user_id = create_user(
                connection,
                username=args.username,
                password=password,
                role=role,
                squad_code=args.squad,
                display_name=args.display_name,
                now=utcnow(),
            )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"created {role.value} {args.username} ({user_id})")
    return 0


def run_login(args: argparse.Namespace) -> int:
    from fieldapp.services.workspace import open_workspace
    from fieldapp.sync.client import SyncError
    from fieldapp.sync.enrolment import enrol

    workspace = open_workspace(args.data_dir)
    password = _password(args, f"password for {args.username}: ")
    try:
        enrolment = enrol(
            workspace.engine,
            server_url=args.server,
            username=args.username,
            password=password,
            device_id=workspace.device_id,
        )
    except SyncError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        workspace.close()
    print(
        f"enrolled as {enrolment.display_name} ({enrolment.role}"
        f"{', squad ' + enrolment.squad_code if enrolment.squad_code else ''}) "
        f"with {enrolment.server_url}"
    )
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from fieldapp.services.workspace import open_workspace

    workspace = open_workspace(args.data_dir)
    try:
        return _sync_once(workspace)
    finally:
        workspace.close()


def _sync_once(workspace: Any) -> int:
    from fieldapp.services.notices_numbers import number_supply, running_out
    from fieldapp.storage.content_store import ContentStore
    from fieldapp.sync.client import CentralClient, SyncError
    from fieldapp.sync.engine import SyncEngine
    from fieldapp.sync.enrolment import load_enrolment

    enrolment = load_enrolment(workspace.engine)
    if enrolment is None:
        print(
            "error: this laptop is not enrolled; run: fieldapp login --server URL --username U",
            file=sys.stderr,
        )
        return EXIT_FAILED
    with CentralClient(enrolment.server_url, enrolment.token) as client:
        engine = SyncEngine(
            workspace.engine, client, enrolment.device_id, ContentStore(workspace.blobs_dir)
        )
        try:
            report = engine.run()
        except SyncError as error:
            print(f"sync failed: {error.message}", file=sys.stderr)
            return EXIT_FAILED
    print(report.summary())
    for problem in report.errors:
        print(f"warning: {problem}", file=sys.stderr)
    # Said now, while the officer is still at a network — not in front of the debtor.
    for short in running_out(number_supply(workspace.engine)):
        print(f"warning: document numbers running low: {short}", file=sys.stderr)
    return EXIT_REJECTED if report.rejected else 0


def run_demo(args: argparse.Namespace) -> int:
    from fieldapp.cli.demo import run

    return run(args)


def run_revoke_device(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import revoke_device
    from fieldapp.server.database import open_central
    from fieldapp.storage.engine import writing
    from fieldapp.storage.types import utcnow

    engine = open_central(_settings(args).db)
    try:
        with writing(engine).begin() as connection:
            found = revoke_device(connection, args.device_id, now=utcnow())
    finally:
        engine.dispose()
    if not found:
        print(f"error: no device {args.device_id}", file=sys.stderr)
        return 2
    print(f"revoked {args.device_id}")
    return 0


def run_prune_tombstones(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from fieldapp.server.changelog import prune_tombstones
    from fieldapp.server.database import open_central
    from fieldapp.storage.engine import writing
    from fieldapp.storage.types import utcnow

    settings = _settings(args)
    days = settings.tombstone_retention_days if args.days is None else args.days
    engine = open_central(settings.db)
    try:
        with writing(engine).begin() as connection:
            pruned = prune_tombstones(connection, older_than=utcnow() - timedelta(days=days))
    finally:
        engine.dispose()
    print(f"forgot {pruned} deletion(s) older than {days} days")
    return 0
