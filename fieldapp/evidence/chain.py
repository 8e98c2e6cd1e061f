"""The signed hash chain of one device: making entries, and checking a run of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.evidence.canonical import GENESIS, canonical_bytes, entry_hash
from fieldapp.evidence.keys import ENTRY_CONTEXT, SigningKey, verify


@dataclass(frozen=True, slots=True)
class ChainEntry:
    seq: int
    entity: str
    record_id: str
    prev_hash: str
    entry_hash: str
    signature: str


@dataclass(frozen=True, slots=True)
class MadeEntry:
    entry: ChainEntry
    canonical: bytes


def make_entry(
    key: SigningKey, *, prev_hash: str, seq: int, entity: str, record: dict[str, Any]
) -> MadeEntry:
    """Entry ``seq`` of a chain whose last entry hashed to ``prev_hash``."""
    canonical = canonical_bytes(entity, seq, record)
    digest = entry_hash(prev_hash, canonical)
    signature = key.sign(ENTRY_CONTEXT, bytes.fromhex(digest))
    return MadeEntry(
        ChainEntry(seq, entity, str(record["id"]), prev_hash, digest, signature), canonical
    )


def entry_signed_by(public_key: str, entry: ChainEntry) -> bool:
    try:
        message = bytes.fromhex(entry.entry_hash)
    except ValueError:
        return False
    return verify(public_key, ENTRY_CONTEXT, message, entry.signature)


def check_link(previous: ChainEntry | None, entry: ChainEntry) -> str | None:
    """Why ``entry`` does not follow ``previous`` (None: it does)."""
    if previous is None:
        if entry.seq != 1:
            return f"entry {entry.seq} is the first present; entries 1–{entry.seq - 1} are missing"
        if entry.prev_hash != GENESIS:
            return "entry 1 does not start the chain"
        return None
    if entry.seq != previous.seq + 1:
        if entry.seq <= previous.seq:
            return f"entry {entry.seq} comes after entry {previous.seq}: the order was changed"
        return f"entry {previous.seq + 1} is missing before entry {entry.seq}"
    if entry.prev_hash != previous.entry_hash:
        return f"entry {entry.seq} does not follow entry {previous.seq}: its link is broken"
    return None


def first_break(public_key: str, entries: Sequence[ChainEntry]) -> str | None:
    """The first fault of a whole chain from entry 1, in the order given (None: intact).

    Entry hashes are not recomputed here: the caller does that for entries whose record it
    holds.
    """
    previous: ChainEntry | None = None
    for entry in entries:
        fault = check_link(previous, entry)
        if fault is not None:
            return fault
        if not entry_signed_by(public_key, entry):
            return f"entry {entry.seq} is not signed by this device's key"
        previous = entry
    return None
