"""The laptop side of blob transfer: which blobs are missing, resumable upload, ranged download."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import httpx

from fieldapp.storage.content_store import ContentStore, LengthMismatch, check_sha256
from fieldapp.sync.protocol import (
    API,
    MAX_CHUNK,
    UPLOAD_LENGTH,
    UPLOAD_OFFSET,
    ErrorBody,
    MissingResponse,
)

BLOBS = f"{API}/blobs"
MISSING_BATCH = 10_000
# Bytes read from disk and handed to the connection at a time: a chunk never sits in memory.
_PIECE = 1 << 20
# Conflicts in a row before giving up: another writer of the same blob, or a server that
# keeps moving its offset, is not something to spin on.
_MAX_CONFLICTS = 5
_BUSY_PAUSE_S = 0.5
# A rate the server surely reaches when it re-reads a finished blob to check its hash.
_VERIFY_BYTES_PER_S = 50e6
_CONTENT_RANGE = re.compile(r"bytes ([0-9]+)-([0-9]+)/([0-9]+)")


class BlobTransferError(Exception):
    """A blob transfer the server refused or answered unexpectedly."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class BlobRejected(BlobTransferError):
    """The server discarded the uploaded bytes: they do not hash to the blob's name."""


class BlobNotFound(BlobTransferError):
    """The server has no such blob, or this user may not see it."""


@dataclass(frozen=True, slots=True)
class UploadState:
    size: int
    confirmed_offset: int
    done: bool


class UploadProgress(Protocol):
    """Where the server's confirmed offset of each upload is kept (the BlobUpload table)."""

    def get(self, sha256: str) -> UploadState | None: ...

    def set(self, sha256: str, state: UploadState) -> None: ...


class MemoryUploadProgress:
    """UploadProgress kept in a dict, for tests and one-off transfers."""

    def __init__(self) -> None:
        self._states: dict[str, UploadState] = {}

    def get(self, sha256: str) -> UploadState | None:
        return self._states.get(sha256)

    def set(self, sha256: str, state: UploadState) -> None:
        self._states[sha256] = state


@dataclass(frozen=True, slots=True)
class UploadResult:
    sent_bytes: int
    resumed_from: int


def missing_blobs(client: httpx.Client, hashes: Iterable[str]) -> list[str]:
    """The hashes (of ``hashes``, in order, once each) that the server does not have."""
    unique = [check_sha256(sha) for sha in dict.fromkeys(hashes)]
    missing: list[str] = []
    for start in range(0, len(unique), MISSING_BATCH):
        response = client.post(
            f"{BLOBS}/missing", json={"hashes": unique[start : start + MISSING_BATCH]}
        )
        _raise_for_status(response)
        missing.extend(MissingResponse.model_validate_json(response.content).missing)
    return missing


def server_offset(client: httpx.Client, sha256: str) -> tuple[int, bool]:
    """How many bytes of the blob the server has confirmed, and whether it is complete."""
    response = client.head(f"{BLOBS}/{check_sha256(sha256)}")
    if response.status_code not in (200, 404):
        _raise_for_status(response)
    return _upload_offset(response), response.status_code == 200


def upload_blob(
    client: httpx.Client,
    store: ContentStore,
    sha256: str,
    *,
    chunk_size: int = 8 << 20,
    progress: UploadProgress | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> UploadResult:
    """Send a blob from ``store``, resuming exactly where the server's confirmed bytes end.

    ``on_bytes(n)`` is called as each piece of ``n`` bytes is handed to the connection;
    ``progress`` is told the server's confirmed offset after every answer. Network errors
    propagate (the caller retries later); what the server confirmed is never sent again.
    """
    upload = _Upload(client, store, sha256, min(max(chunk_size, 1), MAX_CHUNK), on_bytes)
    offset, complete = server_offset(client, sha256)
    resumed_from = offset
    conflicts = 0
    while True:
        upload.check_offset(offset)
        _record(progress, sha256, upload.size, offset, complete)
        if complete:
            return UploadResult(upload.sent, resumed_from)
        response = upload.send_chunk(offset)
        if response.status_code == 204:
            offset, conflicts = _upload_offset(response), 0
            complete = offset == upload.size
        elif response.status_code == 409 and conflicts < _MAX_CONFLICTS:
            conflicts += 1
            _pause_if_busy(response)
            offset, complete = server_offset(client, sha256)
        else:
            raise _refusal(response)


def download_blob(
    client: httpx.Client, store: ContentStore, sha256: str, *, chunk_size: int = 8 << 20
) -> int:
    """Fetch a blob into ``store``, resuming a local partial; returns the bytes received.

    The content is checked against ``sha256`` before it lands (HashMismatch otherwise).
    """
    if store.has(sha256):
        return 0
    try:
        return _download_from(client, store, sha256, store.partial_size(sha256), chunk_size)
    except _StalePartial:
        store.discard_partial(sha256)
        return _download_from(client, store, sha256, 0, chunk_size)


# Upload internals


class _Upload:
    """One blob being sent: its local file and the bytes put on the wire so far."""

    def __init__(
        self,
        client: httpx.Client,
        store: ContentStore,
        sha256: str,
        chunk_size: int,
        on_bytes: Callable[[int], None] | None,
    ) -> None:
        self.client = client
        self.store = store
        self.sha256 = sha256
        self.size = store.size(sha256)
        self.chunk_size = chunk_size
        self.on_bytes = on_bytes
        self.sent = 0

    def check_offset(self, offset: int) -> None:
        if not 0 <= offset <= self.size:
            raise BlobTransferError(
                f"the server holds {offset} bytes of a blob of {self.size} bytes; "
                "it was started with a different length"
            )

    def send_chunk(self, offset: int) -> httpx.Response:
        length = min(self.chunk_size, self.size - offset)
        headers = {
            UPLOAD_OFFSET: str(offset),
            UPLOAD_LENGTH: str(self.size),
            "Content-Length": str(length),
            "Content-Type": "application/octet-stream",
        }
        last = offset + length == self.size
        return self.client.patch(
            f"{BLOBS}/{self.sha256}",
            content=self._pieces(offset, length),
            headers=headers,
            timeout=_verify_timeout(self.client.timeout, self.size)
            if last
            else httpx.USE_CLIENT_DEFAULT,
        )

    def _pieces(self, offset: int, length: int) -> Iterator[bytes]:
        with self.store.open(self.sha256) as handle:
            handle.seek(offset)
            remaining = length
            while remaining > 0:
                piece = handle.read(min(_PIECE, remaining))
                if not piece:
                    raise BlobTransferError("the local copy of the blob is shorter than its size")
                remaining -= len(piece)
                self.sent += len(piece)
                if self.on_bytes is not None:
                    self.on_bytes(len(piece))
                yield piece


def _verify_timeout(timeout: httpx.Timeout, size: int) -> httpx.Timeout:
    """The client's timeout, with room for the server to hash the whole blob on the last chunk."""
    if timeout.read is None:
        return timeout
    read = max(timeout.read, 30.0 + size / _VERIFY_BYTES_PER_S)
    return httpx.Timeout(connect=timeout.connect, read=read, write=timeout.write, pool=timeout.pool)


def _record(
    progress: UploadProgress | None, sha256: str, size: int, offset: int, done: bool
) -> None:
    if progress is not None:
        progress.set(sha256, UploadState(size=size, confirmed_offset=offset, done=done))


def _pause_if_busy(response: httpx.Response) -> None:
    if _error_body(response).error == "upload_busy":
        time.sleep(_BUSY_PAUSE_S)


def _upload_offset(response: httpx.Response) -> int:
    value = response.headers.get(UPLOAD_OFFSET, "")
    if not value.isdigit():
        raise BlobTransferError(
            f"the server's answer has no valid {UPLOAD_OFFSET} header", status=response.status_code
        )
    return int(value)


# Download internals


class _StalePartial(Exception):
    """The local partial cannot continue this download (wrong length, or already full)."""


def _download_from(
    client: httpx.Client, store: ContentStore, sha256: str, offset: int, chunk_size: int
) -> int:
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    with client.stream("GET", f"{BLOBS}/{check_sha256(sha256)}", headers=headers) as response:
        if response.status_code == 416 and offset:
            raise _StalePartial()
        if response.status_code == 404:
            raise BlobNotFound("the server has no such blob, or it is not visible to you")
        start, total = _body_span(response)
        if start != offset:  # the server ignored the range and sends it all
            store.discard_partial(sha256)
        try:
            end = store.append_partial(sha256, start, response.iter_bytes(chunk_size), total)
        except LengthMismatch:
            raise _StalePartial() from None
    return end - start


def _body_span(response: httpx.Response) -> tuple[int, int]:
    """(first byte, total size) of the blob bytes in a 200 or 206 answer."""
    if response.status_code == 200:
        return 0, int(response.headers["Content-Length"])
    if response.status_code == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", ""))
        if match is not None:
            return int(match[1]), int(match[3])
    response.read()
    raise _refusal(response)


# Errors


def _raise_for_status(response: httpx.Response) -> None:
    if not response.is_success:
        raise _refusal(response)


def _refusal(response: httpx.Response) -> BlobTransferError:
    """The error to raise for an answer that ends a transfer."""
    body = _error_body(response)
    if response.status_code == 422 and body.error == "hash_mismatch":
        return BlobRejected(body.message, status=422, code=body.error)
    if response.is_success:
        message = f"unexpected answer {response.status_code} from the server"
    else:
        message = f"the server refused ({response.status_code}): {body.message}"
    return BlobTransferError(message, status=response.status_code, code=body.error)


def _error_body(response: httpx.Response) -> ErrorBody:
    try:
        return ErrorBody.model_validate_json(response.content)
    except ValueError:
        return ErrorBody(error="http_error", message=response.text[:200] or response.reason_phrase)
