"""The central store's side of number leasing: grant blocks of document numbers to a device
over the grant table, safely with several server instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from fieldapp.notices.numbering import (
    FIRST_SUFFIX,
    GrantedBlock,
    LeaseItem,
    LeaseRequest,
    grant_blocks,
    series_of,
)
from fieldapp.storage.number_leases import NoticeNumberGrant
from fieldapp.storage.types import new_id

_ATTEMPTS = 5


class LeaseContention(RuntimeError):
    """Other instances kept granting the same series; the device should retry its sync."""


def highest_granted(connection: Connection, series: list[str]) -> dict[str, int]:
    if not series:
        return {}
    rows = connection.execute(
        select(NoticeNumberGrant.series, func.max(NoticeNumberGrant.last_number))
        .where(NoticeNumberGrant.series.in_(series))
        .group_by(NoticeNumberGrant.series)
    )
    return {name: int(highest) for name, highest in rows}


def lease_number_blocks(
    connection: Connection,
    request: LeaseRequest,
    *,
    now: datetime,
    first_suffix: int = FIRST_SUFFIX,
) -> list[GrantedBlock]:
    """Grant every block of `request` in the caller's transaction.

    Each series is granted in a savepoint: when another instance granted from the same
    highest number first, the unique (series, first_number) refuses this insert, and the
    series is read again and granted after that block.
    """
    granted: list[GrantedBlock] = []
    for item in request.items:
        series = series_of(item.series)
        for _ in range(_ATTEMPTS):
            one = LeaseRequest(request.device_id, (LeaseItem(series, item.count),))
            block = grant_blocks(
                one, highest_granted(connection, [series]), new_id, first_suffix=first_suffix
            )[0]
            try:
                with connection.begin_nested():
                    connection.execute(
                        insert(NoticeNumberGrant).values(
                            id=block.id,
                            series=block.series,
                            device_id=block.device_id,
                            first_number=block.first,
                            last_number=block.last,
                            granted_at=now,
                        )
                    )
            except IntegrityError:
                continue
            granted.append(block)
            break
        else:
            raise LeaseContention(f"could not grant numbers of {series}; try again")
    return granted
