"""The central store holds a pushed ``clock_pauses`` to the rules the laptop applies: a lead's
well-formed pauses are applied; malformed, hostile or overlapping ones are rejected (the op's
refusal), the task unchanged; an officer may not change them at all."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.central import Central

OPEN = {"start": "2026-03-05", "end": None, "reason": "stay"}
DONE = {"start": "2026-03-01", "end": "2026-03-03", "reason": "公告", "note": "（2026）黔01执1号"}

BAD: dict[str, Any] = {
    "not a list": {"start": "2026-03-05"},
    "null": None,
    "a string": "2026-03-05",
    "bad date": [{"start": "2026-02-30", "end": None, "reason": "stay"}],
    "date as number": [{"start": 20260305, "end": None, "reason": "stay"}],
    "no start": [{"end": None, "reason": "stay"}],
    "end before start": [{"start": "2026-03-05", "end": "2026-03-04", "reason": "stay"}],
    "no reason": [{"start": "2026-03-05", "end": None}],
    "huge reason": [{"start": "2026-03-05", "end": None, "reason": "停" * 100_000}],
    "reason not text": [{"start": "2026-03-05", "end": None, "reason": {"$ne": 1}}],
    "control in reason": [{"start": "2026-03-05", "end": None, "reason": "a\x00b"}],
    "huge note": [{**OPEN, "note": "注" * 201}],
    "unknown key": [{**OPEN, "extra": "x"}],
    "two open": [OPEN, {**OPEN, "start": "2026-03-10"}],
    "overlap": [DONE, {**DONE, "start": "2026-03-03", "end": "2026-03-04"}],
    "closed after open": [OPEN, {**DONE, "start": "2026-03-06", "end": "2026-03-07"}],
    "too many": [
        {"start": f"2025-{m:02d}-{d:02d}", "end": f"2025-{m:02d}-{d:02d}", "reason": "stay"}
        for m in range(1, 12)
        for d in range(1, 11)
    ],
}


@pytest.fixture
def task(shared_central: Central) -> dict[str, Any]:
    row, _officer = shared_central.task("S1")
    return row


def test_malformed_pauses_are_rejected_and_change_nothing(
    shared_central: Central, task: dict[str, Any]
) -> None:
    central = shared_central
    current = central.row("assignment", task["id"])
    ops = central.ops("lead1")
    results = central.push_ok(
        "lead1",
        *(
            ops.update("assignment", task["id"], current["version"], {"clock_pauses": value})
            for value in BAD.values()
        ),
    )
    assert [r["status"] for r in results] == ["rejected"] * len(BAD), results
    assert central.row("assignment", task["id"]) == current


def test_a_leads_pauses_are_applied_and_an_officers_refused(shared_central: Central) -> None:
    central = shared_central
    row, officer = central.task("S1", statuses=("in_progress", "assigned"))
    current = central.row("assignment", row["id"])
    (refused,) = central.push_ok(
        officer,
        central.ops(officer).update(
            "assignment", row["id"], current["version"], {"clock_pauses": [OPEN]}
        ),
    )
    assert refused["status"] == "rejected"
    ops = central.ops("lead1")
    (applied,) = central.push_ok(
        "lead1",
        ops.update("assignment", row["id"], current["version"], {"clock_pauses": [DONE, OPEN]}),
    )
    assert applied["status"] == "applied", applied
    assert central.row("assignment", row["id"])["clock_pauses"] == [DONE, OPEN]
    # Emptied again (an admin's correction is the same field): also well-formed.
    (cleared,) = central.push_ok(
        "lead1",
        ops.update("assignment", row["id"], current["version"] + 1, {"clock_pauses": []}),
    )
    assert cleared["status"] == "applied", cleared
