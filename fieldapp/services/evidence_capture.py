"""Capturing evidence on the laptop: a file or a note becomes an immutable, chained item.

The Evidence tab calls these; each is one transaction (record, outbox op and chain entry
together). A file is streamed into the content store while its sha256 is computed, and only
then is the record written, so a confirmed capture never names a file that is not on disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.enums import EvidenceKind
from fieldapp.services.actor import Actor
from fieldapp.services.custody_chain import chain_entries_of
from fieldapp.services.evidence_files import kind_for, photo_facts, sniff_mime
from fieldapp.services.record_changes import insert_record
from fieldapp.storage.casework import Assignment
from fieldapp.storage.content_store import ContentStore, ContentStoreError
from fieldapp.storage.custody import HeldReceipt
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.local_tables import BlobUpload, Profile
from fieldapp.storage.types import utcnow

MAX_NOTE = 20_000
MAX_DESCRIPTION = 4_000


class CaptureRefused(ValueError):
    """A capture that cannot be made; the message is for the officer."""


@dataclass(frozen=True, slots=True)
class CapturedItem:
    """An evidence item as the window shows it."""

    id: str
    assignment_id: str
    kind: EvidenceKind
    sha256: str | None  # None for a note
    size: int | None
    mime: str
    original_name: str
    captured_at: datetime  # the laptop's clock, UTC
    clock_offset_s: float | None  # server time minus laptop time at the last contact
    exif_taken_at: datetime | None
    lat: float | None
    lon: float | None
    description: str
    corrects_id: str | None
    entry_hash: str | None


class CustodyState(StrEnum):
    LAPTOP_ONLY = "laptop_only"  # captured here, not yet received by the court's server
    RECEIVED = "received"  # received by the court's server (see received_at)
    FILE_MISSING = "file_missing"  # the record is on the server; its file has not arrived


@dataclass(frozen=True, slots=True)
class ItemCustody:
    item: CapturedItem
    state: CustodyState
    received_at: datetime | None  # from the server's signed receipt, when this laptop has it


def capture_file(
    engine: Engine,
    *,
    assignment_id: str,
    source: Path,
    actor: Actor,
    blobs_dir: Path,
    kind: EvidenceKind | None = None,
    visit_id: str | None = None,
    description: str = "",
    corrects_id: str | None = None,
    now: datetime | None = None,
) -> CapturedItem:
    """Copy ``source`` into the laptop's content store and record it as evidence.

    ``kind`` defaults from the file type (photo, video, audio, else document). EXIF time and
    GPS are read from photos. Raises CaptureRefused (unreadable, empty or missing file,
    unknown assignment, correction of an unknown item). Blocks on disk I/O for large
    files: call it from the BackgroundRunner, not the GUI thread.
    """
    _check_text(description, MAX_DESCRIPTION, "description")
    with engine.connect() as connection:
        _check_refs(connection, assignment_id, corrects_id)
    if not source.is_file():
        raise CaptureRefused(f"{source.name or source} is not a file that can be read")
    store = ContentStore(blobs_dir)
    try:
        stored = store.put_file(source)  # hashed while copied; fsynced before it is named
    except (OSError, ContentStoreError) as error:
        raise CaptureRefused(f"{source.name} could not be copied: {error}") from error
    if stored.size == 0:
        raise CaptureRefused(f"{source.name} is empty")
    kept = store.path(stored.sha256)
    with kept.open("rb") as handle:
        head = handle.read(64)
    mime = sniff_mime(head, source.name)
    chosen = kind or kind_for(mime)
    # Facts are read from the stored copy: the bytes that were hashed, not the source,
    # which could change meanwhile.
    facts = photo_facts(kept) if mime.startswith("image/") else None
    values = {
        "assignment_id": assignment_id,
        "visit_id": visit_id,
        "kind": chosen,
        "sha256": stored.sha256,
        "size": stored.size,
        "mime": mime,
        "original_name": source.name[:256],
        "exif_taken_at": facts.taken_at if facts else None,
        "lat": facts.lat if facts else None,
        "lon": facts.lon if facts else None,
        "description": description.strip(),
    }
    return _record(engine, values, actor=actor, corrects_id=corrects_id, now=now)


def capture_note(
    engine: Engine,
    *,
    assignment_id: str,
    text: str,
    actor: Actor,
    visit_id: str | None = None,
    corrects_id: str | None = None,
    now: datetime | None = None,
) -> CapturedItem:
    """Record a written note as evidence (no file). Raises CaptureRefused for empty text."""
    if not isinstance(text, str) or not text.strip():
        raise CaptureRefused("a note needs some text")
    _check_text(text, MAX_NOTE, "note")
    with engine.connect() as connection:
        _check_refs(connection, assignment_id, corrects_id)
    values = {
        "assignment_id": assignment_id,
        "visit_id": visit_id,
        "kind": EvidenceKind.NOTE,
        "sha256": None,
        "size": None,
        "mime": "text/plain",
        "original_name": "",
        "exif_taken_at": None,
        "lat": None,
        "lon": None,
        "description": text.strip(),
    }
    return _record(engine, values, actor=actor, corrects_id=corrects_id, now=now)


def _check_text(text: str, limit: int, what: str) -> None:
    if not isinstance(text, str):
        raise CaptureRefused(f"the {what} must be text")
    if len(text) > limit:
        raise CaptureRefused(f"the {what} is longer than {limit} characters")
    if "\x00" in text:
        raise CaptureRefused(f"the {what} contains a NUL character")


def _check_refs(connection: Connection, assignment_id: str, corrects_id: str | None) -> None:
    found = connection.execute(select(Assignment.id).where(Assignment.id == assignment_id))
    if found.first() is None:
        raise CaptureRefused("this laptop has no such assignment")
    if corrects_id is None:
        return
    corrected = connection.execute(
        select(EvidenceItem.assignment_id).where(EvidenceItem.id == corrects_id)
    ).first()
    if corrected is None:
        raise CaptureRefused("the item to correct is not on this laptop")
    if corrected[0] != assignment_id:
        raise CaptureRefused("a correction belongs to the same assignment as the item it corrects")


def _record(
    engine: Engine,
    values: dict[str, Any],
    *,
    actor: Actor,
    corrects_id: str | None,
    now: datetime | None,
) -> CapturedItem:
    with engine.connect() as connection:
        offset = connection.execute(select(Profile.clock_offset_s)).scalar()
    record_id = insert_record(
        engine,
        "evidence_item",
        {
            **values,
            "captured_at": now or utcnow(),
            "captured_by": actor.user_id,
            "clock_offset_s": offset,
            "corrects_id": corrects_id,
        },
        actor=actor,
    )
    with engine.connect() as connection:
        row = connection.execute(select(EvidenceItem).where(EvidenceItem.id == record_id)).one()
    return _item(row)


def _item(row: Any) -> CapturedItem:
    return CapturedItem(
        id=row.id,
        assignment_id=row.assignment_id,
        kind=row.kind,
        sha256=row.sha256,
        size=row.size,
        mime=row.mime,
        original_name=row.original_name,
        captured_at=row.captured_at,
        clock_offset_s=row.clock_offset_s,
        exif_taken_at=row.exif_taken_at,
        lat=row.lat,
        lon=row.lon,
        description=row.description,
        corrects_id=row.corrects_id,
        entry_hash=row.entry_hash,
    )


def custody_of_assignment(engine: Engine, assignment_id: str) -> list[ItemCustody]:
    """Every evidence item of an assignment, oldest first, with where its custody stands.

    Items this laptop captured: received when a receipt of the server names their chain
    entry (with its time); with a file, "file missing" until the server has confirmed the
    file. Items pulled from the server were received by definition; their receipt and file
    upload are known to the laptop that captured them (received_at is None here).
    """
    with engine.connect() as connection:
        rows = connection.execute(
            select(EvidenceItem)
            .where(EvidenceItem.assignment_id == assignment_id, EvidenceItem.deleted.is_(False))
            .order_by(EvidenceItem.captured_at, EvidenceItem.id)
        ).all()
        entries = chain_entries_of(connection, [("evidence_item", row.id) for row in rows])
        uploaded = _uploaded(connection, [row.sha256 for row in rows if row.sha256])
        receipts = _receipt_times(connection, [entry.seq for entry in entries.values()])
    result = []
    for row in rows:
        item = _item(row)
        entry = entries.get(("evidence_item", row.id))
        if entry is not None:
            received_at = receipts.get((entry.seq, entry.entry_hash))
            if received_at is None:
                result.append(ItemCustody(item, CustodyState.LAPTOP_ONLY, None))
                continue
            has_file = row.sha256 is None or row.sha256 in uploaded
            state = CustodyState.RECEIVED if has_file else CustodyState.FILE_MISSING
            result.append(ItemCustody(item, state, received_at))
        elif row.version == 0:
            result.append(ItemCustody(item, CustodyState.LAPTOP_ONLY, None))
        else:
            result.append(ItemCustody(item, CustodyState.RECEIVED, None))
    return result


def _uploaded(connection: Connection, hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    query = select(BlobUpload.sha256).where(BlobUpload.sha256.in_(hashes), BlobUpload.done)
    return set(connection.execute(query).scalars())


def _receipt_times(connection: Connection, seqs: list[int]) -> dict[tuple[int, str], datetime]:
    """(seq, entry hash) → when the server received it, from the receipts held."""
    if not seqs:
        return {}
    query = select(HeldReceipt.received_at, HeldReceipt.body).where(
        HeldReceipt.last_seq >= min(seqs), HeldReceipt.first_seq <= max(seqs)
    )
    times: dict[tuple[int, str], datetime] = {}
    wanted = set(seqs)
    for received_at, body in connection.execute(query):
        for seq, digest in json.loads(body)["entries"]:
            if seq in wanted:
                times.setdefault((seq, digest), received_at)
    return times
