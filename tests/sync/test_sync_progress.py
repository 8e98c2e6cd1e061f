"""The engine's progress reports, which the window's status bar shows: ops sent, records
received, and the bytes of files sent counted up to their total."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.sync.engine import SyncEngine
from tests.support.sync_world import World


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


def test_progress_counts_ops_records_and_file_bytes(world: World, tmp_path: Path) -> None:
    officer = world.laptop("officer11")
    task_id = str(world.rows("assignment", officer_id=officer.user_id)[0]["id"])
    content = bytes(range(256)) * 4096  # 1 MiB
    officer.add_evidence(task_id, content, scratch=tmp_path / "photo.jpg")
    officer.add_visit(task_id)
    seen: list[tuple[str, int, int]] = []
    with officer.client() as client:
        report = SyncEngine(
            officer.engine,
            client,
            officer.device_id,
            officer.store,
            chunk_size=256 << 10,
            progress=lambda phase, done, total: seen.append((phase, done, total)),
        ).run()
    assert report.files_up == 1
    assert ("push", 2, 0) in seen
    sent = [(done, total) for phase, done, total in seen if phase == "files up"]
    assert len(sent) >= 4  # one report a piece, not one at the end
    assert [done for done, _ in sent] == sorted(done for done, _ in sent)
    assert sent[-1] == (len(content), len(content))
    assert {total for _, total in sent} == {len(content)}
    assert any(phase == "pull" for phase, _, _ in seen)
