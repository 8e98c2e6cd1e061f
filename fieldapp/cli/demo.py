"""``fieldapp demo``: the real thing on one machine — an embedded central store with demo data
on loopback, a laptop profile enrolled with it and synced, and the window."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.services.workspace import (
    Workspace,
    default_data_dir,
    open_workspace,
)
from fieldapp.storage.types import utcnow

if TYPE_CHECKING:  # the server loads when it is started: a demo started before opens first
    from sqlalchemy import Engine

    from fieldapp.server.embedded import EmbeddedServer
    from fieldapp.server.settings import ServerSettings

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"
PORT_FILE = "port"
STORE_AFTER_S = 1.0


def run(args: argparse.Namespace) -> int:
    root: Path = args.data_dir or default_data_dir() / "demo"
    central = root / "central"
    central.mkdir(parents=True, exist_ok=True)
    port = _port(central, args.port)
    if not args.no_gui and port:
        workspace = open_workspace(root / f"laptop-{args.user}")
        if _enrolled_at(workspace, args.user, port):
            return _open_at_once(root, workspace, port)
        workspace.close()
    from fieldapp.server.app import create_app
    from fieldapp.server.database import open_central
    from fieldapp.server.embedded import EmbeddedServer
    from fieldapp.server.seeding import seed_central
    from fieldapp.services.demo_seed import DEMO_PASSWORD
    from fieldapp.storage.content_store import ContentStore
    from fieldapp.sync.client import CentralClient, SyncError
    from fieldapp.sync.engine import SyncEngine
    from fieldapp.sync.enrolment import enrol

    settings = _demo_settings(central, port)
    engine = open_central(settings.db)
    summary = seed_central(engine, now=utcnow())
    extras = _seed_extras(engine, settings)
    server = EmbeddedServer(create_app(settings, engine), port=port)
    url = server.start()
    # The same address next time, so that the laptop, enrolled with it, opens at once.
    (central / PORT_FILE).write_text(url.rsplit(":", 1)[1], encoding="utf-8")
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


def _port(central: Path, asked: int) -> int:
    """The port asked for, else the one the demo used last time if it is free, else any."""
    if asked:
        return asked
    try:
        port = int((central / PORT_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return 0
    if not 0 < port < 65536:
        return 0
    with socket.socket() as probe:
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return 0
    return port


def _enrolled_at(workspace: Workspace, user: str, port: int) -> bool:
    """Whether ``user``'s demo laptop is enrolled with the store at ``port`` already."""
    from fieldapp.sync.enrolment import load_enrolment

    known = load_enrolment(workspace.engine)
    return (
        known is not None
        and bool(known.token)
        and known.username == user
        and known.server_url == f"http://{LOOPBACK}:{port}"
    )


def _open_at_once(root: Path, workspace: Workspace, port: int) -> int:
    """A demo started before: the window opens on the laptop's data straight away, offline
    first, and the store starts beside it; the window syncs once the store answers.
    Closes ``workspace``."""
    from fieldapp.ui.app import run_gui
    from fieldapp.ui.demo_settings import demo_settings_store

    print(f"central store: http://{LOOPBACK}:{port}  (data in {root}; starting beside the window)")
    store = _StoreBeside(_demo_settings(root / "central", port))
    try:
        settings = demo_settings_store(workspace.data_dir)
        return run_gui(
            workspace, sys.argv[:1], signed_in=True, settings=settings, on_started=store.start
        )
    finally:
        workspace.close()
        store.stop()


class _StoreBeside:
    """The demo's central store brought up on a thread of its own, after the window shows."""

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings
        self._thread = threading.Thread(target=self._run, name="fieldapp-demo-store", daemon=True)
        self._server: EmbeddedServer | None = None
        self._engine: Engine | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout=60)  # let a start under way finish, then stop it
        if self._server is not None:
            self._server.stop()
        if self._engine is not None:
            self._engine.dispose()

    def _run(self) -> None:
        # The window loads its first lists first; the store's start would take the processor.
        time.sleep(STORE_AFTER_S)
        from fieldapp.server.app import create_app
        from fieldapp.server.database import open_central
        from fieldapp.server.embedded import EmbeddedServer
        from fieldapp.server.seeding import seed_central

        try:
            self._engine = open_central(self._settings.db)
            seed_central(self._engine, now=utcnow())
            _seed_extras(self._engine, self._settings)
            server = EmbeddedServer(
                create_app(self._settings, self._engine), port=self._settings.port
            )
            server.start()
            self._server = server
        except Exception:  # the window stays usable offline; say why the store is not there
            log.exception("the demo's central store did not start")


def _demo_settings(central: Path, port: int) -> ServerSettings:
    """The demo store's settings; its supervisor holds the escalation ladder's top posts."""
    from fieldapp.server.demo_extras import BUREAU_CHIEF, CENTRE_HEAD
    from fieldapp.server.settings import ServerSettings

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
    from fieldapp.services.demo_seed import DEMO_PASSWORD

    print(f"demo accounts (password {DEMO_PASSWORD}):")
    for username, role, squad in users:
        print(f"  {username:<12} {role.value:<10} {squad or ''}")
