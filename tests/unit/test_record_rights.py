"""Who may create which kind of record: the rule the central store enforces and the laptop
uses to disable actions beforehand."""

from __future__ import annotations

import pytest

from fieldapp.domain.enums import Role
from fieldapp.domain.record_rights import (
    FIELD_RECORD_KINDS,
    InsertRefusal,
    insert_refusal,
    may_create,
    refusal_message,
)
from fieldapp.server.policy import Refused, check_can_insert

FIELD = sorted(FIELD_RECORD_KINDS)


@pytest.mark.parametrize("entity", FIELD)
def test_supervisors_create_no_field_record(entity: str) -> None:
    assert insert_refusal(Role.SUPERVISOR, entity) is InsertRefusal.READ_ONLY_ROLE
    assert not may_create(Role.SUPERVISOR, entity)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEAD, Role.REGISTRAR, Role.ADMIN])
@pytest.mark.parametrize("entity", FIELD)
def test_the_other_roles_record_field_work(role: Role, entity: str) -> None:
    assert may_create(role, entity)


@pytest.mark.parametrize(
    ("role", "entity", "refusal"),
    [
        (Role.OFFICER, "region", InsertRefusal.ADMIN_ONLY),
        (Role.REGISTRAR, "routing_rule", InsertRefusal.ADMIN_ONLY),
        (Role.LEAD, "staff_member", InsertRefusal.ADMIN_ONLY),
        (Role.OFFICER, "assignment", InsertRefusal.REGISTRAR_ONLY),
        (Role.LEAD, "case", InsertRefusal.REGISTRAR_ONLY),
        (Role.ADMIN, "escalation", InsertRefusal.SERVER_MADE),
        (Role.REGISTRAR, "conflict", InsertRefusal.SERVER_MADE),
        (Role.SUPERVISOR, "case", InsertRefusal.READ_ONLY_ROLE),
    ],
)
def test_refusals(role: Role, entity: str, refusal: InsertRefusal) -> None:
    assert insert_refusal(role, entity) is refusal


@pytest.mark.parametrize(
    ("role", "entity"),
    [(Role.ADMIN, "region"), (Role.REGISTRAR, "case"), (Role.ADMIN, "assignment")],
)
def test_the_owners_create_their_records(role: Role, entity: str) -> None:
    assert insert_refusal(role, entity) is None


@pytest.mark.parametrize("role", ["", "root", "SUPERVISOR", "x" * 10_000, "\x00officer"])
def test_an_unknown_role_creates_nothing(role: str) -> None:
    assert not may_create(role, "visit_attempt")


def test_the_central_store_refuses_exactly_what_the_rule_refuses() -> None:
    entities = FIELD + ["region", "case", "party", "assignment", "conflict", "escalation"]
    for role in Role:
        for entity in entities:
            refusal = insert_refusal(role, entity)
            if refusal is None:
                check_can_insert(role, entity)
            else:
                with pytest.raises(Refused) as raised:
                    check_can_insert(role, entity)
                assert str(raised.value) == refusal_message(refusal, entity)
    assert refusal_message(InsertRefusal.ADMIN_ONLY, "matter_type") == (
        "only an admin may add matter type records"
    )
