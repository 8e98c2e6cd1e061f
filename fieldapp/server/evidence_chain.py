"""The central store's side of the custody chain: each pushed entry is checked (continuity
per device, hash, signature against the device's registered key) before its record is
taken, and a batch's entries are answered with a receipt signed by the server's key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from fieldapp.evidence.canonical import CHAINED, CanonicalError, canonical_bytes, entry_hash
from fieldapp.evidence.chain import ChainEntry, entry_signed_by
from fieldapp.evidence.keys import SigningKey
from fieldapp.evidence.receipts import Receipt, ReceiptEntry, issue_receipt
from fieldapp.server.policy import Refused
from fieldapp.storage.central_tables import Device
from fieldapp.storage.custody import IssuedReceipt, ReceivedEntry, ServerKey
from fieldapp.sync.protocol import Op

_keys: dict[str, SigningKey] = {}


def server_signing_key(connection: Connection) -> SigningKey:
    """The server's receipt key, made by the first process that needs it."""
    row = connection.execute(select(ServerKey.private_pem)).first()
    if row is None:
        key = SigningKey.generate()
        _insert_ignoring_duplicate(connection, key)
        row = connection.execute(select(ServerKey.private_pem)).one()
    pem: str = row[0]
    key = _keys.get(pem) or SigningKey.from_pem(pem)
    _keys[pem] = key
    return key


def _insert_ignoring_duplicate(connection: Connection, key: SigningKey) -> None:
    values = {"id": 1, "public_key": key.public_key, "private_pem": key.to_pem()}
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        connection.execute(pg_insert(ServerKey).values(values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        connection.execute(sqlite_insert(ServerKey).values(values).on_conflict_do_nothing())


def device_has_entries(connection: Connection, device_id: str) -> bool:
    found = connection.execute(
        select(ReceivedEntry.seq).where(ReceivedEntry.device_id == device_id).limit(1)
    )
    return found.first() is not None


@dataclass
class ChainCheck:
    """The chain of one device through one push batch (made after the device row is locked)."""

    device_id: str
    public_key: str | None
    head_seq: int
    head_hash: str | None
    known: dict[int, Any] = field(default_factory=dict)  # received entries by seq
    fresh: list[dict[str, object]] = field(default_factory=list)
    receipted: list[ReceiptEntry] = field(default_factory=list)

    @classmethod
    def load(cls, connection: Connection, device_id: str, ops: list[Op]) -> ChainCheck:
        public_key = connection.execute(
            select(Device.public_key).where(Device.id == device_id)
        ).scalar()
        head = connection.execute(
            select(ReceivedEntry.seq, ReceivedEntry.entry_hash)
            .where(ReceivedEntry.device_id == device_id)
            .order_by(ReceivedEntry.seq.desc())
            .limit(1)
        ).first()
        check = cls(device_id, public_key, head[0] if head else 0, head[1] if head else None)
        resent = sorted({op.chain.seq for op in ops if op.chain and op.chain.seq <= check.head_seq})
        for start in range(0, len(resent), 500):
            query = select(ReceivedEntry).where(
                ReceivedEntry.device_id == device_id,
                ReceivedEntry.seq.in_(resent[start : start + 500]),
            )
            for row in connection.execute(query):
                check.known[row.seq] = row
        return check

    def check(self, op: Op) -> None:
        """Refused (with a reason for the officer) when ``op`` breaks this device's chain."""
        if op.kind != "insert" or op.entity not in CHAINED:
            if op.chain is not None:
                raise Refused("only new append-only records carry a custody-chain entry")
            return
        link = op.chain
        if link is None:
            if self.public_key:
                raise Refused(
                    "this record carries no custody-chain entry, and this laptop signs what it "
                    "records: it may have been added outside Fieldapp"
                )
            return
        if not self.public_key:
            raise Refused(
                "this laptop has no signing key registered with the central store; "
                "sign in again to register it"
            )
        if link.seq <= self.head_seq:
            old = self.known.get(link.seq)
            if (
                old is not None
                and old.entry_hash == link.entry_hash
                and (
                    old.entity,
                    old.record_id,
                )
                == (op.entity, op.record_id)
            ):
                self.receipted.append(ReceiptEntry(link.seq, link.entry_hash))
                return  # sent again: received already
            raise Refused(
                f"custody entry {link.seq} of this laptop was received before with other "
                "content: the laptop's chain was rewritten (entries cut off or replaced)"
            )
        if link.seq != self.head_seq + 1:
            raise Refused(
                f"custody entry {self.head_seq + 1} of this laptop never arrived, so entry "
                f"{link.seq} cannot follow it: an entry was removed"
            )
        if self.head_hash is not None and link.prev_hash != self.head_hash:
            raise Refused(
                f"custody entry {link.seq} does not follow entry {self.head_seq}: "
                "entries were removed or reordered"
            )
        if self.head_hash is None and link.prev_hash != "0" * 64:
            raise Refused("custody entry 1 of this laptop does not start its chain")
        try:
            canonical = canonical_bytes(op.entity, link.seq, {**op.data, "id": op.record_id})
        except CanonicalError as error:
            raise Refused(
                f"this record cannot be checked against its custody entry: {error}"
            ) from None
        if entry_hash(link.prev_hash, canonical) != link.entry_hash:
            raise Refused(
                f"this {op.entity.replace('_', ' ')} does not match its custody entry "
                f"{link.seq}: it was changed after it was signed"
            )
        entry = ChainEntry(
            link.seq, op.entity, op.record_id, link.prev_hash, link.entry_hash, link.signature
        )
        if not entry_signed_by(self.public_key, entry):
            raise Refused(f"custody entry {link.seq} is not signed by this laptop's registered key")
        if op.entity == "evidence_item":
            for name in ("prev_hash", "entry_hash", "signature"):
                value = op.data.get(name)
                if value is not None and value != getattr(link, name):
                    raise Refused(f"the item's {name} differs from its custody entry")
        self.head_seq, self.head_hash = link.seq, link.entry_hash
        self.fresh.append(
            {
                "device_id": self.device_id,
                "seq": link.seq,
                "entity": op.entity,
                "record_id": op.record_id,
                "prev_hash": link.prev_hash,
                "entry_hash": link.entry_hash,
                "signature": link.signature,
                "canonical": canonical.decode("utf-8"),
            }
        )
        self.receipted.append(ReceiptEntry(link.seq, link.entry_hash))

    def write(self, connection: Connection, *, now: datetime) -> Receipt | None:
        """Keep the new entries and sign a receipt for every entry the batch carried."""
        if self.fresh:
            connection.execute(
                insert(ReceivedEntry), [{**row, "received_at": now} for row in self.fresh]
            )
        if not self.receipted:
            return None
        received_at = now.astimezone(UTC).isoformat(timespec="microseconds")
        receipt = issue_receipt(
            server_signing_key(connection),
            device_id=self.device_id,
            device_key=self.public_key or "",
            received_at=received_at,
            entries=self.receipted,
        )
        connection.execute(
            insert(IssuedReceipt).values(
                device_id=self.device_id,
                received_at=now,
                body=json.dumps(receipt.as_dict(), sort_keys=True),
            )
        )
        return receipt
