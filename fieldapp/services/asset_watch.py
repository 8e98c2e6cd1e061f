"""The asset watch list: every seal, seizure and freeze still in force, at its latest renewal,
with its expiry and the days left.

A control event is one link of a chain: the original measure (seal/seize/freeze) and the
renewals (续行) that each name the link they continue in ``renews_id``. A release (解除)
names the link it ends the same way. The watch shows the last link of every chain nothing has
released — expired ones included, since those are the assets about to "lose control" and must
be seen in red. It is found with one recursive query, so it costs the same for 20 or 20,000
controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, literal, select
from sqlalchemy.sql import Select

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.domain.legal_periods import days_left
from fieldapp.storage.casework import Assignment, Case
from fieldapp.storage.engine import reading
from fieldapp.storage.fieldwork import AssetControl

ORIGINAL_MEASURES = (ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE)
# Reminder bands of the issue: 7, 30 and 90 days before expiry.
BANDS = (7, 30, 90)


@dataclass(frozen=True, slots=True)
class WatchedControl:
    """One chain of control of one asset, as it stands at its latest link."""

    control_id: str
    """The latest link: the record a renewal must name."""
    original_id: str
    case_id: str
    case_number: str
    closed_for_now: bool
    assignment_id: str | None
    registration_no: str | None
    squad_code: str | None
    region_code: str | None
    asset_kind: AssetKind
    asset_description: str
    location: str
    measure: ControlMeasure
    """The original measure (seal, seize or freeze); renewals continue it."""
    renewals: int
    ruling_no: str
    effective_on: date
    expires_on: date | None
    days_left: int | None
    """0 on the last day, negative once expired; None when no expiry is recorded."""

    @property
    def expired(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def band_of(days: int | None) -> int | None:
    """The smallest reminder band (7, 30, 90) `days` falls in; -1 once expired; None beyond."""
    if days is None:
        return None
    if days < 0:
        return -1
    return next((band for band in BANDS if days <= band), None)


def _chains() -> Any:
    """(link id, original id, renewals so far) for every link reachable from an original."""
    control = AssetControl.__table__
    start = (
        select(
            control.c.id.label("link_id"),
            control.c.id.label("original_id"),
            literal(0).label("depth"),
        )
        .where(
            control.c.renews_id.is_(None),
            control.c.measure.in_(ORIGINAL_MEASURES),
            control.c.deleted.is_(False),
        )
        .cte("chain", recursive=True)
    )
    following = control.alias("following")
    return start.union_all(
        select(following.c.id, start.c.original_id, start.c.depth + 1).where(
            following.c.renews_id == start.c.link_id,
            following.c.measure == ControlMeasure.RENEW,
            following.c.deleted.is_(False),
        )
    )


def watch_query(
    *, measure: ControlMeasure | None = None, squad_code: str | None = None
) -> Select[Any]:
    chain = _chains()
    link = AssetControl.__table__.alias("link")
    original = AssetControl.__table__.alias("original")
    after = AssetControl.__table__.alias("after")
    release = AssetControl.__table__.alias("release")
    chain_again = chain.alias("released_chain")
    task = Assignment.__table__.alias("task")
    case = Case.__table__
    task_id = func.coalesce(link.c.assignment_id, original.c.assignment_id)
    renewed_or_released = exists().where(
        after.c.renews_id == link.c.id,
        after.c.deleted.is_(False),
        after.c.measure.in_((ControlMeasure.RENEW, ControlMeasure.RELEASE)),
    )
    # A release of any link ends the whole chain. Not correlated: computed once, not per row.
    released = (
        select(chain_again.c.original_id)
        .join(release, release.c.renews_id == chain_again.c.link_id)
        .where(release.c.measure == ControlMeasure.RELEASE, release.c.deleted.is_(False))
    )
    query = (
        select(
            link.c.id,
            chain.c.original_id,
            link.c.case_id,
            case.c.case_number,
            case.c.closed_for_now_on,
            task_id.label("assignment_id"),
            task.c.registration_no,
            task.c.squad_code,
            task.c.region_code,
            link.c.asset_kind,
            link.c.asset_description,
            link.c.location,
            original.c.measure,
            chain.c.depth,
            link.c.ruling_no,
            link.c.effective_on,
            link.c.expires_on,
        )
        .select_from(chain)
        .join(link, link.c.id == chain.c.link_id)
        .join(original, original.c.id == chain.c.original_id)
        .join(case, case.c.id == link.c.case_id)
        .outerjoin(task, and_(task.c.id == task_id, task.c.deleted.is_(False)))
        .where(
            ~renewed_or_released,
            chain.c.original_id.not_in(released),
            case.c.deleted.is_(False),
        )
    )
    if measure is not None:
        query = query.where(original.c.measure == measure)
    if squad_code is not None:
        query = query.where(task.c.squad_code == squad_code)
    return query


def _row(values: Any, today: date) -> WatchedControl:
    # The columns' types already give enum members and dates: no conversions per row.
    expires = values.expires_on
    return WatchedControl(
        control_id=values.id,
        original_id=values.original_id,
        case_id=values.case_id,
        case_number=values.case_number,
        closed_for_now=values.closed_for_now_on is not None,
        assignment_id=values.assignment_id,
        registration_no=values.registration_no,
        squad_code=values.squad_code,
        region_code=values.region_code,
        asset_kind=values.asset_kind,
        asset_description=values.asset_description,
        location=values.location,
        measure=values.measure,
        renewals=int(values.depth),
        ruling_no=values.ruling_no,
        effective_on=values.effective_on,
        expires_on=expires,
        # (expires - today).days is legal_periods.days_left, without its per-call type checks.
        days_left=None if expires is None else (expires - today).days,
    )


def active_controls(
    connection: Connection,
    today: date,
    *,
    measure: ControlMeasure | None = None,
    squad_code: str | None = None,
) -> list[WatchedControl]:
    """Every chain still in force at its latest link, the soonest expiry first (no expiry
    last). `measure` keeps the chains begun by that measure; `squad_code` those whose task
    belongs to that squad."""
    days_left(today, today)  # checks `today` is a date once, for every row
    rows = connection.execute(watch_query(measure=measure, squad_code=squad_code))
    watched = [_row(values, today) for values in rows]
    watched.sort(key=lambda w: (w.expires_on is None, w.expires_on or today, w.case_number))
    return watched


def watch_list(
    engine: Engine,
    today: date,
    *,
    measure: ControlMeasure | None = None,
    squad_code: str | None = None,
) -> list[WatchedControl]:
    with reading(engine).connect() as connection:
        return active_controls(connection, today, measure=measure, squad_code=squad_code)


def squads_watched(engine: Engine) -> list[str]:
    """The squads whose tasks put an asset under control, for the watch list's filter."""
    control = AssetControl.__table__
    query = (
        select(Assignment.squad_code)
        .join(control, control.c.assignment_id == Assignment.id)
        .where(
            Assignment.squad_code.is_not(None),
            Assignment.deleted.is_(False),
            control.c.deleted.is_(False),
        )
        .distinct()
        .order_by(Assignment.squad_code)
    )
    with reading(engine).connect() as connection:
        return [str(code) for (code,) in connection.execute(query) if code]
