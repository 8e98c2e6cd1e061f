"""One sync of the laptop: push the outbox, send files, pull changes, fetch files.

Push comes before pull, so the server has seen every local edit before its answer lands;
each pulled page is applied with its cursor in one transaction, so a cut connection costs at
most the page in flight; the next page is fetched while the current one is applied.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Engine, insert, select, update

from fieldapp.notices.numbering import GrantedBlock
from fieldapp.services.notices_numbers import lease_request_for, store_granted_blocks
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.engine import relaxed, writing
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.local_tables import BlobUpload, SyncState
from fieldapp.storage.types import utcnow
from fieldapp.sync import apply
from fieldapp.sync.blob_transfer import (
    BlobTransferError,
    UploadState,
    download_blob,
    missing_blobs,
    upload_blob,
)
from fieldapp.sync.client import CentralClient, CursorExpired, PulledPage, SyncError, Unreachable
from fieldapp.sync.outbox import pending_ops, record_answers

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # phase, done, total (0 when unknown)


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    removed: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    files_up: int = 0
    files_down: int = 0
    numbers_leased: int = 0
    downloaded_again: bool = False
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"pushed {self.pushed} (applied {self.applied}, duplicates {self.duplicates}, "
            f"conflicts {self.conflicts}, rejected {self.rejected}); pulled {self.pulled}, "
            f"removed {self.removed}; files up {self.files_up}, down {self.files_down}; "
            f"bytes up {self.bytes_up}, down {self.bytes_down}"
            + ("; downloaded everything again" if self.downloaded_again else "")
        )


class SyncEngine:
    def __init__(
        self,
        engine: Engine,
        client: CentralClient,
        device_id: str,
        store: ContentStore | None = None,
        *,
        push_batch: int = 500,
        page_size: int = 5000,
        chunk_size: int = 8 << 20,
        progress: Progress | None = None,
    ) -> None:
        self.engine = engine
        self.client = client
        self.device_id = device_id
        self.store = store
        self.push_batch = push_batch
        self.page_size = page_size
        self.chunk_size = chunk_size
        self.progress = progress or (lambda phase, done, total: None)

    def run(self) -> SyncReport:
        report = SyncReport()
        started = utcnow()
        try:
            self.push(report)
            self.upload_files(report)
            try:
                self.pull(report)
            except CursorExpired:
                self.download_again(report)
            self.lease_numbers(report)
            self.download_files(report)
        except SyncError as error:
            self._note(attempt=started, error=error.message)
            raise
        self._note(attempt=started, success=utcnow())
        return report

    def push(self, report: SyncReport) -> None:
        while True:
            with self.engine.connect() as connection:
                ops = pending_ops(connection, self.push_batch)
            if not ops:
                return
            body = json.dumps({"device_id": self.device_id, "ops": ops}, ensure_ascii=False)
            response = self.client.push(self.device_id, ops)
            report.bytes_up += len(body.encode())
            with writing(self.engine).begin() as connection:
                answered = record_answers(connection, ops, response.results, now=utcnow())
            report.pushed += len(ops)
            report.applied += answered.applied
            report.duplicates += answered.duplicates
            report.conflicts += answered.conflicts
            report.rejected += answered.rejected
            self.progress("push", report.pushed, 0)
            if len(ops) < self.push_batch:
                return

    def pull(self, report: SyncReport, *, seen: dict[str, set[str]] | None = None) -> None:
        cursor = apply.read_cursor(self.engine)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-pull") as fetcher:
            upcoming: Future[PulledPage] = fetcher.submit(self.client.pull, cursor, self.page_size)
            while True:
                page = upcoming.result()
                if page.has_more:
                    # The cursor came in a header: ask for the next page before parsing this one.
                    upcoming = fetcher.submit(self.client.pull, page.next_cursor, self.page_size)
                decoded = apply.decode_page(page.body)
                with writing(self.engine).begin() as connection:
                    result = apply.apply_page(
                        connection, decoded, pending=apply.pending_edits(connection)
                    )
                if seen is not None:
                    for change in decoded.changes:
                        seen.setdefault(change.entity, set()).add(change.record_id)
                report.pulled += result.changes
                report.removed += result.removed
                report.bytes_down += len(page.body)
                self.progress("pull", report.pulled, 0)
                if not page.has_more:
                    return

    def download_again(self, report: SyncReport) -> None:
        """The cursor is too old (410): the outbox is pushed already; fetch everything anew
        and drop what the server no longer shows, except records with unsent edits."""
        log.warning("cursor expired: downloading everything again")
        report.downloaded_again = True
        with writing(self.engine).begin() as connection:
            connection.execute(update(SyncState).where(SyncState.id == 1).values(cursor=0))
        seen: dict[str, set[str]] = {}
        self.pull(report, seen=seen)
        with writing(self.engine).begin() as connection:
            keep = apply.pending_edits(connection).keys()
            report.removed += apply.delete_unseen(connection, seen, keep)

    def upload_files(self, report: SyncReport) -> None:
        """Send the files of evidence the server has accepted and does not hold yet."""
        if self.store is None:
            return
        store = self.store
        with self.engine.connect() as connection:
            done = set(
                connection.execute(select(BlobUpload.sha256).where(BlobUpload.done)).scalars()
            )
            accepted = set(
                connection.execute(
                    select(EvidenceItem.sha256).where(
                        EvidenceItem.sha256.is_not(None), EvidenceItem.version > 0
                    )
                ).scalars()
            )
        candidates = sorted(sha for sha in accepted - done if sha and store.has(sha))
        if not candidates:
            return
        progress = _TableProgress(self.engine)
        try:
            for sha in missing_blobs(self.client.http, candidates):
                result = upload_blob(
                    self.client.http,
                    store,
                    sha,
                    chunk_size=self.chunk_size,
                    progress=progress,
                    on_bytes=lambda n: self.progress("files up", n, 0),
                )
                report.bytes_up += result.sent_bytes
                report.files_up += 1
        except (BlobTransferError, httpx.TransportError) as error:
            # What the server confirmed is kept in blob_uploads; the next sync resumes there.
            raise Unreachable(f"sending files stopped: {error}") from error
        with writing(self.engine).begin() as connection:
            for sha in candidates:
                _save_offset(connection, sha, store.size(sha), store.size(sha), done=True)

    def lease_numbers(self, report: SyncReport) -> None:
        """Top up the document numbers of cases with open tasks, for the days offline."""
        with self.engine.connect() as connection:
            request = lease_request_for(connection, self.device_id)
        if not request.items:
            return
        items = [{"series": item.series, "count": item.count} for item in request.items]
        answer = self.client.lease_numbers(self.device_id, items)
        blocks = [
            GrantedBlock(b.id, b.series, self.device_id, b.first, b.last) for b in answer.blocks
        ]
        with writing(self.engine).begin() as connection:
            report.numbers_leased += store_granted_blocks(connection, blocks, now=utcnow())

    def download_files(self, report: SyncReport) -> None:
        """Fetch the files of evidence this laptop sees and does not hold yet."""
        if self.store is None:
            return
        with self.engine.connect() as connection:
            wanted = set(
                connection.execute(
                    select(EvidenceItem.sha256).where(EvidenceItem.sha256.is_not(None))
                ).scalars()
            )
        for sha in sorted(sha for sha in wanted if sha and not self.store.has(sha)):
            try:
                report.bytes_down += download_blob(
                    self.client.http, self.store, sha, chunk_size=self.chunk_size
                )
                report.files_down += 1
            except (BlobTransferError, httpx.TransportError) as error:
                # Shown as pending until a later sync brings it; the records are in already.
                report.errors.append(f"file {sha[:12]}… not fetched yet: {error}")

    def _note(self, *, attempt: Any, success: Any = None, error: str = "") -> None:
        values: dict[str, Any] = {"last_attempt_at": attempt, "last_error": error}
        if success is not None:
            values["last_success_at"] = success
        with relaxed(self.engine).begin() as connection:
            apply.ensure_sync_state(connection)
            connection.execute(update(SyncState).where(SyncState.id == 1).values(**values))


class _TableProgress:
    """Upload progress kept in the blob_uploads table, so a restart resumes where it was."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, sha256: str) -> UploadState | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(BlobUpload.size, BlobUpload.confirmed_offset, BlobUpload.done).where(
                    BlobUpload.sha256 == sha256
                )
            ).first()
        return None if row is None else UploadState(row[0], row[1], row[2])

    def set(self, sha256: str, state: UploadState) -> None:
        with writing(self.engine).begin() as connection:
            _save_offset(connection, sha256, state.size, state.confirmed_offset, done=state.done)


def _save_offset(connection: Any, sha256: str, size: int, offset: int, *, done: bool) -> None:
    exists = connection.execute(
        select(BlobUpload.sha256).where(BlobUpload.sha256 == sha256)
    ).first()
    values = {"size": size, "confirmed_offset": offset, "done": done, "updated_at": utcnow()}
    if exists:
        connection.execute(update(BlobUpload).where(BlobUpload.sha256 == sha256).values(**values))
    else:
        connection.execute(insert(BlobUpload).values(sha256=sha256, **values))
