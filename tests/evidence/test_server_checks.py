"""The central store refuses broken chain entries with a reason the officer can read (and
audit-logs them); a tampered file never lands. Each test tampers with a laptop of its own."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, text, update

from fieldapp.evidence.canonical import canonical_bytes, entry_hash
from fieldapp.evidence.keys import ENTRY_CONTEXT, SigningKey
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.evidence_capture import CustodyState, capture_file, custody_of_assignment
from fieldapp.storage.central_tables import AuditEntry, Blob
from fieldapp.storage.custody import ChainLink, ReceivedEntry
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.sync.client import SyncError
from fieldapp.sync.enrolment import enrol
from tests.support.central import cheap_argon2
from tests.support.evidence_world import EvidenceWorld, photo
from tests.support.laptops import Laptop


@pytest.fixture
def laptop(world: EvidenceWorld, tmp_path: Path) -> Iterator[Laptop]:
    made = Laptop.enrolled(tmp_path / "laptop", server_url=world.url, username="officer11")
    try:
        made.sync()
        yield made
    finally:
        made.close()


def _capture(laptop: Laptop, world: EvidenceWorld, tmp_path: Path, count: int) -> list[str]:
    ids = []
    for number in range(count):
        item = capture_file(
            laptop.engine,
            assignment_id=world.assignment,
            source=photo(tmp_path / f"{number}.jpg", tuple(os.urandom(3))),  # a new file
            actor=laptop.workspace.actor(laptop.user_id),
            blobs_dir=laptop.workspace.blobs_dir,
        )
        ids.append(item.id)
    return ids


def _rejections(laptop: Laptop) -> list[str]:
    with laptop.engine.connect() as connection:
        return list(
            connection.execute(
                select(OutboxOp.last_error)
                .where(OutboxOp.state == "rejected")
                .order_by(OutboxOp.seq)
            ).scalars()
        )


def _audited(world: EvidenceWorld, laptop: Laptop) -> str:
    with world.central.connect() as connection:
        details = connection.execute(
            select(AuditEntry.detail).where(
                AuditEntry.event == "ops_rejected", AuditEntry.device_id == laptop.device_id
            )
        ).scalars()
        return " | ".join(details)


def _refused(world: EvidenceWorld, laptop: Laptop, reason: str) -> None:
    laptop.sync()
    rejected = _rejections(laptop)
    assert rejected, "nothing was rejected"
    assert reason in rejected[0], rejected
    assert reason in _audited(world, laptop)


def test_a_record_field_edited(world: EvidenceWorld, laptop: Laptop, tmp_path: Path) -> None:
    (item,) = _capture(laptop, world, tmp_path, 1)
    with laptop.engine.begin() as connection:
        connection.execute(
            update(EvidenceItem).where(EvidenceItem.id == item).values(description="改过的")
        )
    _refused(world, laptop, "was changed after it was signed")


def test_an_entry_removed_from_the_middle(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path
) -> None:
    _capture(laptop, world, tmp_path, 3)
    with laptop.engine.begin() as connection:  # op 2 gone, the later ones renumbered to fit
        seqs = sorted(connection.execute(select(OutboxOp.seq)).scalars())
        connection.execute(text("DELETE FROM outbox WHERE seq = :s"), {"s": seqs[-2]})
        connection.execute(text("UPDATE outbox SET seq = seq - 1 WHERE seq = :s"), {"s": seqs[-1]})
    _refused(world, laptop, "an entry was removed")


def test_two_entries_swapped(world: EvidenceWorld, laptop: Laptop, tmp_path: Path) -> None:
    _capture(laptop, world, tmp_path, 2)
    with laptop.engine.begin() as connection:
        first, second = sorted(connection.execute(select(OutboxOp.seq)).scalars())[-2:]
        connection.execute(text("UPDATE outbox SET seq = -1 WHERE seq = :s"), {"s": first})
        connection.execute(
            text("UPDATE outbox SET seq = :a WHERE seq = :b"), {"a": first, "b": second}
        )
        connection.execute(text("UPDATE outbox SET seq = :a WHERE seq = -1"), {"a": second})
    _refused(world, laptop, "never arrived")


def test_the_tail_cut_off_and_rewritten(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path
) -> None:
    ids = _capture(laptop, world, tmp_path, 2)
    laptop.sync()  # both received, with a receipt
    with laptop.engine.begin() as connection:  # the last one cut off the laptop's chain…
        connection.execute(ChainLink.__table__.delete().where(ChainLink.record_id == ids[1]))
    (tmp_path / "again").mkdir()
    _capture(laptop, world, tmp_path / "again", 1)  # …and a new entry made in its place
    _refused(world, laptop, "was received before with other content")


def test_an_entry_signed_by_another_key(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path
) -> None:
    (item,) = _capture(laptop, world, tmp_path, 1)
    stranger = SigningKey.generate()
    with laptop.engine.begin() as connection:
        link = connection.execute(select(ChainLink).where(ChainLink.record_id == item)).one()
        forged = stranger.sign(ENTRY_CONTEXT, bytes.fromhex(link.entry_hash))
        connection.execute(
            update(ChainLink).where(ChainLink.record_id == item).values(signature=forged)
        )
        connection.execute(
            update(EvidenceItem).where(EvidenceItem.id == item).values(signature=forged)
        )
    _refused(world, laptop, "is not signed by this laptop's registered key")


def test_a_record_and_its_hash_edited_to_match_an_altered_file(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path
) -> None:
    (item,) = _capture(laptop, world, tmp_path, 1)
    other = io.BytesIO()
    Image.new("RGB", (50, 50), (5, 5, 5)).save(other, "JPEG")
    stored = laptop.store.put_bytes(other.getvalue())
    with laptop.engine.begin() as connection:
        connection.execute(
            update(EvidenceItem)
            .where(EvidenceItem.id == item)
            .values(sha256=stored.sha256, size=stored.size)
        )
        row = dict(
            connection.execute(select(EvidenceItem).where(EvidenceItem.id == item)).one()._mapping
        )
        link = connection.execute(select(ChainLink).where(ChainLink.record_id == item)).one()
        canonical = canonical_bytes("evidence_item", link.seq, row)
        digest = entry_hash(link.prev_hash, canonical)
        connection.execute(
            update(ChainLink)
            .where(ChainLink.record_id == item)
            .values(entry_hash=digest, canonical=canonical.decode())
        )
        connection.execute(
            update(EvidenceItem).where(EvidenceItem.id == item).values(entry_hash=digest)
        )
    _refused(world, laptop, "is not signed by this laptop's registered key")


@pytest.mark.parametrize("how", ["flipped byte", "another valid photo"])
def test_a_changed_file_never_lands(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path, how: str
) -> None:
    (item,) = _capture(laptop, world, tmp_path, 1)
    with laptop.engine.connect() as connection:
        sha = connection.execute(
            select(EvidenceItem.sha256).where(EvidenceItem.id == item)
        ).scalar_one()
    path = laptop.store.path(sha)
    data = bytearray(path.read_bytes())
    if how == "flipped byte":
        data[len(data) // 2] ^= 0x01
    else:
        other = io.BytesIO()
        Image.new("RGB", (70, 70), (200, 200, 0)).save(other, "JPEG")
        data = bytearray(other.getvalue())
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    with pytest.raises(SyncError, match="does not match its sha256"):
        laptop.sync()
    with world.central.connect() as connection:
        assert connection.execute(select(Blob.sha256).where(Blob.sha256 == sha)).first() is None
        assert connection.execute(  # the record and its entry were received; the file not
            select(ReceivedEntry.seq).where(ReceivedEntry.record_id == item)
        ).first()
    states = {s.item.id: s.state for s in custody_of_assignment(laptop.engine, world.assignment)}
    assert states[item] is CustodyState.FILE_MISSING


def test_a_signing_key_cannot_change_once_entries_were_received(
    world: EvidenceWorld, laptop: Laptop, tmp_path: Path
) -> None:
    _capture(laptop, world, tmp_path, 1)
    laptop.sync()
    with laptop.engine.begin() as connection:
        connection.execute(text("DELETE FROM signing_key"))
    with cheap_argon2(), pytest.raises(SyncError, match="another key"):
        enrol(
            laptop.engine,
            server_url=world.url,
            username="officer11",
            password=DEMO_PASSWORD,
            device_id=laptop.device_id,
        )


def test_entries_missing_misplaced_or_malformed(world: EvidenceWorld, laptop: Laptop) -> None:
    from fieldapp.storage.types import new_id
    from fieldapp.sync.protocol import API

    item = {
        "assignment_id": world.assignment,
        "kind": "note",
        "captured_at": "2026-11-27T02:30:00.000000+00:00",
        "description": "made outside Fieldapp",
    }
    chain = {"seq": 1, "prev_hash": "0" * 64, "entry_hash": "1" * 64, "signature": "AA=="}
    ops = [
        {"entity": "evidence_item", "kind": "insert", "data": item},
        {"entity": "assignment", "kind": "update", "data": {"result": "x"}, "chain": chain},
    ]
    body = {
        "device_id": laptop.device_id,
        "ops": [
            {"op_id": new_id(), "seq": seq, "record_id": new_id(), "base_version": 0, **op}
            for seq, op in enumerate(ops, start=1)
        ],
    }
    with laptop.client() as client:
        answer = client.http.post(f"{API}/sync/push", json=body)
        assert answer.status_code == 200, answer.text
        reasons = [result["reason"] for result in answer.json()["results"]]
        assert "carries no custody-chain entry" in reasons[0]
        assert "only new append-only records carry" in reasons[1]
        assert answer.json()["receipt"] is None
        for bad in ({**chain, "signature": "A" * 500}, {**chain, "entry_hash": "xyz"}, [1]):
            body["ops"][0]["chain"] = bad  # type: ignore[index]
            answer = client.http.post(f"{API}/sync/push", json=body)
            assert answer.status_code == 422, answer.text
