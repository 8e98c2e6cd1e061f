"""The laptop's blob client against the real router in-process: resume, refusals, downloads."""

from __future__ import annotations

import hashlib
import os
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.storage.content_store import ContentStore, HashMismatch
from fieldapp.sync.blob_transfer import (
    MISSING_BATCH,
    BlobNotFound,
    BlobRejected,
    MemoryUploadProgress,
    UploadState,
    download_blob,
    missing_blobs,
    server_offset,
    upload_blob,
)
from tests.support.blob_app import MemoryBlobAccess, make_app, serve_in_thread

# upload_blob gives the last chunk a longer read timeout; TestClient has no timeouts to set.
pytestmark = pytest.mark.filterwarnings("ignore:You should not use the 'timeout' argument")

CHUNK = 16 * 1024
DATA = os.urandom(5 * CHUNK + 1234)
SHA = hashlib.sha256(DATA).hexdigest()


class Side:
    """A laptop store and a server store with the blob router between them."""

    def __init__(self, root: Path) -> None:
        self.laptop = ContentStore(root / "laptop")
        self.server = ContentStore(root / "server")
        self.access = MemoryBlobAccess()
        self.client = TestClient(make_app(self.server, self.access))

    def via(self, transport: httpx.BaseTransport) -> httpx.Client:
        return httpx.Client(transport=transport, base_url=str(self.client.base_url))


@pytest.fixture
def side(tmp_path: Path) -> Iterator[Side]:
    made = Side(tmp_path)
    with made.client:
        yield made


class Relay(httpx.BaseTransport):
    """Passes requests to an in-process server, with a hook that may act on each one first.

    The hook gets the request and the body the client put on the wire, and returns the body
    to deliver (perhaps cut short) and whether the connection then drops before the answer.
    """

    def __init__(
        self, server: httpx.Client, hook: Callable[[httpx.Request, bytes], tuple[bytes, bool]]
    ) -> None:
        self.server = server
        self.hook = hook

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body, drop = self.hook(request, request.read())
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        forwarded = self.server.request(request.method, request.url, content=body, headers=headers)
        if drop:
            raise httpx.WriteError("connection reset by peer", request=request)
        return httpx.Response(
            forwarded.status_code, headers=forwarded.headers, content=forwarded.content
        )


def cut_after(total: int) -> Callable[[httpx.Request, bytes], tuple[bytes, bool]]:
    """A hook that delivers the first ``total`` PATCH bytes, then drops mid-request."""
    delivered = 0

    def hook(request: httpx.Request, body: bytes) -> tuple[bytes, bool]:
        nonlocal delivered
        if request.method != "PATCH" or delivered + len(body) <= total:
            delivered += len(body) if request.method == "PATCH" else 0
            return body, False
        room = total - delivered
        delivered = total
        return body[:room], True

    return hook


def counter() -> tuple[list[int], Callable[[int], None]]:
    counted = [0]

    def on_bytes(n: int) -> None:
        counted[0] += n

    return counted, on_bytes


def test_upload_sends_the_blob_and_records_completion(side: Side) -> None:
    side.laptop.put_bytes(DATA)
    progress = MemoryUploadProgress()
    counted, on_bytes = counter()
    result = upload_blob(
        side.client, side.laptop, SHA, chunk_size=CHUNK, progress=progress, on_bytes=on_bytes
    )
    assert (result.sent_bytes, result.resumed_from) == (len(DATA), 0)
    assert counted[0] == len(DATA)
    assert side.server.path(SHA).read_bytes() == DATA
    assert progress.get(SHA) == UploadState(size=len(DATA), confirmed_offset=len(DATA), done=True)
    assert len(side.access.arrived) == 1
    again = upload_blob(side.client, side.laptop, SHA, chunk_size=CHUNK)
    assert (again.sent_bytes, again.resumed_from) == (0, len(DATA))


def test_an_empty_blob_uploads(side: Side) -> None:
    empty = side.laptop.put_bytes(b"").sha256
    assert upload_blob(side.client, side.laptop, empty).sent_bytes == 0
    assert side.server.has(empty)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(cut=st.integers(min_value=1, max_value=len(DATA) - 1))
def test_an_upload_cut_at_any_byte_resumes_with_exactly_the_rest(cut: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        side = Side(Path(folder))
        with side.client:
            side.laptop.put_bytes(DATA)
            progress = MemoryUploadProgress()
            with pytest.raises(httpx.WriteError):
                upload_blob(
                    side.via(Relay(side.client, cut_after(cut))),
                    side.laptop,
                    SHA,
                    chunk_size=CHUNK,
                    progress=progress,
                )
            assert server_offset(side.client, SHA) == (cut, False)
            state = progress.get(SHA)
            assert state is not None
            assert state.confirmed_offset == cut // CHUNK * CHUNK  # the last answer it received
            counted, on_bytes = counter()
            result = upload_blob(side.client, side.laptop, SHA, chunk_size=CHUNK, on_bytes=on_bytes)
            assert counted[0] == result.sent_bytes == len(DATA) - cut
            assert result.resumed_from == cut
            assert side.server.path(SHA).read_bytes() == DATA


def test_a_network_error_keeps_the_confirmed_offset(side: Side) -> None:
    side.laptop.put_bytes(DATA)
    patches = 0

    def third_patch_fails(request: httpx.Request, body: bytes) -> tuple[bytes, bool]:
        nonlocal patches
        patches += request.method == "PATCH"
        if patches == 3:
            raise httpx.ConnectError("network unreachable", request=request)
        return body, False

    progress = MemoryUploadProgress()
    with pytest.raises(httpx.ConnectError):
        upload_blob(
            side.via(Relay(side.client, third_patch_fails)),
            side.laptop,
            SHA,
            chunk_size=CHUNK,
            progress=progress,
        )
    assert progress.get(SHA) == UploadState(size=len(DATA), confirmed_offset=2 * CHUNK, done=False)
    result = upload_blob(side.client, side.laptop, SHA, chunk_size=CHUNK, progress=progress)
    assert (result.resumed_from, result.sent_bytes) == (2 * CHUNK, len(DATA) - 2 * CHUNK)
    state = progress.get(SHA)
    assert state is not None
    assert state.done


def test_a_409_rereads_the_offset_and_continues(side: Side) -> None:
    """Another sender got ahead between our HEAD and our PATCH."""
    side.laptop.put_bytes(DATA)
    raced = False

    def other_sender_first(request: httpx.Request, body: bytes) -> tuple[bytes, bool]:
        nonlocal raced
        if request.method == "PATCH" and not raced:
            raced = True
            side.server.append_partial(SHA, 0, [DATA[: CHUNK + 7]], len(DATA))
        return body, False

    counted, on_bytes = counter()
    result = upload_blob(
        side.via(Relay(side.client, other_sender_first)),
        side.laptop,
        SHA,
        chunk_size=CHUNK,
        on_bytes=on_bytes,
    )
    assert result.resumed_from == 0
    # The refused first chunk, then everything after the other sender's bytes.
    assert counted[0] == CHUNK + len(DATA) - (CHUNK + 7)
    assert side.server.path(SHA).read_bytes() == DATA


def test_a_hash_mismatch_raises_a_clear_error_and_stores_nothing(side: Side) -> None:
    side.laptop.put_bytes(DATA)
    side.laptop.path(SHA).write_bytes(DATA[:-1] + b"\x00")  # the local copy got damaged
    with pytest.raises(BlobRejected, match="does not match its sha256") as caught:
        upload_blob(side.client, side.laptop, SHA, chunk_size=CHUNK)
    assert caught.value.status == 422
    assert not side.server.has(SHA)
    assert side.server.partial_size(SHA) == 0
    assert side.access.arrived == []


def test_missing_blobs_asks_in_batches(side: Side) -> None:
    side.server.put_bytes(DATA)
    others = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(2 * MISSING_BATCH + 5)]
    sizes: list[int] = []

    def count(request: httpx.Request, body: bytes) -> tuple[bytes, bool]:
        sizes.append(len(httpx.Response(200, content=body).json()["hashes"]))
        return body, False

    asked = [others[0], SHA, *others, SHA]
    missing = missing_blobs(side.via(Relay(side.client, count)), asked)
    assert missing == others
    assert sizes == [MISSING_BATCH, MISSING_BATCH, 6]


def test_missing_blobs_refuses_a_bad_hash_before_asking(side: Side) -> None:
    with pytest.raises(ValueError, match="sha256"):
        missing_blobs(side.client, ["../etc/passwd"])


def test_download_lands_a_verified_blob(side: Side) -> None:
    side.server.put_bytes(DATA)
    assert download_blob(side.client, side.laptop, SHA, chunk_size=CHUNK) == len(DATA)
    assert side.laptop.path(SHA).read_bytes() == DATA
    assert download_blob(side.client, side.laptop, SHA) == 0


def test_download_resumes_from_a_local_partial(side: Side) -> None:
    side.server.put_bytes(DATA)
    side.laptop.append_partial(SHA, 0, [DATA[:30_000]], len(DATA))
    ranges: list[str | None] = []

    def note_range(request: httpx.Request, body: bytes) -> tuple[bytes, bool]:
        ranges.append(request.headers.get("Range"))
        return body, False

    received = download_blob(side.via(Relay(side.client, note_range)), side.laptop, SHA)
    assert received == len(DATA) - 30_000
    assert ranges == ["bytes=30000-"]
    assert side.laptop.path(SHA).read_bytes() == DATA


def test_a_stale_local_partial_is_replaced(side: Side) -> None:
    side.server.put_bytes(DATA)
    side.laptop.append_partial(SHA, 0, [DATA[:100]], len(DATA) + 50)  # a wrong length
    assert download_blob(side.client, side.laptop, SHA) == len(DATA)
    assert side.laptop.path(SHA).read_bytes() == DATA


def test_a_damaged_download_is_discarded(side: Side) -> None:
    side.server.put_bytes(DATA)
    side.server.path(SHA).write_bytes(b"\x00" + DATA[1:])
    with pytest.raises(HashMismatch):
        download_blob(side.client, side.laptop, SHA)
    assert not side.laptop.has(SHA)
    assert side.laptop.partial_size(SHA) == 0


def test_a_blob_the_user_may_not_see_is_not_found(side: Side) -> None:
    side.server.put_bytes(DATA)
    side.access.hidden.add(SHA)
    with pytest.raises(BlobNotFound):
        download_blob(side.client, side.laptop, SHA)
    assert side.laptop.partial_size(SHA) == 0


def test_a_300_mb_upload_keeps_memory_small(tmp_path: Path) -> None:
    """Client and server (a real uvicorn in a thread: TestClient keeps whole bodies around)."""
    laptop = ContentStore(tmp_path / "laptop")
    server = ContentStore(tmp_path / "server")
    source = tmp_path / "video.bin"
    block = os.urandom(1 << 20)
    with source.open("wb") as out:
        for i in range(300):
            out.write(i.to_bytes(4, "big") + block[4:])
    sha = laptop.put_file(source).sha256
    source.unlink()
    with serve_in_thread(make_app(server)) as url, httpx.Client(base_url=url) as client:
        tracemalloc.start()
        try:
            result = upload_blob(client, laptop, sha)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.sent_bytes == 300 << 20
    assert server.size(sha) == 300 << 20
    assert peak < 50 << 20, f"peak {peak / 2**20:.1f} MiB"
