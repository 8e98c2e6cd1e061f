"""Copying a file while hashing it, the two overlapped: the hash runs in the caller's thread
while a writer thread writes the bytes already hashed and flushes them to disk as it goes,
so a large video takes about as long as hashing it, with a fixed amount of memory."""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from typing import BinaryIO

CHUNK = 2 << 20
DEPTH = 4  # chunks in flight: memory is (DEPTH + 2) × CHUNK whatever the file's size
SYNC_EVERY = 256 << 20  # flushed while copying, so the final fsync has less left to do


def copy_hashing(reader: BinaryIO, out: BinaryIO, *, chunk: int = CHUNK) -> tuple[str, int]:
    """Copy ``reader`` to ``out`` (flushed and fsynced); returns (sha256 hex, size)."""
    out.flush()
    fd = out.fileno()
    digest = hashlib.sha256()
    free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
    for _ in range(DEPTH + 2):
        free.put(bytearray(chunk))
    pending: queue.Queue[tuple[bytearray, int] | None] = queue.Queue(maxsize=DEPTH)
    failure: list[BaseException] = []

    def write() -> None:
        written = synced = 0
        try:
            while (job := pending.get()) is not None:
                buffer, length = job
                view = memoryview(buffer)[:length]
                while view:
                    view = view[os.write(fd, view) :]
                written += length
                if written - synced >= SYNC_EVERY:
                    _flush(fd)
                    synced = written
                free.put(buffer)
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)
            free.put(bytearray(chunk))  # the reader may be waiting for a buffer
            while (job := pending.get()) is not None:  # nothing more is written
                free.put(job[0])

    writer = threading.Thread(target=write, name="fieldapp-copy", daemon=True)
    writer.start()
    size = 0
    try:
        while not failure:
            buffer = free.get()
            length = reader.readinto(buffer)  # type: ignore[attr-defined]
            if not length:
                free.put(buffer)
                break
            digest.update(memoryview(buffer)[:length])
            size += length
            pending.put((buffer, length))
    finally:
        pending.put(None)
        writer.join()
    if failure:
        raise failure[0]
    os.fsync(fd)
    return digest.hexdigest(), size


def _flush(fd: int) -> None:
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:  # Windows
        os.fsync(fd)
