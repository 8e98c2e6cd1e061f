"""Acknowledging an escalation on the laptop: the recipient's acknowledgement, recorded with
its outbox op in one transaction (record_changes), to reach the central store on the next
push."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from fieldapp.services.actor import Actor
from fieldapp.services.record_changes import change_record_in
from fieldapp.storage.engine import writing
from fieldapp.storage.oversight import Escalation


class CannotAcknowledge(Exception):
    """Why an escalation cannot be acknowledged; the message is for the person who tried."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def acknowledge(engine: Engine, escalation_id: str, *, actor: Actor, now: datetime) -> int:
    """Record that `actor` has seen the escalation; returns the outbox seq of the change.

    Only its recipient may, once; a provisional escalation (computed on the laptop, with no
    record yet) has nothing to acknowledge until the central store raises it.
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime: times must carry a zone")
    if not isinstance(escalation_id, str) or not escalation_id or len(escalation_id) > 36:
        raise CannotAcknowledge("no such escalation", reason="not_found")
    with writing(engine).begin() as connection:
        row = connection.execute(
            select(Escalation.raised_to, Escalation.acknowledged_at, Escalation.deleted).where(
                Escalation.id == escalation_id
            )
        ).first()
        _check(row, actor)
        return change_record_in(
            connection,
            "escalation",
            escalation_id,
            {"acknowledged_at": now, "acknowledged_by": actor.user_id},
        )


def _check(row: Any, actor: Actor) -> None:
    if row is None or row.deleted:
        raise CannotAcknowledge("no such escalation", reason="not_found")
    if actor.user_id is None or row.raised_to != actor.user_id:
        raise CannotAcknowledge(
            "only the person an escalation was raised to may acknowledge it",
            reason="not_recipient",
        )
    if row.acknowledged_at is not None:
        raise CannotAcknowledge("this escalation was acknowledged already", reason="already")
