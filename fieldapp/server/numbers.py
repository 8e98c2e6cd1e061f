"""Leasing blocks of document numbers to a laptop: only for cases the caller may see."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from fieldapp.domain.errors import DomainError
from fieldapp.domain.identifiers import normalise_case_number
from fieldapp.notices.numbering import GrantedBlock, LeaseItem, LeaseRequest
from fieldapp.server.context import DeviceContext
from fieldapp.server.scopes import ScopeResolver
from fieldapp.services.notices_leasing import lease_number_blocks
from fieldapp.storage.casework import Case
from fieldapp.sync.protocol import LeaseBody


class LeaseRefused(Exception):
    """A series the caller may not have numbers for; the message names it."""


def lease_for_device(
    connection: Connection, ctx: DeviceContext, body: LeaseBody, *, now: datetime
) -> list[GrantedBlock]:
    resolver = ScopeResolver(connection)
    items = []
    for item in body.items:
        try:
            series = normalise_case_number(item.series)
        except DomainError as error:
            raise LeaseRefused(f"{item.series!r}: {error}") from None
        case_id = connection.execute(select(Case.id).where(Case.case_number == series)).scalar()
        if case_id is None:
            raise LeaseRefused(f"no case {series} on the central store")
        if not ctx.sees_everything and ctx.squad_code not in resolver.squads_of_case(case_id):
            raise LeaseRefused(f"case {series} belongs to another squad")
        items.append(LeaseItem(series, item.count))
    return lease_number_blocks(connection, LeaseRequest(ctx.device_id, tuple(items)), now=now)
