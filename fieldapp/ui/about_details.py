"""What the About dialog shows: versions, folders, the database and who is signed in.

Gathered here, apart from the dialog, so that it is read in one place and tested alone.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from fieldapp import __version__
from fieldapp.storage.migrate import current_revision, head_revision
from fieldapp.storage.reference import Squad
from fieldapp.sync.enrolment import load_enrolment
from fieldapp.ui.user_log import log_folder


@dataclass(frozen=True)
class SignedIn:
    username: str
    display_name: str
    role: str
    squad_code: str | None
    server_url: str
    device_id: str
    squad_name: str | None = None  # from the squad records (第一外勤组); None: not known here


@dataclass(frozen=True)
class AboutDetails:
    version: str
    data_folder: Path | None
    log_folder: Path
    database: Path | None
    schema_revision: str | None  # None: not stamped (or unreadable, see database_error)
    schema_head: str | None  # the revision this client migrates to
    database_error: str | None
    signed_in: SignedIn | None
    python: str
    qt: str
    pyside: str
    system: str
    frozen: bool  # the packaged client, not a checkout

    @property
    def schema_current(self) -> bool:
        return self.schema_revision is not None and self.schema_revision == self.schema_head


def gather_details(engine: Engine | None, logs: Path | None = None) -> AboutDetails:
    """Read everything the dialog shows; a missing or unreadable database is reported, not
    raised (the dialog is where support looks when something is wrong)."""
    database = _database_file(engine)
    revision: str | None = None
    head: str | None = None
    error: str | None = None
    signed_in: SignedIn | None = None
    try:
        head = head_revision("local")
    except Exception as problem:  # noqa: BLE001 - shown to the user instead
        error = f"migrations: {problem}"
    if engine is not None:
        try:
            with engine.connect() as connection:
                revision = current_revision(connection)
            enrolment = load_enrolment(engine)
            squad_name = _squad_name(engine, enrolment.squad_code if enrolment else None)
        except SQLAlchemyError as problem:
            error = str(problem.__cause__ or problem).splitlines()[0][:300]
        else:
            if enrolment is not None:
                signed_in = SignedIn(
                    username=enrolment.username,
                    display_name=enrolment.display_name,
                    role=enrolment.role,
                    squad_code=enrolment.squad_code,
                    server_url=enrolment.server_url,
                    device_id=enrolment.device_id,
                    squad_name=squad_name,
                )
    return AboutDetails(
        version=__version__,
        data_folder=database.parent if database is not None else None,
        log_folder=logs if logs is not None else log_folder(),
        database=database,
        schema_revision=revision,
        schema_head=head,
        database_error=error,
        signed_in=signed_in,
        python=platform.python_version(),
        qt=qVersion(),
        pyside=PySide6.__version__,
        system=platform.platform(),
        frozen=bool(getattr(sys, "frozen", False)),
    )


def _squad_name(engine: Engine, code: str | None) -> str | None:
    """The squad's name from the squad records the laptop holds (pulled from the store)."""
    if not code:
        return None
    with engine.connect() as connection:
        name = connection.execute(
            select(Squad.name).where(Squad.code == code, Squad.deleted.is_(False))
        ).scalar()
    return (name.strip() or None) if isinstance(name, str) else None


def _database_file(engine: Engine | None) -> Path | None:
    if engine is None or engine.url.get_backend_name() != "sqlite":
        return None
    name = engine.url.database
    if not name or name == ":memory:":
        return None
    return Path(name).resolve()
