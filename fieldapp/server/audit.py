"""The audit log: logins, refused logins and rejected operations, with who and from where."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert

from fieldapp.storage.central_tables import AuditEntry


def audit(
    connection: Connection,
    event: str,
    *,
    at: datetime,
    username: str | None = None,
    device_id: str | None = None,
    client: str | None = None,
    detail: str = "",
) -> None:
    connection.execute(
        insert(AuditEntry).values(
            at=at,
            event=event,
            username=(username or "")[:64] or None,
            device_id=(device_id or "")[:64] or None,
            client=client,
            detail=detail[:4000],
        )
    )
