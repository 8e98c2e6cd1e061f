"""Sync through failures, against the real central store process (SQLite and PostgreSQL):
replayed pushes, answers lost after the server committed, laptops and the server killed with
SIGKILL at the worst moments, a link that drops, delays and resets connections, and a file
upload cut at a random byte and resumed. Nothing acknowledged is lost, nothing is doubled,
and every laptop ends with the server's state."""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from fieldapp.server.changelog import CHANGE_LOG, counter
from fieldapp.storage.central_tables import AppliedOp
from fieldapp.sync.client import SyncError, Unreachable
from fieldapp.sync.protocol import API, PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER
from fieldapp.sync.protocol import SCHEMA_VERSION as SCHEMA
from tests.support.fault_proxy import DOWN, UP, Chaos, FaultProxy, Rule, request_bodies
from tests.support.laptops import Laptop
from tests.support.sync_world import World

PUSH = b"POST /api/v1/sync/push"
CHUNK = 64 * 1024
WAIT_S = 60.0


def _crew(world: World, tasks: int = 2) -> tuple[Laptop, Laptop, Laptop, list[str]]:
    """lead1, officer11 and officer12, with ``tasks`` S1 tasks given to both officers."""
    lead = world.laptop("lead1")
    first, second = world.laptop("officer11"), world.laptop("officer12")
    ids = world.assignments("S1", "in_progress")[:tasks]
    for assignment_id in ids:
        lead.edit(
            "assignment", assignment_id, officer_id=first.user_id, second_officer_id=second.user_id
        )
    assert lead.sync().applied == tasks
    world.settle()
    return lead, first, second, ids


def _server_ops(world: World, laptop: Laptop) -> int:
    with world.engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).where(AppliedOp.device_id == laptop.device_id)
            ).scalar_one()
        )


def _visits(world: World) -> int:
    return len(world.rows("visit_attempt"))


class _RecordPushes(httpx.BaseTransport):
    """Sends requests on, keeping the exact bytes of every push."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.pushes: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push"):
            self.pushes.append(request.read())
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_replayed_push_and_pushes_whose_answer_was_lost_apply_once(world: World) -> None:
    _, officer, colleague, (task, _) = _crew(world)
    officer.edit("assignment", task, result="met the debtor")
    officer.add_visit(task)
    recorder = _RecordPushes()
    first = officer.sync(transport=recorder)
    assert (first.applied, first.duplicates) == (2, 0)
    with world.engine.connect() as connection:
        logged = counter(connection, CHANGE_LOG)
    ops, visits = _server_ops(world, officer), _visits(world)

    # The identical request again, byte for byte.
    replay = httpx.post(
        f"{world.central.url}{API}/sync/push",
        content=recorder.pushes[0],
        headers={
            "Authorization": f"Bearer {officer.enrolment.token}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: str(SCHEMA),
            "Content-Type": "application/json",
        },
        timeout=WAIT_S,
    )
    assert replay.status_code == 200
    answers = replay.json()["results"]
    assert [a["status"] for a in answers] == ["duplicate", "duplicate"]
    assert [a["original_status"] for a in answers] == ["applied", "applied"]
    assert [a["version"] for a in answers] == [op["result_version"] for op in officer.outbox()[-2:]]
    with world.engine.connect() as connection:
        assert counter(connection, CHANGE_LOG) == logged
    assert (_server_ops(world, officer), _visits(world)) == (ops, visits)

    # A push cut after the server committed, before the laptop read the answer: one that
    # applies, and one that is a conflict (the colleague edits the same field).
    with FaultProxy(world.central.port) as proxy:
        cut_officer = proxy.add_rule(Rule(PUSH, DOWN, after=0, action="reset"))
        officer.edit("assignment", task, result="met the debtor again")
        officer.add_visit(task)
        with pytest.raises(Unreachable):
            officer.sync(url=proxy.url)
        assert cut_officer.hit.is_set()
        assert _server_ops(world, officer) == ops + 2  # committed …
        assert len(officer.pending()) == 2  # … but not known to the laptop
        cut_colleague = proxy.add_rule(Rule(PUSH, DOWN, after=0, action="close"))
        colleague.edit("assignment", task, result="nobody at home")
        with pytest.raises(Unreachable):
            colleague.sync(url=proxy.url)
        assert cut_colleague.hit.is_set()
    again = officer.sync()
    assert (again.applied, again.duplicates) == (0, 2)
    assert colleague.sync().duplicates == 1
    assert colleague.outbox()[-1]["state"].value == "conflict"
    assert _visits(world) == visits + 1
    world.settle()
    assert colleague.row("assignment", task)["result"] == "met the debtor again"  # type: ignore[index]
    world.check()


def test_a_laptop_killed_right_after_a_local_commit_loses_nothing(world: World) -> None:
    _, officer, _, (task, _) = _crew(world)
    visit = {
        "assignment_id": task,
        "arrived_at": "2026-11-27T02:00:00.000000+00:00",
        "outcome": "met",
        "officer_ids": [officer.user_id],
        "notes": "recorded just before the crash",
    }
    assert officer.commit_and_die(
        edits=[("assignment", task, {"result": "typed just before the crash"})],
        inserts=[("visit_attempt", visit)],
    )
    assert [op["kind"].value for op in officer.pending()] == ["update", "insert"]
    assert officer.row("assignment", task)["result"] == "typed just before the crash"  # type: ignore[index]

    child = officer.sync_process()
    output, _ = child.communicate(timeout=WAIT_S * 2)
    assert child.returncode == 0, output
    assert b"applied 2" in output
    assert officer.pending() == []
    world.settle()
    world.check()


def test_a_laptop_killed_while_its_push_is_answered_resends_it_as_duplicates(
    world: World,
) -> None:
    _, officer, _, (task, _) = _crew(world)
    officer.edit("assignment", task, result="seized the car")
    officer.add_visit(task)
    visits = _visits(world)
    with FaultProxy(world.central.port) as proxy:
        held = proxy.add_rule(Rule(PUSH, DOWN, after=0, action="stall"))
        officer.point_at(proxy.url)
        child = officer.sync_process()
        try:
            assert held.wait_hit(WAIT_S), "the push never reached the server"
            assert _server_ops(world, officer) == 2  # the server committed; the answer waits
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.communicate(timeout=WAIT_S)
    assert child.returncode == -signal.SIGKILL
    assert len(officer.pending()) == 2
    officer.point_at(world.central.url)
    report = officer.sync()
    assert (report.applied, report.duplicates) == (0, 2)
    assert _visits(world) == visits + 1
    world.settle()
    world.check()


def test_the_server_killed_in_the_middle_of_a_push_loses_and_doubles_nothing(
    world: World,
) -> None:
    _, officer, colleague, (task, other) = _crew(world)
    visits = _visits(world)
    with FaultProxy(world.central.port) as proxy, ThreadPoolExecutor(1) as background:
        # While the server reads the request: nothing was committed.
        officer.edit("assignment", task, result="found the debtor")
        officer.add_visit(task)
        reading = proxy.add_rule(Rule(PUSH, UP, after=40, action="stall"))
        pushing = background.submit(officer.sync, url=proxy.url)
        assert reading.wait_hit(WAIT_S)
        world.central.kill()
        with pytest.raises(SyncError):
            pushing.result(timeout=WAIT_S)
        world.central.start()
        assert _server_ops(world, officer) == 0
        assert len(officer.pending()) == 2
        assert officer.sync().applied == 2

        # After it committed, before the answer left: the ops are there once.
        colleague.edit("assignment", other, lat=26.61)
        colleague.add_visit(other)
        answering = proxy.add_rule(Rule(PUSH, DOWN, after=0, action="stall"))
        pushing = background.submit(colleague.sync, url=proxy.url)
        assert answering.wait_hit(WAIT_S)
        world.central.kill()
        with pytest.raises(SyncError):
            pushing.result(timeout=WAIT_S)
        world.central.start()
    assert _server_ops(world, colleague) == 2
    report = colleague.sync()
    assert (report.applied, report.duplicates) == (0, 2)
    assert _visits(world) == visits + 2
    world.settle()
    world.check()


def test_connections_dropped_delayed_and_reset_at_random(world: World) -> None:
    lead, first, second, tasks = _crew(world, tasks=3)
    chaos = Chaos(seed=20261127, max_faults=24, window_s=120.0)
    failures = 0
    with FaultProxy(world.central.port, chaos=chaos) as proxy:
        for round_no in range(3):
            shared, mine, theirs = tasks[round_no % 3], tasks[(round_no + 1) % 3], tasks[2]
            first.edit("assignment", shared, result=f"first, round {round_no}")
            first.edit("assignment", mine, lat=26.5 + round_no / 100)
            first.add_visit(shared)
            second.edit("assignment", shared, result=f"second, round {round_no}")
            second.edit("assignment", theirs, lon=106.6 + round_no / 100)
            second.add_visit(theirs)
            lead.edit("assignment", shared, notes=f"lead, round {round_no}")
            for laptop in (second, lead, first) if round_no % 2 else (first, lead, second):
                failures += len(laptop.sync_until_done(url=proxy.url))
        assert proxy.faults, "the proxy injected no fault"
        assert failures > 0, f"no sync failed despite {proxy.faults}"
        proxy.calm()
        for laptop in world.laptops:
            laptop.sync_until_done(url=proxy.url)
    world.settle()
    assert all(laptop.pending() == [] for laptop in world.laptops)
    world.check()


def _settled_offset(world: World, laptop: Laptop, sha256: str) -> int:
    """The bytes of a blob the server holds, once the cut request has finished there."""
    headers = {"Authorization": f"Bearer {laptop.enrolment.token}"}
    headers |= {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA)}
    seen: list[int] = []
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        answer = httpx.head(f"{world.central.url}{API}/blobs/{sha256}", headers=headers)
        assert answer.status_code == 404  # not complete
        seen.append(int(answer.headers["Upload-Offset"]))
        if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
            return seen[-1]
        time.sleep(0.1)
    raise AssertionError(f"the server's offset never settled: {seen[-5:]}")


def test_a_blob_upload_cut_at_a_random_byte_resumes_where_the_server_stopped(
    world: World, tmp_path: Path
) -> None:
    _, officer, colleague, (task, _) = _crew(world)
    chance = random.Random(4242)
    content = chance.randbytes(300_000)
    evidence, sha = officer.add_evidence(task, content, scratch=tmp_path / "IMG_0001.jpg")
    # A random byte past the first chunk: the chunks before it were answered, so the server
    # has confirmed at least those — and perhaps part of the chunk that was cut.
    cut = chance.randrange(CHUNK + 1, len(content))
    answered = cut // CHUNK * CHUNK
    marker = f"Upload-Offset: {answered}\r\n".encode()
    with FaultProxy(world.central.port, record=True) as proxy:
        cutting = proxy.add_rule(Rule(marker, UP, after=cut - answered, action="close"))
        with pytest.raises(Unreachable):
            officer.sync(url=proxy.url, chunk_size=CHUNK)
        assert cutting.hit.is_set()
        confirmed = _settled_offset(world, officer, sha)
        assert answered <= confirmed <= cut
        # The record is on the server; its file is pending on the other laptop.
        assert world.row("evidence_item", evidence) is not None
        early = colleague.sync()
        assert colleague.row("evidence_item", evidence) is not None
        assert early.files_down == 0
        assert early.errors
        assert not colleague.store.has(sha)

        proxy.delivered.clear()
        resumed = officer.sync(url=proxy.url, chunk_size=CHUNK)
        delivered = [
            (line, size)
            for stream in proxy.delivered.values()
            for line, size in request_bodies(bytes(stream))
            if line.startswith("PATCH ")
        ]
    assert resumed.files_up == 1
    assert resumed.bytes_up == len(content) - confirmed  # counted by the laptop …
    assert sum(size for _, size in delivered) == len(content) - confirmed  # … and on the wire
    assert len(delivered) == -(-(len(content) - confirmed) // CHUNK)
    fetched = colleague.sync()
    assert fetched.files_down == 1
    assert not fetched.errors
    assert colleague.store.path(sha).read_bytes() == content
    world.settle()
    world.check()
