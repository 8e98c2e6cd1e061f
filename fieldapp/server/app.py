"""The central store's HTTP service (DESIGN §4): login, push, pull, blobs, health."""

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine, select
from starlette.concurrency import run_in_threadpool

from fieldapp import __version__
from fieldapp.evidence.receipts import Receipt
from fieldapp.server.accounts import LoginRefused, device_for_token, login
from fieldapp.server.audit import audit
from fieldapp.server.blob_routes import make_blob_router
from fieldapp.server.bodies import body_doc, document_body, read_body
from fieldapp.server.context import DeviceContext
from fieldapp.server.database import BlobRecords
from fieldapp.server.errors import ApiError, BodyLimit, install_error_handlers
from fieldapp.server.numbers import LeaseRefused, lease_for_device
from fieldapp.server.periodic import Job, periodic_lifespan
from fieldapp.server.pull import CursorExpired, log_position, pull_page
from fieldapp.server.push import PushRefused, apply_push
from fieldapp.server.readiness import make_readiness_router
from fieldapp.server.record_fetch import make_record_router
from fieldapp.server.settings import ServerSettings
from fieldapp.server.supervision import escalation_job
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.engine import reading, writing
from fieldapp.storage.types import utcnow
from fieldapp.sync import protocol as p

log = logging.getLogger(__name__)

# Any route may answer these, always with {"error", "message"} (DESIGN §4.12); the OpenAPI
# schema says so (FastAPI would describe 422 with a body of its own).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": p.ErrorBody} for status in (400, 401, 413, 422, 426)
}
# Pulls at most this many changes behind are served on the event loop (see pull).
INLINE_PULL = 200


def create_app(settings: ServerSettings, engine: Engine) -> FastAPI:
    """The app over a migrated database (see fieldapp.server.database.open_central)."""
    store = ContentStore(settings.blobs)
    app = FastAPI(
        title="Fieldapp central store",
        version=__version__,
        description="Sync protocol v1 between field laptops and the court's central store.",
        responses=ERROR_RESPONSES,
        lifespan=periodic_lifespan(
            [*housekeeping(settings, store), escalation_job(settings, engine)]
        ),
    )
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=p.MAX_JSON_BODY, exempt_prefix=f"{p.API}/blobs/")
    reads = reading(engine)
    device = _device_dependency(reads)

    @app.get(f"{p.API}/health")
    def health() -> dict[str, str]:
        with reads.connect() as connection:
            connection.execute(select(1))
        return {"status": "ok", "version": __version__}

    @app.post(
        f"{p.API}/auth/login",
        response_model=p.LoginResponse,
        responses={
            401: {"model": p.ErrorBody},
            403: {"model": p.ErrorBody},
            409: {"model": p.ErrorBody},
            429: {"model": p.ErrorBody},
        },
    )
    def sign_in(body: p.LoginRequest, request: Request) -> p.LoginResponse:
        now = utcnow()
        client = request.client.host if request.client else None
        failure: LoginRefused | None = None
        with writing(engine).begin() as connection:
            try:
                done = login(
                    connection,
                    settings,
                    username=body.username,
                    password=body.password,
                    device_id=body.device_id,
                    device_name=body.device_name,
                    public_key=body.public_key,
                    now=now,
                )
            except LoginRefused as refused:  # audited in this transaction, raised after it
                audit(
                    connection,
                    "login_refused",
                    at=now,
                    username=body.username,
                    device_id=body.device_id,
                    client=client,
                    detail=refused.code,
                )
                failure = refused
            else:
                audit(
                    connection,
                    "login",
                    at=now,
                    username=body.username,
                    device_id=body.device_id,
                    client=client,
                )
        if failure is not None:
            raise ApiError(failure.status, failure.code, failure.message)
        user = done.user
        display = _display_name(engine, user.id) or user.username
        return p.LoginResponse(
            token=done.token,
            user=p.UserInfo(
                id=user.id,
                username=user.username,
                display_name=display,
                role=user.role.value,
                squad=user.squad_code,
            ),
            server_time=now,
        )

    @app.post(
        f"{p.API}/sync/push",
        response_model=p.PushResponse,
        responses={409: {"model": p.ErrorBody}, 403: {"model": p.ErrorBody}},
        openapi_extra=body_doc(p.PushRequest),
    )
    async def push(request: Request, ctx: Annotated[DeviceContext, Depends(device)]) -> Response:
        # pydantic reads the body from its bytes (see bodies.py); one worker thread applies it.
        body = await read_body(request, p.PushRequest)
        return await run_in_threadpool(apply_batch, body, ctx)

    def apply_batch(body: p.PushRequest, ctx: DeviceContext) -> Response:
        now = utcnow()
        receipts: list[Receipt] = []
        try:
            with writing(engine).begin() as connection:
                results = apply_push(
                    connection, ctx, body.device_id, body.ops, now=now, receipts=receipts
                )
                rejected = [r for r in results if r.status == "rejected"]
                if rejected:
                    detail = "; ".join(f"op {r.seq}: {r.reason}" for r in rejected[:20])
                    audit(
                        connection,
                        "ops_rejected",
                        at=now,
                        username=ctx.username,
                        device_id=ctx.device_id,
                        detail=detail,
                    )
        except PushRefused as refused:
            with engine.begin() as connection:
                audit(
                    connection,
                    "push_refused",
                    at=now,
                    username=ctx.username,
                    device_id=ctx.device_id,
                    detail=refused.message,
                )
            raise ApiError(refused.status, refused.code, refused.message) from None
        # Written here rather than by FastAPI, which would validate every result again.
        receipt = receipts[0].as_dict() if receipts else None
        answer = p.PushResponse(results=results, server_time=now, receipt=receipt)
        return Response(answer.model_dump_json(), media_type="application/json")

    @app.get(
        f"{p.API}/sync/pull",
        response_model=p.PullResponse,
        responses={410: {"model": p.ErrorBody}},
    )
    async def pull(
        ctx: Annotated[DeviceContext, Depends(device)],
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = 1000,
    ) -> Response:
        # Most pulls find little or nothing: their few short queries run right here on the
        # event loop, as handing them to a worker thread and back costs more than they do.
        # A pull far behind goes to a thread, so its long page holds up no other request.
        with reads.connect() as connection:
            position = log_position(connection)
            serve = partial(pull_page, connection, ctx, cursor, limit, position=position)
            try:
                if position.committed - cursor <= INLINE_PULL:
                    page = serve()
                else:
                    page = await run_in_threadpool(serve)
            except CursorExpired:
                raise ApiError(
                    410,
                    "cursor_expired",
                    "this laptop's copy is too old to bring up to date; push, then download again",
                ) from None
        return Response(
            page.body,
            media_type="application/json",
            headers={
                p.NEXT_CURSOR_HEADER: str(page.next_cursor),
                p.HAS_MORE_HEADER: str(int(page.has_more)),
            },
        )

    @app.post(
        f"{p.API}/notice-numbers/lease",
        response_model=p.LeaseResponse,
        responses={403: {"model": p.ErrorBody}, 422: {"model": p.ErrorBody}},
    )
    def lease_numbers(
        body: p.LeaseBody, ctx: Annotated[DeviceContext, Depends(device)]
    ) -> p.LeaseResponse:
        if body.device_id != ctx.device_id:
            raise ApiError(403, "forged_device", "the lease names another device than your token's")
        now = utcnow()
        with writing(engine).begin() as connection:
            try:
                blocks = lease_for_device(connection, ctx, body, now=now)
            except LeaseRefused as refused:
                raise ApiError(422, "lease_refused", str(refused)) from None
        return p.LeaseResponse(
            blocks=[
                p.LeasedBlock(id=b.id, series=b.series, first=b.first, last=b.last) for b in blocks
            ],
            server_time=now,
        )

    document_body(app, p.PushRequest)
    app.include_router(make_record_router(reads, device))
    app.include_router(make_readiness_router(p.API, engine, settings.blobs))
    app.include_router(
        make_blob_router(store=lambda: store, device=device, access=BlobRecords(engine)),
        responses={status: {"model": p.ErrorBody} for status in (404, 409, 416, 422)},
    )
    return app


def housekeeping(settings: ServerSettings, store: ContentStore) -> list[Job]:
    """What each server process does on a timer while it serves."""
    stale_after_s = settings.stale_upload_days * 86400.0

    def sweep() -> str:
        return f"removed {store.sweep_stale(stale_after_s)} stale partial upload(s)"

    return [Job("sweep of stale uploads", every_s=6 * 3600.0, run=sweep)]


def _display_name(engine: Engine, user_id: str) -> str | None:
    from fieldapp.storage.reference import StaffMember

    with engine.connect() as connection:
        row = connection.execute(
            select(StaffMember.display_name).where(StaffMember.id == user_id)
        ).first()
    return row[0] if row else None


def _device_dependency(engine: Engine) -> Callable[..., Awaitable[DeviceContext]]:
    async def device(token: Annotated[str, Depends(bearer_token)]) -> DeviceContext:
        # One indexed query, run right here on the event loop: handing it to a worker
        # thread and back would cost more than the query (see pull).
        with engine.connect() as connection:
            return authenticate(connection, token)

    return device


async def bearer_token(
    authorization: Annotated[str | None, Header()] = None,
    x_fieldapp_protocol: Annotated[str | None, Header()] = None,
    x_fieldapp_schema: Annotated[str | None, Header()] = None,
) -> str:
    """The request's device token, once the versions are checked."""
    _check_version(x_fieldapp_protocol, p.OLDEST_PROTOCOL, p.PROTOCOL_VERSION, "protocol")
    _check_version(x_fieldapp_schema, p.OLDEST_SCHEMA, p.SCHEMA_VERSION, "schema")
    if not authorization or not authorization.startswith("Bearer "):
        raise ApiError(401, "unauthorized", "sign in first: this request carries no device token")
    token = authorization.removeprefix("Bearer ").strip()
    if not token or len(token) > 256:
        raise ApiError(401, "unauthorized", "the device token is not valid")
    return token


def authenticate(connection: Connection, token: str) -> DeviceContext:
    ctx = device_for_token(connection, token)
    if ctx is None:
        raise ApiError(401, "unauthorized", "the device token is not valid or was revoked")
    return ctx


def _check_version(value: str | None, oldest: int, current: int, what: str) -> None:
    if value is None or not value.isdigit():
        raise ApiError(400, f"missing_{what}", f"the X-Fieldapp-{what.title()} header is missing")
    if int(value) < oldest:
        raise ApiError(
            426,
            "upgrade_required",
            f"this laptop speaks {what} version {value}; the central store needs {oldest} "
            "or newer. Update Fieldapp — unsent changes stay on the laptop.",
        )
    if int(value) > current:
        raise ApiError(
            400, f"unknown_{what}", f"{what} version {value} is newer than this central store's"
        )
