"""Issuing one template for many tasks at once (e.g. 50 查封公告), all or nothing, with
progress reported as each notice is made."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select

from fieldapp.notices.court import CourtConfig
from fieldapp.notices.errors import NoticeError
from fieldapp.notices.fonts import NoticeFont, check_glyphs, load_font
from fieldapp.notices.numbering import series_of
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.notices_issue import (
    IssuedNotice,
    NoticeDraft,
    court_config,
    issue_notice,
    prepare_notice,
)
from fieldapp.services.notices_numbers import remaining_numbers
from fieldapp.storage.casework import Assignment

Progress = Callable[[int, int], None]
"""Called with (done, total) after each notice: from the thread the batch runs on."""


@dataclass(frozen=True, slots=True)
class BatchProblem:
    assignment_id: str
    registration_no: str
    reason: str

    def __str__(self) -> str:
        return f"{self.registration_no or self.assignment_id}: {self.reason}"


class BatchRefused(NoticeError):
    """Some tasks cannot get their notice: the batch issues nothing, and says why for each."""

    base_code = "notice_batch_refused"

    def __init__(self, problems: Sequence[BatchProblem]) -> None:
        listed = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{len(problems)} task(s) cannot be issued: {listed}{more}")
        self.problems = tuple(problems)


class BatchCancelled(NoticeError):
    base_code = "notice_batch_cancelled"


def issue_batch(
    engine: Engine,
    template_code: str,
    assignment_ids: Sequence[str],
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    court: CourtConfig | None = None,
    font: NoticeFont | None = None,
    blobs_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[IssuedNotice]:
    """Issue `template_code` for every task in one transaction.

    Every task is checked first — required fields, characters the font lacks, numbers
    left — and any problem refuses the whole batch with BatchRefused naming each task, so
    the officer fixes them and issues again rather than tracking which half went out.
    """
    court = court or court_config()
    font = font or load_font(court.font)
    total = len(assignment_ids)
    with engine.begin() as connection:
        registration = dict(
            connection.execute(
                select(Assignment.id, Assignment.registration_no).where(
                    Assignment.id.in_(list(assignment_ids))
                )
            ).all()
        )
        drafts: list[NoticeDraft] = []
        problems: list[BatchProblem] = []
        for assignment_id in assignment_ids:
            label = registration.get(assignment_id, "")
            try:
                draft = prepare_notice(
                    connection, template_code, assignment_id=assignment_id, court=court
                )
            except NoticeError as error:
                problems.append(BatchProblem(assignment_id, label, error.message))
                continue
            missing = draft.missing
            if missing:
                names = "、".join(str(field) for field in missing)
                problems.append(
                    BatchProblem(assignment_id, label, f"required field(s) empty: {names}")
                )
                continue
            try:
                texts = [(name, str(value)) for name, value in draft.values.items()]
                check_glyphs(texts, font)
            except NoticeError as error:
                problems.append(BatchProblem(assignment_id, label, error.message))
                continue
            drafts.append(draft)
        left = remaining_numbers(connection)
        wanted = Counter(series_of(d.case_number) for d in drafts)
        for draft in drafts:
            series = series_of(draft.case_number)
            if wanted[series] > left.get(series, 0):
                problems.append(
                    BatchProblem(
                        draft.assignment_id or "",
                        registration.get(draft.assignment_id or "", ""),
                        f"{left.get(series, 0)} document number(s) left for {series}, "
                        f"{wanted[series]} needed: sync to lease more",
                    )
                )
        if problems:
            raise BatchRefused(problems)
        issued = []
        for done, draft in enumerate(drafts, start=1):
            if cancelled is not None and cancelled():
                raise BatchCancelled("the batch was cancelled; nothing was issued")
            issued.append(
                issue_notice(
                    connection,
                    draft,
                    actor=actor,
                    now=now,
                    changes=changes,
                    font=font,
                    blobs_dir=blobs_dir,
                )
            )
            if progress is not None:
                progress(done, total)
        return issued
