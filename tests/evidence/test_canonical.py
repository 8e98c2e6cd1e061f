"""The canonical form, entry hashes, keys and receipts: stable, exact, and strict."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from fieldapp.domain.enums import EvidenceKind
from fieldapp.evidence.canonical import (
    FIELDS_V1,
    GENESIS,
    NOT_COVERED,
    CanonicalError,
    canonical_bytes,
    entry_hash,
    parse_canonical,
)
from fieldapp.evidence.chain import first_break, make_entry
from fieldapp.evidence.keys import ENTRY_CONTEXT, RECEIPT_CONTEXT, SigningKey, verify
from fieldapp.evidence.receipts import (
    ReceiptEntry,
    issue_receipt,
    receipt_from_dict,
    receipt_is_genuine,
)
from fieldapp.storage.schema import TABLES

ITEM = {
    "id": "01a21d31-c91c-76f1-b4f8-2bc8b75a24b8",
    "created_at": datetime(2026, 11, 27, 2, 30, tzinfo=UTC),
    "created_by": "u1",
    "assignment_id": "a1",
    "kind": EvidenceKind.PHOTO,
    "sha256": "ab" * 32,
    "size": 847,
    "mime": "image/jpeg",
    "original_name": "门口.jpg",
    "captured_at": datetime(2026, 11, 27, 10, 30, 0, 5, tzinfo=timezone(timedelta(hours=8))),
    "lat": 26.5701389,
    "lon": 106,
    "description": "门口",
}

# Written once: if this changes, entries made by earlier versions no longer verify.
PINNED = (
    '{"entity":"evidence_item","record":{"assignment_id":"a1","captured_at":'
    '"2026-11-27T02:30:00.000005Z","captured_by":null,"clock_offset_s":null,"corrects_id":null,'
    '"created_at":"2026-11-27T02:30:00.000000Z","created_by":"u1","description":"门口",'
    '"exif_taken_at":null,"id":"01a21d31-c91c-76f1-b4f8-2bc8b75a24b8","kind":"photo","lat":'
    '26.5701389,"lon":106.0,"mime":"image/jpeg","original_name":"门口.jpg","sha256":"'
    + "ab" * 32
    + '","size":847,"visit_id":null},"seq":7,"v":1}'
)


def test_the_canonical_form_is_pinned() -> None:
    assert canonical_bytes("evidence_item", 7, ITEM) == PINNED.encode("utf-8")


def test_python_values_and_their_wire_form_give_the_same_bytes() -> None:
    wire = {
        **ITEM,
        "created_at": "2026-11-27T02:30:00.000000+00:00",
        "captured_at": "2026-11-27T10:30:00.000005+08:00",
        "kind": "photo",
        "lon": 106.0,
        "unknown_later_field": "ignored",
        "version": 9,
        "updated_at": "2027-01-01T00:00:00+00:00",
    }
    assert canonical_bytes("evidence_item", 7, wire) == canonical_bytes("evidence_item", 7, ITEM)


def test_every_column_of_a_chained_record_is_covered_or_left_out_on_purpose() -> None:
    # A new column fails here: decide whether the canonical form (a new version) covers it.
    for entity, fields in FIELDS_V1.items():
        columns = {column.name for column in TABLES[entity].columns}
        assert columns - NOT_COVERED == set(fields), entity


def test_dates_and_json_values() -> None:
    control = {
        "id": "x",
        "effective_on": date(2026, 1, 2),
        "identifiers": {"z": 1, "a": [1, "二"]},
    }
    text = canonical_bytes("asset_control", 1, control).decode()
    assert '"effective_on":"2026-01-02"' in text
    assert '"identifiers":{"a":[1,"二"],"z":1}' in text


@pytest.mark.parametrize(
    ("entity", "seq", "record"),
    [
        ("case", 1, {"id": "x"}),
        ("evidence_item", 0, {"id": "x"}),
        ("evidence_item", True, {"id": "x"}),
        ("evidence_item", 1, {"id": 5}),
        ("evidence_item", 1, {"id": "x", "size": "12"}),
        ("evidence_item", 1, {"id": "x", "size": True}),
        ("evidence_item", 1, {"id": "x", "lat": float("nan")}),
        ("evidence_item", 1, {"id": "x", "captured_at": "2026-11-27T02:30:00"}),
        ("evidence_item", 1, {"id": "x", "captured_at": "yesterday"}),
        ("asset_control", 1, {"id": "x", "identifiers": {"a": float("inf")}}),
        ("asset_control", 1, {"id": "x", "effective_on": datetime(2026, 1, 1, tzinfo=UTC)}),
    ],
)
def test_values_without_a_canonical_form_are_refused(
    entity: str, seq: int, record: dict[str, object]
) -> None:
    with pytest.raises(CanonicalError):
        canonical_bytes(entity, seq, record)


def test_parse_accepts_only_the_exact_form() -> None:
    data = PINNED.encode()
    assert parse_canonical(data)["record"]["size"] == 847
    for bad in (
        data.replace(b'"seq":7', b'"seq": 7'),
        data.replace(b'"v":1', b'"v":2'),
        b"[]",
        b"\xff",
        b'{"v":1}',
    ):
        with pytest.raises(CanonicalError):
            parse_canonical(bad)


def test_entry_hash_covers_the_previous_hash_and_the_form() -> None:
    data = PINNED.encode()
    assert entry_hash(GENESIS, data) == hashlib.sha256(bytes(32) + data).hexdigest()
    assert entry_hash("11" * 32, data) != entry_hash(GENESIS, data)


def test_a_chain_of_signed_entries_and_its_breaks() -> None:
    key = SigningKey.generate()
    entries, prev = [], GENESIS
    for seq in range(1, 5):
        made = make_entry(key, prev_hash=prev, seq=seq, entity="evidence_item", record=ITEM)
        entries.append(made.entry)
        prev = made.entry.entry_hash
    assert first_break(key.public_key, entries) is None
    assert "missing" in str(first_break(key.public_key, entries[:1] + entries[2:]))
    swapped = [entries[0], entries[2], entries[1], entries[3]]
    assert first_break(key.public_key, swapped) is not None
    other = SigningKey.generate()
    assert "not signed" in str(first_break(other.public_key, entries))


def test_signatures_are_bound_to_their_kind_of_statement() -> None:
    key = SigningKey.generate()
    signature = key.sign(ENTRY_CONTEXT, b"x" * 32)
    assert verify(key.public_key, ENTRY_CONTEXT, b"x" * 32, signature)
    assert not verify(key.public_key, RECEIPT_CONTEXT, b"x" * 32, signature)
    assert not verify(key.public_key, ENTRY_CONTEXT, b"y" * 32, signature)
    assert not verify("not a key", ENTRY_CONTEXT, b"x" * 32, signature)
    assert not verify(key.public_key, ENTRY_CONTEXT, b"x" * 32, "!!")
    assert SigningKey.from_pem(key.to_pem()).public_key == key.public_key


def test_receipts_round_trip_and_detect_edits() -> None:
    key = SigningKey.generate()
    receipt = issue_receipt(
        key,
        device_id="d",
        device_key=key.public_key,
        received_at="2026-11-27T02:30:00+00:00",
        entries=[ReceiptEntry(1, "a")],
    )
    again = receipt_from_dict(receipt.as_dict())
    assert receipt_is_genuine(again)
    edited = receipt.as_dict() | {"received_at": "2026-11-28T02:30:00+00:00"}
    assert not receipt_is_genuine(receipt_from_dict(edited))
