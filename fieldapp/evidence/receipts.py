"""Receipts: the central store's signed statement that it received chain entries, and when."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.evidence.keys import RECEIPT_CONTEXT, SigningKey, verify


@dataclass(frozen=True, slots=True)
class ReceiptEntry:
    seq: int
    entry_hash: str


@dataclass(frozen=True, slots=True)
class Receipt:
    device_id: str
    device_key: str  # the device's public key the entries were checked against
    received_at: str  # ISO 8601 UTC, the server's clock
    entries: tuple[ReceiptEntry, ...]
    server_key: str
    signature: str

    def body(self) -> dict[str, Any]:
        return receipt_body(
            self.device_id, self.device_key, self.received_at, self.entries, self.server_key
        )

    def as_dict(self) -> dict[str, Any]:
        return {**self.body(), "signature": self.signature}


class ReceiptError(ValueError):
    """A receipt that cannot be read."""


def receipt_body(
    device_id: str,
    device_key: str,
    received_at: str,
    entries: Sequence[ReceiptEntry],
    server_key: str,
) -> dict[str, Any]:
    return {
        "v": 1,
        "device_id": device_id,
        "device_key": device_key,
        "received_at": received_at,
        "entries": [[entry.seq, entry.entry_hash] for entry in entries],
        "server_key": server_key,
    }


def _signed_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def issue_receipt(
    key: SigningKey,
    *,
    device_id: str,
    device_key: str,
    received_at: str,
    entries: Sequence[ReceiptEntry],
) -> Receipt:
    body = receipt_body(device_id, device_key, received_at, entries, key.public_key)
    signature = key.sign(RECEIPT_CONTEXT, _signed_bytes(body))
    return Receipt(device_id, device_key, received_at, tuple(entries), key.public_key, signature)


def receipt_is_genuine(receipt: Receipt) -> bool:
    return verify(
        receipt.server_key, RECEIPT_CONTEXT, _signed_bytes(receipt.body()), receipt.signature
    )


def receipt_from_dict(data: Any) -> Receipt:
    """A receipt read back from JSON; ReceiptError when it is not one."""
    try:
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ReceiptError("not a version 1 receipt")
        entries = tuple(ReceiptEntry(int(seq), str(digest)) for seq, digest in data["entries"])
        fields = (
            data["device_id"],
            data["device_key"],
            data["received_at"],
            data["server_key"],
            data["signature"],
        )
        if not all(isinstance(value, str) for value in fields):
            raise ReceiptError("a receipt's fields are text")
        return Receipt(fields[0], fields[1], fields[2], entries, fields[3], fields[4])
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ReceiptError):
            raise
        raise ReceiptError(f"not a receipt: {error}") from error
