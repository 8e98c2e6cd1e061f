"""Renewing a seal, seizure or freeze (续行查封、扣押、冻结) before it expires: one action issues
the renewal ruling and the notice to assist (协助执行通知书) and records the renewal linked to
the control it continues, in one transaction with the outbox.

Why the documents are numbered in the same transaction as the renewal record: an asset control
is append-only (the central store refuses changes to it), so the renewal must carry the number
of the ruling that orders it when it is written; and a renewal without its ruling, or a ruling
without its renewal, must never exist. If anything fails — no document number left, a glyph the
font lacks, a refusal below — nothing is written and no number is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.domain.errors import DomainError
from fieldapp.domain.legal_periods import (
    DEFAULT_PERIODS,
    PeriodTable,
    period_for,
    renewal_expiry,
)
from fieldapp.notices.compose import normalise_values
from fieldapp.notices.court import CourtConfig
from fieldapp.notices.fonts import NoticeFont
from fieldapp.notices.numerals import arabic_date
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.notices_fields import MEASURE_NAMES, AssetInfo, period_text
from fieldapp.services.notices_issue import (
    IssuedNotice,
    NoticeDraft,
    court_config,
    issue_notice,
    prepare_notice,
)
from fieldapp.storage.engine import reading, writing
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.types import new_id

RULING_TEMPLATE = "renewal_ruling"
ASSISTANCE_TEMPLATE = "assistance_notice"
ORIGINAL_MEASURES = (ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE)
# A chain longer than this is a loop in the data, not a history of renewals.
MAX_CHAIN = 200


class RenewalRefused(DomainError):
    """The control cannot be renewed; `reason` says why (not_found, not_a_control, released,
    renewed, expired, no_expiry, broken_chain)."""

    base_code = "renewal_refused"


@dataclass(frozen=True, slots=True)
class RenewalPlan:
    """What a renewal of `control_id` would be, checked against the rules."""

    control_id: str
    original_id: str
    case_id: str
    assignment_id: str | None
    asset_kind: AssetKind
    asset_description: str
    measure: ControlMeasure
    """The original measure the renewal continues: seal, seize or freeze."""
    previous_ruling_no: str
    previous_expires_on: date
    effective_on: date
    expires_on: date
    period_months: int
    renewed_on: date

    @property
    def measure_name(self) -> str:
        return MEASURE_NAMES[self.measure]


@dataclass(frozen=True, slots=True)
class Renewal:
    control_id: str
    """The new renewal record."""
    plan: RenewalPlan
    ruling: IssuedNotice
    assistance: IssuedNotice


def _control(connection: Connection, control_id: str) -> Any:
    return connection.execute(
        select(AssetControl.__table__).where(
            AssetControl.id == control_id, AssetControl.deleted.is_(False)
        )
    ).first()


def _chain_to_original(connection: Connection, row: Any) -> list[Any]:
    """`row` and the links it continues, back to the original measure (last in the list)."""
    chain = [row]
    while chain[-1].renews_id is not None:
        if len(chain) > MAX_CHAIN:
            raise RenewalRefused(
                f"asset control {row.id}: its chain of renewals does not end", reason="broken_chain"
            )
        previous = _control(connection, chain[-1].renews_id)
        if previous is None or previous.measure == ControlMeasure.RELEASE:
            raise RenewalRefused(
                f"asset control {row.id} continues a control that is not on this device "
                f"({chain[-1].renews_id}); sync, then try again",
                reason="broken_chain",
            )
        chain.append(previous)
    return chain


def plan_renewal(
    connection: Connection,
    control_id: str,
    *,
    today: date,
    months: int | None = None,
    table: PeriodTable = DEFAULT_PERIODS,
) -> RenewalPlan:
    """Check that `control_id` may be renewed on `today` and work out the renewal.

    Raises RenewalRefused (unknown, a release, released, already renewed, expired, no expiry)
    or, for a `months` longer than the law allows, PeriodTooLong.
    """
    row = _control(connection, control_id)
    if row is None:
        raise RenewalRefused(f"there is no asset control {control_id!r}", reason="not_found")
    if row.measure == ControlMeasure.RELEASE:
        raise RenewalRefused(
            "this record is a release (解除), not a control: there is nothing to renew",
            reason="not_a_control",
        )
    chain = _chain_to_original(connection, row)
    original = chain[-1]
    if original.measure not in ORIGINAL_MEASURES:
        raise RenewalRefused(
            f"asset control {control_id}: its chain does not begin with a seal, seizure or freeze",
            reason="broken_chain",
        )
    successors = connection.execute(
        select(AssetControl.measure, AssetControl.expires_on, AssetControl.ruling_no).where(
            AssetControl.renews_id.in_([link.id for link in chain]),
            AssetControl.deleted.is_(False),
            AssetControl.measure.in_((ControlMeasure.RENEW, ControlMeasure.RELEASE)),
        )
    ).all()
    # A successor of an earlier link is this control itself or its siblings: only releases
    # of any link, and renewals of this link, matter.
    if any(measure == ControlMeasure.RELEASE for measure, _, _ in successors):
        raise RenewalRefused(
            "this asset was released (解除): a released control cannot be renewed",
            reason="released",
        )
    renewals = connection.execute(
        select(AssetControl.expires_on, AssetControl.ruling_no).where(
            AssetControl.renews_id == row.id,
            AssetControl.deleted.is_(False),
            AssetControl.measure == ControlMeasure.RENEW,
        )
    ).first()
    if renewals is not None:
        until = renewals.expires_on.isoformat() if renewals.expires_on else "an open date"
        raise RenewalRefused(
            f"this control was already renewed (ruling {renewals.ruling_no or 'without number'}, "
            f"until {until}): renew the latest renewal instead",
            reason="renewed",
        )
    if row.expires_on is None:
        raise RenewalRefused(
            "this control has no expiry date recorded, so its renewal cannot be dated",
            reason="no_expiry",
        )
    kind = AssetKind(row.asset_kind)
    measure = ControlMeasure(original.measure)
    if today > row.expires_on:
        raise RenewalRefused(
            f"this control expired on {row.expires_on.isoformat()}: a lapsed "
            f"{MEASURE_NAMES[measure]} cannot be renewed; the asset must be put under "
            "control anew (a new seal, seizure or freeze)",
            reason="expired",
        )
    chosen = months if months is not None else period_for(kind, table).max_months
    expires_on = renewal_expiry(row.expires_on, kind, chosen, table, renewed_on=today)
    return RenewalPlan(
        control_id=row.id,
        original_id=original.id,
        case_id=row.case_id,
        assignment_id=row.assignment_id or original.assignment_id,
        asset_kind=kind,
        asset_description=row.asset_description,
        measure=measure,
        previous_ruling_no=row.ruling_no,
        previous_expires_on=row.expires_on,
        effective_on=row.expires_on + timedelta(days=1),
        expires_on=expires_on,
        period_months=chosen,
        renewed_on=today,
    )


def _period(effective_on: date, expires_on: date | None, months: int | None) -> str:
    info = AssetInfo(
        id="",
        kind=AssetKind.OTHER,
        description="",
        identifiers=(),
        location="",
        measure=ControlMeasure.RENEW,
        ruling_no="",
        assisting_body="",
        effective_on=effective_on,
        period_months=months,
        expires_on=expires_on,
        custodian="",
        seal_numbers=(),
    )
    return period_text(info)


def _draft(
    connection: Connection,
    code: str,
    plan: RenewalPlan,
    control_id: str,
    court: CourtConfig,
    extra: Mapping[str, Any],
) -> NoticeDraft:
    draft = prepare_notice(
        connection,
        code,
        assignment_id=plan.assignment_id,
        case_id=None if plan.assignment_id else plan.case_id,
        asset_control_id=control_id,
        court=court,
    )
    return replace(draft, values=normalise_values(draft.template, {**draft.values, **extra}))


def renew_control(
    connection: Connection,
    control_id: str,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    months: int | None = None,
    table: PeriodTable = DEFAULT_PERIODS,
    court: CourtConfig | None = None,
    font: NoticeFont | None = None,
    blobs_dir: Path | None = None,
) -> Renewal:
    """Renew `control_id` in the caller's transaction (see the module docstring)."""
    plan = plan_renewal(connection, control_id, today=court_date(now), months=months, table=table)
    court = court or court_config()
    previous = _control(connection, plan.control_id)
    name = plan.measure_name
    ruling_draft = _draft(
        connection,
        RULING_TEMPLATE,
        plan,
        plan.control_id,
        court,
        {
            "base_measure": name,
            "previous_ruling_no": plan.previous_ruling_no,
            "previous_period_text": _period(
                previous.effective_on, previous.expires_on, previous.period_months
            ),
            "period_text": _period(plan.effective_on, plan.expires_on, plan.period_months),
        },
    )
    ruling = issue_notice(
        connection, ruling_draft, actor=actor, now=now, changes=changes, font=font,
        blobs_dir=blobs_dir,
    )  # fmt: skip
    renewal_id = new_id()
    row = {
        "id": renewal_id,
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        "case_id": plan.case_id,
        "assignment_id": plan.assignment_id,
        "asset_kind": plan.asset_kind,
        "asset_description": previous.asset_description,
        "identifiers": dict(previous.identifiers or {}),
        "location": previous.location,
        "measure": ControlMeasure.RENEW,
        "ruling_no": ruling.document_number,
        "assisting_body": previous.assisting_body,
        "effective_on": plan.effective_on,
        "period_months": plan.period_months,
        "expires_on": plan.expires_on,
        "renews_id": plan.control_id,
        "custodian": previous.custodian,
        "seal_numbers": list(previous.seal_numbers or []),
    }
    connection.execute(insert(AssetControl).values(**row))
    changes.inserted(connection, AssetControl, [row])
    assistance_draft = _draft(
        connection,
        ASSISTANCE_TEMPLATE,
        plan,
        renewal_id,
        court,
        {
            # The notice says what to keep doing (查封…期限…); that it is a renewal is said
            # by the action and the ruling it encloses.
            "measure_name": name,
            "assist_action": (
                f"续行{name}上述财产（原{name}期限至{arabic_date(plan.previous_expires_on)}止）；"
                f"在续行{name}期间，不得为上述财产办理转移、抵押、变更等手续。"
            ),
        },
    )
    assistance = issue_notice(
        connection, assistance_draft, actor=actor, now=now, changes=changes, font=font,
        blobs_dir=blobs_dir,
    )  # fmt: skip
    return Renewal(renewal_id, plan, ruling, assistance)


def renew(
    engine: Engine,
    control_id: str,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    months: int | None = None,
    court: CourtConfig | None = None,
    font: NoticeFont | None = None,
    blobs_dir: Path | None = None,
) -> Renewal:
    """Renew `control_id` in a transaction of its own."""
    with writing(engine).begin() as connection:
        return renew_control(
            connection,
            control_id,
            actor=actor,
            now=now,
            changes=changes,
            months=months,
            court=court,
            font=font,
            blobs_dir=blobs_dir,
        )


def check_renewal(engine: Engine, control_id: str, *, today: date) -> RenewalPlan:
    """The renewal `control_id` would get, or the RenewalRefused that stops it; writes nothing."""
    with reading(engine).connect() as connection:
        return plan_renewal(connection, control_id, today=today)
