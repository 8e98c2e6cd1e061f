"""Recording asset control (财产控制): seal, seize, freeze, renew or release one asset, with the
expiry its legal period gives and the checks the law asks of a measure on site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.domain.errors import DomainError
from fieldapp.domain.field_records import (
    LINE_LIMIT,
    NOTES_LIMIT,
    InvalidRecordField,
    check_measure,
    clean_identifiers,
    clean_names,
    clean_text,
)
from fieldapp.domain.legal_periods import (
    PeriodTable,
    days_left,
    expiry_date,
    period_for,
    renewal_expiry,
)
from fieldapp.domain.statutory_checks import asset_control_violations, require
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import writing
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.types import new_id

# A ruling older than this is a typo in the year, not a measure recorded late.
OLDEST_EFFECTIVE = timedelta(days=366 * 3)
CONTROLLING = frozenset(
    {ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE, ControlMeasure.RENEW}
)


class AssetControlRefused(DomainError):
    base_code = "asset_control_refused"


@dataclass(frozen=True, slots=True)
class PreviousControl:
    """An earlier event on the asset that a renewal or a release follows."""

    id: str
    case_id: str
    asset_kind: AssetKind
    measure: ControlMeasure
    asset_description: str
    identifiers: Mapping[str, str]
    location: str
    effective_on: date
    expires_on: date | None
    assisting_body: str
    custodian: str
    seal_numbers: tuple[str, ...]
    followed: bool  # already renewed or released: only its successor may be


@dataclass(frozen=True, slots=True)
class ControlInput:
    asset_kind: AssetKind
    measure: ControlMeasure
    effective_on: date
    ruling_no: str = ""
    asset_description: str = ""
    identifiers: Mapping[str, str] = field(default_factory=dict)
    location: str = ""
    assisting_body: str = ""
    period_months: int | None = None
    custodian: str = ""
    seal_numbers: Sequence[str] = ()
    officer_ids: Sequence[str] = ()
    persons_present: Sequence[str] = ()
    previous: PreviousControl | None = None


@dataclass(frozen=True, slots=True)
class Expiry:
    """What the dialog shows as the officer types: the period's last day and the days left."""

    effective_on: date
    expires_on: date | None
    period_months: int | None
    days_left: int | None
    basis: str


@dataclass(frozen=True, slots=True)
class RecordedControl:
    id: str
    measure: ControlMeasure
    expires_on: date | None


def expiry(control: ControlInput, *, today: date, table: PeriodTable | None = None) -> Expiry:
    """The effective day and expiry of the event; raises the period rule that refuses it."""
    kwargs = {} if table is None else {"table": table}
    period = period_for(control.asset_kind, **kwargs)
    previous = control.previous
    if control.measure is ControlMeasure.RELEASE:
        return Expiry(control.effective_on, None, None, None, period.basis)
    if control.measure is ControlMeasure.RENEW:
        if previous is None or previous.expires_on is None:
            raise AssetControlRefused(
                "a renewal continues an earlier seal, seizure or freeze: choose it",
                reason="no_previous",
            )
        expires = renewal_expiry(
            previous.expires_on,
            control.asset_kind,
            control.period_months,
            renewed_on=today,
            **kwargs,
        )
        effective = previous.expires_on + timedelta(days=1)
    else:
        effective = control.effective_on
        expires = expiry_date(effective, control.asset_kind, control.period_months, **kwargs)
    months = control.period_months or period.max_months
    return Expiry(effective, expires, months, days_left(expires, today), period.basis)


def _check_previous(control: ControlInput, case_id: str | None) -> None:
    previous = control.previous
    if control.measure not in (ControlMeasure.RENEW, ControlMeasure.RELEASE):
        if previous is not None:
            raise AssetControlRefused(
                "only a renewal or a release follows an earlier measure", reason="previous"
            )
        return
    if previous is None:
        raise AssetControlRefused(
            "a renewal or a release follows an earlier seal, seizure or freeze: choose it",
            reason="no_previous",
        )
    if previous.measure not in CONTROLLING:
        raise AssetControlRefused("the chosen measure was released already", reason="released")
    if previous.followed:
        raise AssetControlRefused(
            "the chosen measure was renewed or released already: choose its latest event",
            reason="followed",
        )
    if previous.asset_kind is not control.asset_kind:
        raise AssetControlRefused("the asset kind differs from the earlier measure", reason="kind")
    if case_id is not None and previous.case_id != case_id:
        raise AssetControlRefused("the earlier measure belongs to another case", reason="case")
    # A renewal takes effect when the earlier period ends, but may be released before that.
    if (
        control.measure is ControlMeasure.RELEASE
        and previous.measure is not ControlMeasure.RENEW
        and control.effective_on < previous.effective_on
    ):
        raise InvalidRecordField(
            "effective_on: a release cannot take effect before the measure it ends",
            field="effective_on",
            reason="order",
        )


def _cleaned(
    control: ControlInput, *, today: date, case_id: str | None, table: PeriodTable | None
) -> dict[str, object]:
    check_measure(control.measure, control.asset_kind)
    # In the order of the form, so the first problem named is the first one on screen.
    description = clean_text(
        control.asset_description, field="asset_description", limit=NOTES_LIMIT, multiline=True
    )
    if not description:
        raise InvalidRecordField(
            "asset_description: describe the asset", field="asset_description", reason="empty"
        )
    identifiers = clean_identifiers(control.asset_kind, control.identifiers)
    ruling = clean_text(control.ruling_no, field="ruling_no", limit=64)
    if not ruling:
        raise InvalidRecordField(
            "ruling_no: give the number of the ruling (裁定书文号)",
            field="ruling_no",
            reason="empty",
        )
    # A renewal's start follows from the earlier expiry (see expiry()); what it typed is unused.
    renewal = control.measure is ControlMeasure.RENEW
    if not renewal and control.effective_on > today:
        raise InvalidRecordField(
            "effective_on: the date is in the future", field="effective_on", reason="future"
        )
    if not renewal and control.effective_on < today - OLDEST_EFFECTIVE:
        raise InvalidRecordField(
            "effective_on: the date is more than three years ago",
            field="effective_on",
            reason="too_old",
        )
    officers = clean_names(control.officer_ids, field="officer_ids")
    present = clean_names(control.persons_present, field="persons_present")
    seals = clean_names(control.seal_numbers, field="seal_numbers")
    values: dict[str, object] = {
        "asset_kind": control.asset_kind,
        "measure": control.measure,
        "asset_description": description,
        "identifiers": identifiers,
        "location": clean_text(control.location, field="location", limit=256),
        "ruling_no": ruling,
        "assisting_body": clean_text(
            control.assisting_body, field="assisting_body", limit=LINE_LIMIT
        ),
        "custodian": clean_text(control.custodian, field="custodian", limit=LINE_LIMIT),
        "seal_numbers": seals,
        "officer_ids": officers,
        "persons_present": present,
    }
    _check_previous(control, case_id)
    require(
        asset_control_violations(
            measure=control.measure,
            asset_kind=control.asset_kind,
            officer_ids=officers,
            persons_present=present,
        )
    )
    due = expiry(control, today=today, table=table)
    values.update(
        effective_on=due.effective_on,
        period_months=due.period_months,
        expires_on=due.expires_on,
        renews_id=control.previous.id if control.previous else None,
    )
    return values


def control_problems(
    control: ControlInput, *, today: date, table: PeriodTable | None = None
) -> list[DomainError]:
    """What stops the event from being recorded (empty: nothing). Pure: checked as typed."""
    try:
        _cleaned(control, today=today, case_id=None, table=table)
    except DomainError as error:
        return [error]
    return []


def record_control_in(
    connection: Connection,
    assignment_id: str,
    control: ControlInput,
    *,
    actor: Actor,
    now: datetime,
    today: date,
    changes: ChangeSink,
    table: PeriodTable | None = None,
) -> RecordedControl:
    """Record the event in the caller's transaction, or raise the rule that refuses it."""
    case_id = connection.execute(
        select(Assignment.case_id).where(
            Assignment.id == assignment_id, Assignment.deleted.is_(False)
        )
    ).scalar()
    if case_id is None:
        raise AssetControlRefused(f"no field task {assignment_id}", reason="unknown_assignment")
    if control.previous is not None:
        # The dialog's copy may be stale: read what the database says now.
        current = previous_controls_in(connection, case_id)
        fresh = next((c for c in current if c.id == control.previous.id), None)
        if fresh is None:
            raise AssetControlRefused("the earlier measure is not known here", reason="unknown")
        control = _with_previous(control, fresh)
    values = _cleaned(control, today=today, case_id=case_id, table=table)
    row: dict[str, object] = {
        "id": new_id(),
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        "case_id": case_id,
        "assignment_id": assignment_id,
        **values,
    }
    connection.execute(insert(AssetControl).values(**row))
    changes.inserted(connection, AssetControl, [row])
    return RecordedControl(str(row["id"]), control.measure, row["expires_on"])  # type: ignore[arg-type]


def _with_previous(control: ControlInput, previous: PreviousControl) -> ControlInput:
    return ControlInput(
        **{name: getattr(control, name) for name in ControlInput.__slots__ if name != "previous"},
        previous=previous,
    )


def record_control(
    engine: Engine,
    assignment_id: str,
    control: ControlInput,
    *,
    actor: Actor,
    now: datetime,
    today: date,
    changes: ChangeSink,
    table: PeriodTable | None = None,
) -> RecordedControl:
    """Record the event and its outbox op in one transaction of its own."""
    with writing(engine).begin() as connection:
        return record_control_in(
            connection,
            assignment_id,
            control,
            actor=actor,
            now=now,
            today=today,
            changes=changes,
            table=table,
        )


def previous_controls_in(connection: Connection, case_id: str) -> list[PreviousControl]:
    """Every control event of the case, newest first, marked when a later event follows it."""
    table = AssetControl.__table__
    controls = list(
        connection.execute(
            select(table)
            .where(table.c.case_id == case_id, table.c.deleted.is_(False))
            .order_by(table.c.effective_on.desc(), table.c.created_at.desc())
        )
    )
    followed = {c.renews_id for c in controls if c.renews_id}
    return [
        PreviousControl(
            id=c.id,
            case_id=c.case_id,
            asset_kind=c.asset_kind,
            measure=c.measure,
            asset_description=c.asset_description,
            identifiers=dict(c.identifiers or {}),
            location=c.location,
            effective_on=c.effective_on,
            expires_on=c.expires_on,
            assisting_body=c.assisting_body,
            custodian=c.custodian,
            seal_numbers=tuple(c.seal_numbers or ()),
            followed=c.id in followed,
        )
        for c in controls
    ]


def open_controls_in(connection: Connection, case_id: str) -> list[PreviousControl]:
    """The case's measures still in force and not yet followed: what may be renewed or
    released."""
    return [
        c
        for c in previous_controls_in(connection, case_id)
        if c.measure in CONTROLLING and not c.followed
    ]


def open_controls(engine: Engine, assignment_id: str) -> list[PreviousControl]:
    """The open measures (see open_controls_in) of the task's case."""
    with engine.connect() as connection:
        case_id = connection.execute(
            select(Assignment.case_id).where(Assignment.id == assignment_id)
        ).scalar()
        if case_id is None:
            return []
        return open_controls_in(connection, case_id)
