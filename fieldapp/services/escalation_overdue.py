"""The overdue list for supervisors and leads: open tasks past their due day (pauses counted),
with the days overdue and the escalation level they stand at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from fieldapp.domain.deadlines import WorkCalendar, paused_due_date
from fieldapp.domain.enums import Matter
from fieldapp.domain.escalation import escalation_level
from fieldapp.domain.escalation_plan import EscalationRules
from fieldapp.services.escalation_facts import load_tasks
from fieldapp.storage.reference import Squad, StaffMember


@dataclass(frozen=True, slots=True)
class OverdueTask:
    assignment_id: str
    registration_no: str
    matter: Matter
    squad_code: str | None
    officer_name: str
    due_on: date  # with the pauses counted
    days_overdue: int
    level: int | None
    squad_name: str = ""  # the squad's name (第一外勤组); its code when the laptop lacks it


def overdue_tasks(
    engine: Engine,
    today: date,
    *,
    rules: EscalationRules,
    calendar: WorkCalendar,
    squad_code: str | None = None,
) -> list[OverdueTask]:
    """Every open task past its due day (of `squad_code` only, when given), most overdue
    first."""
    with engine.connect() as connection:
        tasks, _ = load_tasks(connection, today, rules)
        names = dict(connection.execute(select(StaffMember.id, StaffMember.display_name)).all())
        squads = {
            code: name
            for code, name in connection.execute(
                select(Squad.code, Squad.name).where(Squad.deleted.is_(False))
            )
        }
    rows: list[OverdueTask] = []
    for task in tasks:
        if squad_code is not None and task.squad_code != squad_code:
            continue
        assert task.due_on is not None  # load_tasks compares it with a day
        due_on = (
            paused_due_date(task.received_on, task.due_on, task.pauses, calendar)
            if task.pauses
            else task.due_on
        )
        if due_on is None or due_on >= today:
            continue
        rows.append(
            OverdueTask(
                task.id,
                task.registration_no,
                task.matter,
                task.squad_code,
                names.get(task.officer_id, "") if task.officer_id else "",
                due_on,
                (today - due_on).days,
                escalation_level(due_on, today, status=task.status, table=rules.levels),
                (squads.get(task.squad_code) or task.squad_code) if task.squad_code else "",
            )
        )
    rows.sort(key=lambda row: (-row.days_overdue, row.registration_no))
    return rows
