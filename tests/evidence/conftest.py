"""A central store and an officer's laptop with captured, synced, received evidence, shared
by the tests of a module (each tampers with copies, or with laptops of its own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldapp.services.evidence_capture import capture_file, capture_note
from fieldapp.services.evidence_demo import demo_scan, demo_video
from tests.support.evidence_world import EvidenceWorld, photo, start_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EvidenceWorld]:
    root = tmp_path_factory.mktemp("evidence")
    made = start_world(root)
    try:
        registration_no = made.own_assignments(1)[0]
        assignment_id = made.assignment_id(registration_no)
        actor = made.workspace.actor(made.enrolment.user_id)
        scratch = root / "scratch"
        scratch.mkdir()
        sources = [
            photo(scratch / "a.jpg", (200, 0, 0)),
            photo(scratch / "b.jpg", (0, 200, 0)),
            demo_video(scratch / "c.avi"),
            demo_scan(scratch / "d.pdf", font_path=None, title="scan"),
            photo(scratch / "e.jpg", (0, 0, 200)),
        ]
        for source in sources[:3]:
            capture_file(
                made.workspace.engine,
                assignment_id=assignment_id,
                source=source,
                actor=actor,
                blobs_dir=made.workspace.blobs_dir,
            )
        capture_note(made.workspace.engine, assignment_id=assignment_id, text="笔录", actor=actor)
        for source in sources[3:]:
            capture_file(
                made.workspace.engine,
                assignment_id=assignment_id,
                source=source,
                actor=actor,
                blobs_dir=made.workspace.blobs_dir,
            )
        made.sync()
        made.subject, made.assignment = registration_no, assignment_id
        yield made
    finally:
        made.close()
