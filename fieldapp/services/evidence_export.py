"""Exporting the evidence of an assignment or a case from this laptop as a bundle anyone can
check: files, manifest (records, chain, keys, receipts) and a custody log in Chinese.

A laptop exports the items in its own custody: those it captured, with its chain. Items
another laptop captured are named in the report and left out (their chain is on that
laptop and on the central store).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from fieldapp.domain.clock import COURT_TZ
from fieldapp.evidence.bundle import BundleItem, DeviceChain, manifest_of, write_bundle
from fieldapp.evidence.chain import ChainEntry
from fieldapp.evidence.keys import fingerprint
from fieldapp.evidence.receipts import Receipt, receipt_from_dict
from fieldapp.notices.custody_log import CustodyLog, CustodyRow, render_custody_log
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.custody import ChainLink, HeldReceipt, SigningKeyRow
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.local_tables import Profile
from fieldapp.storage.reference import StaffMember

KIND_ZH = {
    "photo": "照片",
    "video": "视频",
    "audio": "录音",
    "document": "文件",
    "note": "笔录",
    "signature": "签名",
}


class ExportRefused(ValueError):
    """Nothing to export, or what is asked for is not on this laptop; for a person."""


@dataclass(frozen=True)
class ExportReport:
    out: Path
    items: int
    files: int
    left_out: int  # items of the subject captured by other laptops


def export_bundle(
    engine: Engine,
    blobs_dir: Path,
    *,
    out: Path,
    now: datetime,
    registration_no: str | None = None,
    case_number: str | None = None,
    device_id: str | None = None,
) -> ExportReport:
    if (registration_no is None) == (case_number is None):
        raise ExportRefused("name either an assignment (registration no.) or a case number")
    store = ContentStore(blobs_dir)
    with engine.connect() as connection:
        if registration_no is not None:
            subject = {"assignment": registration_no}
            ids = list(
                connection.execute(
                    select(Assignment.id).where(Assignment.registration_no == registration_no)
                ).scalars()
            )
            if not ids:
                raise ExportRefused(f"this laptop has no assignment {registration_no}")
        else:
            subject = {"case": str(case_number)}
            case_id = connection.execute(
                select(Case.id).where(Case.case_number == case_number)
            ).scalar()
            if case_id is None:
                raise ExportRefused(f"this laptop has no case {case_number}")
            ids = list(
                connection.execute(
                    select(Assignment.id).where(Assignment.case_id == case_id)
                ).scalars()
            )
        key = connection.execute(select(SigningKeyRow.public_key)).scalar()
        profile_device = connection.execute(select(Profile.device_id)).scalar()
        items = connection.execute(
            select(EvidenceItem)
            .where(EvidenceItem.assignment_id.in_(ids), EvidenceItem.deleted.is_(False))
            .order_by(EvidenceItem.captured_at, EvidenceItem.id)
        ).all()
        links = {
            link.record_id: link
            for link in connection.execute(
                select(ChainLink).where(
                    ChainLink.entity == "evidence_item",
                    ChainLink.record_id.in_([item.id for item in items]),
                )
            )
        }
        receipts = [
            receipt_from_dict(json.loads(body))
            for body in connection.execute(select(HeldReceipt.body).order_by(HeldReceipt.id))
            .scalars()
            .all()
        ]
        last = max(
            [links[i].seq for i in links] + [max(e.seq for e in r.entries) for r in receipts] + [0]
        )
        chain_rows = connection.execute(
            select(ChainLink).where(ChainLink.seq <= last).order_by(ChainLink.seq)
        ).all()
        names = dict(connection.execute(select(StaffMember.id, StaffMember.display_name)).all())
    own = [item for item in items if item.id in links]
    if not own:
        raise ExportRefused(
            "this laptop holds no evidence of its own for "
            + (f"assignment {registration_no}" if registration_no else f"case {case_number}")
        )
    if key is None:
        raise ExportRefused("this laptop has no signing key")
    device = device_id or profile_device or "this-laptop"
    for item in own:
        if item.sha256 and not store.has(item.sha256):
            raise ExportRefused(f"the file of item {item.id} is not on this laptop")
    wanted = {links[item.id].seq for item in own}
    chain = DeviceChain(
        device,
        key,
        [
            (
                ChainEntry(
                    row.seq, row.entity, row.record_id, row.prev_hash, row.entry_hash, row.signature
                ),
                row.canonical.encode("utf-8") if row.seq in wanted else None,
            )
            for row in chain_rows
        ],
    )
    bundle_items = [
        BundleItem(
            record_id=item.id,
            kind=item.kind.value,
            sha256=item.sha256,
            size=item.size,
            mime=item.mime,
            description=item.description,
            captured_at=item.captured_at.isoformat(),
            device_id=device,
            seq=links[item.id].seq,
        )
        for item in own
    ]
    exported_at = now.astimezone(COURT_TZ)
    mine = [receipt for receipt in receipts if receipt.device_id == device]
    manifest = manifest_of(
        subject=subject,
        exported_at=exported_at.isoformat(timespec="seconds"),
        items=bundle_items,
        chains=[chain],
        receipts=mine,
    )
    log = _custody_log(subject, exported_at, own, links, mine, names, device, key)
    write_bundle(out, manifest, open_file=store.open, custody_log=render_custody_log(log))
    files = len({item.sha256 for item in own if item.sha256})
    return ExportReport(out, len(own), files, len(items) - len(own))


def _custody_log(
    subject: dict[str, str],
    exported_at: datetime,
    items: list[Any],
    links: dict[str, Any],
    receipts: list[Receipt],
    names: dict[str, str],
    device: str,
    key: str,
) -> CustodyLog:
    received: dict[tuple[int, str], str] = {}
    for receipt in receipts:
        for entry in receipt.entries:
            received.setdefault((entry.seq, entry.entry_hash), receipt.received_at)
    rows = []
    for number, item in enumerate(items, start=1):
        link = links[item.id]
        when = received.get((link.seq, link.entry_hash))
        offset = timedelta(seconds=item.clock_offset_s or 0)
        captured = (item.captured_at + offset).astimezone(COURT_TZ)
        rows.append(
            CustodyRow(
                number=number,
                kind=KIND_ZH.get(item.kind.value, item.kind.value),
                name=item.original_name or item.description[:60],
                sha256=item.sha256 or "",
                captured=captured.strftime("%Y-%m-%d %H:%M:%S"),
                officer=names.get(item.captured_by or "", item.captured_by or ""),
                device=fingerprint(key),
                chain_seq=link.seq,
                received=_local(when) if when else "未接收",
            )
        )
    subject_text = subject.get("assignment") or subject.get("case") or ""
    return CustodyLog(
        title_subject=subject_text,
        exported_at=exported_at.strftime("%Y-%m-%d %H:%M:%S"),
        rows=rows,
        devices=[(device, fingerprint(key))],
        server_keys=sorted({fingerprint(r.server_key) for r in receipts}),
    )


def _local(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone(COURT_TZ).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return text
