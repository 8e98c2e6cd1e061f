"""Rendering a notice to PDF bytes: the same inputs always give the same bytes.

Reproducible because the canvas runs in reportlab's invariant mode (fixed document id, no
time-stamped comments), the creation date is the issue time rather than the clock, and font
subsets are named by their number, not at random.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from fieldapp.notices.compose import ComposedNotice, compose, normalise_values
from fieldapp.notices.errors import MissingGlyph, MissingGlyphs
from fieldapp.notices.fonts import MISSING_MARK, NoticeFont, check_glyphs, load_font
from fieldapp.notices.layout import A4, MM, Geometry, LaidOut, draw_text, layout
from fieldapp.notices.marks import draw_preview_mark, draw_qr
from fieldapp.notices.numerals import court_local
from fieldapp.notices.seal_strip import draw_strips
from fieldapp.notices.stamp import NoticeStamp, content_hash, qr_matrix, qr_text
from fieldapp.notices.templates import Layout, NoticeTemplate

# Keys of the PDF's information dictionary that verify-notice reads back.
META_NOTICE_ID = "/FieldappNoticeId"
META_DOCUMENT_NUMBER = "/FieldappDocumentNumber"
META_CONTENT_HASH = "/FieldappContentHash"
META_TEMPLATE = "/FieldappTemplate"
META_CASE_NUMBER = "/FieldappCaseNumber"
CREATOR = "Fieldapp"

# reportlab keeps per-document font state in shared font objects and module globals:
# one rendering at a time in a process (the window renders in a background thread).
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class NoticeIdentity:
    notice_id: str
    document_number: str
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class RenderedNotice:
    pdf: bytes
    sha256: str
    content_hash: str
    pages: int
    field_values: dict[str, Any]
    """The normalised values the notice was made from: what its record stores."""
    missing_glyphs: tuple[MissingGlyph, ...] = ()
    """Characters the font lacks, shown as 〓 (previews only; issuing refuses them)."""


class _FixedTime:
    """A reportlab time stamp that says the issue time, in the court's zone."""

    def __init__(self, instant: datetime) -> None:
        local = court_local(instant)
        offset = local.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        self.t = instant.timestamp()
        self.lt = local.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = divmod(minutes, 60)
        self.tzname = local.tzname() or "UTC"


class _Info(PDFInfo):  # type: ignore[misc]
    """The information dictionary with the notice's own keys beside the standard ones."""

    def __init__(self, extra: Mapping[str, str]) -> None:
        super().__init__()
        self.extra = dict(extra)

    def format(self, document: Any) -> Any:
        entries: dict[str, Any] = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": PDFDate(ts=document._timeStamp),
            "ModDate": PDFDate(ts=document._timeStamp),
            "Trapped": PDFName(self.trapped),
        }
        for key, value in self.extra.items():
            entries[key.lstrip("/")] = PDFString(value)
        return PDFDictionary(entries).format(document)


def _substituted(value: Any, missing: set[str]) -> Any:
    if isinstance(value, str):
        return "".join(MISSING_MARK if c in missing else c for c in value)
    if isinstance(value, list):
        return [_substituted(v, missing) for v in value]
    if isinstance(value, dict):
        return {k: _substituted(v, missing) for k, v in value.items()}
    return value


def render_notice(
    template: NoticeTemplate,
    values: Mapping[str, Any],
    identity: NoticeIdentity,
    *,
    font: NoticeFont | None = None,
    preview: bool = False,
    geometry: Geometry = A4,
) -> RenderedNotice:
    """The PDF of a notice. Raises MissingFields, or MissingGlyphs unless `preview`.

    A preview carries a 样稿 mark and no verification stamp, and shows a character the font
    lacks as 〓; the issued notice refuses such characters instead of printing boxes.
    """
    if identity.issued_at.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    font = font or load_font()
    fields = normalise_values(template, values)
    composed = compose(
        template,
        fields,
        document_number=identity.document_number,
        issued_at=identity.issued_at,
        check=not preview,
    )
    missing: tuple[MissingGlyph, ...] = ()
    try:
        check_glyphs(((template.title, template.title), *composed.texts), font)
    except MissingGlyphs as error:
        if not preview:
            raise
        missing = error.missing
        chars = {glyph.char for glyph in missing}
        composed = compose(
            template,
            _substituted(fields, chars),
            document_number=identity.document_number,
            issued_at=identity.issued_at,
            check=False,
        )
    digest = content_hash(
        notice_id=identity.notice_id,
        template_code=template.code,
        template_version=template.version,
        document_number=identity.document_number,
        issued_at=identity.issued_at,
        field_values=fields,
    )
    stamp = NoticeStamp(identity.notice_id, identity.document_number, digest)
    with _RENDER_LOCK:
        pdf, pages = _draw(template, composed, stamp, identity, font, geometry, preview)
    return RenderedNotice(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        content_hash=digest,
        pages=pages,
        field_values=fields,
        missing_glyphs=missing,
    )


def _draw(
    template: NoticeTemplate,
    composed: ComposedNotice,
    stamp: NoticeStamp,
    identity: NoticeIdentity,
    font: NoticeFont,
    geometry: Geometry,
    preview: bool,
) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    strip = template.layout is Layout.SEAL_STRIP
    pagesize = (geometry.height, geometry.width) if strip else (geometry.width, geometry.height)
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        pageCompression=1,
        lang="zh-CN",
        # Every page starts in the embedded font: the default Helvetica would be named on
        # each page without being embedded.
        initialFontName=font.name,
    )
    doc = canvas._doc
    extra = {
        META_TEMPLATE: template.key,
        META_CASE_NUMBER: composed.case_number,
    }
    if not preview:
        extra |= {
            META_NOTICE_ID: stamp.notice_id,
            META_DOCUMENT_NUMBER: stamp.document_number,
            META_CONTENT_HASH: stamp.content_hash,
        }
    doc.info = _Info(extra)
    doc._timeStamp = _FixedTime(identity.issued_at)
    canvas.setTitle(f"{composed.title} {composed.document_number}")
    canvas.setAuthor(composed.court_name)
    canvas.setSubject(f"案号：{composed.case_number}" if composed.case_number else composed.title)
    canvas.setKeywords(composed.document_number)
    canvas.setCreator(CREATOR)
    matrix = None if preview else qr_matrix(qr_text(stamp))
    if strip:
        pages = draw_strips(canvas, composed, font, matrix, stamp, preview)
    else:
        laid = layout(composed, font, geometry)
        pages = _draw_pages(canvas, laid, font, geometry, matrix, stamp, preview)
    canvas.save()
    return buffer.getvalue(), pages


def _draw_pages(
    canvas: Any,
    laid: LaidOut,
    font: NoticeFont,
    geometry: Geometry,
    matrix: list[list[bool]] | None,
    stamp: NoticeStamp,
    preview: bool,
) -> int:
    total = len(laid.pages)
    for number, page in enumerate(laid.pages, start=1):
        if preview:
            draw_preview_mark(canvas, font, geometry.width, geometry.height)
        top = geometry.height - geometry.top
        for item in page:
            item.draw(canvas, font, geometry.left, top)
            top -= item.height
        _footer(canvas, font, geometry, number, total, matrix, stamp)
        canvas.showPage()
    return total


def _footer(
    canvas: Any,
    font: NoticeFont,
    geometry: Geometry,
    number: int,
    total: int,
    matrix: list[list[bool]] | None,
    stamp: NoticeStamp,
) -> None:
    size = 10.5
    if total > 1:
        text = f"第{number}页　共{total}页"
        width = font.width(text, size)
        draw_text(canvas, font, (geometry.width - width) / 2, 14 * MM, text, size)
    if matrix is None:
        return
    qr_size = 20 * MM
    x, y = geometry.left - 2 * MM, 6 * MM
    draw_qr(canvas, matrix, x, y, qr_size)
    small = 7.0
    canvas.saveState()
    canvas.setFillGray(0.35)
    lines = (
        "扫码核验文书",
        f"文书编号：{stamp.document_number}",
        f"校验码：{stamp.content_hash[:16]}",
    )
    for index, line in enumerate(lines):
        draw_text(canvas, font, x + qr_size + 1 * MM, y + qr_size - 6 * MM - index * 9, line, small)
    canvas.restoreState()


def with_number(identity: NoticeIdentity, document_number: str) -> NoticeIdentity:
    return replace(identity, document_number=document_number)
