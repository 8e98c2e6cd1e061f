"""Random sequences of offline work over three laptops of squad S1 (two officers and their
lead) against one central store served by uvicorn in this process (SQLite): edits of the
same and of different fields and tasks, visits, syncs, syncs whose answer is lost, laptops
that go offline. However the steps fall, once everyone syncs twice the invariants hold:
nothing acknowledged lost, nothing doubled, every laptop equal to the server."""

from __future__ import annotations

import contextlib
import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.settings import ServerSettings
from fieldapp.sync.client import SyncError
from tests.support.central_process import free_port, seed
from tests.support.laptops import Laptop
from tests.support.sync_checks import Baseline, baseline, central_engine, check_all, settle

TASKS = 2
OFFICER_FIELDS = ("result", "lat", "lon", "status")
LEAD_FIELDS = ("priority", "due_on", "notes", "status")
# Status moves each role makes from the status its laptop shows (all allowed by the domain).
OFFICER_MOVES = {"assigned": "in_progress"}
LEAD_MOVES = {"assigned": "routed", "routed": "assigned", "in_progress": "routed"}


class _LoseAnswers(httpx.BaseTransport):
    """The server gets and commits every push, but its answer never reaches the laptop."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/sync/push"):
            response.read()
            response.close()
            raise httpx.ReadError("connection reset before the answer was read", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass
class Squad:
    """Three laptops of S1 and their central store, fresh for one example."""

    laptops: list[Laptop]
    tasks: list[str]
    seeded: Baseline
    offline_url: str
    offline: set[int] = field(default_factory=set)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def edit(self, who: int, task: int, name: str, choice: int) -> None:
        laptop = self.laptops[who]
        record_id = self.tasks[task]
        current = laptop.row("assignment", record_id)
        assert current is not None
        n = next(self.counter)
        if name == "status":
            moves = OFFICER_MOVES if laptop.role == "officer" else LEAD_MOVES
            target = moves.get(current["status"])
            if target is None:
                return  # no move this role makes from there
            value: object = target
        else:
            value = {
                "result": f"{laptop.name} wrote {n}",
                "lat": 26.5 + choice / 100,
                "lon": 106.6 + choice / 100,
                "priority": ("normal", "urgent")[choice % 2],
                "due_on": date(2027, 1, 1) + timedelta(days=choice),
                "notes": f"{laptop.name} noted {n}",
            }[name]
        laptop.edit("assignment", record_id, **{name: value})

    def sync(self, who: int, *, lose_answer: bool = False) -> None:
        laptop = self.laptops[who]
        before = [(op["op_id"], op["state"]) for op in laptop.pending()]
        if who in self.offline or (lose_answer and before):
            # Offline: nothing listens there. Answer lost: the server committed the push.
            options = {"url": self.offline_url} if who in self.offline else {}
            with pytest.raises(SyncError):
                laptop.sync(transport=None if options else _LoseAnswers(), **options)
            assert [(op["op_id"], op["state"]) for op in laptop.pending()] == before
            return
        report = laptop.sync()
        assert report.rejected == 0, laptop.outbox()[-3:]
        assert laptop.pending() == []


edits = st.tuples(
    st.just("edit"),
    st.integers(0, 2),
    st.integers(0, TASKS - 1),
    st.integers(0, 3),
    st.integers(0, 5),
)
steps = st.one_of(
    edits,
    edits,  # most of the work is editing
    edits,
    st.tuples(st.just("visit"), st.integers(0, 1), st.integers(0, TASKS - 1)),
    st.tuples(st.just("sync"), st.integers(0, 2)),
    st.tuples(st.just("lose answer"), st.integers(0, 2)),
    st.tuples(st.just("offline"), st.integers(0, 2)),
    st.tuples(st.just("online"), st.integers(0, 2)),
)


def _run(squad: Squad, sequence: list[tuple[object, ...]]) -> None:
    for step in sequence:
        kind, who = step[0], int(step[1])  # type: ignore[call-overload]
        if kind == "edit":
            fields = OFFICER_FIELDS if who < 2 else LEAD_FIELDS
            squad.edit(who, int(step[2]), fields[int(step[3])], int(step[4]))  # type: ignore[call-overload]
        elif kind == "visit":
            squad.laptops[who].add_visit(squad.tasks[int(step[2])])  # type: ignore[call-overload]
        elif kind == "sync":
            squad.sync(who)
        elif kind == "lose answer":
            squad.sync(who, lose_answer=True)
        elif kind == "offline":
            squad.offline.add(who)
        else:
            squad.offline.discard(who)
    squad.offline.clear()
    settle(squad.laptops, rounds=2)


USERS = ("officer11", "officer12", "lead1")


class Template:
    """A seeded central database and the three laptops enrolled and synced with it, made once
    and copied for every example, so each example starts from the same state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        self.database = root / "central.db"
        seed(f"sqlite:///{self.database}")
        with _serving(self.database, root / "blobs") as url:
            laptops = [
                Laptop.enrolled(root / name, server_url=url, username=name) for name in USERS
            ]
            try:
                self._staff(laptops)
            finally:
                for laptop in laptops:
                    laptop.close()

    def _staff(self, laptops: list[Laptop]) -> None:
        lead = laptops[2]
        lead.sync()
        self.tasks = [
            key[1]
            for key, row in sorted(
                lead.snapshot().items(), key=lambda item: str(item[1].get("registration_no"))
            )
            if key[0] == "assignment" and row["squad_code"] == "S1" and row["status"] == "assigned"
        ][:TASKS]
        for task in self.tasks:
            lead.edit(
                "assignment",
                task,
                officer_id=laptops[0].user_id,
                second_officer_id=laptops[1].user_id,
            )
        settle(laptops, rounds=1)

    def copy(self, target: Path) -> Path:
        target.mkdir()
        with (
            sqlite3.connect(self.database) as source,
            sqlite3.connect(target / "central.db") as copy,
        ):
            source.backup(copy)
        source.close()
        copy.close()
        for name in USERS:
            shutil.copytree(self.root / name, target / name)
        return target / "central.db"


@contextlib.contextmanager
def _serving(database: Path, blobs: Path) -> Iterator[str]:
    url = f"sqlite:///{database}"
    central = open_central(url)
    server = EmbeddedServer(create_app(ServerSettings(db=url, blobs=blobs), central))
    try:
        yield server.start()
    finally:
        server.stop()
        central.dispose()


def test_random_offline_work_of_three_laptops_converges(tmp_path: Path) -> None:
    template = Template(tmp_path / "template")
    examples = itertools.count()
    offline_url = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        derandomize=True,
        database=None,
    )
    @given(st.lists(steps, min_size=1, max_size=12))
    def random_work(sequence: list[tuple[object, ...]]) -> None:
        folder = tmp_path / f"example-{next(examples)}"
        database = template.copy(folder)
        with _serving(database, folder / "blobs") as url:
            laptops = [Laptop.reopen(folder / name, server_url=url) for name in USERS]
            engine = central_engine(f"sqlite:///{database}")
            try:
                squad = Squad(laptops, template.tasks, baseline(engine), offline_url)
                _run(squad, sequence)
                check_all(engine, laptops, squad.seeded)
            finally:
                engine.dispose()
                for laptop in laptops:
                    laptop.close()
        shutil.rmtree(folder, ignore_errors=True)

    random_work()
