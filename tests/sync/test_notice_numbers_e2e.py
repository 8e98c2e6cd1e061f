"""Document numbers offline: two laptops that synced get disjoint blocks from the central store,
issue notices of the same case without a network, and never give out the same number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.services.changes import OutboxSink
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.notices_issue import issue, prepare
from fieldapp.services.notices_numbers import remaining_numbers
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.fieldwork import Notice
from fieldapp.sync.client import CentralClient
from fieldapp.sync.engine import SyncEngine, SyncReport
from fieldapp.sync.enrolment import enrol
from tests.support.central import cheap_argon2

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'central.sqlite'}", blobs=tmp_path / "b")
    engine = open_central(settings.db)
    with cheap_argon2():
        seed_central(engine, now=NOW)
        running = EmbeddedServer(create_app(settings, engine))
        url = running.start()
        try:
            yield url
        finally:
            running.stop()
            engine.dispose()


def laptop(url: str, folder: Path, username: str) -> tuple[Workspace, str]:
    workspace = open_workspace(folder)
    enrolment = enrol(
        workspace.engine,
        server_url=url,
        username=username,
        password=DEMO_PASSWORD,
        device_id=workspace.device_id,
    )
    return workspace, enrolment.token


def sync(url: str, workspace: Workspace, token: str) -> SyncReport:
    with CentralClient(url, token) as client:
        return SyncEngine(workspace.engine, client, workspace.device_id).run()


def busiest_case(workspace: Workspace) -> tuple[str, str]:
    """The case with the most open tasks on this laptop, and one of its tasks."""
    with workspace.engine.connect() as connection:
        row = connection.execute(
            select(Case.case_number, func.min(Assignment.id))
            .join(Assignment, Assignment.case_id == Case.id)
            .where(Assignment.status.in_(["assigned", "in_progress"]))
            .group_by(Case.case_number)
            .order_by(func.count().desc(), Case.case_number)
            .limit(1)
        ).one()
    return row[0], row[1]


def test_two_offline_laptops_never_issue_the_same_number(server: str, tmp_path: Path) -> None:
    first, first_token = laptop(server, tmp_path / "a", "officer11")
    second, second_token = laptop(server, tmp_path / "b", "officer12")
    for workspace, token in ((first, first_token), (second, second_token)):
        report = sync(server, workspace, token)
        assert report.numbers_leased > 0
    case_number, task = busiest_case(first)
    with first.engine.connect() as connection:
        assert remaining_numbers(connection).get(case_number, 0) > 0
    issued: list[str] = []
    # Offline now: each laptop issues three notices of the same case from its own blocks.
    for workspace in (first, second):
        for _ in range(3):
            draft = prepare(workspace.engine, "execution_notice", assignment_id=task)
            notice = issue(
                workspace.engine,
                draft,
                actor=workspace.actor(),
                now=NOW,
                changes=OutboxSink(),
                blobs_dir=workspace.blobs_dir,
            )
            issued.append(notice.document_number)
    assert len(set(issued)) == 6, issued
    assert all(number.startswith(case_number + "之") for number in issued)
    # Back online: the central store takes all six; none collides with another.
    for workspace, token in ((first, first_token), (second, second_token)):
        report = sync(server, workspace, token)
        assert report.rejected == 0, report.summary()
    sync(server, first, first_token)  # brings the second laptop's notices
    with first.engine.connect() as connection:
        numbers = set(connection.execute(select(Notice.document_number)).scalars())
    assert set(issued) <= numbers
    first.close()
    second.close()
