"""Capturing on the laptop: files hashed while copied, EXIF read, notes, corrections; every
append-only record chained where it is written; bad input refused with a reason."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from fieldapp.domain.enums import AssignmentStatus, EvidenceKind, VisitOutcome
from fieldapp.evidence.canonical import GENESIS
from fieldapp.evidence.chain import ChainEntry, first_break
from fieldapp.evidence.keys import SigningKey
from fieldapp.services.actor import Actor
from fieldapp.services.custody_chain import chain_head, ensure_signing_key
from fieldapp.services.evidence_capture import (
    CaptureRefused,
    CustodyState,
    capture_file,
    capture_note,
    custody_of_assignment,
)
from fieldapp.services.evidence_demo import demo_scan, demo_video, seed_demo_evidence
from fieldapp.services.record_changes import insert_record
from fieldapp.storage.casework import Assignment
from fieldapp.storage.custody import ChainLink, SigningKeyRow
from fieldapp.storage.fieldwork import EvidenceItem
from tests.support.evidence_world import photo
from tests.support.notice_data import ACTOR, NOW, demo_engine


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return demo_engine(tmp_path / "db")


def _assignment(engine: Engine, index: int = 0) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                select(Assignment.id).order_by(Assignment.registration_no).offset(index).limit(1)
            ).scalar_one()
        )


def test_a_photo_is_stored_by_its_hash_with_its_exif(engine: Engine, tmp_path: Path) -> None:
    source = photo(tmp_path / "门口.jpg", (10, 20, 30), taken="2026:11:20 09:15:00")
    item = capture_file(
        engine,
        assignment_id=_assignment(engine),
        source=source,
        actor=ACTOR,
        blobs_dir=tmp_path / "blobs",
        description="门口",
        now=NOW,
    )
    data = source.read_bytes()
    assert item.sha256 == hashlib.sha256(data).hexdigest()
    assert item.size == len(data)
    assert (tmp_path / "blobs" / item.sha256[:2] / item.sha256).read_bytes() == data
    assert (item.kind, item.mime, item.original_name) == (
        EvidenceKind.PHOTO,
        "image/jpeg",
        "门口.jpg",
    )
    assert item.exif_taken_at is not None
    assert item.exif_taken_at.isoformat() == "2026-11-20T01:15:00+00:00"  # 09:15 in Guiyang
    assert item.lat == pytest.approx(26.570139, abs=1e-5)
    assert item.lon == pytest.approx(106.708333, abs=1e-5)
    assert item.captured_at == NOW
    assert item.entry_hash is not None


def test_types_are_told_by_content(engine: Engine, tmp_path: Path) -> None:
    assignment = _assignment(engine)
    video = demo_video(tmp_path / "clip.bin")
    scan = demo_scan(tmp_path / "scan", font_path=None, title="x")
    kinds = [
        capture_file(engine, assignment_id=assignment, source=s, actor=ACTOR, blobs_dir=tmp_path)
        for s in (video, scan)
    ]
    assert [(k.kind, k.mime) for k in kinds] == [
        (EvidenceKind.VIDEO, "video/x-msvideo"),
        (EvidenceKind.DOCUMENT, "application/pdf"),
    ]


def test_notes_and_corrections(engine: Engine) -> None:
    assignment = _assignment(engine)
    note = capture_note(engine, assignment_id=assignment, text="  被执行人不在家  ", actor=ACTOR)
    fixed = capture_note(
        engine, assignment_id=assignment, text="被执行人外出", actor=ACTOR, corrects_id=note.id
    )
    assert (note.description, note.sha256, note.kind) == ("被执行人不在家", None, EvidenceKind.NOTE)
    assert fixed.corrects_id == note.id
    states = custody_of_assignment(engine, assignment)
    assert [s.item.id for s in states] == [note.id, fixed.id]
    assert {s.state for s in states} == {CustodyState.LAPTOP_ONLY}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"source": "missing"}, "not a file"),
        ({"source": "folder"}, "not a file"),
        ({"source": "empty"}, "is empty"),
        ({"assignment_id": "nope"}, "no such assignment"),
        ({"corrects_id": "nope"}, "not on this laptop"),
        ({"description": "x" * 5000}, "longer than"),
        ({"description": "a\x00b"}, "NUL"),
    ],
)
def test_bad_captures_are_refused_and_record_nothing(
    engine: Engine, tmp_path: Path, change: dict[str, str], reason: str
) -> None:
    sources = {"missing": tmp_path / "none.jpg", "folder": tmp_path, "empty": tmp_path / "e.jpg"}
    (tmp_path / "e.jpg").write_bytes(b"")
    arguments = {
        "assignment_id": _assignment(engine),
        "source": photo(tmp_path / "ok.jpg", (1, 1, 1)),
        "description": "",
        "corrects_id": None,
        **change,
    }
    arguments["source"] = sources.get(str(arguments["source"]), arguments["source"])
    with pytest.raises(CaptureRefused, match=reason):
        capture_file(engine, actor=ACTOR, blobs_dir=tmp_path / "blobs", **arguments)  # type: ignore[arg-type]
    with engine.connect() as connection:
        assert connection.execute(select(EvidenceItem.id)).first() is None
        assert connection.execute(select(ChainLink.seq)).first() is None


@pytest.mark.parametrize("text", ["", "   ", "x" * 20_001])
def test_bad_notes_are_refused(engine: Engine, text: str) -> None:
    with pytest.raises(CaptureRefused):
        capture_note(engine, assignment_id=_assignment(engine), text=text, actor=ACTOR)


def test_a_hostile_image_still_captures_without_exif(engine: Engine, tmp_path: Path) -> None:
    source = tmp_path / "bomb.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe1" + os.urandom(4000))  # a JPEG head, garbage after
    item = capture_file(
        engine, assignment_id=_assignment(engine), source=source, actor=ACTOR, blobs_dir=tmp_path
    )
    assert (item.kind, item.exif_taken_at, item.lat) == (EvidenceKind.PHOTO, None, None)


def test_every_append_only_record_is_chained_where_it_is_written(engine: Engine) -> None:
    assignment = _assignment(engine)
    capture_note(engine, assignment_id=assignment, text="一", actor=ACTOR)
    visit = insert_record(
        engine,
        "visit_attempt",
        {"assignment_id": assignment, "arrived_at": NOW, "outcome": VisitOutcome.NOT_AT_HOME},
        actor=ACTOR,
    )
    with engine.connect() as connection:
        links = connection.execute(select(ChainLink).order_by(ChainLink.seq)).all()
        public_key = connection.execute(select(SigningKeyRow.public_key)).scalar_one()
        head = chain_head(connection)
    assert [(link.seq, link.entity) for link in links] == [
        (1, "evidence_item"),
        (2, "visit_attempt"),
    ]
    assert links[1].record_id == visit
    assert links[0].prev_hash == GENESIS
    assert head.seq == 2
    entries = [
        ChainEntry(row.seq, row.entity, row.record_id, row.prev_hash, row.entry_hash, row.signature)
        for row in links
    ]
    assert first_break(public_key, entries) is None
    assert first_break(SigningKey.generate().public_key, entries) is not None


def test_the_key_is_kept_once_with_the_database_closed_to_others(tmp_path: Path) -> None:
    engine = demo_engine(tmp_path / "db", seed=False)
    first = ensure_signing_key(engine)
    assert ensure_signing_key(engine) == first
    mode = stat.S_IMODE((tmp_path / "db" / "laptop.sqlite").stat().st_mode)
    assert mode == 0o600


def test_demo_evidence_is_quick_and_made_once(engine: Engine, tmp_path: Path) -> None:
    with engine.connect() as connection:  # an officer with tasks under way
        officer = (
            connection.execute(
                select(Assignment.officer_id)
                .where(Assignment.status == AssignmentStatus.IN_PROGRESS)
                .order_by(Assignment.registration_no)
            )
            .scalars()
            .first()
        )
    # Anyone without open tasks of their own (a lead, the registrar) gets none.
    assert seed_demo_evidence(engine, tmp_path / "blobs", ACTOR, scratch=tmp_path / "s0") == []
    actor = Actor(user_id=officer, device_id="laptop-a")
    chosen = seed_demo_evidence(engine, tmp_path / "blobs", actor, scratch=tmp_path / "scratch")
    assert len(chosen) == 3
    with engine.connect() as connection:  # on the officer's own open tasks, none done
        tasks = connection.execute(
            select(Assignment.officer_id, Assignment.second_officer_id, Assignment.status).where(
                Assignment.registration_no.in_(chosen)
            )
        ).all()
    assert all(officer in (main, second) for main, second, _ in tasks)
    assert {status for *_, status in tasks} <= {
        AssignmentStatus.IN_PROGRESS,
        AssignmentStatus.ASSIGNED,
    }
    with engine.connect() as connection:
        kinds = sorted(connection.execute(select(EvidenceItem.kind)).scalars())
    assert kinds.count(EvidenceKind.PHOTO) == 6
    assert EvidenceKind.VIDEO in kinds
    assert EvidenceKind.DOCUMENT in kinds
    assert seed_demo_evidence(engine, tmp_path / "blobs", actor, scratch=tmp_path / "s2") == []
