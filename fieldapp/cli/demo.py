"""``fieldapp demo``: the real thing on one machine — an embedded central store with demo data
on loopback, a laptop profile enrolled with it and synced, and the window."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.workspace import Workspace, default_data_dir, open_workspace
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.types import utcnow
from fieldapp.sync.client import CentralClient, SyncError
from fieldapp.sync.engine import SyncEngine
from fieldapp.sync.enrolment import enrol


def run(args: argparse.Namespace) -> int:
    root: Path = args.data_dir or default_data_dir() / "demo"
    central = root / "central"
    central.mkdir(parents=True, exist_ok=True)
    settings = _demo_settings(central, args.port)
    engine = open_central(settings.db)
    summary = seed_central(engine, now=utcnow())
    extras = _seed_extras(engine, settings)
    server = EmbeddedServer(create_app(settings, engine), port=args.port)
    url = server.start()
    workspace = open_workspace(root / f"laptop-{args.user}")
    try:
        try:
            enrolment = enrol(
                workspace.engine,
                server_url=url,
                username=args.user,
                password=DEMO_PASSWORD,
                device_id=workspace.device_id,
                device_name=f"demo laptop of {args.user}",
            )
            with CentralClient(url, enrolment.token) as client:
                report = SyncEngine(
                    workspace.engine, client, workspace.device_id, ContentStore(workspace.blobs_dir)
                ).run()
            # Only officers collect evidence, on their own open tasks.
            with_evidence = (
                _demo_evidence(workspace, enrolment.user_id) if enrolment.role == "officer" else []
            )
            if with_evidence:  # chained and signed here; sent now, so the server's receipts
                with CentralClient(url, enrolment.token) as client:  # come back at once
                    SyncEngine(
                        workspace.engine,
                        client,
                        workspace.device_id,
                        ContentStore(workspace.blobs_dir),
                    ).run()
        except SyncError as error:
            print(f"error: {error.message}", file=sys.stderr)
            return 1
        print(f"central store: {url}  (data in {root})")
        if summary is not None:
            print("seeded the demo data")
        print(extras)
        print(f"laptop of {args.user}: {report.summary()}")
        if with_evidence:
            print(
                f"demo evidence on {', '.join(with_evidence)}; try: fieldapp --data-dir "
                f"{workspace.data_dir} export-bundle --assignment {with_evidence[0]} "
                "--out bundle.zip && fieldapp verify bundle.zip"
            )
        if args.no_gui:
            _print_accounts(engine)
            print("serving until interrupted (Ctrl+C)")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
        from fieldapp.ui.app import run_gui
        from fieldapp.ui.demo_settings import demo_settings_store, remember_server_url

        # Just signed in with the demo password: the window opens at once (one-command demo),
        # and the demo's own settings keep the address, as a sign-in in the window keeps it.
        settings_store = remember_server_url(
            enrolment.server_url, demo_settings_store(workspace.data_dir)
        )
        return run_gui(workspace, sys.argv[:1], signed_in=True, settings=settings_store)
    finally:
        workspace.close()
        server.stop()
        engine.dispose()


def _demo_settings(central: Path, port: int) -> ServerSettings:
    """The demo store's settings; its supervisor holds the escalation ladder's top posts."""
    from fieldapp.server.demo_extras import BUREAU_CHIEF, CENTRE_HEAD

    return ServerSettings(
        db=f"sqlite:///{central / 'central.sqlite'}",
        blobs=central / "blobs",
        port=port,
        centre_head=CENTRE_HEAD,
        bureau_chief=BUREAU_CHIEF,
    )


def _seed_extras(engine: object, settings: ServerSettings) -> str:
    """Conflicts, notices, nearly-due controls (once) and the escalation pass (each start)."""
    from sqlalchemy import Engine

    from fieldapp.server.demo_extras import seed_demo_extras
    from fieldapp.server.supervision import supervision_config

    assert isinstance(engine, Engine)
    extras = seed_demo_extras(engine, now=utcnow(), config=supervision_config(settings))
    return extras.summary()


def _demo_evidence(workspace: Workspace, user_id: str) -> list[str]:
    """Photos, a video, a scan and notes on a few assignments (once per laptop)."""
    from fieldapp.notices.errors import FontUnavailable
    from fieldapp.notices.fonts import FontConfig
    from fieldapp.services.evidence_demo import seed_demo_evidence

    try:
        font_path: Path | None = FontConfig().resolve()[0]
    except FontUnavailable:
        font_path = None
    return seed_demo_evidence(
        workspace.engine,
        workspace.blobs_dir,
        workspace.actor(user_id),
        scratch=workspace.data_dir / "demo-evidence",
        font_path=font_path,
    )


def _print_accounts(engine: object) -> None:
    from sqlalchemy import Engine, select

    from fieldapp.storage.central_tables import User

    assert isinstance(engine, Engine)
    with engine.connect() as connection:
        users = connection.execute(
            select(User.username, User.role, User.squad_code).order_by(User.username)
        ).all()
    print(f"demo accounts (password {DEMO_PASSWORD}):")
    for username, role, squad in users:
        print(f"  {username:<12} {role.value:<10} {squad or ''}")
