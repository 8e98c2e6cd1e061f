"""Evidence at speed: importing a large video, signing and chaining entries, verifying a big
bundle — each printed beside a same-run baseline.

Run: .venv/bin/python tests/benchmarks/evidence_bench.py [--video 1G] [--entries 10000]
     [--items 1000] [--bundle 2G]
Targets (issue 7): import ≥ 80% of hashlib.sha256's throughput over the same file, memory
growth < 50 MB; 10,000 entries signed and chained ≤ 2 s; a bundle of 1,000 items and 2 GB
verified in ≤ 1.5× the time of hashing its files. Disk: about --video twice plus --bundle,
in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fieldapp.evidence.bundle import BundleItem, DeviceChain, manifest_of, write_bundle  # noqa: E402
from fieldapp.evidence.canonical import GENESIS  # noqa: E402
from fieldapp.evidence.chain import make_entry  # noqa: E402
from fieldapp.evidence.keys import SigningKey  # noqa: E402
from fieldapp.evidence.receipts import ReceiptEntry, issue_receipt  # noqa: E402
from fieldapp.evidence.verify import verify_bundle  # noqa: E402

MB = 1 << 20
NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


def size_arg(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return (
        int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)
    )


def rss() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class PeakRss:
    """The highest resident size seen while the block runs (sampled every 10 ms)."""

    def __enter__(self) -> PeakRss:
        self.start = self.peak = rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss())

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())


def make_file(path: Path, size: int) -> None:
    block = bytearray(os.urandom(4 * MB))
    with path.open("wb") as out:
        written = 0
        while written < size:
            block[:8] = written.to_bytes(8, "little")  # no two blocks alike
            piece = block[: min(len(block), size - written)]
            out.write(piece)
            written += len(piece)


def hash_file(path: Path) -> float:
    start = time.perf_counter()
    with path.open("rb") as handle:
        hashlib.file_digest(handle, "sha256")
    return time.perf_counter() - start


def copy_file(source: Path, target: Path) -> float:
    start = time.perf_counter()
    with source.open("rb") as reader, target.open("wb") as writer:
        shutil.copyfileobj(reader, writer, 4 * MB)
        writer.flush()
        os.fsync(writer.fileno())
    took = time.perf_counter() - start
    target.unlink()
    return took


def line(name: str, value: str, baseline: str, verdict: bool) -> None:
    print(f"{name:<44} {value:>26}   baseline {baseline:<30} {'PASS' if verdict else 'FAIL'}")


def bench_import(folder: Path, size: int) -> bool:
    from sqlalchemy import select

    from fieldapp.services.evidence_capture import capture_file
    from fieldapp.storage.casework import Assignment
    from tests.support.notice_data import ACTOR, demo_engine

    engine = demo_engine(folder / "laptop")
    with engine.connect() as connection:
        assignment = connection.execute(select(Assignment.id).limit(1)).scalar_one()
    video = folder / "video.mp4"
    make_file(video, size)
    hash_file(video)  # warm the page cache for both
    baseline = min(hash_file(video) for _ in range(2))
    copied = copy_file(video, folder / "copy")  # the disk's own limit: a durable plain copy
    tracemalloc.start()
    with PeakRss() as memory:
        start = time.perf_counter()
        capture_file(
            engine,
            assignment_id=assignment,
            source=video,
            actor=ACTOR,
            blobs_dir=folder / "blobs",
        )
        took = time.perf_counter() - start
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    engine.dispose()
    rate, base_rate = size / took / MB, size / baseline / MB
    ok_speed = rate >= 0.8 * base_rate
    growth = max(memory.peak - memory.start, traced_peak)
    line(
        f"import {size / MB:.0f} MB video",
        f"{rate:7.0f} MB/s ({rate / base_rate:4.0%})",
        f"sha256 {base_rate:.0f} MB/s",
        ok_speed,
    )
    copy_rate = size / copied / MB
    line(
        "  the same beside a durable plain copy",
        f"{rate:7.0f} MB/s ({rate / copy_rate:4.0%})",
        f"copy+fsync {copy_rate:.0f} MB/s (no hash)",
        rate >= 0.8 * copy_rate,
    )
    line(
        "  memory growth while importing",
        f"{growth / MB:7.1f} MB",
        f"limit 50 MB (traced {traced_peak / MB:.1f})",
        growth < 50 * MB,
    )
    video.unlink()
    return ok_speed and growth < 50 * MB


def _record(number: int, sha256: str | None = None, size: int | None = None) -> dict[str, object]:
    return {
        "id": f"01a21d31-c91c-76f1-b4f8-{number:012d}",
        "created_at": NOW,
        "created_by": "01a21d31-c91c-76f1-b4f8-000000000001",
        "assignment_id": "01a21d31-c91c-76f1-b4f8-000000000002",
        "kind": "video" if sha256 else "note",
        "sha256": sha256,
        "size": size,
        "mime": "video/mp4" if sha256 else "text/plain",
        "original_name": f"VID_{number:04d}.mp4",
        "captured_at": NOW,
        "captured_by": "01a21d31-c91c-76f1-b4f8-000000000001",
        "lat": 26.57,
        "lon": 106.71,
        "description": "现场录像",
    }


def bench_chain(count: int) -> bool:
    key = SigningKey.generate()
    records = [_record(number, "ab" * 32, 1000) for number in range(count)]
    start = time.perf_counter()
    prev = GENESIS
    for seq, record in enumerate(records, start=1):
        prev = make_entry(
            key, prev_hash=prev, seq=seq, entity="evidence_item", record=record
        ).entry.entry_hash
    took = time.perf_counter() - start
    start = time.perf_counter()
    for _ in records:
        hashlib.sha256(b"x" * 600).digest()
    base = time.perf_counter() - start
    line(
        f"sign and chain {count} entries",
        f"{took:7.2f} s",
        f"sha256 alone {base:.3f} s (limit 2 s)",
        took <= 2.0,
    )
    return took <= 2.0


def bench_verify(folder: Path, items: int, total: int) -> bool:
    key, server = SigningKey.generate(), SigningKey.generate()
    per_item = total // items
    base_block = bytearray(os.urandom(per_item))
    contents: dict[str, int] = {}
    entries, bundle_items, prev = [], [], GENESIS
    for number in range(items):
        base_block[:8] = number.to_bytes(8, "little")
        sha = hashlib.sha256(base_block).hexdigest()
        contents[sha] = number
        made = make_entry(key, prev_hash=prev, seq=number + 1, entity="evidence_item",
                          record=_record(number, sha, per_item))  # fmt: skip
        prev = made.entry.entry_hash
        entries.append((made.entry, made.canonical))
        bundle_items.append(
            BundleItem(
                str(_record(number)["id"]),
                "video",
                sha,
                per_item,
                "video/mp4",
                "现场录像",
                NOW.isoformat(),
                "device-1",
                number + 1,
            )  # fmt: skip
        )
    receipt = issue_receipt(
        server,
        device_id="device-1",
        device_key=key.public_key,
        received_at=NOW.isoformat(),
        entries=[ReceiptEntry(e.seq, e.entry_hash) for e, _ in entries],
    )
    manifest = manifest_of(
        subject={"case": "bench"},
        exported_at=NOW.isoformat(),
        items=bundle_items,
        chains=[DeviceChain("device-1", key.public_key, entries)],
        receipts=[receipt],
    )

    def open_file(sha: str) -> io.BytesIO:
        base_block[:8] = contents[sha].to_bytes(8, "little")
        return io.BytesIO(bytes(base_block))

    out = folder / "bundle.zip"
    write_bundle(out, manifest, open_file=open_file, custody_log=None)  # type: ignore[arg-type]

    def hash_members() -> float:
        start = time.perf_counter()
        with zipfile.ZipFile(out) as archive, out.open("rb") as handle:
            for info in archive.infolist():
                if not info.filename.startswith("files/"):
                    continue
                handle.seek(info.header_offset + 30 + len(info.filename.encode()) + len(info.extra))
                digest, left = hashlib.sha256(), info.file_size
                while left:
                    chunk = handle.read(min(4 * MB, left))
                    digest.update(chunk)
                    left -= len(chunk)
        return time.perf_counter() - start

    def verify() -> float:
        start = time.perf_counter()
        verdict = verify_bundle(out)
        assert verdict.ok, verdict.failures[:3]
        assert verdict.items == items
        return time.perf_counter() - start

    hash_members()  # warm the page cache
    baseline = min(hash_members(), hash_members())
    took = min(verify(), verify())
    ratio = took / baseline
    line(
        f"verify bundle: {items} items, {out.stat().st_size / (1 << 30):.2f} GB",
        f"{took:7.2f} s ({ratio:.2f}×)",
        f"hashing its files {baseline:.2f} s (limit 1.5×)",
        ratio <= 1.5,
    )
    out.unlink()
    return ratio <= 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", type=size_arg, default=1 << 30)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--bundle", type=size_arg, default=2 << 30)
    args = parser.parse_args()
    results: list[bool] = []
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as temp:
        folder = Path(temp)
        steps: list[Callable[[], bool]] = [
            lambda: bench_import(folder, args.video),
            lambda: bench_chain(args.entries),
            lambda: bench_verify(folder, args.items, args.bundle),
        ]
        for step in steps:
            results.append(step())
    print("all targets met" if all(results) else "SOME TARGETS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
