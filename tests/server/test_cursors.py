"""Pull cursors: pruned tombstones and cursors from the future get 410, bad parameters 422,
and paging covers every change exactly once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from fieldapp.server.changelog import prune_tombstones
from fieldapp.storage.engine import writing
from fieldapp.storage.types import utcnow
from fieldapp.sync.protocol import HAS_MORE_HEADER, NEXT_CURSOR_HEADER
from tests.support.central import PULL, VERSIONS, Central, Pulled


def expired(answer: Any) -> None:
    assert answer.status_code == 410, answer.text
    body = answer.json()
    assert body["error"] == "cursor_expired"
    assert "download again" in body["message"]


def test_a_cursor_below_pruned_tombstones_gets_410(central: Central) -> None:
    task, officer = central.task("S1")
    old = central.pull_all(officer).next_cursor
    central.apply(
        "registrar", central.ops("registrar").delete("assignment", task["id"], task["version"])
    )
    recent = central.pull_all(officer, old)
    assert recent.one("assignment", task["id"])["deleted"] is True
    with writing(central.engine).begin() as connection:
        assert prune_tombstones(connection, older_than=utcnow() + timedelta(seconds=1)) == 1

    expired(central.pull(officer, old))
    expired(central.pull("registrar", 1))
    fresh = central.pull_all(officer)  # cursor 0 always works: a full download
    assert ("assignment", task["id"]) not in fresh.keys("assignment")
    assert fresh.changes
    assert central.pull(officer, recent.next_cursor).status_code == 200


def test_recent_tombstones_are_kept(central: Central) -> None:
    task, officer = central.task("S1")
    old = central.pull_all(officer).next_cursor
    central.apply(
        "registrar", central.ops("registrar").delete("assignment", task["id"], task["version"])
    )
    with writing(central.engine).begin() as connection:
        assert prune_tombstones(connection, older_than=utcnow() - timedelta(days=180)) == 0
    assert central.pull_all(officer, old).record("assignment", task["id"]) is not None


def test_a_cursor_beyond_the_committed_changes_gets_410(shared_central: Central) -> None:
    top = shared_central.pull_all("officer11").next_cursor
    assert shared_central.pull("officer11", top).json()["changes"] == []
    expired(shared_central.pull("officer11", top + 1))
    expired(shared_central.pull("registrar", 2**62))


def test_cursor_0_always_works(shared_central: Central) -> None:
    answer = shared_central.pull("officer11", 0, 1)
    assert answer.status_code == 200
    assert len(answer.json()["changes"]) == 1


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ({"cursor": -1}, "cursor"),
        ({"cursor": "abc"}, "cursor"),
        ({"cursor": "1.5"}, "cursor"),
        ({"cursor": str(2**63)}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 5001}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": -7}, "limit"),
    ],
)
def test_bad_pull_parameters_get_422(
    shared_central: Central, query: dict[str, Any], where: str
) -> None:
    answer = shared_central.client.get(
        PULL, params=query, headers=shared_central.headers("officer11")
    )
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "invalid_request"
    assert where in body["message"]


def test_the_next_cursor_travels_in_headers_too(shared_central: Central) -> None:
    answer = shared_central.pull("officer11", 0, 7)
    body = answer.json()
    assert answer.headers[NEXT_CURSOR_HEADER] == str(body["next_cursor"])
    assert answer.headers[HAS_MORE_HEADER] == "1"
    assert body["has_more"] is True
    assert body["next_cursor"] == body["changes"][-1]["seq"]


def _paged(central: Central, username: str, cursor: int = 0) -> Pulled:
    pulled = central.pull_all(username, cursor, limit=7)
    seqs = [change["seq"] for change in pulled.changes]
    assert seqs == sorted(seqs)
    return pulled


def _ids(pulled: Pulled) -> list[tuple[int, str, str]]:
    return [(c["seq"], c["entity"], c["record_id"]) for c in pulled.changes]


@pytest.mark.parametrize("username", ["officer11", "lead3", "registrar"])
def test_pages_of_7_cover_every_change_exactly_once(shared_central: Central, username: str) -> None:
    whole = shared_central.pull_all(username)
    assert whole.pages == 1
    paged = _paged(shared_central, username)
    assert paged.pages == max(1, -(-len(whole.changes) // 7))
    assert _ids(paged) == _ids(whole)
    assert len(set(_ids(paged))) == len(paged.changes)
    assert paged.next_cursor == whole.next_cursor


def test_paging_after_moves_and_deletes_lists_each_change_and_removal_once(
    central: Central,
) -> None:
    start = central.pull_all("officer11").next_cursor
    lead = central.ops("lead1")
    tasks = [central.task("S1", (status,))[0] for status in ("assigned", "in_progress")]
    for task in tasks:
        central.apply(
            "lead1",
            lead.update("assignment", task["id"], task["version"], {"squad_code": "S3"}),
        )
    extra, _ = central.task("S1", ("done",))
    central.apply(
        "registrar", central.ops("registrar").delete("assignment", extra["id"], extra["version"])
    )
    whole = central.pull_all("officer11", start)
    paged = _paged(central, "officer11", start)
    assert _ids(paged) == _ids(whole)
    assert sorted(map(str, paged.removed)) == sorted(map(str, whole.removed))
    assert len(paged.removed_keys()) == len(paged.removed)
    assert {("assignment", t["id"]) for t in tasks} <= paged.removed_keys()
    assert whole.one("assignment", extra["id"])["deleted"] is True


def test_a_pull_needs_no_body_and_ignores_unknown_parameters(shared_central: Central) -> None:
    answer = shared_central.client.get(
        PULL,
        params={"cursor": 0, "limit": 3, "squad": "S1"},
        headers={**VERSIONS, **shared_central.headers("officer21")},
    )
    assert answer.status_code == 200
    assert len(answer.json()["changes"]) == 3
