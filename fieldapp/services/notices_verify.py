"""Verifying a notice PDF against the notices recorded on this laptop."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from fieldapp.notices.verify import IssuedRecord, Verdict, Verification, judge
from fieldapp.storage.fieldwork import Notice

__all__ = ["Verdict", "Verification", "verify_notice_bytes", "verify_notice_file"]


def verify_notice_bytes(engine: Engine, pdf: bytes) -> Verification:
    with Session(engine) as session:

        def record_of(notice_id: str) -> IssuedRecord | None:
            notice = session.scalars(
                select(Notice).where(Notice.id == notice_id, Notice.deleted.is_(False))
            ).first()
            if notice is None:
                return None
            return IssuedRecord(
                notice_id=notice.id,
                template_code=notice.template_code,
                template_version=notice.template_version,
                document_number=notice.document_number,
                issued_at=notice.issued_at,
                field_values=notice.field_values,
                pdf_sha256=notice.pdf_sha256,
            )

        return judge(pdf, record_of)


def verify_notice_file(engine: Engine, path: Path) -> Verification:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Verification(Verdict.UNREADABLE, f"cannot read {path}: {error.strerror}")
    return verify_notice_bytes(engine, data)
