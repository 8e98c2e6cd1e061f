"""Import of 100,000 generated requests against a bare Core bulk insert of the same rows.

Run: .venv/bin/python tests/benchmarks/import_bench.py [--rows 100000]
Each measurement runs in its own process, so its peak memory (max RSS) is its own.
Target (issue 2): import ≤ 3× the baseline's time, peak memory < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TABLES = ("case", "party", "assignment", "outbox")


def child_import(data_dir: Path, csv_path: Path) -> dict[str, float]:
    from fieldapp.services.changes import OutboxSink
    from fieldapp.services.request_import import import_request_file, region_lookup
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    workspace = open_workspace(data_dir)
    started = time.perf_counter()
    report = import_request_file(
        workspace.engine,
        csv_path,
        region_of=region_lookup(),
        actor=workspace.actor(),
        now=utcnow(),
        changes=OutboxSink(),
    )
    elapsed = time.perf_counter() - started
    assert not report.problems, report.problems[:3]
    return {"seconds": elapsed, "registered": len(report.registered)}


def child_baseline(source_dir: Path, target_dir: Path, tables: list[str]) -> dict[str, float]:
    """Insert the rows the import wrote, read back beforehand, with bare Core executemany."""
    from sqlalchemy import select

    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.schema import LOCAL_METADATA

    source = open_workspace(source_dir)
    with source.engine.connect() as connection:
        rows = {
            name: [
                dict(r._mapping) for r in connection.execute(select(LOCAL_METADATA.tables[name]))
            ]
            for name in tables
        }
    target = open_workspace(target_dir)
    started = time.perf_counter()
    with target.engine.begin() as connection:
        for name in tables:
            connection.execute(LOCAL_METADATA.tables[name].insert(), rows[name])
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rows": sum(len(r) for r in rows.values())}


def run_child(*args: str) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["peak_mb"] = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        if kind == "import":
            result = child_import(Path(paths[0]), Path(paths[1]))
        else:
            result = child_baseline(Path(paths[0]), Path(paths[1]), paths[2].split(","))
        print(json.dumps(result))
        return

    from tests.support.request_files import valid_row, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = write_csv(folder / "requests.csv", (valid_row(n) for n in range(args.rows)))
        size_mb = csv_path.stat().st_size / 1048576
        imported = run_child("import", str(folder / "imported"), str(csv_path))
        everything = run_child(
            "baseline", str(folder / "imported"), str(folder / "base-all"), ",".join(TABLES)
        )
        assignments_only = run_child(
            "baseline", str(folder / "imported"), str(folder / "base-assignments"), "assignment"
        )
    print(f"rows: {args.rows:,} ({size_mb:.1f} MB CSV)")
    print(
        f"import (parse, check, route, dedupe, write records and outbox): "
        f"{imported['seconds']:.2f} s, {args.rows / imported['seconds']:,.0f} rows/s, "
        f"peak memory {imported['peak_mb']:.0f} MB"
    )
    print(
        f"baseline, Core insert of the same {everything['rows']:,.0f} rows "
        f"(cases, parties, assignments, outbox): {everything['seconds']:.2f} s"
    )
    print(
        f"baseline, Core insert of the assignment rows alone: {assignments_only['seconds']:.2f} s"
    )
    print(
        f"ratio import / same rows: {imported['seconds'] / everything['seconds']:.2f} (target ≤ 3)"
    )
    print(
        f"ratio import / assignments alone: {imported['seconds'] / assignments_only['seconds']:.2f}"
    )


if __name__ == "__main__":
    main()
