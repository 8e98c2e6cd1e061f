"""Writing an evidence bundle: the files, manifest.json and the custody-log PDF in one zip.

The manifest format is described in docs/evidence.md. Files are stored uncompressed (photos
and video are compressed already), so a verifier can hash them straight from the archive.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fieldapp.evidence.chain import ChainEntry
from fieldapp.evidence.keys import fingerprint
from fieldapp.evidence.receipts import Receipt

FORMAT = "fieldapp-evidence-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CUSTODY_LOG = "custody-log.pdf"
_COPY = 1 << 20

_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/pdf": ".pdf",
    "video/mp4": ".mp4",
    "video/x-msvideo": ".avi",
    "video/quicktime": ".mov",
    "audio/wav": ".wav",
    "audio/mpeg": ".mp3",
}


@dataclass(frozen=True, slots=True)
class BundleItem:
    record_id: str
    kind: str
    sha256: str | None
    size: int | None
    mime: str
    description: str
    captured_at: str
    device_id: str
    seq: int

    def member(self) -> str | None:
        if self.sha256 is None:
            return None
        return f"files/{self.sha256}{_EXTENSIONS.get(self.mime, '')}"


@dataclass(frozen=True, slots=True)
class DeviceChain:
    device_id: str
    public_key: str
    # Every entry from 1; the canonical form only for records the bundle is about (the
    # others are sealed: their hashes and signatures link the chain without their content).
    entries: Sequence[tuple[ChainEntry, bytes | None]]


def manifest_of(
    *,
    subject: dict[str, str],
    exported_at: str,
    items: Sequence[BundleItem],
    chains: Sequence[DeviceChain],
    receipts: Sequence[Receipt],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at,
        "subject": subject,
        "items": [
            {
                "id": item.record_id,
                "kind": item.kind,
                "sha256": item.sha256,
                "size": item.size,
                "mime": item.mime,
                "description": item.description,
                "captured_at": item.captured_at,
                "file": item.member(),
                "device_id": item.device_id,
                "seq": item.seq,
            }
            for item in items
        ],
        "devices": [
            {
                "device_id": chain.device_id,
                "public_key": chain.public_key,
                "fingerprint": fingerprint(chain.public_key),
                "entries": [
                    {
                        "seq": entry.seq,
                        "entity": entry.entity,
                        "record_id": entry.record_id,
                        "prev_hash": entry.prev_hash,
                        "entry_hash": entry.entry_hash,
                        "signature": entry.signature,
                        "canonical": None if canonical is None else canonical.decode("utf-8"),
                    }
                    for entry, canonical in chain.entries
                ],
            }
            for chain in chains
        ],
        "receipts": [receipt.as_dict() for receipt in receipts],
    }


def write_bundle(
    out: Path,
    manifest: dict[str, Any],
    *,
    open_file: Callable[[str], BinaryIO],
    custody_log: bytes | None,
) -> None:
    """Write the zip to ``out`` (through a temporary name, so a failure leaves no half file)."""
    temp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            archive.writestr(
                MANIFEST,
                json.dumps(manifest, ensure_ascii=False, indent=1),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            if custody_log is not None:
                archive.writestr(CUSTODY_LOG, custody_log, compress_type=zipfile.ZIP_DEFLATED)
            written: set[str] = set()
            for item in manifest["items"]:
                member, sha256 = item["file"], item["sha256"]
                if member is None or member in written:
                    continue
                written.add(member)
                info = zipfile.ZipInfo(member, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_STORED
                with open_file(sha256) as source, archive.open(info, "w", force_zip64=True) as sink:
                    while chunk := source.read(_COPY):
                        sink.write(chunk)
        temp.replace(out)
    finally:
        temp.unlink(missing_ok=True)
