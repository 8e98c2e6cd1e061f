"""Notice rendering against a same-run baseline: a bare reportlab canvas drawing the same
text with the same font (and, for reference, a platypus page of it).

Run: .venv/bin/python tests/benchmarks/notice_bench.py [--repeat 30] [--batch 100]
Targets (issue 5): a one-page notice ≤ 50 ms after the first and ≤ 2× the bare canvas;
100 notices in batch ≤ 5 s; the first notice after start ≤ 1 s, font loading included.
The first-notice figure is measured in a fresh process, from before the first import.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
VALUES: dict[str, Any] = {
    "court_name": "贵州省贵阳市中级人民法院",
    "court_phone": "0851-8000 0000",
    "court_address": "贵州省贵阳市",
    "case_number": "（2026）黔01执1234号",
    "applicant_name": "贵阳禾岚小额贷款有限公司",
    "respondent_name": "王建国",
    "enforcement_basis": "（2025）黔0103民初5678号民事判决书",
    "filed_on": "2026年11月20日",
    "obligations": "一、向申请执行人贵阳禾岚小额贷款有限公司支付借款本金123,456.00元及利息；\n"
    "二、负担本案申请执行费。",
    "judge_name": "李明华",
}


def child_first() -> None:
    """In a fresh process: imports, font loading and the first notice."""
    started = time.perf_counter()
    from fieldapp.notices.render import NoticeIdentity, render_notice
    from fieldapp.notices.templates import default_library

    template = default_library().get("execution_notice")
    identity = NoticeIdentity("bench", "（2026）黔01执1234号之一", NOW)
    rendered = render_notice(template, VALUES, identity)
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.4f} {rendered.pages}")


def _median_ms(work: Any, repeat: int) -> float:
    work()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_page(repeat: int) -> dict[str, float]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from fieldapp.notices.compose import compose, normalise_values
    from fieldapp.notices.fonts import load_font
    from fieldapp.notices.layout import A4, layout
    from fieldapp.notices.render import NoticeIdentity, render_notice
    from fieldapp.notices.templates import default_library

    font = load_font()
    template = default_library().get("execution_notice")
    identity = NoticeIdentity("bench", "（2026）黔01执1234号之一", NOW)
    assert render_notice(template, VALUES, identity, font=font).pages == 1
    composed = compose(
        template,
        normalise_values(template, VALUES),
        document_number=identity.document_number,
        issued_at=NOW,
    )
    # The very lines the notice prints, for the baselines to draw.
    lines = [
        (item.text, item.size)
        for page in layout(composed, font).pages
        for item in page
        if getattr(item, "text", "")
    ]

    def notice() -> None:
        render_notice(template, VALUES, identity, font=font)

    def bare_canvas() -> None:
        canvas = Canvas(io.BytesIO(), pagesize=(A4.width, A4.height), invariant=1)
        y = A4.height - A4.top
        for text, size in lines:
            canvas.setFont(font.name, size)
            canvas.drawString(A4.left, y, text)
            y -= size * 1.7
        canvas.showPage()
        canvas.save()

    style = ParagraphStyle("body", fontName=font.name, fontSize=16, leading=27, wordWrap="CJK")

    def platypus() -> None:
        doc = SimpleDocTemplate(io.BytesIO(), invariant=1)
        doc.build([Paragraph(text, style) for text, _ in lines])

    return {
        "notice_ms": _median_ms(notice, repeat),
        "bare_canvas_ms": _median_ms(bare_canvas, repeat),
        "platypus_ms": _median_ms(platypus, repeat),
    }


def bench_batch(count: int) -> dict[str, float]:
    from sqlalchemy import select

    from fieldapp.domain.enums import Matter
    from fieldapp.notices.numbering import LeaseItem, LeaseRequest, grant_blocks, series_of
    from fieldapp.services.actor import Actor
    from fieldapp.services.changes import OutboxSink
    from fieldapp.services.demo_seed import seed_demo
    from fieldapp.services.notices_batch import issue_batch
    from fieldapp.services.notices_numbers import highest_local, store_granted_blocks
    from fieldapp.storage.casework import Assignment, Case
    from fieldapp.storage.engine import make_engine, sqlite_url
    from fieldapp.storage.schema import LOCAL_METADATA
    from fieldapp.storage.types import new_id

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(sqlite_url(Path(folder) / "bench.sqlite"))
        LOCAL_METADATA.create_all(engine)
        with engine.begin() as connection:
            seed_demo(connection, now=NOW)
            rows = connection.execute(
                select(Assignment.id, Case.case_number)
                .join(Case, Case.id == Assignment.case_id)
                .where(Case.amount_fen.is_not(None), Assignment.matter != Matter.LOCATE)
                .order_by(Assignment.registration_no)
                .limit(count)
            ).all()
            series = dict.fromkeys(series_of(case) for _, case in rows)
            request = LeaseRequest("bench", tuple(LeaseItem(s, 100) for s in series))
            blocks = grant_blocks(request, highest_local(connection), new_id)
            store_granted_blocks(connection, blocks, now=NOW)
        started = time.perf_counter()
        issued = issue_batch(
            engine,
            "execution_notice",
            [task for task, _ in rows],
            actor=Actor(None, "bench"),
            now=NOW,
            changes=OutboxSink(),
        )
        elapsed = time.perf_counter() - started
        engine.dispose()
    return {"batch_s": elapsed, "batch_count": float(len(issued))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--child-first", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_first:
        child_first()
        return 0
    out = subprocess.run(
        [sys.executable, __file__, "--child-first"], check=True, capture_output=True, text=True
    ).stdout.split()
    first_s = float(out[0])
    page = bench_page(args.repeat)
    batch = bench_batch(args.batch)
    ratio = page["notice_ms"] / page["bare_canvas_ms"]
    print(f"first notice after start (fresh process, font included): {first_s * 1000:.0f} ms")
    print(f"one-page notice (median of {args.repeat}): {page['notice_ms']:.1f} ms")
    print(f"  baseline, bare canvas, same text and font:  {page['bare_canvas_ms']:.1f} ms")
    print(f"  reference, platypus page of the same text:  {page['platypus_ms']:.1f} ms")
    print(f"  notice / bare canvas: {ratio:.2f}x")
    print(
        f"batch of {batch['batch_count']:.0f} notices (one transaction): {batch['batch_s']:.2f} s"
    )
    checks = {
        "first ≤ 1 s": first_s <= 1.0,
        "page ≤ 50 ms": page["notice_ms"] <= 50,
        "page ≤ 2× baseline": ratio <= 2.0,
        "batch ≤ 5 s": batch["batch_s"] <= 5.0,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'MISS'} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
