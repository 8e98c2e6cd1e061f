"""Reading the pauses stored on an assignment: whatever a laptop or an old record holds, the
pass never stops; unreadable entries are left out (escalating early, the safe side)."""

from __future__ import annotations

from datetime import date

import pytest

from fieldapp.domain.deadlines import Pause
from fieldapp.services.escalation_facts import parse_pauses


def test_good_pauses_are_read() -> None:
    pauses, clean = parse_pauses(
        [
            {"start": "2026-03-05", "end": "2026-03-12", "reason": "公告"},
            {"start": "2026-04-01", "end": None},
        ]
    )
    assert clean
    assert pauses == (
        Pause(date(2026, 3, 5), date(2026, 3, 12), "公告"),
        Pause(date(2026, 4, 1), None, ""),
    )
    assert parse_pauses([]) == ((), True)
    assert parse_pauses(None) == ((), True)


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-05",
        {"start": "2026-03-05"},
        [{"start": "yesterday"}],
        [{"start": 20260305}],
        [{"end": "2026-03-05"}],
        [{"start": "2026-03-05", "end": "2026-03-01"}],  # ends before it starts
        ["2026-03-05"],
        [None],
        [{"start": "2026-03-05T00:00:00"}],
    ],
)
def test_unreadable_pauses_are_left_out_and_reported(value: object) -> None:
    pauses, clean = parse_pauses(value)
    assert pauses == ()
    assert not clean


def test_a_huge_list_is_read_without_trouble() -> None:
    entries = [{"start": "2026-03-05", "end": "2026-03-06"}] * 10_000 + [{"start": "x"}]
    pauses, clean = parse_pauses(entries)
    assert len(pauses) == 10_000
    assert not clean
