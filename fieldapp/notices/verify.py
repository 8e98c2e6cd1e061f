"""Checking a PDF against the notice that was issued: its stamp read back from the PDF's
metadata, compared with the record's number, content hash and file hash."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from fieldapp.notices.render import (
    META_CONTENT_HASH,
    META_DOCUMENT_NUMBER,
    META_NOTICE_ID,
    META_TEMPLATE,
)
from fieldapp.notices.stamp import NoticeStamp, content_hash


class Verdict(StrEnum):
    GENUINE = "genuine"  # the very file that was issued
    ALTERED = "altered"  # names an issued notice, but its bytes were changed
    MISMATCH = "mismatch"  # its stamp does not match the notice it names
    UNKNOWN = "unknown"  # names a notice this record store does not have
    NOT_A_NOTICE = "not_a_notice"  # carries no notice stamp (or is a preview)
    UNREADABLE = "unreadable"  # not a PDF that can be read


@dataclass(frozen=True, slots=True)
class IssuedRecord:
    """What verification needs of a Notice record."""

    notice_id: str
    template_code: str
    template_version: int
    document_number: str
    issued_at: datetime
    field_values: Mapping[str, Any]
    pdf_sha256: str | None

    @property
    def content_hash(self) -> str:
        return content_hash(
            notice_id=self.notice_id,
            template_code=self.template_code,
            template_version=self.template_version,
            document_number=self.document_number,
            issued_at=self.issued_at,
            field_values=self.field_values,
        )


@dataclass(frozen=True, slots=True)
class Verification:
    verdict: Verdict
    message: str
    stamp: NoticeStamp | None = None
    file_sha256: str = ""
    template: str = ""

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.GENUINE


class UnreadablePdf(ValueError):
    pass


def read_stamp(pdf: bytes) -> tuple[NoticeStamp | None, str]:
    """The stamp in the PDF's metadata (None if it has none) and its template key."""
    try:
        info = PdfReader(io.BytesIO(pdf)).metadata
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as error:
        raise UnreadablePdf(f"not a readable PDF: {error}") from error
    if info is None:
        return None, ""
    values = {key: str(info.get(key) or "") for key in info}
    template = values.get(META_TEMPLATE, "")
    parts = [values.get(k, "") for k in (META_NOTICE_ID, META_DOCUMENT_NUMBER, META_CONTENT_HASH)]
    if not all(parts):
        return None, template
    return NoticeStamp(*parts), template


def judge(pdf: bytes, record_of: Any) -> Verification:
    """Verify `pdf`; `record_of(notice_id)` gives the IssuedRecord or None."""
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        stamp, template = read_stamp(pdf)
    except UnreadablePdf as error:
        return Verification(Verdict.UNREADABLE, str(error), file_sha256=digest)
    if stamp is None:
        return Verification(
            Verdict.NOT_A_NOTICE,
            "the PDF carries no notice stamp: it is not an issued notice (a preview has none)",
            file_sha256=digest,
            template=template,
        )
    record: IssuedRecord | None = record_of(stamp.notice_id)
    if record is None:
        return Verification(
            Verdict.UNKNOWN,
            f"no issued notice {stamp.notice_id} ({stamp.document_number}) in this record store",
            stamp,
            digest,
            template,
        )
    if record.document_number != stamp.document_number:
        return Verification(
            Verdict.MISMATCH,
            f"the PDF says document number {stamp.document_number}, but notice "
            f"{stamp.notice_id} was issued as {record.document_number}",
            stamp,
            digest,
            template,
        )
    if record.content_hash != stamp.content_hash:
        return Verification(
            Verdict.MISMATCH,
            f"the content hash in the PDF does not match notice {record.document_number} "
            "as issued: its text was not the issued text",
            stamp,
            digest,
            template,
        )
    if record.pdf_sha256 != digest:
        return Verification(
            Verdict.ALTERED,
            f"the PDF names notice {record.document_number}, but the file differs from the "
            "one issued: it was changed after issue",
            stamp,
            digest,
            template,
        )
    return Verification(
        Verdict.GENUINE,
        f"genuine: notice {record.document_number}, as issued",
        stamp,
        digest,
        template,
    )
