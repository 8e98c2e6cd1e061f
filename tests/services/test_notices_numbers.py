"""Document numbers with two laptops offline: blocks leased by the server-side allocation,
issued apart, never the same; running out is said before the visit."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select

from fieldapp.domain.enums import Matter
from fieldapp.notices.numbering import (
    LeaseItem,
    LeasePolicy,
    LeaseRequest,
    NumbersExhausted,
    SupplyState,
    grant_blocks,
    lease_request,
    needed_numbers,
    supply,
)
from fieldapp.services.actor import Actor
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_issue import issue, prepare
from fieldapp.services.notices_leasing import lease_number_blocks
from fieldapp.services.notices_numbers import (
    allocate_document_number,
    lease_request_for,
    next_document_number,
    number_supply,
    remaining_numbers,
    store_granted_blocks,
)
from fieldapp.storage.base import CentralBase
from fieldapp.storage.fieldwork import Notice
from fieldapp.storage.number_leases import NoticeNumberGrant
from fieldapp.storage.types import new_id
from tests.support.notice_data import NOW, demo_engine, pick_tasks

CASE = "（2026）黔01执1234号"


def _central(folder: Path) -> Engine:
    engine = create_engine(f"sqlite:///{folder / 'central.sqlite'}")
    CentralBase.metadata.create_all(engine, tables=[NoticeNumberGrant.__table__])
    return engine


def test_grants_never_overlap_and_start_at_the_first_suffix() -> None:
    highest: dict[str, int] = {}
    seen: set[int] = set()
    for device in ("a", "b", "a", "c"):
        for block in grant_blocks(LeaseRequest(device, (LeaseItem(CASE, 4),)), highest, new_id):
            numbers = set(range(block.first, block.last + 1))
            assert not numbers & seen
            seen |= numbers
            highest[block.series] = block.last
    assert seen == set(range(1, 17))


def test_a_lease_request_asks_for_what_open_tasks_need() -> None:
    policy = LeasePolicy(block_size=10, low_water=3)
    needs = {CASE: 6, "（2026）黔01执7号": 1, "（2026）黔01执8号": 2}
    remaining = {CASE: 2, "（2026）黔01执7号": 5}
    request = lease_request("dev", needs, remaining, policy)
    assert {item.series: item.count for item in request.items} == {
        CASE: 10,
        "（2026）黔01执8号": 10,
    }
    rows = {row.series: row.state for row in supply(needs, remaining, policy)}
    assert rows == {
        CASE: SupplyState.LOW,
        "（2026）黔01执7号": SupplyState.OK,
        "（2026）黔01执8号": SupplyState.OUT,
    }
    assert needed_numbers([Matter.SEAL, Matter.SERVICE]) == 9


def test_two_offline_laptops_never_issue_the_same_number(tmp_path: Path) -> None:
    central = _central(tmp_path)
    laptops = {name: demo_engine(tmp_path / name) for name in ("a", "b")}
    picks = pick_tasks(laptops["a"])
    case_number = picks.case_numbers[0]
    # Both laptops sync before going out: each asks for numbers and gets its own block.
    for name, engine in laptops.items():
        with engine.connect() as connection:
            request = lease_request_for(connection, f"device-{name}")
        assert case_number in {item.series for item in request.items}
        with central.begin() as connection:
            blocks = lease_number_blocks(connection, request, now=NOW)
        with engine.begin() as connection:
            store_granted_blocks(connection, blocks, now=NOW)
            # A repeated answer (the sync retried) hands out nothing twice.
            assert store_granted_blocks(connection, blocks, now=NOW) == 0
    # Offline, both issue notices for the same case until their numbers run out.
    numbers: dict[str, list[str]] = {}
    for name, engine in laptops.items():
        actor = Actor(user_id=None, device_id=f"device-{name}")
        draft = prepare(engine, "execution_notice", assignment_id=picks.service)
        issued = []
        with engine.connect() as connection:
            left = remaining_numbers(connection)[case_number]
        for _ in range(left):
            issued.append(
                issue(engine, draft, actor=actor, now=NOW, changes=OutboxSink()).document_number
            )
        with pytest.raises(NumbersExhausted, match="sync to lease more"):
            issue(engine, draft, actor=actor, now=NOW, changes=OutboxSink())
        with engine.connect() as connection:
            assert next_document_number(connection, case_number) is None
            stored = connection.execute(
                select(Notice.document_number).where(Notice.document_number.like(f"{case_number}%"))
            ).scalars()
            assert sorted(stored) == sorted(issued)
        numbers[name] = issued
    assert numbers["a"]
    assert numbers["b"]
    assert not set(numbers["a"]) & set(numbers["b"])
    assert all(n.startswith(f"{case_number}之") for n in numbers["a"] + numbers["b"])
    # Once they are out, the check the window shows says so before the next visit.
    rows = {row.series: row for row in number_supply(laptops["a"])}
    assert rows[case_number].state is SupplyState.OUT
    assert rows[case_number].remaining == 0


def test_the_server_retries_a_block_another_instance_granted_first(tmp_path: Path) -> None:
    central = _central(tmp_path)
    with central.begin() as connection:
        # Another instance granted 1..5 after this one read the highest number (none).
        connection.execute(
            NoticeNumberGrant.__table__.insert().values(
                id=new_id(),
                series=CASE,
                device_id="other",
                first_number=1,
                last_number=5,
                granted_at=NOW,
            )
        )
    with central.begin() as connection:
        blocks = lease_number_blocks(connection, LeaseRequest("me", (LeaseItem(CASE, 5),)), now=NOW)
    assert [(b.first, b.last) for b in blocks] == [(6, 10)]


def test_a_number_is_taken_only_with_its_notice(tmp_path: Path) -> None:
    engine = demo_engine(tmp_path, seed=False)
    with engine.begin() as connection:
        store_granted_blocks(
            connection,
            grant_blocks(LeaseRequest("d", (LeaseItem(CASE, 2),)), {}, new_id),
            now=NOW,
        )

    def take_then_fail() -> None:
        with engine.begin() as connection:
            assert allocate_document_number(connection, CASE).suffix == 1
            raise RuntimeError("the notice failed after its number was taken")

    with pytest.raises(RuntimeError, match="failed after"):
        take_then_fail()
    with engine.begin() as connection:
        assert allocate_document_number(connection, CASE).document_number == f"{CASE}之一"
        assert allocate_document_number(connection, CASE).document_number == f"{CASE}之二"
        with pytest.raises(NumbersExhausted):
            allocate_document_number(connection, CASE)
