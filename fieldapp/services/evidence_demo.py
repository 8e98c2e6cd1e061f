"""Demo evidence with real files: photos with EXIF, a short video and a scanned-looking PDF,
captured through the real capture service on a few of the laptop's assignments."""

from __future__ import annotations

import io
import random
import struct
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from sqlalchemy import Engine, or_, select

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.enums import AssignmentStatus
from fieldapp.services.actor import Actor
from fieldapp.services.evidence_capture import capture_file, capture_note
from fieldapp.storage.casework import Assignment
from fieldapp.storage.custody import ChainLink
from fieldapp.storage.types import utcnow

PHOTO_SIZE = (640, 480)


def demo_photo(
    path: Path, *, seed: int, taken: str, lat: float = 26.5701, lon: float = 106.7083
) -> Path:
    """A JPEG with EXIF capture time and GPS: a plain street scene of coloured blocks."""
    rng = random.Random(seed)
    image = Image.new("RGB", PHOTO_SIZE, (150 + rng.randrange(60), 180, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, 640, 480), fill=(90, 90, 90))
    for _ in range(6):
        x = rng.randrange(0, 560)
        top = rng.randrange(80, 250)
        shade = tuple(rng.randrange(90, 230) for _ in range(3))
        draw.rectangle((x, top, x + rng.randrange(60, 140), 330), fill=shade)
        for wy in range(top + 15, 320, 35):
            draw.rectangle((x + 10, wy, x + 30, wy + 18), fill=(240, 230, 160))
    exif = Image.Exif()
    exif[271] = "Fieldapp demo camera"
    exif[306] = taken
    exif[0x8769] = {36867: taken, 36881: "+08:00"}
    exif[0x8825] = {1: "N", 2: _dms(lat), 3: "E", 4: _dms(lon)}
    image.save(path, "JPEG", quality=80, exif=exif)
    return path


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def demo_video(path: Path, *, frames: int = 12, size: tuple[int, int] = (160, 120)) -> Path:
    """A short Motion-JPEG AVI (RIFF), written by hand: no encoder is needed."""
    width, height = size
    jpegs = []
    for index in range(frames):
        frame = Image.new("RGB", size, (30, 30, 40))
        ImageDraw.Draw(frame).ellipse(
            (10 + index * 8, 40, 50 + index * 8, 80), fill=(220, 60 + index * 10, 60)
        )
        out = io.BytesIO()
        frame.save(out, "JPEG", quality=70)
        jpegs.append(out.getvalue())

    def chunk(tag: bytes, data: bytes) -> bytes:
        return tag + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")

    def listing(kind: bytes, data: bytes) -> bytes:
        return b"LIST" + struct.pack("<I", len(data) + 4) + kind + data

    fps = 6
    biggest = max(len(j) for j in jpegs)
    avih = struct.pack(
        "<IIIIIIIIII4I", 1_000_000 // fps, biggest * fps, 0, 0x10, frames, 0, 1, biggest,
        width, height, 0, 0, 0, 0,
    )  # fmt: skip
    strh = struct.pack(
        "<4s4sIHHIIIIIIIIhhhh", b"vids", b"MJPG", 0, 0, 0, 0, 1, fps, 0, frames, biggest,
        0xFFFFFFFF, 0, 0, 0, width, height,
    )  # fmt: skip
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3,
                       0, 0, 0, 0)  # fmt: skip
    header = listing(
        b"hdrl",
        chunk(b"avih", avih) + listing(b"strl", chunk(b"strh", strh) + chunk(b"strf", strf)),
    )
    movi_body = b""
    idx1 = b""
    for jpeg in jpegs:
        idx1 += struct.pack("<4sIII", b"00dc", 0x10, len(movi_body) + 4, len(jpeg))
        movi_body += chunk(b"00dc", jpeg)
    body = b"AVI " + header + listing(b"movi", movi_body) + chunk(b"idx1", idx1)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def demo_scan(path: Path, *, font_path: Path | None, title: str) -> Path:
    """A PDF holding one slightly skewed, speckled greyscale page image: a scanned form."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    page = Image.new("L", (827, 1169), 246)
    draw = ImageDraw.Draw(page)
    try:
        big = ImageFont.truetype(str(font_path), 40) if font_path else ImageFont.load_default()
        small = ImageFont.truetype(str(font_path), 22) if font_path else ImageFont.load_default()
    except OSError:
        big = small = ImageFont.load_default()
    draw.text((250, 90), title, fill=30, font=big)
    lines = ["被执行人：（演示）", "财产所在地：贵阳市（演示）", "经办人签名：", "日期："]
    for number, line in enumerate(lines):
        draw.text((90, 220 + number * 70), line, fill=40, font=small)
        draw.line((90, 255 + number * 70, 740, 255 + number * 70), fill=120, width=1)
    rng = random.Random(7)
    for _ in range(2500):
        x, y = rng.randrange(827), rng.randrange(1169)
        draw.point((x, y), fill=rng.randrange(150, 230))
    scanned = page.rotate(0.7, fillcolor=235).filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return path


def seed_demo_evidence(
    engine: Engine,
    blobs_dir: Path,
    actor: Actor,
    *,
    scratch: Path,
    font_path: Path | None = None,
    assignments: int = 3,
    now: datetime | None = None,
) -> list[str]:
    """Capture demo evidence on a few of the signed-in officer's (``actor``'s) open tasks,
    those in progress first; returns their registration numbers.

    Does nothing (returns []) once this laptop has captured any evidence, or when the actor
    has no open task (a lead, a registrar: they collect no evidence).
    """
    with engine.connect() as connection:
        if connection.execute(
            select(ChainLink.seq).where(ChainLink.entity == "evidence_item").limit(1)
        ).first():
            return []
        mine = or_(
            Assignment.officer_id == actor.user_id, Assignment.second_officer_id == actor.user_id
        )
        chosen = connection.execute(
            select(Assignment.id, Assignment.registration_no, Assignment.lat, Assignment.lon)
            .where(
                mine,
                Assignment.deleted.is_(False),
                Assignment.status.in_((AssignmentStatus.IN_PROGRESS, AssignmentStatus.ASSIGNED)),
            )
            .order_by(Assignment.status != AssignmentStatus.IN_PROGRESS, Assignment.registration_no)
            .limit(assignments)
        ).all()
    if actor.user_id is None or not chosen:
        return []
    # Taken (court time, as a camera writes it) an hour before they are captured, at the task.
    local = (now or utcnow()).astimezone(COURT_TZ) - timedelta(hours=1)
    taken_at = (
        local.strftime("%Y:%m:%d %H:%M:%S"),
        (local + timedelta(minutes=2, seconds=30)).strftime("%Y:%m:%d %H:%M:%S"),
    )
    scratch.mkdir(parents=True, exist_ok=True)
    for number, (assignment_id, _, lat, lon) in enumerate(chosen):
        where = {"lat": lat, "lon": lon} if lat is not None and lon is not None else {}
        files = [
            demo_photo(
                scratch / f"IMG_{number}0{shot}.jpg", seed=number * 3 + shot, taken=taken, **where
            )
            for shot, taken in enumerate(taken_at)
        ]
        if number % 2 == 0:
            files.append(demo_video(scratch / f"VID_{number}01.avi"))
        else:
            scan = scratch / f"SCAN_{number}01.pdf"
            files.append(demo_scan(scan, font_path=font_path, title="查封清单"))
        for source in files:
            capture_file(
                engine,
                assignment_id=assignment_id,
                source=source,
                actor=actor,
                blobs_dir=blobs_dir,
                description="演示证据",
            )
            source.unlink()
        capture_note(
            engine,
            assignment_id=assignment_id,
            text="到达现场，被执行人不在，已拍照记录门牌及周边情况。（演示）",
            actor=actor,
        )
    return [row.registration_no for row in chosen]
