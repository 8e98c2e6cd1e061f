"""One record as the central store holds it now, for a laptop that gives up a rejected change.

Read from the change log, which keeps the latest entry of every record with its scope, so the
answer is exactly what a pull would bring, and a record outside the caller's scope is as
unknown to it as one that never existed.
"""

# No `from __future__ import annotations`: FastAPI reads the route's annotations at definition.

import json
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response
from sqlalchemy import Connection, Engine, select

from fieldapp.server.changelog import scope_squads
from fieldapp.server.context import DeviceContext
from fieldapp.server.errors import ApiError
from fieldapp.storage.central_tables import ChangeLogEntry
from fieldapp.storage.schema import TABLES
from fieldapp.sync.protocol import API, Change, ErrorBody

RECORD_ID = r"^[0-9A-Za-z-]{1,64}$"
ENTITY = r"^[a-z_]{1,32}$"


def current_record(
    connection: Connection, ctx: DeviceContext, entity: str, record_id: str
) -> bytes | None:
    """The record's latest change as JSON (the shape of a pulled change), or None when the
    caller may not see it or it does not exist."""
    row = connection.execute(
        select(
            ChangeLogEntry.seq,
            ChangeLogEntry.version,
            ChangeLogEntry.deleted,
            ChangeLogEntry.scope,
            ChangeLogEntry.payload,
        ).where(ChangeLogEntry.entity == entity, ChangeLogEntry.record_id == record_id)
    ).first()
    if row is None:
        return None
    seq, version, deleted, scope, payload = row
    if not (ctx.sees_everything or scope == "*" or ctx.squad_code in scope_squads(scope)):
        return None
    head = json.dumps(
        {
            "seq": int(seq),
            "entity": entity,
            "record_id": record_id,
            "version": int(version),
            "deleted": bool(deleted),
        },
        ensure_ascii=False,
    )
    return f'{head[:-1]},"data":{payload}}}'.encode()


def make_record_router(
    engine: Engine, device: Callable[..., Awaitable[DeviceContext]]
) -> APIRouter:
    router = APIRouter()

    @router.get(
        f"{API}/sync/record/{{entity}}/{{record_id}}",
        response_model=Change,
        responses={404: {"model": ErrorBody}},
    )
    def get_record(
        entity: Annotated[str, Path(pattern=ENTITY)],
        record_id: Annotated[str, Path(pattern=RECORD_ID)],
        ctx: Annotated[DeviceContext, Depends(device)],
    ) -> Response:
        if entity not in TABLES:
            raise ApiError(404, "unknown_entity", f"no kind of record is called {entity!r}")
        with engine.connect() as connection:
            body = current_record(connection, ctx, entity, record_id)
        if body is None:
            raise ApiError(404, "not_found", f"the central store shows you no {entity} {record_id}")
        return Response(body, media_type="application/json")

    return router
