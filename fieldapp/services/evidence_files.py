"""What a captured file says about itself: its type (from its first bytes) and, for photos,
the EXIF time and GPS position. Only headers are read; a hostile file yields nothing."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.enums import EvidenceKind

_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF8", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (4, b"ftypqt", "video/quicktime"),
    (4, b"ftyp", "video/mp4"),
    (8, b"AVI ", "video/x-msvideo"),
    (8, b"WAVE", "audio/wav"),
    (8, b"WEBP", "image/webp"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"\x1aE\xdf\xa3", "video/webm"),
)


def sniff_mime(head: bytes, name: str) -> str:
    """The type by the file's first bytes; by its name when they say nothing."""
    for offset, magic, mime in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if mime == "video/mp4" and name.lower().endswith((".m4a", ".aac")):
                return "audio/mp4"
            return mime
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def kind_for(mime: str) -> EvidenceKind:
    top = mime.split("/", 1)[0]
    if top == "image":
        return EvidenceKind.PHOTO
    if top == "video":
        return EvidenceKind.VIDEO
    if top == "audio":
        return EvidenceKind.AUDIO
    return EvidenceKind.DOCUMENT


@dataclass(frozen=True, slots=True)
class PhotoFacts:
    taken_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None


_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME, _DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 306, 36867, 36881


def photo_facts(path: Path) -> PhotoFacts:
    """EXIF capture time (UTC) and GPS position of a photo; nothing for anything else.

    A time without an EXIF offset is taken as the court's local time (cameras keep local
    time). Pillow parses only the headers here, never the pixels.
    """
    try:
        from PIL import Image

        with Image.open(path) as image:
            exif = image.getexif()
            detail = exif.get_ifd(_EXIF_IFD)
            gps = exif.get_ifd(_GPS_IFD)
    except Exception:  # a file Pillow cannot read has no EXIF facts
        return PhotoFacts()
    taken = _exif_time(
        detail.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME), detail.get(_OFFSET_ORIGINAL)
    )
    lat = _gps_degrees(gps.get(2), gps.get(1), ("N", "S"), 90)
    lon = _gps_degrees(gps.get(4), gps.get(3), ("E", "W"), 180)
    if lat is None or lon is None:
        lat = lon = None
    return PhotoFacts(taken, lat, lon)


def _exif_time(value: Any, offset: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        naive = datetime.strptime(value.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")  # noqa: DTZ007
    except ValueError:
        return None
    zone: timezone = COURT_TZ
    if isinstance(offset, str) and len(offset.strip("\x00 ")) == 6:
        text = offset.strip("\x00 ")
        try:
            sign = -1 if text[0] == "-" else 1
            hours, minutes = int(text[1:3]), int(text[4:6])
            if hours <= 14 and minutes < 60:
                zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
        except ValueError:
            pass
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _gps_degrees(value: Any, ref: Any, refs: tuple[str, str], limit: float) -> float | None:
    try:
        degrees, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    total = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if isinstance(ref, str) and ref.strip("\x00 ").upper() == refs[1]:
        total = -total
    if not -limit <= total <= limit or total != total:
        return None
    return round(total, 7)
