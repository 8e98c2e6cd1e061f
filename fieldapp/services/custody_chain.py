"""This laptop's custody chain: its signing key, and an entry for every append-only record
it makes, written in the same transaction as the record and its outbox op.

The key is made when the laptop enrols (or at its first chained record) and kept in the
laptop's database, whose files are set to mode 0600; see docs/evidence.md for why it is not
encrypted with the officer's password.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from fieldapp.evidence.canonical import CHAINED, GENESIS
from fieldapp.evidence.chain import ChainEntry, make_entry
from fieldapp.evidence.keys import SigningKey
from fieldapp.evidence.receipts import (
    Receipt,
    ReceiptError,
    receipt_from_dict,
    receipt_is_genuine,
)
from fieldapp.storage.custody import ChainLink, HeldReceipt, SigningKeyRow
from fieldapp.storage.engine import writing
from fieldapp.storage.schema import TABLES
from fieldapp.storage.types import utcnow

log = logging.getLogger(__name__)
_keys: dict[str, SigningKey] = {}  # parsed keys by PEM: parsing costs more than signing


def ensure_signing_key(engine: Engine) -> str:
    """This laptop's public key, making the key pair first if there is none."""
    with writing(engine).begin() as connection:
        return signing_key(connection).public_key


def signing_key(connection: Connection) -> SigningKey:
    """The laptop's key, made (and the database files closed to other users) on first use."""
    row = connection.execute(select(SigningKeyRow.private_pem)).first()
    if row is not None:
        return _parsed(row[0])
    key = SigningKey.generate()
    pem = key.to_pem()
    connection.execute(
        insert(SigningKeyRow).values(
            id=1, public_key=key.public_key, private_pem=pem, created_at=utcnow()
        )
    )
    restrict_database_files(connection.engine.url.database)
    _keys[pem] = key
    return key


def _parsed(pem: str) -> SigningKey:
    key = _keys.get(pem)
    if key is None:
        key = _keys[pem] = SigningKey.from_pem(pem)
    return key


def restrict_database_files(database: str | None) -> None:
    """Mode 0600 on the SQLite file and its journal files (owner only)."""
    if not database or database == ":memory:" or os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(database + suffix)
        if path.exists():
            path.chmod(0o600)


def chain_new_records(connection: Connection, entity: str, record_ids: Sequence[str]) -> None:
    """Append an entry for each of ``record_ids`` (just inserted) if ``entity`` is chained.

    The canonical form is taken from the records as stored, so defaults filled in by the
    database are covered exactly as the push will send them.
    """
    if entity not in CHAINED or not record_ids:
        return
    key = signing_key(connection)
    table = TABLES[entity]
    stored = {}
    for start in range(0, len(record_ids), 500):
        chunk = list(record_ids[start : start + 500])
        for row in connection.execute(select(table).where(table.c.id.in_(chunk))):
            stored[row.id] = dict(row._mapping)
    head = connection.execute(
        select(ChainLink.seq, ChainLink.entry_hash).order_by(ChainLink.seq.desc()).limit(1)
    ).first()
    seq, prev = (head[0], head[1]) if head else (0, GENESIS)
    links = []
    for record_id in record_ids:
        seq += 1
        made = make_entry(key, prev_hash=prev, seq=seq, entity=entity, record=stored[record_id])
        prev = made.entry.entry_hash
        links.append(_link_row(made.entry, made.canonical))
    connection.execute(insert(ChainLink), links)
    if entity == "evidence_item":
        connection.execute(
            update(table).where(table.c.id == bindparam("b_id")),
            [
                {
                    "b_id": link["record_id"],
                    "prev_hash": link["prev_hash"],
                    "entry_hash": link["entry_hash"],
                    "signature": link["signature"],
                }
                for link in links
            ],
        )


def _link_row(entry: ChainEntry, canonical: bytes) -> dict[str, object]:
    return {
        "seq": entry.seq,
        "entity": entry.entity,
        "record_id": entry.record_id,
        "prev_hash": entry.prev_hash,
        "entry_hash": entry.entry_hash,
        "signature": entry.signature,
        "canonical": canonical.decode("utf-8"),
        "made_at": utcnow(),
    }


def chain_entries_of(
    connection: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], ChainEntry]:
    """The chain entries of (entity, record id) pairs that have one."""
    found: dict[tuple[str, str], ChainEntry] = {}
    ids = sorted({record_id for _, record_id in keys})
    for start in range(0, len(ids), 500):
        query = select(ChainLink).where(ChainLink.record_id.in_(ids[start : start + 500]))
        for link in connection.execute(query):
            found[(link.entity, link.record_id)] = _entry(link)
    return found


def _entry(link: Any) -> ChainEntry:
    return ChainEntry(
        link.seq, link.entity, link.record_id, link.prev_hash, link.entry_hash, link.signature
    )


def keep_receipt(connection: Connection, receipt: Receipt, *, received_at: datetime) -> None:
    """Store a receipt the central store gave for a push (in the push answer's transaction)."""
    if not receipt.entries:
        return
    seqs = [entry.seq for entry in receipt.entries]
    connection.execute(
        insert(HeldReceipt).values(
            received_at=received_at,
            first_seq=min(seqs),
            last_seq=max(seqs),
            body=json.dumps(receipt.as_dict(), ensure_ascii=False, sort_keys=True),
        )
    )


def keep_pushed_receipt(connection: Connection, body: Any, answered_at: datetime) -> bool:
    """Keep the receipt of a push answer if it is genuine and names this laptop's entries.

    A receipt that fails its signature or names entries this chain does not hold is not
    kept (it would prove nothing); the push itself stands.
    """
    try:
        receipt = receipt_from_dict(body)
    except ReceiptError:
        log.warning("the central store's receipt could not be read; not kept")
        return False
    if not receipt_is_genuine(receipt):
        log.warning("the central store's receipt is not validly signed; not kept")
        return False
    ours = {
        seq: digest
        for seq, digest in connection.execute(
            select(ChainLink.seq, ChainLink.entry_hash).where(
                ChainLink.seq.in_([entry.seq for entry in receipt.entries])
            )
        )
    }
    if any(ours.get(entry.seq) != entry.entry_hash for entry in receipt.entries):
        log.warning("the central store's receipt names entries this laptop did not make")
        return False
    keep_receipt(connection, receipt, received_at=_instant(receipt.received_at, answered_at))
    return True


def _instant(text: str, fallback: datetime) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return fallback
    return value if value.tzinfo is not None else fallback


@dataclass(frozen=True, slots=True)
class ChainHead:
    seq: int
    entry_hash: str


def chain_head(connection: Connection) -> ChainHead:
    head = connection.execute(
        select(ChainLink.seq, ChainLink.entry_hash).order_by(ChainLink.seq.desc()).limit(1)
    ).first()
    return ChainHead(head[0], head[1]) if head else ChainHead(0, GENESIS)
