"""Blob endpoints of the central store: missing list, resumable chunked upload, ranged download."""

# No `from __future__ import annotations`: FastAPI reads the dependency annotations of the
# routes, which refer to this factory's arguments, at definition time.

import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Annotated, Any, Protocol

import anyio
import anyio.from_thread
import anyio.to_thread
from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError
from starlette.requests import ClientDisconnect

from fieldapp.server.context import DeviceContext
from fieldapp.storage.content_store import (
    ChunkTooLarge,
    ContentStore,
    ContentStoreError,
    HashMismatch,
    InvalidBlobName,
    LengthMismatch,
    OffsetMismatch,
    PartialBusy,
    TooLong,
    check_sha256,
)
from fieldapp.sync.protocol import (
    API,
    MAX_CHUNK,
    MAX_JSON_BODY,
    SHA256_HEX,
    UPLOAD_LENGTH,
    UPLOAD_OFFSET,
    ErrorBody,
    MissingRequest,
    MissingResponse,
)

BLOBS = f"{API}/blobs"
MAX_BLOB_SIZE = 64 << 30
DOWNLOAD_PIECE = 1 << 20
# Body bytes handed to the writing thread at a time: one thread hop per MiB, not per packet.
_HANDOFF = 1 << 20
_DIGITS = re.compile(r"[0-9]{1,19}")
_RANGE = re.compile(r"bytes=([0-9]{0,19})-([0-9]{0,19})")
# For the OpenAPI schema only: the routes check names themselves (400 "invalid_hash").
_Name = Annotated[str, Path(json_schema_extra={"pattern": SHA256_HEX.pattern})]
_MISSING_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": MissingRequest.model_json_schema()}},
    }
}
_BYTES = {"type": "integer", "minimum": 0, "maximum": MAX_BLOB_SIZE}
_UPLOAD_HEADERS = {
    "parameters": [
        {"name": name, "in": "header", "required": True, "schema": _BYTES}
        for name in (UPLOAD_OFFSET, UPLOAD_LENGTH)
    ]
}


class BlobAccess(Protocol):
    """Who may read a blob, and where the arrival of a blob is recorded."""

    def can_download(self, ctx: DeviceContext, sha256: str) -> bool: ...

    def received(self, ctx: DeviceContext, sha256: str, size: int) -> None: ...


class _Refusal(Exception):
    """An error answer: JSON {"error", "message"} with a status and perhaps headers."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        body = ErrorBody(error=self.code, message=self.message).model_dump()
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def make_blob_router(
    *,
    store: Callable[[], ContentStore],
    device: Callable[..., Any],
    access: BlobAccess,
    max_uploads: int = 64,
) -> APIRouter:
    """The four blob endpoints under /api/v1/blobs; ``device`` is the FastAPI dependency that
    authenticates the caller and returns its DeviceContext.

    An upload holds a worker thread while its chunk arrives, which over a slow field link can
    take a minute; ``max_uploads`` gives uploads threads of their own, so they never take all
    of the shared pool that the other synchronous endpoints need.
    """
    router = APIRouter(prefix=BLOBS, tags=["blobs"])
    upload_threads = anyio.CapacityLimiter(max_uploads)

    @router.post("/missing", dependencies=[Depends(device)], openapi_extra=_MISSING_BODY)
    async def missing(request: Request) -> Response:
        try:
            hashes = await _missing_request(request)
        except _Refusal as refusal:
            return refusal.response()
        lacking = await anyio.to_thread.run_sync(_lacking, store(), hashes)
        return JSONResponse(MissingResponse(missing=lacking).model_dump())

    @router.head("/{sha256}", dependencies=[Depends(device)])
    def head(sha256: _Name) -> Response:
        try:
            return _head(store(), sha256)
        except _Refusal as refusal:
            return refusal.response()

    @router.patch("/{sha256}", status_code=204, openapi_extra=_UPLOAD_HEADERS)
    async def patch(
        sha256: _Name, request: Request, ctx: Annotated[DeviceContext, Depends(device)]
    ) -> Response:
        try:
            new_offset, length = await _patch(store(), sha256, request, upload_threads)
        except _Refusal as refusal:
            return refusal.response()
        if new_offset == length:
            await anyio.to_thread.run_sync(access.received, ctx, sha256, new_offset)
        return Response(status_code=204, headers={UPLOAD_OFFSET: str(new_offset)})

    @router.get("/{sha256}")
    def download(
        sha256: _Name, request: Request, ctx: Annotated[DeviceContext, Depends(device)]
    ) -> Response:
        try:
            return _download(store(), access, ctx, sha256, request.headers.get("range"))
        except _Refusal as refusal:
            return refusal.response()

    return router


# POST /missing


async def _missing_request(request: Request) -> list[str]:
    body = await _read_limited(request, MAX_JSON_BODY)
    try:
        return MissingRequest.model_validate_json(body).hashes
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise _Refusal(422, "invalid_body", f"{where}: {first['msg']}") from None


async def _read_limited(request: Request, limit: int) -> bytes:
    _refuse_declared_over(request, limit, "body_too_large")
    parts: list[bytes] = []
    received = 0
    async for part in request.stream():
        received += len(part)
        if received > limit:
            raise _Refusal(413, "body_too_large", f"the body is over {limit} bytes")
        parts.append(part)
    return b"".join(parts)


def _lacking(blobs: ContentStore, hashes: list[str]) -> list[str]:
    return [sha for sha in dict.fromkeys(hashes) if not blobs.has(sha)]


# HEAD


def _head(blobs: ContentStore, sha256: str) -> Response:
    _check_name(sha256)
    if blobs.has(sha256):
        size = str(blobs.size(sha256))
        return Response(status_code=200, headers={UPLOAD_OFFSET: size, "Content-Length": size})
    return Response(status_code=404, headers={UPLOAD_OFFSET: str(blobs.partial_size(sha256))})


# PATCH


async def _patch(
    blobs: ContentStore, sha256: str, request: Request, threads: anyio.CapacityLimiter
) -> tuple[int, int]:
    """Append the request's body to the partial blob; returns (new offset, announced length)."""
    _check_name(sha256)
    offset = _header_int(request, UPLOAD_OFFSET)
    length = _header_int(request, UPLOAD_LENGTH)
    if length > MAX_BLOB_SIZE:
        raise _Refusal(400, "invalid_header", f"{UPLOAD_LENGTH} is over {MAX_BLOB_SIZE} bytes")
    declared = _refuse_declared_over(request, MAX_CHUNK, "chunk_too_large")
    if declared is not None and offset + declared > length:
        raise _Refusal(400, "too_long", f"this chunk would end beyond {UPLOAD_LENGTH}")
    try:
        new_offset = await anyio.to_thread.run_sync(
            _append, blobs, sha256, offset, request.stream(), length, limiter=threads
        )
    except ContentStoreError as exc:
        raise _store_refusal(exc) from None
    except ClientDisconnect:
        # Nobody reads this answer; the bytes that did arrive are kept for the resume.
        raise _Refusal(400, "client_disconnected", "the upload was cut off") from None
    return new_offset, length


def _append(
    blobs: ContentStore, sha256: str, offset: int, body: AsyncIterator[bytes], length: int
) -> int:
    """Runs in a worker thread: disk writes, fsync and the final hash never block the loop."""
    return blobs.append_partial(sha256, offset, _pull(body), length, max_bytes=MAX_CHUNK)


def _pull(body: AsyncIterator[bytes]) -> Iterator[bytes]:
    """The request body, read from the event loop as the worker thread asks for it."""
    while part := anyio.from_thread.run(_gather, body, _HANDOFF):
        yield part


async def _gather(body: AsyncIterator[bytes], target: int) -> bytes:
    parts: list[bytes] = []
    gathered = 0
    while gathered < target:
        try:
            part = await anext(body)
        except StopAsyncIteration:
            break
        except ClientDisconnect:
            if not parts:
                raise
            break  # keep what did arrive; the finished stream then ends the upload
        parts.append(part)
        gathered += len(part)
    return b"".join(parts)


def _store_refusal(exc: ContentStoreError) -> _Refusal:
    if isinstance(exc, PartialBusy):
        return _Refusal(409, "upload_busy", str(exc), _offset_header(exc.current_offset))
    if isinstance(exc, OffsetMismatch):
        return _Refusal(409, "offset_mismatch", str(exc), _offset_header(exc.current_offset))
    if isinstance(exc, ChunkTooLarge):
        return _Refusal(413, "chunk_too_large", f"a chunk may carry at most {MAX_CHUNK} bytes")
    if isinstance(exc, HashMismatch):
        return _Refusal(422, "hash_mismatch", str(exc))
    if isinstance(exc, LengthMismatch):
        return _Refusal(400, "length_mismatch", str(exc))
    if isinstance(exc, TooLong):
        return _Refusal(400, "too_long", str(exc))
    return _Refusal(400, "refused", str(exc))


def _offset_header(offset: int) -> dict[str, str]:
    return {UPLOAD_OFFSET: str(offset)}


# GET


def _download(
    blobs: ContentStore, access: BlobAccess, ctx: DeviceContext, sha256: str, range_: str | None
) -> Response:
    _check_name(sha256)
    # The same answer for "absent" and "not yours", so a caller cannot probe for blobs.
    if not blobs.has(sha256) or not access.can_download(ctx, sha256):
        raise _Refusal(404, "blob_not_found", "no such blob")
    size = blobs.size(sha256)
    span = _parse_range(range_, size)
    start, end = span or (0, size)
    headers = {"Content-Length": str(end - start), "ETag": f'"{sha256}"', "Accept-Ranges": "bytes"}
    if span is not None:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
    return StreamingResponse(
        blobs.iter_range(sha256, start, end, chunk_size=DOWNLOAD_PIECE),
        status_code=206 if span is not None else 200,
        headers=headers,
        media_type="application/octet-stream",
    )


def _parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end)`` (end exclusive) of a single byte range, None to send the whole blob.

    A malformed or multiple range is ignored (RFC 9110 §14.2 lets a server do so);
    a range starting at or beyond the end is refused with 416.
    """
    match = _RANGE.fullmatch(header.strip()) if header else None
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:
        return _suffix_range(int(last), size)
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise _unsatisfiable(size)
    return start, size if not last else min(int(last) + 1, size)


def _suffix_range(length: int, size: int) -> tuple[int, int]:
    if length == 0 or size == 0:
        raise _unsatisfiable(size)
    return max(0, size - length), size


def _unsatisfiable(size: int) -> _Refusal:
    return _Refusal(
        416,
        "range_not_satisfiable",
        f"the blob has {size} bytes",
        {"Content-Range": f"bytes */{size}"},
    )


# Shared checks


def _check_name(sha256: str) -> None:
    try:
        check_sha256(sha256)
    except InvalidBlobName:
        raise _Refusal(
            400, "invalid_hash", "a blob is named by its sha256: 64 lowercase hex digits"
        ) from None


def _header_int(request: Request, name: str) -> int:
    value = request.headers.get(name)
    if value is None:
        raise _Refusal(400, "missing_header", f"the {name} header is required")
    if _DIGITS.fullmatch(value.strip()) is None:
        raise _Refusal(400, "invalid_header", f"{name} must be a whole number of bytes")
    return int(value)


def _refuse_declared_over(request: Request, limit: int, code: str) -> int | None:
    """The declared Content-Length, refused before anything is read when it exceeds ``limit``."""
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    if _DIGITS.fullmatch(declared.strip()) is None:
        raise _Refusal(400, "invalid_header", "Content-Length must be a whole number")
    if int(declared) > limit:
        raise _Refusal(413, code, f"a request body may carry at most {limit} bytes")
    return int(declared)
