"""What the window shows of assignments: group counts and lists, read in one short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine, select

from fieldapp.domain.enums import Matter
from fieldapp.storage import assignments
from fieldapp.storage.assignments import AssignmentRow, GroupCount
from fieldapp.storage.reference import Region, Squad

__all__ = ["AssignmentRow", "AssignmentViews", "GroupCount"]


class AssignmentViews:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def group_counts(self, today: date) -> list[GroupCount]:
        with self._engine.connect() as connection:
            return assignments.group_counts(connection, today)

    def assignments(
        self,
        *,
        squad_code: str | None = None,
        region_code: str | None = None,
        matter: Matter | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[AssignmentRow]:
        with self._engine.connect() as connection:
            return assignments.list_assignments(
                connection, squad_code=squad_code, region_code=region_code, matter=matter, ids=ids
            )

    def squad_names(self) -> dict[str, str]:
        with self._engine.connect() as connection:
            return {code: name for code, name in connection.execute(select(Squad.code, Squad.name))}

    def region_names(self) -> dict[str, str]:
        with self._engine.connect() as connection:
            return {
                code: name for code, name in connection.execute(select(Region.code, Region.name))
            }
