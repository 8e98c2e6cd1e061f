"""An in-process central store (seeded SQLite, embedded uvicorn on loopback) and an officer's
laptop enrolled with it: the world of the evidence tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import Engine, select

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.content_store import ContentStore
from fieldapp.sync.client import CentralClient
from fieldapp.sync.engine import SyncEngine, SyncReport
from fieldapp.sync.enrolment import Enrolment
from tests.support.central import cheap_argon2
from tests.support.laptops import Laptop

SEEDED = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@dataclass
class EvidenceWorld:
    central: Engine
    server: EmbeddedServer
    url: str
    laptop: Laptop
    root: Path
    subject: str = ""  # the registration no. of the assignment with the captured evidence
    assignment: str = ""  # its id

    @property
    def workspace(self) -> Workspace:
        return self.laptop.workspace

    @property
    def enrolment(self) -> Enrolment:
        return self.laptop.enrolment

    def sync(self) -> SyncReport:
        with CentralClient(self.url, self.enrolment.token) as client:
            return SyncEngine(
                self.workspace.engine,
                client,
                self.workspace.device_id,
                ContentStore(self.workspace.blobs_dir),
            ).run()

    def own_assignments(self, count: int) -> list[str]:
        with self.workspace.engine.connect() as connection:
            return list(
                connection.execute(
                    select(Assignment.registration_no)
                    .where(Assignment.officer_id == self.enrolment.user_id)
                    .order_by(Assignment.registration_no)
                    .limit(count)
                ).scalars()
            )

    def assignment_id(self, registration_no: str) -> str:
        with self.workspace.engine.connect() as connection:
            return str(
                connection.execute(
                    select(Assignment.id).where(Assignment.registration_no == registration_no)
                ).scalar_one()
            )

    def close(self) -> None:
        self.laptop.close()
        self.server.stop()
        self.central.dispose()


def start_world(root: Path, username: str = "officer11") -> EvidenceWorld:
    root.mkdir(parents=True, exist_ok=True)
    settings = ServerSettings(db=f"sqlite:///{root / 'central.sqlite'}", blobs=root / "blobs")
    central = open_central(settings.db)
    with cheap_argon2():
        seed_central(central, now=SEEDED)
        server = EmbeddedServer(create_app(settings, central))
        url = server.start()
        laptop = Laptop.enrolled(root / "laptop", server_url=url, username=username)
    world = EvidenceWorld(central, server, url, laptop, root)
    world.sync()
    return world


def photo(path: Path, colour: tuple[int, int, int], *, taken: str = "2026:11:20 09:15:00") -> Path:
    """A small JPEG with EXIF time and GPS (Guiyang)."""
    image = Image.new("RGB", (96, 64), colour)
    exif = Image.Exif()
    exif[306] = taken
    exif[0x8825] = {1: "N", 2: (26.0, 34.0, 12.5), 3: "E", 4: (106.0, 42.0, 30.0)}
    image.save(path, exif=exif, quality=85)
    return path
