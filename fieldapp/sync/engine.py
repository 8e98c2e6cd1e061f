"""One sync of the laptop: push the outbox, send files, pull changes, fetch files.

Push comes before pull, so the server has seen every local edit before its answer lands;
each pulled page is applied with its cursor in one transaction, so a cut connection costs at
most the page in flight; the next page is fetched while the current one is applied.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Engine, func, insert, select, update

from fieldapp.notices.numbering import GrantedBlock
from fieldapp.services.custody_chain import keep_pushed_receipt
from fieldapp.services.notices_numbers import lease_request_for, store_granted_blocks
from fieldapp.storage.checkpoints import BackgroundCheckpoints
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.engine import relaxed, writing
from fieldapp.storage.fieldwork import EvidenceItem
from fieldapp.storage.local_tables import BlobUpload, OutboxOp, SyncState
from fieldapp.storage.types import utcnow
from fieldapp.sync import apply
from fieldapp.sync.blob_transfer import (
    BlobTransferError,
    UploadState,
    download_blob,
    missing_blobs,
    upload_blob,
)
from fieldapp.sync.client import (
    CentralClient,
    CursorExpired,
    PulledPage,
    Refused,
    SyncError,
    Unreachable,
    encode_push,
)
from fieldapp.sync.outbox import pending_ops, record_answers
from fieldapp.sync.protocol import MAX_PUSH_OPS, PushResponse

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
        push_batch: int = MAX_PUSH_OPS,
        page_size: int = 5000,
        chunk_size: int = 8 << 20,
        progress: Progress | None = None,
    ) -> None:
        self.engine = engine
        self.client = client
        self.device_id = device_id
        self.store = store
        # As many ops a request as the server takes: besides its ops, each request costs a
        # round trip, a transaction on each side and an fsync of the answers here.
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
        """Send the outbox in batches, in seq order, and keep each op's answer.

        The next batch goes out while the server still applies this one, when the two touch
        different records: this batch's answers then cannot change the next one's ops (they
        only rebase later ops of the same records), and the server takes a device's batches
        one at a time. Else the next batch waits for this one's answers and is read anew.
        """
        ops = self._batch(after=0)
        if not ops:
            return
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="fieldapp-push") as sender:
            sending = self._send(sender, ops, report)
            early = False  # whether ``ops`` went out before the answers to the batch before
            while ops:
                following = self._batch(after=ops[-1]["seq"]) if self._full(ops) else []
                ahead = None
                if following and _records_of(following).isdisjoint(_records_of(ops)):
                    ahead = self._send(sender, following, report)
                self._record(ops, self._answer(sender, sending, ops, early, report), report)
                early = ahead is not None
                if following and ahead is None:
                    following = self._batch(after=ops[-1]["seq"])  # as rebased just now
                    ahead = self._send(sender, following, report) if following else None
                if ahead is None:
                    return
                ops, sending = following, ahead

    def _batch(self, *, after: int) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return pending_ops(connection, self.push_batch, after=after)

    def _full(self, ops: list[dict[str, Any]]) -> bool:
        return len(ops) == self.push_batch

    def _send(
        self, sender: ThreadPoolExecutor, ops: list[dict[str, Any]], report: SyncReport
    ) -> Future[PushResponse]:
        body = encode_push(self.device_id, ops)
        report.bytes_up += len(body)
        return sender.submit(self.client.push_body, body)

    def _answer(
        self,
        sender: ThreadPoolExecutor,
        sending: Future[PushResponse],
        ops: list[dict[str, Any]],
        early: bool,
        report: SyncReport,
    ) -> PushResponse:
        try:
            return sending.result()
        except Refused as refused:
            if not early or refused.code != "seq_gap":
                raise
        # Sent ahead, it reached the server before the batch before it (several server
        # processes take requests) and was refused whole; that one is in now: again.
        return self._send(sender, ops, report).result()

    def _record(
        self, ops: list[dict[str, Any]], response: PushResponse, report: SyncReport
    ) -> None:
        with writing(self.engine).begin() as connection:
            answered = record_answers(connection, ops, response.results, now=utcnow())
            if response.receipt is not None:
                keep_pushed_receipt(connection, response.receipt, response.server_time)
        report.pushed += len(ops)
        report.applied += answered.applied
        report.duplicates += answered.duplicates
        report.conflicts += answered.conflicts
        report.rejected += answered.rejected
        self.progress("push", report.pushed, 0)

    def pull(self, report: SyncReport, *, seen: dict[str, set[str]] | None = None) -> None:
        cursor = apply.read_cursor(self.engine)
        page = self.client.pull(cursor, self.page_size)
        if not page.has_more:
            # The usual sync: one page, often empty; no fetch thread to start.
            self._take_page(page, cursor, report, seen, self.engine)
            return
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-pull") as fetcher,
            BackgroundCheckpoints(self.engine) as checkpoints,
        ):
            while True:
                upcoming: Future[PulledPage] | None = None
                if page.has_more:
                    # The cursor came in a header: ask for the next page before parsing this one.
                    upcoming = fetcher.submit(self.client.pull, page.next_cursor, self.page_size)
                cursor = self._take_page(page, cursor, report, seen, checkpoints.engine)
                checkpoints.written()
                if upcoming is None:
                    return
                page = upcoming.result()

    def _take_page(
        self,
        page: PulledPage,
        cursor: int,
        report: SyncReport,
        seen: dict[str, set[str]] | None,
        engine: Engine,
    ) -> int:
        """Apply one pulled page with its cursor; returns the cursor now stored."""
        decoded = apply.decode_page(page.body)
        if not apply.is_empty(decoded, cursor):
            # Relaxed: a page lost to a power cut is fetched again, with its cursor.
            with relaxed(engine).begin() as connection:
                result = apply.apply_page(
                    connection, decoded, pending=apply.pending_edits(connection)
                )
            cursor = result.next_cursor
            report.pulled += result.changes
            report.removed += result.removed
        # else nothing new (the usual answer when nothing happened): no transaction at all.
        if seen is not None:
            for change in decoded.changes:
                seen.setdefault(change.entity, set()).add(change.record_id)
        report.bytes_down += len(page.body)
        self.progress("pull", report.pulled, 0)
        return cursor

    def download_again(self, report: SyncReport) -> None:
        """The cursor is too old (410): the outbox is pushed already; fetch everything anew
        and drop what the server no longer shows, except records with unsent edits."""
        log.warning("cursor expired: downloading everything again")
        report.downloaded_again = True
        _topped_up.pop(self._laptop, None)
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
        sent = 0

        def on_bytes(count: int) -> None:
            nonlocal sent
            sent += count
            self.progress("files up", sent, total)

        try:
            missing = missing_blobs(self.client.http, candidates)
            total = sum(store.size(sha) for sha in missing)  # at most: uploads may resume
            for sha in missing:
                result = upload_blob(
                    self.client.http,
                    store,
                    sha,
                    chunk_size=self.chunk_size,
                    progress=progress,
                    on_bytes=on_bytes,
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
        """Top up the document numbers of cases with open tasks, for the days offline.

        Once per change: open tasks and the numbers left move only with pulls (the cursor)
        and local edits (each writes an op, issuing a notice too). When neither moved since
        the last top-up in this process, that top-up stands: asking again would only stretch
        a case whose tasks need more than a block a sync, at the cost of a scan of every
        open task and a round trip.
        """
        with self.engine.connect() as connection:
            mark = _numbers_mark(connection)
            if mark == _topped_up.get(self._laptop):
                return
            request = lease_request_for(connection, self.device_id)
        if not request.items:
            _topped_up[self._laptop] = mark
            return
        items = [{"series": item.series, "count": item.count} for item in request.items]
        answer = self.client.lease_numbers(self.device_id, items)
        blocks = [
            GrantedBlock(b.id, b.series, self.device_id, b.first, b.last) for b in answer.blocks
        ]
        with writing(self.engine).begin() as connection:
            report.numbers_leased += store_granted_blocks(connection, blocks, now=utcnow())
        _topped_up[self._laptop] = mark

    @property
    def _laptop(self) -> tuple[str, str]:
        return str(self.engine.url), self.device_id

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
        fetch = sorted(sha for sha in wanted if sha and not self.store.has(sha))
        for sha in fetch:
            try:
                report.bytes_down += download_blob(
                    self.client.http, self.store, sha, chunk_size=self.chunk_size
                )
                report.files_down += 1
                self.progress("files down", report.files_down, len(fetch))
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


def _records_of(ops: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(op["entity"], op["record_id"]) for op in ops}


# (cursor, newest op) at each laptop database's last top-up of document numbers, for the life of
# the process (``fieldapp watch`` makes an engine a sync): see SyncEngine.lease_numbers.
_topped_up: dict[tuple[str, str], tuple[int, int]] = {}


def _numbers_mark(connection: Any) -> tuple[int, int]:
    """What the open tasks and the numbers left depend on: where pulls stopped, and the
    newest local op (every local change writes one, issuing a notice too)."""
    row = connection.execute(
        select(
            select(SyncState.cursor).where(SyncState.id == 1).scalar_subquery(),
            select(func.max(OutboxOp.seq)).scalar_subquery(),
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def _save_offset(connection: Any, sha256: str, size: int, offset: int, *, done: bool) -> None:
    exists = connection.execute(
        select(BlobUpload.sha256).where(BlobUpload.sha256 == sha256)
    ).first()
    values = {"size": size, "confirmed_offset": offset, "done": done, "updated_at": utcnow()}
    if exists:
        connection.execute(update(BlobUpload).where(BlobUpload.sha256 == sha256).values(**values))
    else:
        connection.execute(insert(BlobUpload).values(sha256=sha256, **values))
