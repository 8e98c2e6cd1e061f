"""The content-addressed folder: streamed atomic puts, safe names, resumable partial receipt."""

from __future__ import annotations

import hashlib
import os
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.storage.content_store import (
    ChunkTooLarge,
    ContentStore,
    HashMismatch,
    InvalidBlobName,
    LengthMismatch,
    OffsetMismatch,
    PartialBusy,
    TooLong,
)

DATA = os.urandom(300_000)
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> ContentStore:
    return ContentStore(tmp_path / "blobs")


def blob_files(store: ContentStore) -> list[Path]:
    return [p for p in store.root.glob("??/*") if p.is_file()]


def test_put_file_streams_a_file_larger_than_its_chunk(store: ContentStore, tmp_path: Path) -> None:
    source = tmp_path / "video.bin"
    source.write_bytes(DATA)
    stored = store.put_file(source, chunk_size=64 * 1024)
    assert (stored.sha256, stored.size) == (SHA, len(DATA))
    assert store.path(SHA) == store.root / SHA[:2] / SHA
    assert store.path(SHA).read_bytes() == DATA
    assert (store.has(SHA), store.size(SHA)) == (True, len(DATA))
    assert list((store.root / "tmp").iterdir()) == []


def test_put_file_memory_stays_at_the_chunk_size(store: ContentStore, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    with source.open("wb") as out:
        for _ in range(32):
            out.write(os.urandom(1 << 20))
    tracemalloc.start()
    try:
        store.put_file(source, chunk_size=1 << 20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


def test_identical_content_is_stored_once(store: ContentStore, tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(DATA)
    (tmp_path / "b").write_bytes(DATA)
    first = store.put_file(tmp_path / "a")
    second = store.put_file(tmp_path / "b")
    third = store.put_bytes(DATA)
    assert first == second == third
    assert blob_files(store) == [store.path(SHA)]
    assert list((store.root / "tmp").iterdir()) == []


def test_empty_content_is_a_blob_too(store: ContentStore) -> None:
    stored = store.put_bytes(b"")
    assert stored.sha256 == hashlib.sha256(b"").hexdigest()
    assert store.size(stored.sha256) == 0


@pytest.mark.parametrize(
    "name",
    [
        "../etc/passwd",
        "../" + "a" * 61,
        SHA.upper(),
        SHA[:63],
        SHA + "0",
        SHA + "\n",
        "",
        "/" + SHA[1:],
    ],
)
def test_names_other_than_a_hex_digest_are_refused(store: ContentStore, name: str) -> None:
    for operation in (store.path, store.has, store.open, store.size, store.partial_size):
        with pytest.raises(ValueError, match="sha256"):
            operation(name)
    with pytest.raises(InvalidBlobName):
        store.append_partial(name, 0, [b"x"], 1)
    with pytest.raises(InvalidBlobName):
        store.iter_range(name, 0, 0)


def test_a_partial_grows_and_lands_when_complete(store: ContentStore) -> None:
    assert store.partial_size(SHA) == 0
    assert store.append_partial(SHA, 0, [DATA[:1000], DATA[1000:5000]], len(DATA)) == 5000
    assert (store.partial_size(SHA), store.has(SHA)) == (5000, False)
    assert store.append_partial(SHA, 5000, [DATA[5000:]], len(DATA)) == len(DATA)
    assert store.has(SHA)
    assert store.path(SHA).read_bytes() == DATA
    assert store.partial_size(SHA) == 0
    assert list((store.root / "partial").iterdir()) == []


def test_the_empty_blob_completes_with_no_bytes(store: ContentStore) -> None:
    empty = hashlib.sha256(b"").hexdigest()
    assert store.append_partial(empty, 0, [], 0) == 0
    assert store.has(empty)


def test_a_wrong_offset_is_refused_with_the_current_one(store: ContentStore) -> None:
    store.append_partial(SHA, 0, [DATA[:100]], len(DATA))
    for wrong in (0, 99, 101):
        with pytest.raises(OffsetMismatch) as caught:
            store.append_partial(SHA, wrong, [DATA[wrong:]], len(DATA))
        assert caught.value.current_offset == 100
    assert store.partial_size(SHA) == 100


def test_a_complete_blob_answers_its_size_as_the_offset(store: ContentStore) -> None:
    store.put_bytes(DATA)
    with pytest.raises(OffsetMismatch) as caught:
        store.append_partial(SHA, 0, [DATA], len(DATA))
    assert caught.value.current_offset == len(DATA)


def test_bytes_beyond_the_length_are_refused_and_undone(store: ContentStore) -> None:
    store.append_partial(SHA, 0, [DATA[:100]], len(DATA))
    with pytest.raises(TooLong):
        store.append_partial(SHA, 100, [DATA[100:], b"extra"], len(DATA))
    assert store.partial_size(SHA) == 100


def test_a_chunk_over_the_limit_is_refused_and_undone(store: ContentStore) -> None:
    pulled: list[int] = []

    def pieces() -> Iterator[bytes]:
        for start in range(0, len(DATA), 1000):
            pulled.append(start)
            yield DATA[start : start + 1000]

    with pytest.raises(ChunkTooLarge):
        store.append_partial(SHA, 0, pieces(), len(DATA), max_bytes=10_000)
    assert store.partial_size(SHA) == 0
    assert len(pulled) == 11  # stopped at the first piece over the limit


def test_a_different_length_cannot_continue_a_partial(store: ContentStore) -> None:
    store.append_partial(SHA, 0, [DATA[:100]], len(DATA))
    with pytest.raises(LengthMismatch) as caught:
        store.append_partial(SHA, 100, [DATA[100:200]], len(DATA) + 1)
    assert caught.value.expected_length == len(DATA)
    assert store.partial_size(SHA) == 100


def test_a_source_that_fails_keeps_the_bytes_written(store: ContentStore) -> None:
    def dropped() -> Iterator[bytes]:
        yield DATA[:7000]
        raise ConnectionResetError("cut")

    with pytest.raises(ConnectionResetError):
        store.append_partial(SHA, 0, dropped(), len(DATA))
    assert store.partial_size(SHA) == 7000
    store.append_partial(SHA, 7000, [DATA[7000:]], len(DATA))
    assert store.path(SHA).read_bytes() == DATA


def test_tampered_content_is_discarded(store: ContentStore) -> None:
    tampered = DATA[:-1] + bytes([DATA[-1] ^ 1])
    store.append_partial(SHA, 0, [tampered[:1000]], len(DATA))
    with pytest.raises(HashMismatch, match="does not match its sha256; it was discarded"):
        store.append_partial(SHA, 1000, [tampered[1000:]], len(DATA))
    assert not store.has(SHA)
    assert store.partial_size(SHA) == 0
    assert blob_files(store) == []
    assert list((store.root / "partial").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="the lock is POSIX flock")
def test_a_second_writer_of_the_same_partial_is_told_it_is_busy(store: ContentStore) -> None:
    store.append_partial(SHA, 0, [DATA[:10]], len(DATA))
    seen: list[int] = []

    def meanwhile() -> Iterator[bytes]:
        with pytest.raises(PartialBusy) as caught:
            store.append_partial(SHA, 10, [DATA[10:20]], len(DATA))
        seen.append(caught.value.current_offset)
        yield DATA[10:20]

    assert store.append_partial(SHA, 10, meanwhile(), len(DATA)) == 20
    assert seen == [10]


def test_iter_range_yields_the_requested_bytes(store: ContentStore) -> None:
    store.put_bytes(DATA)
    assert b"".join(store.iter_range(SHA, 10, 200_000, chunk_size=4096)) == DATA[10:200_000]
    assert b"".join(store.iter_range(SHA, 0, len(DATA))) == DATA
    assert b"".join(store.iter_range(SHA, 5, 5)) == b""
    with pytest.raises(ValueError, match="outside"):
        store.iter_range(SHA, 0, len(DATA) + 1)


def test_discard_and_sweep_remove_stale_partials(store: ContentStore) -> None:
    store.append_partial(SHA, 0, [DATA[:10]], len(DATA))
    other = hashlib.sha256(b"other").hexdigest()
    store.append_partial(other, 0, [b"ot"], 5)
    store.discard_partial(other)
    assert store.partial_size(other) == 0
    assert store.sweep_stale(3600) == 0
    old = time.time() - 7200
    for path in (store.root / "partial").iterdir():
        os.utime(path, (old, old))
    assert store.sweep_stale(3600) == 1
    assert list((store.root / "partial").iterdir()) == []
