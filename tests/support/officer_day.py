"""Small edits to the window's sample data for tests of an officer's day: places, visits, dates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from fieldapp.domain.enums import VisitOutcome
from fieldapp.storage.casework import Assignment
from fieldapp.storage.fieldwork import VisitAttempt
from tests.support.field_records import staff_id
from tests.support.field_records import task_id as assignment_id


def place(engine: Engine, registration_no: str, lat: float | None, lon: float | None) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(Assignment)
            .where(Assignment.registration_no == registration_no)
            .values(lat=lat, lon=lon)
        )


def set_fields(engine: Engine, registration_no: str, **values: object) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(Assignment).where(Assignment.registration_no == registration_no).values(**values)
        )


def add_visit(
    engine: Engine,
    registration_no: str,
    arrived_at: datetime,
    lat: float | None = None,
    lon: float | None = None,
) -> None:
    with Session(engine) as session, session.begin():
        session.add(
            VisitAttempt(
                assignment_id=session.execute(
                    select(Assignment.id).where(Assignment.registration_no == registration_no)
                ).scalar_one(),
                arrived_at=arrived_at,
                outcome=VisitOutcome.NOT_AT_HOME,
                lat=lat,
                lon=lon,
            )
        )


__all__ = ["add_visit", "assignment_id", "due", "place", "set_fields", "staff_id"]


def due(engine: Engine, registration_no: str, day: date | None) -> None:
    set_fields(engine, registration_no, due_on=day)
