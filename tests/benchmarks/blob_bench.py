"""Upload of a large blob to a real uvicorn server, cut at 90% mid-request and resumed.

Run: .venv/bin/python tests/benchmarks/blob_bench.py [--size 1G] [--chunk 8M] [--cut 0.9]
The server runs in its own process (tests/support/blob_app.py) over a temporary ContentStore.
Target: after the cut, at most one chunk travels twice. Baselines from the same run: sha256 of
the file, a plain file copy, and storing the file in the laptop's ContentStore.
Disk: about twice --size (the laptop's copy and the server's), removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fieldapp.storage.content_store import ContentStore  # noqa: E402
from fieldapp.sync.blob_transfer import BLOBS, upload_blob  # noqa: E402
from tests.support.blob_app import ROOT_VARIABLE  # noqa: E402

MB = 1_000_000
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


class Cut(Exception):
    """Raised from on_bytes to drop the connection in the middle of a PATCH."""


def parse_size(text: str) -> int:
    match = re.fullmatch(r"([0-9]+)([KMG]?)i?B?", text.strip().upper())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1G, 300M, 4096)")
    return int(match[1]) * _UNITS[match[2]]


def write_random_file(path: Path, size: int) -> None:
    with path.open("wb") as out:
        remaining = size
        while remaining:
            block = os.urandom(min(1 << 20, remaining))
            out.write(block)
            remaining -= len(block)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def baselines(source: Path, folder: Path) -> dict[str, float]:
    """Seconds for sha256 of the file and for a plain copy (page cache warm for both)."""

    def digest() -> None:
        with source.open("rb") as handle:
            hashlib.file_digest(handle, "sha256")

    copy = folder / "copy.bin"
    seconds = {"sha256": timed(digest), "copy": timed(lambda: shutil.copyfile(source, copy))}
    copy.unlink()
    return seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server_process(store_root: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {**os.environ, ROOT_VARIABLE: str(store_root), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "tests.support.blob_app:app_from_environment",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            httpx.head(f"{url}{BLOBS}/{'0' * 64}", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start within 30 s")


def peak_rss_mb(pid: int) -> float | None:
    """A live process's peak resident memory, from /proc (Linux only)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+([0-9]+) kB", status)
    return int(match[1]) / 1024 if match else None


def upload_until_cut(url: str, store: ContentStore, sha: str, chunk: int, cut_at: int) -> int:
    """Upload until ``cut_at`` bytes have been put on the wire, then drop; returns bytes sent."""
    sent = 0

    def on_bytes(n: int) -> None:
        # Raising here stops the piece before it is written, so ``sent`` counts only bytes
        # that did go out.
        nonlocal sent
        if sent + n > cut_at:
            raise Cut()
        sent += n

    with httpx.Client(base_url=url, timeout=60) as client:
        try:
            upload_blob(client, store, sha, chunk_size=chunk, on_bytes=on_bytes)
        except Cut:
            pass
        else:
            raise RuntimeError("the upload finished before the cut")
    return sent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=parse_size, default=parse_size("1G"))
    parser.add_argument("--chunk", type=parse_size, default=parse_size("8M"))
    parser.add_argument("--cut", type=float, default=0.9, help="fraction sent before the cut")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the temporary files")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="blob-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        source = folder / "source.bin"
        write_random_file(source, args.size)
        base = baselines(source, folder)
        laptop = ContentStore(folder / "laptop")
        put_started = time.perf_counter()
        sha = laptop.put_file(source).sha256
        put_seconds = time.perf_counter() - put_started
        source.unlink()

        with server_process(folder / "server") as (url, process):
            started = time.perf_counter()
            sent_before = upload_until_cut(url, laptop, sha, args.chunk, int(args.size * args.cut))
            cut_seconds = time.perf_counter() - started
            resent = [0]
            with httpx.Client(base_url=url, timeout=60) as client:
                resume_started = time.perf_counter()
                result = upload_blob(
                    client,
                    laptop,
                    sha,
                    chunk_size=args.chunk,
                    on_bytes=lambda n: resent.__setitem__(0, resent[0] + n),
                )
                resume_seconds = time.perf_counter() - resume_started
                complete = client.head(f"{BLOBS}/{sha}").status_code == 200
            server_peak = peak_rss_mb(process.pid)
        stored = ContentStore(folder / "server").size(sha) if complete else -1

    size = args.size
    duplicated = sent_before + resent[0] - size
    total_seconds = cut_seconds + resume_seconds
    client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {size:,} bytes, chunk {args.chunk:,} bytes, cut after {args.cut:.0%} sent")
    print(f"server holds the complete blob: {complete} ({stored:,} bytes)")
    print(
        f"sent before the cut: {sent_before:,}; the server had kept {result.resumed_from:,} "
        f"(lost in flight: {sent_before - result.resumed_from:,})"
    )
    print(
        f"sent after the cut: {resent[0]:,} = the remaining {size - result.resumed_from:,}; "
        f"bytes sent twice: {duplicated:,} = {duplicated / args.chunk:.3f} chunk (target ≤ 1)"
    )
    print(
        f"upload: {total_seconds:.2f} s in all, {size / total_seconds / MB:.0f} MB/s "
        f"(before the cut {sent_before / cut_seconds / MB:.0f} MB/s, "
        f"resume incl. the server's final hash check {resent[0] / resume_seconds / MB:.0f} MB/s)"
    )
    print(
        f"baselines: sha256 {size / base['sha256'] / MB:.0f} MB/s, "
        f"file copy {size / base['copy'] / MB:.0f} MB/s, "
        f"ContentStore.put_file (hash + copy + fsync) {size / put_seconds / MB:.0f} MB/s"
    )
    server_text = f"{server_peak:.0f} MB" if server_peak is not None else "n/a"
    print(f"peak memory: this process {client_peak:.0f} MB, server {server_text}")


if __name__ == "__main__":
    main()
