"""The evidence tab's read: a task's items with their custody, and small PNG thumbnails of the
photos made from the stored copy (off the GUI thread)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from sqlalchemy import Engine

from fieldapp.domain.enums import EvidenceKind
from fieldapp.services.evidence_capture import ItemCustody, custody_of_assignment
from fieldapp.storage.content_store import ContentStore, ContentStoreError

THUMBNAIL_PX = 96
# Decompression bombs: a photo larger than this many pixels gets no thumbnail.
MAX_PIXELS = 80_000_000


def thumbnails(blobs_dir: Path, hashes: list[str], size: int = THUMBNAIL_PX) -> dict[str, bytes]:
    """PNG bytes by sha256 for each stored file that is an image Pillow can read; the others
    (missing, broken, not an image) are left out rather than failing the lot."""
    store = ContentStore(blobs_dir)
    made: dict[str, bytes] = {}
    for sha256 in hashes:
        try:
            path = store.path(sha256)
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    continue
                image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction
                picture = image.convert("RGB")
                picture.thumbnail((size, size))
                out = io.BytesIO()
                picture.save(out, "PNG")
                made[sha256] = out.getvalue()
        except (OSError, ValueError, SyntaxError, ContentStoreError, Image.DecompressionBombError):
            continue
    return made


@dataclass(frozen=True, slots=True)
class EvidenceView:
    items: tuple[ItemCustody, ...]
    thumbnails: dict[str, bytes]  # PNG bytes by sha256


def load_evidence(engine: Engine, blobs_dir: Path, assignment_id: str) -> EvidenceView:
    """The task's items (newest first) and thumbnails of its photos."""
    items = tuple(reversed(custody_of_assignment(engine, assignment_id)))
    photos = [c.item.sha256 for c in items if c.item.kind is EvidenceKind.PHOTO and c.item.sha256]
    return EvidenceView(items, thumbnails(blobs_dir, photos))
