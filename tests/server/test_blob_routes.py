"""The blob endpoints: missing list, HEAD offsets, chunked PATCH with its refusals, ranged GET."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from fieldapp.server.blob_routes import BLOBS, MAX_BLOB_SIZE
from fieldapp.storage.content_store import ContentStore
from fieldapp.sync.protocol import MAX_CHUNK, UPLOAD_LENGTH, UPLOAD_OFFSET
from tests.support.blob_app import DEVICE, MemoryBlobAccess, make_app

DATA = os.urandom(100_000)
SHA = hashlib.sha256(DATA).hexdigest()
OTHER = hashlib.sha256(b"other").hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> ContentStore:
    return ContentStore(tmp_path / "server-blobs")


@pytest.fixture
def access() -> MemoryBlobAccess:
    return MemoryBlobAccess()


@pytest.fixture
def client(store: ContentStore, access: MemoryBlobAccess) -> Iterator[TestClient]:
    with TestClient(make_app(store, access)) as test_client:
        yield test_client


def patch(
    client: TestClient, offset: int, body: bytes, *, length: int = len(DATA), sha: str = SHA
) -> httpx.Response:
    headers = {UPLOAD_OFFSET: str(offset), UPLOAD_LENGTH: str(length)}
    response: httpx.Response = client.patch(f"{BLOBS}/{sha}", content=body, headers=headers)
    return response


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code
    assert body["message"]


# POST /missing


def test_missing_lists_absent_hashes_in_order_once(client: TestClient, store: ContentStore) -> None:
    store.put_bytes(DATA)
    third = hashlib.sha256(b"third").hexdigest()
    response = client.post(f"{BLOBS}/missing", json={"hashes": [OTHER, SHA, third, OTHER]})
    assert response.status_code == 200
    assert response.json() == {"missing": [OTHER, third]}


@pytest.mark.parametrize(
    "body",
    [
        {"hashes": ["../etc/passwd"]},
        {"hashes": [SHA.upper()]},
        {"hashes": [SHA] * 10_001},
        {"hashes": "x"},
        {"other": []},
    ],
)
def test_missing_refuses_a_bad_body_with_a_json_error(client: TestClient, body: object) -> None:
    assert_error(client.post(f"{BLOBS}/missing", json=body), 422, "invalid_body")


def test_missing_refuses_a_body_that_is_not_json(client: TestClient) -> None:
    assert_error(client.post(f"{BLOBS}/missing", content=b"{not json"), 422, "invalid_body")


# HEAD and PATCH


def test_head_reports_the_offset_then_completion(
    client: TestClient, access: MemoryBlobAccess
) -> None:
    first = client.head(f"{BLOBS}/{SHA}")
    assert (first.status_code, first.headers[UPLOAD_OFFSET]) == (404, "0")
    answer = patch(client, 0, DATA[:40_000])
    assert (answer.status_code, answer.headers[UPLOAD_OFFSET]) == (204, "40000")
    middle = client.head(f"{BLOBS}/{SHA}")
    assert (middle.status_code, middle.headers[UPLOAD_OFFSET]) == (404, "40000")
    assert access.arrived == []
    last = patch(client, 40_000, DATA[40_000:])
    assert (last.status_code, last.headers[UPLOAD_OFFSET]) == (204, str(len(DATA)))
    done = client.head(f"{BLOBS}/{SHA}")
    assert done.status_code == 200
    assert done.headers[UPLOAD_OFFSET] == done.headers["Content-Length"] == str(len(DATA))
    assert access.arrived == [(DEVICE.device_id, SHA, len(DATA))]


def test_a_wrong_offset_gets_409_with_the_current_offset(client: TestClient) -> None:
    patch(client, 0, DATA[:1234])
    for wrong in (0, 1000, 2000):
        response = patch(client, wrong, DATA[wrong : wrong + 10])
        assert_error(response, 409, "offset_mismatch")
        assert response.headers[UPLOAD_OFFSET] == "1234"


def test_patch_on_a_complete_blob_answers_its_size(client: TestClient, store: ContentStore) -> None:
    store.put_bytes(DATA)
    response = patch(client, 0, DATA[:10])
    assert_error(response, 409, "offset_mismatch")
    assert response.headers[UPLOAD_OFFSET] == str(len(DATA))


def test_tampered_content_gets_422_and_nothing_is_stored(
    client: TestClient, store: ContentStore, access: MemoryBlobAccess
) -> None:
    tampered = bytes([DATA[0] ^ 0xFF]) + DATA[1:]
    assert patch(client, 0, tampered[:50_000]).status_code == 204
    response = patch(client, 50_000, tampered[50_000:])
    assert_error(response, 422, "hash_mismatch")
    assert "upload it again" in response.json()["message"]
    assert not store.has(SHA)
    assert client.head(f"{BLOBS}/{SHA}").headers[UPLOAD_OFFSET] == "0"
    assert access.arrived == []


def test_an_upload_length_changing_mid_upload_is_refused(client: TestClient) -> None:
    patch(client, 0, DATA[:100])
    response = patch(client, 100, DATA[100:200], length=len(DATA) + 1)
    assert_error(response, 400, "length_mismatch")
    assert client.head(f"{BLOBS}/{SHA}").headers[UPLOAD_OFFSET] == "100"


def test_bytes_beyond_the_upload_length_are_refused(client: TestClient) -> None:
    assert_error(patch(client, 0, DATA, length=10), 400, "too_long")
    assert client.head(f"{BLOBS}/{SHA}").headers[UPLOAD_OFFSET] == "0"


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "missing_header"),
        ({UPLOAD_OFFSET: "0"}, "missing_header"),
        ({UPLOAD_LENGTH: "10"}, "missing_header"),
        ({UPLOAD_OFFSET: "abc", UPLOAD_LENGTH: "10"}, "invalid_header"),
        ({UPLOAD_OFFSET: "-1", UPLOAD_LENGTH: "10"}, "invalid_header"),
        ({UPLOAD_OFFSET: "0", UPLOAD_LENGTH: "-10"}, "invalid_header"),
        ({UPLOAD_OFFSET: "0", UPLOAD_LENGTH: "1e3"}, "invalid_header"),
        ({UPLOAD_OFFSET: "0", UPLOAD_LENGTH: str(MAX_BLOB_SIZE + 1)}, "invalid_header"),
        ({UPLOAD_OFFSET: "0", UPLOAD_LENGTH: "9" * 40}, "invalid_header"),
    ],
)
def test_missing_or_invalid_upload_headers_get_400(
    client: TestClient, headers: dict[str, str], code: str
) -> None:
    assert_error(client.patch(f"{BLOBS}/{SHA}", content=b"x", headers=headers), 400, code)


@pytest.mark.parametrize("name", [SHA.upper(), SHA[:63], SHA + "0", "..%2Fetc%2Fpasswd", "%2E%2E"])
def test_invalid_blob_names_are_refused(client: TestClient, store: ContentStore, name: str) -> None:
    headers = {UPLOAD_OFFSET: "0", UPLOAD_LENGTH: "1"}
    answers = [
        client.get(f"{BLOBS}/{name}"),
        client.head(f"{BLOBS}/{name}"),
        client.patch(f"{BLOBS}/{name}", content=b"x", headers=headers),
    ]
    assert all(a.status_code in (400, 404) for a in answers), [a.status_code for a in answers]
    assert list((store.root / "partial").iterdir()) == []


def test_an_invalid_name_gets_a_400_json_error(client: TestClient) -> None:
    assert_error(client.get(f"{BLOBS}/{SHA.upper()}"), 400, "invalid_hash")


def test_a_declared_chunk_over_the_limit_gets_413_before_any_byte_is_read(
    store: ContentStore,
) -> None:
    pulled = asyncio.run(
        _send_streamed(store, MAX_CHUNK + 1, extra_headers={"Content-Length": str(MAX_CHUNK + 1)})
    )
    assert pulled.status == 413
    assert pulled.error == "chunk_too_large"
    assert pulled.bytes_pulled <= 1 << 20  # at most the piece the client had in flight


def test_a_streamed_chunk_over_the_limit_gets_413_without_being_read_whole(
    store: ContentStore,
) -> None:
    total = 4 * MAX_CHUNK
    pulled = asyncio.run(_send_streamed(store, total, extra_headers={}))
    assert pulled.status == 413
    assert pulled.error == "chunk_too_large"
    assert pulled.bytes_pulled <= MAX_CHUNK + (2 << 20)
    assert store.partial_size(SHA) == 0


class _Pulled:
    def __init__(self) -> None:
        self.bytes_pulled = 0
        self.status = 0
        self.error = ""


async def _send_streamed(store: ContentStore, total: int, extra_headers: dict[str, str]) -> _Pulled:
    """PATCH ``total`` bytes through an ASGI transport that streams the body on demand."""
    pulled = _Pulled()
    piece = bytes(1 << 20)

    async def body() -> AsyncIterator[bytes]:
        while pulled.bytes_pulled < total:
            pulled.bytes_pulled += len(piece)
            yield piece

    transport = httpx.ASGITransport(app=make_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        headers = {UPLOAD_OFFSET: "0", UPLOAD_LENGTH: str(10 * MAX_CHUNK), **extra_headers}
        response = await client.patch(f"{BLOBS}/{SHA}", content=body(), headers=headers)
    pulled.status = response.status_code
    pulled.error = response.json()["error"]
    return pulled


# GET


@pytest.fixture
def stored(store: ContentStore) -> str:
    return store.put_bytes(DATA).sha256


def test_get_sends_the_whole_blob_with_length_and_etag(client: TestClient, stored: str) -> None:
    response = client.get(f"{BLOBS}/{stored}")
    assert response.status_code == 200
    assert response.content == DATA
    assert response.headers["Content-Length"] == str(len(DATA))
    assert response.headers["ETag"] == f'"{SHA}"'
    assert response.headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("range_", "start", "end"),
    [
        ("bytes=0-0", 0, 1),
        ("bytes=100-199", 100, 200),
        ("bytes=99000-", 99_000, len(DATA)),
        ("bytes=99000-500000", 99_000, len(DATA)),
        ("bytes=-500", len(DATA) - 500, len(DATA)),
        ("bytes=-999999", 0, len(DATA)),
    ],
)
def test_get_serves_a_range_with_206(
    client: TestClient, stored: str, range_: str, start: int, end: int
) -> None:
    response = client.get(f"{BLOBS}/{stored}", headers={"Range": range_})
    assert response.status_code == 206
    assert response.content == DATA[start:end]
    assert response.headers["Content-Range"] == f"bytes {start}-{end - 1}/{len(DATA)}"
    assert response.headers["Content-Length"] == str(end - start)


@pytest.mark.parametrize("range_", [f"bytes={len(DATA)}-", "bytes=200000-300000", "bytes=-0"])
def test_an_unsatisfiable_range_gets_416(client: TestClient, stored: str, range_: str) -> None:
    response = client.get(f"{BLOBS}/{stored}", headers={"Range": range_})
    assert_error(response, 416, "range_not_satisfiable")
    assert response.headers["Content-Range"] == f"bytes */{len(DATA)}"


@pytest.mark.parametrize("range_", ["bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes=x-"])
def test_a_malformed_range_is_ignored(client: TestClient, stored: str, range_: str) -> None:
    response = client.get(f"{BLOBS}/{stored}", headers={"Range": range_})
    assert (response.status_code, response.content) == (200, DATA)


def test_a_hidden_blob_looks_exactly_like_an_absent_one(
    client: TestClient, stored: str, access: MemoryBlobAccess
) -> None:
    access.hidden.add(stored)
    hidden = client.get(f"{BLOBS}/{stored}")
    absent = client.get(f"{BLOBS}/{OTHER}")
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json() == {"error": "blob_not_found", "message": "no such blob"}
    assert client.get(f"{BLOBS}/{stored}", headers={"Range": "bytes=0-"}).status_code == 404


def test_a_disconnect_mid_chunk_keeps_the_bytes_that_arrived(store: ContentStore) -> None:
    messages = [
        {"type": "http.request", "body": DATA[:30_000], "more_body": True},
        {"type": "http.request", "body": DATA[30_000:50_000], "more_body": True},
    ]
    headers = {UPLOAD_OFFSET: "0", UPLOAD_LENGTH: str(len(DATA))}
    asyncio.run(_raw_request(store, "PATCH", f"{BLOBS}/{SHA}", headers, messages))
    assert store.partial_size(SHA) == 50_000
    assert not store.has(SHA)


async def _raw_request(
    store: ContentStore,
    method: str,
    path: str,
    headers: dict[str, str],
    messages: list[dict[str, object]],
) -> list[MutableMapping[str, Any]]:
    """Call the app over bare ASGI; after ``messages`` the client is gone."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    pending = list(messages)
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, object]:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    await make_app(store)(scope, receive, send)
    return sent
