"""The central database: migrated on open, counters in place; and what it knows of blobs."""

from __future__ import annotations

from sqlalchemy import Engine, insert, or_, select

from fieldapp.server.changelog import EVERYONE, ensure_counters
from fieldapp.server.context import DeviceContext
from fieldapp.storage.central_tables import Blob, ChangeLogEntry
from fieldapp.storage.engine import make_engine, writing
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.migrate import upgrade
from fieldapp.storage.types import utcnow
from fieldapp.storage.wire import wire_json


def open_central(url: str, *, migrate: bool = True, **engine_options: object) -> Engine:
    if migrate:
        upgrade(url, "central")
    # JSON columns written by msgspec (the same JSON, faster): a push writes several a record.
    engine_options.setdefault("json_serializer", wire_json)
    engine = make_engine(url, **engine_options)
    with writing(engine).begin() as connection:
        ensure_counters(connection)
    return engine


class BlobRecords:
    """Who may fetch a blob (whoever may see an evidence item naming it), and its receipt."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def can_download(self, ctx: DeviceContext, sha256: str) -> bool:
        with self._engine.connect() as connection:
            if ctx.sees_everything:
                return True
            uploaded = connection.execute(
                select(Blob.sha256).where(Blob.sha256 == sha256, Blob.uploaded_by == ctx.device_id)
            ).first()
            if uploaded:
                return True
            visible = connection.execute(
                select(ChangeLogEntry.seq)
                .join(EvidenceItem, EvidenceItem.id == ChangeLogEntry.record_id)
                .where(
                    ChangeLogEntry.entity == "evidence_item",
                    EvidenceItem.sha256 == sha256,
                    or_(
                        ChangeLogEntry.scope == EVERYONE,
                        ChangeLogEntry.scope.like(f"%,{ctx.squad_code},%"),
                    ),
                )
                .limit(1)
            ).first()
            return visible is not None

    def received(self, ctx: DeviceContext, sha256: str, size: int) -> None:
        with writing(self._engine).begin() as connection:
            known = connection.execute(select(Blob.sha256).where(Blob.sha256 == sha256)).first()
            if known is None:
                connection.execute(
                    insert(Blob).values(
                        sha256=sha256, size=size, uploaded_by=ctx.device_id, received_at=utcnow()
                    )
                )
