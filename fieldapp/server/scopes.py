"""Which squads a record belongs to: its own squad, or the squad of what it hangs off."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from fieldapp.server.changelog import EVERYONE, scope_squads, scope_text
from fieldapp.server.policy import REFERENCE
from fieldapp.storage.casework import Assignment, Party
from fieldapp.storage.fieldwork import AssetControl, Notice
from fieldapp.storage.oversight import Conflict
from fieldapp.storage.reference import StaffMember
from fieldapp.storage.sets import among


class ScopeResolver:
    """Works out scopes during one push, asking the database once per missing fact.

    ``pending`` holds assignments changed earlier in the same batch, so later ops see them.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.assignment_squads: dict[str, str | None] = {}
        self._case_squads: dict[str, frozenset[str]] = {}
        # Notices inserted earlier in the same batch (not in the database yet).
        self._notices: dict[str, tuple[str | None, str | None]] = {}
        self._user_squads: dict[str, str | None] = {}

    def note_assignment(self, assignment_id: str, squad_code: str | None) -> None:
        self.assignment_squads[assignment_id] = squad_code

    def note_notice(self, notice_id: str, assignment_id: str | None, case_id: str | None) -> None:
        self._notices[notice_id] = (assignment_id, case_id)

    def forget_case(self, case_id: str) -> None:
        self._case_squads.pop(case_id, None)

    def squad_of_user(self, user_id: str | None) -> str | None:
        if user_id is None:
            return None
        if user_id not in self._user_squads:
            row = self._connection.execute(
                select(StaffMember.squad_code).where(StaffMember.id == user_id)
            ).first()
            self._user_squads[user_id] = row[0] if row else None
        return self._user_squads[user_id]

    def squad_of_assignment(self, assignment_id: str | None) -> str | None:
        if assignment_id is None:
            return None
        if assignment_id not in self.assignment_squads:
            row = self._connection.execute(
                select(Assignment.squad_code).where(Assignment.id == assignment_id)
            ).first()
            self.assignment_squads[assignment_id] = row[0] if row else None
        return self.assignment_squads[assignment_id]

    def assignment_exists(self, assignment_id: str) -> bool:
        if assignment_id in self.assignment_squads:
            return True
        row = self._connection.execute(
            select(Assignment.squad_code).where(Assignment.id == assignment_id)
        ).first()
        if row is None:
            return False
        self.assignment_squads[assignment_id] = row[0]
        return True

    def squads_of_case(self, case_id: str | None) -> frozenset[str]:
        if case_id is None:
            return frozenset()
        if case_id not in self._case_squads:
            rows = self._connection.execute(
                select(Assignment.id, Assignment.squad_code).where(
                    Assignment.case_id == case_id, Assignment.deleted.is_(False)
                )
            )
            squads = {assignment_id: squad for assignment_id, squad in rows}
            for assignment_id, squad in self.assignment_squads.items():
                if assignment_id in squads:
                    squads[assignment_id] = squad
            self._case_squads[case_id] = frozenset(s for s in squads.values() if s)
        return self._case_squads[case_id]

    def preload_assignments(self, ids: Iterable[str]) -> None:
        wanted = [i for i in set(ids) if i not in self.assignment_squads]
        for start in range(0, len(wanted), 500):
            query = select(Assignment.id, Assignment.squad_code).where(
                among(self._connection, Assignment.id, wanted[start : start + 500])
            )
            for assignment_id, squad in self._connection.execute(query):
                self.assignment_squads[assignment_id] = squad

    def scope(self, entity: str, row: dict[str, Any]) -> str:
        """The scope text of ``row`` (a whole record) of ``entity``."""
        if entity in REFERENCE:
            return EVERYONE
        if entity == "assignment":
            return scope_text([row.get("squad_code")])
        if entity == "case":
            return scope_text(self.squads_of_case(row["id"]))
        if entity == "party":
            return scope_text(self.squads_of_case(row.get("case_id")))
        if entity in ("visit_attempt", "evidence_item"):
            return scope_text([self.squad_of_assignment(row.get("assignment_id"))])
        if entity in ("asset_control", "notice"):
            if row.get("assignment_id"):
                return scope_text([self.squad_of_assignment(row["assignment_id"])])
            return scope_text(self.squads_of_case(row.get("case_id")))
        if entity == "service_record":
            return self._scope_of_notice(row.get("notice_id"))
        if entity == "escalation":
            # The item's squad, and the recipient's: the record must reach their laptop.
            item: frozenset[str | None]
            if row.get("assignment_id"):
                item = frozenset([self.squad_of_assignment(row["assignment_id"])])
            else:
                item = scope_squads(self._scope_of_asset(row.get("asset_control_id")))
            return scope_text([*item, self.squad_of_user(row.get("raised_to"))])
        if entity == "conflict":
            return self._scope_of_record(row["entity"], row["record_id"])
        return scope_text([])

    def _scope_of_notice(self, notice_id: str | None) -> str:
        row = (
            self._notices.get(notice_id or "")
            or self._connection.execute(
                select(Notice.assignment_id, Notice.case_id).where(Notice.id == notice_id)
            ).first()
        )
        if row is None:
            return scope_text([])
        return self.scope("notice", {"assignment_id": row[0], "case_id": row[1]})

    def _scope_of_asset(self, asset_id: str | None) -> str:
        row = self._connection.execute(
            select(AssetControl.assignment_id, AssetControl.case_id).where(
                AssetControl.id == asset_id
            )
        ).first()
        if row is None:
            return scope_text([])
        return self.scope("asset_control", {"assignment_id": row[0], "case_id": row[1]})

    def _scope_of_record(self, entity: str, record_id: str) -> str:
        if entity == "assignment":
            return scope_text([self.squad_of_assignment(record_id)])
        if entity == "party":
            row = self._connection.execute(
                select(Party.case_id).where(Party.id == record_id)
            ).first()
            return scope_text(self.squads_of_case(row[0] if row else None))
        if entity == "case":
            return scope_text(self.squads_of_case(record_id))
        if entity == "conflict":
            found = self._connection.execute(
                select(Conflict.entity, Conflict.record_id).where(Conflict.id == record_id)
            ).first()
            return self._scope_of_record(found[0], found[1]) if found else scope_text([])
        return scope_text([])
