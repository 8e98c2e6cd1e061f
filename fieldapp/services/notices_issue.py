"""Issuing a notice: a draft filled from the records, edited by the officer, previewed, then
issued in one transaction — the number taken, the PDF made and kept, the Notice recorded and
queued for sync."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from fieldapp.notices.compose import missing_fields, normalise_values
from fieldapp.notices.court import CourtConfig
from fieldapp.notices.errors import MissingField, MissingFields
from fieldapp.notices.fonts import NoticeFont, load_font
from fieldapp.notices.render import NoticeIdentity, RenderedNotice, render_notice
from fieldapp.notices.templates import NoticeTemplate, default_library
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.notices_fields import field_values, load_sources
from fieldapp.services.notices_numbers import allocate_document_number, next_document_number
from fieldapp.storage.fieldwork import Notice
from fieldapp.storage.types import new_id

COURT_CONFIG_ENV = "FIELDAPP_COURT_CONFIG"
PREVIEW_SUFFIX = "之＿"


def court_config() -> CourtConfig:
    """The court of $FIELDAPP_COURT_CONFIG (a JSON file), else the demo default."""
    path = os.environ.get(COURT_CONFIG_ENV, "").strip()
    return CourtConfig.from_file(Path(path)) if path else CourtConfig()


@dataclass(frozen=True, slots=True)
class NoticeDraft:
    """A notice before it is issued: its template, where it comes from and its values."""

    template: NoticeTemplate
    case_id: str
    case_number: str
    assignment_id: str | None
    values: Mapping[str, Any] = field(repr=False)

    @property
    def missing(self) -> list[MissingField]:
        return missing_fields(self.template, self.values)

    def with_values(self, changes: Mapping[str, Any]) -> NoticeDraft:
        """The draft with the officer's edits; only the template's editable fields change."""
        editable = {spec.name for spec in self.template.fields if spec.editable}
        refused = sorted(set(changes) - editable)
        if refused:
            raise ValueError(f"not editable in {self.template.code}: {', '.join(refused)}")
        merged = {**self.values, **changes}
        return replace(self, values=normalise_values(self.template, merged))


@dataclass(frozen=True, slots=True)
class IssuedNotice:
    id: str
    template_code: str
    template_version: int
    title: str
    document_number: str
    case_number: str
    assignment_id: str | None
    issued_at: datetime
    pdf_sha256: str
    content_hash: str
    pages: int
    pdf: bytes = field(repr=False)
    pdf_path: Path | None = None


def prepare_notice(
    connection: Connection,
    template_code: str,
    *,
    assignment_id: str | None = None,
    case_id: str | None = None,
    asset_control_id: str | None = None,
    visit_id: str | None = None,
    notice_ids: Sequence[str] = (),
    court: CourtConfig | None = None,
    template_version: int | None = None,
) -> NoticeDraft:
    """A draft filled from the records (missing required fields are listed, not raised)."""
    template = default_library().get(template_code, template_version)
    sources = load_sources(
        connection,
        assignment_id=assignment_id,
        case_id=case_id,
        asset_control_id=asset_control_id,
        visit_id=visit_id,
        notice_ids=notice_ids,
    )
    values = field_values(sources, court or court_config())
    return NoticeDraft(
        template=template,
        case_id=sources.case.id,
        case_number=sources.case.case_number,
        assignment_id=assignment_id,
        values=normalise_values(template, values),
    )


def prepare(engine: Engine, template_code: str, **kwargs: Any) -> NoticeDraft:
    with engine.connect() as connection:
        return prepare_notice(connection, template_code, **kwargs)


def _issue_time(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("naive datetime: `now` must carry a zone")
    # Whole seconds: what every database keeps, so the hash made now matches the record.
    return now.replace(microsecond=0)


def preview(
    engine: Engine, draft: NoticeDraft, *, now: datetime, font: NoticeFont | None = None
) -> tuple[RenderedNotice, str | None]:
    """The draft rendered with a 样稿 mark, and the number it would get (None: none left)."""
    with engine.connect() as connection:
        number = next_document_number(connection, draft.case_number)
    shown = number or f"{draft.case_number}{PREVIEW_SUFFIX}"
    identity = NoticeIdentity("preview", shown, _issue_time(now))
    rendered = render_notice(draft.template, draft.values, identity, font=font, preview=True)
    return rendered, number


def store_pdf(blobs_dir: Path, data: bytes, sha256: str) -> Path:
    """Keep the PDF in the content-addressed folder, durably, before its record commits."""
    folder = blobs_dir / sha256[:2]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sha256
    if path.exists():
        return path
    temporary = folder / f".{sha256}.{os.getpid()}.tmp"
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return path


def issue_notice(
    connection: Connection,
    draft: NoticeDraft,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    font: NoticeFont | None = None,
    blobs_dir: Path | None = None,
    notice_id: str | None = None,
) -> IssuedNotice:
    """Issue `draft` in the caller's transaction. Raises MissingFields, MissingGlyphs or
    NumbersExhausted — and then nothing is issued and no number is used."""
    template = draft.template
    values = normalise_values(template, draft.values)
    missing = missing_fields(template, values)
    if missing:
        raise MissingFields(template.code, template.title, missing)
    issued_at = _issue_time(now)
    number = allocate_document_number(connection, draft.case_number)
    notice_id = notice_id or new_id()
    rendered = render_notice(
        template,
        values,
        NoticeIdentity(notice_id, number.document_number, issued_at),
        font=font or load_font(),
    )
    path = store_pdf(blobs_dir, rendered.pdf, rendered.sha256) if blobs_dir else None
    row = {
        "id": notice_id,
        "version": 0,
        "created_at": issued_at,
        "updated_at": issued_at,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        "case_id": draft.case_id,
        "assignment_id": draft.assignment_id,
        "template_code": template.code,
        "template_version": template.version,
        "document_number": number.document_number,
        "field_values": rendered.field_values,
        "pdf_sha256": rendered.sha256,
        "issued_at": issued_at,
        "issued_by": actor.user_id,
    }
    connection.execute(insert(Notice).values(**row))
    changes.inserted(connection, Notice, [row])
    return IssuedNotice(
        id=notice_id,
        template_code=template.code,
        template_version=template.version,
        title=template.title,
        document_number=number.document_number,
        case_number=draft.case_number,
        assignment_id=draft.assignment_id,
        issued_at=issued_at,
        pdf_sha256=rendered.sha256,
        content_hash=rendered.content_hash,
        pages=rendered.pages,
        pdf=rendered.pdf,
        pdf_path=path,
    )


def issue(
    engine: Engine,
    draft: NoticeDraft,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    font: NoticeFont | None = None,
    blobs_dir: Path | None = None,
) -> IssuedNotice:
    """Issue `draft` in a transaction of its own."""
    with engine.begin() as connection:
        return issue_notice(
            connection,
            draft,
            actor=actor,
            now=now,
            changes=changes,
            font=font,
            blobs_dir=blobs_dir,
        )


def issued_pdf(engine: Engine, notice_id: str, *, font: NoticeFont | None = None) -> bytes:
    """An issued notice's PDF made again from its record: byte for byte what was issued,
    as long as the template version and the font are the same."""
    with engine.connect() as connection:
        row = connection.execute(select(Notice).where(Notice.id == notice_id)).one()
    template = default_library().get(row.template_code, row.template_version)
    identity = NoticeIdentity(row.id, row.document_number, row.issued_at)
    return render_notice(template, row.field_values, identity, font=font).pdf
