"""What makes an issued notice checkable: the hash of its content, and the QR code and PDF
metadata that carry the notice id, its document number and that hash."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.graphics.barcode import qrencoder

QR_PREFIX = "FAN1"
_SEPARATOR = "|"
# Any of the eight masks makes a valid code; scoring all eight to pick the "best" one costs
# ~40 ms of pure Python per notice, ten times the rest of the QR work.
_QR_MASK = 0


@dataclass(frozen=True, slots=True)
class NoticeStamp:
    notice_id: str
    document_number: str
    content_hash: str


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, Chinese kept as is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(
    *,
    notice_id: str,
    template_code: str,
    template_version: int,
    document_number: str,
    issued_at: datetime,
    field_values: Mapping[str, Any],
) -> str:
    """sha256 of everything a notice says, as stored in its record."""
    if issued_at.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    payload = {
        "notice_id": notice_id,
        "template": template_code,
        "version": template_version,
        "document_number": document_number,
        # Seconds are what the database keeps on every dialect.
        "issued_at": issued_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "fields": dict(field_values),
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def qr_text(stamp: NoticeStamp) -> str:
    """FAN1|<notice id>|<document number>|<content hash, base64url>: short enough for a
    small code that a phone reads off paper."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(stamp.content_hash)).rstrip(b"=")
    return _SEPARATOR.join((QR_PREFIX, stamp.notice_id, stamp.document_number, digest.decode()))


def parse_qr_text(text: str) -> NoticeStamp | None:
    """The stamp a QR code holds, or None if it is not a notice's."""
    parts = text.strip().split(_SEPARATOR)
    if len(parts) != 4 or parts[0] != QR_PREFIX:
        return None
    try:
        digest = base64.urlsafe_b64decode(parts[3] + "=" * (-len(parts[3]) % 4))
    except ValueError:
        return None
    return NoticeStamp(parts[1], parts[2], digest.hex())


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of a QR code (level M) for `text` in UTF-8; True is dark."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(text.encode("utf-8")))
    code.version = code.calculate_version()
    code.makeImpl(False, _QR_MASK)
    return [[bool(cell) for cell in row] for row in code.modules]
