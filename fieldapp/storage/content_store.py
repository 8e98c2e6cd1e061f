"""The content-addressed blob folder (`<sha256[:2]>/<sha256>`) of the laptop and of the server."""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from fieldapp.storage.hashing_copy import copy_hashing

if sys.platform != "win32":
    import fcntl

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_READ_SIZE = 1 << 20
_POSIX = os.name == "posix"
# Windows refuses to rename or delete a file that is still open, so there the partial is
# settled after its handle is closed; POSIX settles it while the lock is still held.
_SETTLE_WHILE_OPEN = _POSIX


class ContentStoreError(Exception):
    """A blob operation refused; the message is meant for a person."""


class InvalidBlobName(ContentStoreError, ValueError):
    """A blob name that is not a sha256 hex digest (names are never paths)."""


class OffsetMismatch(ContentStoreError):
    """The upload does not continue where the received bytes end."""

    def __init__(self, current_offset: int, message: str | None = None) -> None:
        super().__init__(
            message or f"this blob has {current_offset} bytes so far; continue from there"
        )
        self.current_offset = current_offset


class PartialBusy(OffsetMismatch):
    """Another request is writing the same partial blob right now."""

    def __init__(self, current_offset: int) -> None:
        super().__init__(
            current_offset, "another upload of this blob is in progress; try again shortly"
        )


class TooLong(ContentStoreError):
    """More bytes than the announced total length."""


class ChunkTooLarge(ContentStoreError):
    """One request carried more bytes than the caller allows per request."""


class LengthMismatch(ContentStoreError):
    """The total length differs from the one this partial was started with."""

    def __init__(self, expected_length: int) -> None:
        super().__init__(
            f"this blob was announced as {expected_length} bytes long; "
            "a different length cannot continue it"
        )
        self.expected_length = expected_length


class HashMismatch(ContentStoreError):
    """The completed bytes do not hash to the blob's name; they were discarded."""

    def __init__(self) -> None:
        super().__init__(
            "the file received does not match its sha256; it was discarded — upload it again"
        )


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    size: int


def check_sha256(name: str) -> str:
    """``name`` if it is exactly 64 lowercase hex digits, else InvalidBlobName."""
    if not isinstance(name, str) or _SHA256_HEX.fullmatch(name) is None:
        raise InvalidBlobName(f"not a sha256 hex digest: {name!r:.80}")
    return name


class ContentStore:
    """Blobs named by their sha256 under ``root``; the folder is the only state.

    Layout: ``<sha[:2]>/<sha>`` complete blobs, ``tmp/`` files being written by put_*,
    ``partial/<sha>`` a blob being received and ``partial/<sha>.length`` its announced length.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._tmp = root / "tmp"
        self._partials = root / "partial"
        for folder in (root, self._tmp, self._partials):
            folder.mkdir(parents=True, exist_ok=True)

    # Complete blobs

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def put_file(self, source: Path, *, chunk_size: int = 2 << 20) -> StoredFile:
        """Copy ``source`` in, hashing as it streams (a large video never sits in memory);
        the hash and the writes overlap (see hashing_copy)."""
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        temp = Path(name)
        try:
            with source.open("rb") as reader, os.fdopen(fd, "wb") as out:
                sha256, size = copy_hashing(reader, out, chunk=max(chunk_size, 1))
            self._move_into_place(temp, sha256)
        finally:
            temp.unlink(missing_ok=True)
        return StoredFile(sha256, size)

    def put_bytes(self, data: bytes) -> StoredFile:
        return self._put_chunks([data])

    def iter_range(
        self, sha256: str, start: int, end: int, *, chunk_size: int = 1 << 20
    ) -> Iterator[bytes]:
        """The bytes ``[start, end)`` of a blob, in pieces of at most ``chunk_size``."""
        size = self.size(sha256)
        if not 0 <= start <= end <= size:
            raise ValueError(f"range {start}-{end} is outside a blob of {size} bytes")
        # Opened here, not in the generator, so a missing blob fails before a response starts.
        return _read_range(self.open(sha256), start, end, chunk_size)

    # Partial (resumable) receipt

    def partial_size(self, sha256: str) -> int:
        """How many bytes of a blob being received are on disk (0 when none)."""
        try:
            return self._partial_path(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def append_partial(
        self,
        sha256: str,
        offset: int,
        chunks: Iterable[bytes],
        total_length: int,
        *,
        max_bytes: int | None = None,
    ) -> int:
        """Append ``chunks`` at ``offset`` and return the new size of the partial.

        When the size reaches ``total_length`` the content is checked against ``sha256`` and
        moved into place (or discarded with HashMismatch). A refused request (TooLong,
        ChunkTooLarge) leaves the partial as it was; an error raised by ``chunks`` itself (a
        dropped connection) keeps the bytes already written, so the sender can resume.
        """
        if total_length < 0 or offset < 0:
            raise ValueError("offset and total length cannot be negative")
        if self.has(sha256):
            raise OffsetMismatch(self.size(sha256), "this blob is already complete")
        with self._locked_partial(sha256) as handle:
            new_size = self._receive(handle, sha256, offset, chunks, total_length, max_bytes)
            if new_size < total_length:
                return new_size
            intact = _digest(handle) == sha256
            if _SETTLE_WHILE_OPEN:
                self._settle(sha256, intact)
                return new_size
        self._settle(sha256, intact)
        return new_size

    def discard_partial(self, sha256: str) -> None:
        """Forget a blob being received (both its bytes and its announced length)."""
        with self._locked_partial(sha256):
            if _SETTLE_WHILE_OPEN:
                self._remove_partial(sha256)
                return
        self._remove_partial(sha256)

    def sweep_stale(self, max_age_seconds: float) -> int:
        """Remove temp files and partials untouched for ``max_age_seconds``; returns how many."""
        cutoff = time.time() - max_age_seconds
        removed = _remove_older(self._tmp.iterdir(), cutoff)
        for path in list(self._partials.iterdir()):
            if _SHA256_HEX.fullmatch(path.name) and _older(path, cutoff):
                removed += self._discard_if_idle(path.name)
        # A length record outlives its partial only when a crash fell between the two removals.
        orphans = [
            path
            for path in self._partials.iterdir()
            if not _SHA256_HEX.fullmatch(path.name)
            and not (self._partials / path.name[:64]).exists()
        ]
        return removed + _remove_older(orphans, cutoff)

    # Internals

    def _put_chunks(self, chunks: Iterable[bytes]) -> StoredFile:
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        temp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                _sync(out)
            stored = StoredFile(digest.hexdigest(), size)
            self._move_into_place(temp, stored.sha256)
        finally:
            temp.unlink(missing_ok=True)
        return stored

    def _move_into_place(self, source: Path, sha256: str) -> None:
        final = self.path(sha256)
        if final.exists():
            return  # the same content is already here; the caller drops its copy
        _make_dir(final.parent)
        os.replace(source, final)
        _sync_dir(final.parent)

    def _partial_path(self, sha256: str) -> Path:
        return self._partials / check_sha256(sha256)

    def _length_path(self, sha256: str) -> Path:
        return self._partials / f"{check_sha256(sha256)}.length"

    @contextmanager
    def _locked_partial(self, sha256: str) -> Iterator[io.BufferedRandom]:
        """The partial opened for writing, with an exclusive lock held by this open file.

        The lock is taken without waiting: a second writer of the same blob is told it is
        busy rather than queued behind a transfer that may take minutes.
        """
        path = self._partial_path(sha256)
        handle = _open_read_write(path)
        try:
            if not _try_lock(handle) or not _still_at(handle, path):
                raise PartialBusy(os.fstat(handle.fileno()).st_size)
            yield handle
        finally:
            handle.close()

    def _receive(
        self,
        handle: io.BufferedRandom,
        sha256: str,
        offset: int,
        chunks: Iterable[bytes],
        total_length: int,
        max_bytes: int | None,
    ) -> int:
        current = os.fstat(handle.fileno()).st_size
        recorded = _read_length(self._length_path(sha256))
        # Once bytes are kept, their length is fixed; before that a stale record may be replaced.
        if recorded is not None and recorded != total_length and current > 0:
            raise LengthMismatch(recorded)
        if offset != current:
            raise OffsetMismatch(current)
        if offset > total_length:
            raise TooLong(f"byte {offset} is beyond the announced length {total_length}")
        if recorded != total_length:
            _write_durably(self._length_path(sha256), str(total_length))
        new_size = _write_chunks(handle, offset, chunks, total_length, max_bytes)
        if current == 0 and new_size > 0:
            _sync_dir(self._partials)  # the partial's own directory entry must survive a crash
        return new_size

    def _settle(self, sha256: str, intact: bool) -> None:
        if not intact:
            self._remove_partial(sha256)
            raise HashMismatch()
        partial = self._partial_path(sha256)
        self._move_into_place(partial, sha256)
        self._remove_partial(sha256)

    def _remove_partial(self, sha256: str) -> None:
        self._partial_path(sha256).unlink(missing_ok=True)
        self._length_path(sha256).unlink(missing_ok=True)

    def _discard_if_idle(self, sha256: str) -> int:
        try:
            self.discard_partial(sha256)
        except PartialBusy:
            return 0
        return 1


def _write_chunks(
    handle: io.BufferedRandom,
    start: int,
    chunks: Iterable[bytes],
    total_length: int,
    max_bytes: int | None,
) -> int:
    handle.seek(start)
    written = 0
    try:
        for chunk in chunks:
            written += len(chunk)
            if max_bytes is not None and written > max_bytes:
                raise ChunkTooLarge(f"more than {max_bytes} bytes in one request")
            if start + written > total_length:
                raise TooLong(f"more bytes than the announced length {total_length}")
            handle.write(chunk)
    except (TooLong, ChunkTooLarge):
        handle.truncate(start)
        raise
    finally:
        _sync(handle)
    return start + written


def _read_range(handle: BinaryIO, start: int, end: int, chunk_size: int) -> Iterator[bytes]:
    with handle:
        handle.seek(start)
        remaining = end - start
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                raise OSError("the blob ended early; its file was changed on disk")
            remaining -= len(chunk)
            yield chunk


def _digest(handle: io.BufferedRandom) -> str:
    handle.seek(0)
    return hashlib.file_digest(handle, "sha256").hexdigest()


def _open_read_write(path: Path) -> io.BufferedRandom:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "r+b")


def _still_at(handle: io.BufferedRandom, path: Path) -> bool:
    """Whether ``path`` still names the open file (another writer may have renamed it away)."""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except FileNotFoundError:
        return False


if sys.platform == "win32":

    def _try_lock(handle: io.BufferedRandom) -> bool:
        # Windows has no advisory flock; only the laptop runs there, with one sync worker.
        return True

else:

    def _try_lock(handle: io.BufferedRandom) -> bool:
        # flock belongs to the open file, so it also separates threads of one server process.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _read_length(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii"))
    except (FileNotFoundError, ValueError):
        return None


def _write_durably(path: Path, text: str) -> None:
    temp = path.with_name(path.name + ".tmp")
    with temp.open("w", encoding="ascii") as out:
        out.write(text)
        _sync(out)
    os.replace(temp, path)
    _sync_dir(path.parent)


def _sync(handle: IO[Any]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _make_dir(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(exist_ok=True)
    _sync_dir(folder.parent)


def _sync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (POSIX only: Windows cannot)."""
    if not _POSIX:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def _remove_older(paths: Iterable[Path], cutoff: float) -> int:
    removed = 0
    for path in paths:
        if _older(path, cutoff):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
