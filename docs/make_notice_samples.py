"""Write every notice template filled with demo data to docs/notices/, as PDF and PNG.

Run with ``.venv/bin/python docs/make_notice_samples.py [--out FOLDER] [--dpi N]``. The demo
data set is seeded into a temporary laptop database, document numbers are leased as a
server that only this laptop uses would lease them, and each template is issued for the
demo task that suits it. The same demo data always gives the same files.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sqlalchemy import select

from fieldapp.domain.enums import AssignmentStatus, ControlMeasure, Matter
from fieldapp.notices.numbering import LeaseItem, LeaseRequest, grant_blocks, series_of
from fieldapp.services.changes import NoChanges
from fieldapp.services.demo_seed import seed_demo
from fieldapp.services.notices_issue import issue, prepare
from fieldapp.services.notices_numbers import highest_local, store_granted_blocks
from fieldapp.services.registration import Actor
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.fieldwork import AssetControl, VisitAttempt
from fieldapp.storage.schema import LOCAL_METADATA
from fieldapp.storage.types import new_id

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
OUT = Path(__file__).resolve().parent / "notices"
SALE_VALUES: dict[str, Any] = {
    "valuation": "1,200,000.00元",
    "starting_price": "840,000.00元",
    "deposit": "100,000.00元",
    "platform": "人民法院诉讼资产网",
    "auction_time": "2027年1月15日10时至2027年1月16日10时",
}
ORDER = (
    ("execution_notice", "service"),
    ("asset_report_order", "service"),
    ("service_receipt", "service"),
    ("seal_public_notice", "asset"),
    ("seal_strip", "asset"),
    ("property_list", "asset"),
    ("assistance_notice", "asset"),
    ("disposal_notice", "asset"),
    ("online_auction_notice", "asset"),
    ("execution_record", "visit"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dpi", type=int, default=96)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(sqlite_url(Path(folder) / "samples.sqlite"))
        try:
            LOCAL_METADATA.create_all(engine)
            with engine.begin() as connection:
                seed_demo(connection, now=NOW)
            tasks = _tasks(engine)
            written = _issue_all(engine, tasks, args.out, args.dpi)
        finally:
            engine.dispose()
    for path in written:
        print(path)
    return 0


def _tasks(engine: Any) -> dict[str, tuple[str, str]]:
    """(task id, case number) of a service task, a seal task and a visited task."""
    with engine.connect() as connection:
        base = select(Assignment.id, Case.case_number).join(Case, Case.id == Assignment.case_id)
        service = connection.execute(
            base.where(Assignment.matter == Matter.SERVICE, Case.amount_fen.is_not(None))
            .order_by(Assignment.registration_no)
            .limit(1)
        ).one()
        asset = connection.execute(
            base.join(AssetControl, AssetControl.assignment_id == Assignment.id)
            .where(AssetControl.measure == ControlMeasure.SEAL)
            .order_by(Assignment.registration_no)
            .limit(1)
        ).one()
        visit = connection.execute(
            base.join(VisitAttempt, VisitAttempt.assignment_id == Assignment.id)
            .where(Assignment.status == AssignmentStatus.DONE)
            .order_by(Assignment.registration_no)
            .limit(1)
        ).one()
    return {"service": tuple(service), "asset": tuple(asset), "visit": tuple(visit)}


def _issue_all(engine: Any, tasks: dict[str, tuple[str, str]], out: Path, dpi: int) -> list[Path]:
    with engine.begin() as connection:
        series = dict.fromkeys(series_of(case) for _, case in tasks.values())
        request = LeaseRequest("samples", tuple(LeaseItem(s, 20) for s in series))
        # Stands in for the central store: ids need only be unique in this database.
        store_granted_blocks(
            connection, grant_blocks(request, highest_local(connection), new_id), now=NOW
        )
    actor = Actor(user_id=None, device_id="samples")
    issued: dict[str, str] = {}
    written: list[Path] = []
    for code, which in ORDER:
        kwargs: dict[str, Any] = {"assignment_id": tasks[which][0]}
        if code == "service_receipt":
            kwargs["notice_ids"] = [issued["execution_notice"], issued["asset_report_order"]]
        draft = prepare(engine, code, **kwargs)
        if code in ("disposal_notice", "online_auction_notice"):
            draft = draft.with_values(SALE_VALUES)
        notice = issue(engine, draft, actor=actor, now=NOW, changes=NoChanges())
        issued[code] = notice.id
        pdf_path = out / f"{code}.pdf"
        pdf_path.write_bytes(notice.pdf)
        written.append(pdf_path)
        written.extend(_pngs(pdf_path, out, code, dpi))
    return written


def _pngs(pdf_path: Path, out: Path, code: str, dpi: int) -> list[Path]:
    for stale in out.glob(f"{code}-*.png"):
        stale.unlink()
    document = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72).to_pil()
            path = out / f"{code}-{index + 1}.png"
            image.save(path, optimize=True)
            paths.append(path)
    finally:
        document.close()
    return paths


if __name__ == "__main__":
    sys.exit(main())
