"""Document numbers on the laptop: taking the next one from a leased block (in the issuing
transaction), storing the blocks a sync brings, and telling the officer before a visit
whether the numbers last."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, func, insert, select, update

from fieldapp.notices.numbering import (
    DEFAULT_POLICY,
    GrantedBlock,
    LeasePolicy,
    LeaseRequest,
    NumbersExhausted,
    Supply,
    SupplyState,
    lease_request,
    needed_numbers,
    series_of,
    supply,
)
from fieldapp.notices.numerals import document_number
from fieldapp.storage.assignments import OPEN_STATUSES
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.local_tables import NoticeNumberBlock

__all__ = [
    "AllocatedNumber",
    "NumbersExhausted",
    "Supply",
    "SupplyState",
    "allocate_document_number",
    "lease_request_for",
    "next_document_number",
    "number_supply",
    "remaining_numbers",
    "store_granted_blocks",
]

_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class AllocatedNumber:
    block_id: str
    suffix: int
    document_number: str


def _open_block(connection: Connection, series: str) -> tuple[str, int] | None:
    row = connection.execute(
        select(NoticeNumberBlock.id, NoticeNumberBlock.next_number)
        .where(
            NoticeNumberBlock.series == series,
            NoticeNumberBlock.next_number <= NoticeNumberBlock.last_number,
        )
        .order_by(NoticeNumberBlock.first_number)
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def next_document_number(connection: Connection, case_number: str) -> str | None:
    """The number the next notice of the case would get, without taking it; None if none
    is left."""
    series = series_of(case_number)
    block = _open_block(connection, series)
    return None if block is None else document_number(series, block[1])


def allocate_document_number(connection: Connection, case_number: str) -> AllocatedNumber:
    """Take the next number of the case, in the caller's transaction: if the notice is not
    written, the number is not used either. Raises NumbersExhausted."""
    series = series_of(case_number)
    for _ in range(_ATTEMPTS):
        block = _open_block(connection, series)
        if block is None:
            raise NumbersExhausted(series)
        block_id, suffix = block
        # Compare-and-set: a second writer that read the same number moves on to the next.
        taken = connection.execute(
            update(NoticeNumberBlock)
            .where(NoticeNumberBlock.id == block_id, NoticeNumberBlock.next_number == suffix)
            .values(next_number=suffix + 1)
        )
        if taken.rowcount == 1:
            return AllocatedNumber(block_id, suffix, document_number(series, suffix))
    raise NumbersExhausted(series)


def store_granted_blocks(
    connection: Connection, blocks: Iterable[GrantedBlock], *, now: datetime
) -> int:
    """Keep the blocks a lease answer brought; a block already kept is left as it is (a
    repeated answer must not hand out its numbers again). Returns how many were new."""
    added = 0
    for block in blocks:
        known = connection.execute(
            select(NoticeNumberBlock.id).where(NoticeNumberBlock.id == block.id)
        ).first()
        if known is not None:
            continue
        connection.execute(
            insert(NoticeNumberBlock).values(
                id=block.id,
                series=series_of(block.series),
                first_number=block.first,
                last_number=block.last,
                next_number=block.first,
                leased_at=now,
            )
        )
        added += 1
    return added


def remaining_numbers(connection: Connection) -> dict[str, int]:
    """Numbers not yet issued, by series."""
    left = func.sum(NoticeNumberBlock.last_number - NoticeNumberBlock.next_number + 1)
    rows = connection.execute(
        select(NoticeNumberBlock.series, left)
        .where(NoticeNumberBlock.next_number <= NoticeNumberBlock.last_number)
        .group_by(NoticeNumberBlock.series)
    )
    return {series: int(count or 0) for series, count in rows}


def open_needs(connection: Connection, officer_id: str | None = None) -> dict[str, int]:
    """Numbers the open tasks (of one officer, or all on this laptop) will need, by series."""
    # Counted by the database: a laptop may hold a hundred thousand open tasks, and this runs
    # at every sync.
    query = (
        select(Case.case_number, Assignment.matter, func.count())
        .join(Case, Case.id == Assignment.case_id)
        .where(
            Assignment.deleted.is_(False),
            Assignment.status.in_([s.value for s in OPEN_STATUSES]),
        )
        .group_by(Case.case_number, Assignment.matter)
    )
    if officer_id is not None:
        query = query.where(
            (Assignment.officer_id == officer_id) | (Assignment.second_officer_id == officer_id)
        )
    needs: dict[str, int] = {}
    for case_number, matter, count in connection.execute(query):
        series = series_of(case_number)
        needs[series] = needs.get(series, 0) + count * needed_numbers([matter])
    return needs


def number_supply(
    engine: Engine, *, officer_id: str | None = None, policy: LeasePolicy = DEFAULT_POLICY
) -> list[Supply]:
    """For each case with open tasks: numbers left and needed, the cases running out first.

    The window and ``fieldapp notice-numbers`` show this before the officer leaves, so no
    one finds out in front of the debtor that no number is left.
    """
    with engine.connect() as connection:
        return supply(open_needs(connection, officer_id), remaining_numbers(connection), policy)


def lease_request_for(
    connection: Connection,
    device_id: str,
    *,
    officer_id: str | None = None,
    policy: LeasePolicy = DEFAULT_POLICY,
) -> LeaseRequest:
    """What this laptop asks the central store for at its next sync."""
    return lease_request(
        device_id, open_needs(connection, officer_id), remaining_numbers(connection), policy
    )


def running_out(rows: Sequence[Supply]) -> list[Supply]:
    return [row for row in rows if row.state is not SupplyState.OK]


def highest_local(connection: Connection) -> dict[str, int]:
    """The highest suffix of each series this laptop holds a block of: what a stand-in for
    the central store (the demo, with no server) grants after."""
    rows = connection.execute(
        select(NoticeNumberBlock.series, func.max(NoticeNumberBlock.last_number)).group_by(
            NoticeNumberBlock.series
        )
    )
    return {series: int(highest) for series, highest in rows}
