"""What the window shows of assignments: group counts and lists, read in one short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine, select

from fieldapp.domain.enums import Matter
from fieldapp.services import paused_due
from fieldapp.storage import assignments
from fieldapp.storage.assignments import AssignmentRow, GroupCount
from fieldapp.storage.reference import Region, Squad

__all__ = ["AssignmentRow", "AssignmentViews", "GroupCount"]


class AssignmentViews:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def group_counts(self, today: date) -> list[GroupCount]:
        """Counts per group; a task with clock pauses is overdue by its paused due date."""
        with self._engine.connect() as connection:
            return paused_due.group_counts(connection, today)

    def assignments(
        self,
        *,
        squad_code: str | None = None,
        region_code: str | None = None,
        matter: Matter | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[AssignmentRow]:
        """The rows, their due dates with the clock pauses counted."""
        with self._engine.connect() as connection:
            rows = assignments.list_assignments(
                connection, squad_code=squad_code, region_code=region_code, matter=matter, ids=ids
            )
            return paused_due.count_pauses(connection, rows)

    def squad_names(self) -> dict[str, str]:
        with self._engine.connect() as connection:
            return {code: name for code, name in connection.execute(select(Squad.code, Squad.name))}

    def region_names(self) -> dict[str, str]:
        with self._engine.connect() as connection:
            return {
                code: name for code, name in connection.execute(select(Region.code, Region.name))
            }
