"""The asset watch list: chains followed to their latest link, released ones gone, expired
ones kept (red in the window), days left on a frozen day, filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fieldapp.domain.enums import AssetKind, ControlMeasure
from fieldapp.services.asset_watch import band_of, squads_watched, watch_list
from tests.support.asset_world import add_case, add_control, add_task, empty_engine

TODAY = date(2026, 11, 27)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return empty_engine(tmp_path)


def test_an_original_control_is_watched_with_its_days_left(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号")
    task = add_task(engine, case, squad="S3")
    control = add_control(engine, case, effective_on=date(2024, 1, 10), assignment_id=task)
    [row] = watch_list(engine, TODAY)
    assert row.control_id == control == row.original_id
    assert row.expires_on == date(2027, 1, 9)  # three years, the effective day counted
    assert row.days_left == (date(2027, 1, 9) - TODAY).days == 43
    assert (row.measure, row.renewals, row.squad_code) == (ControlMeasure.SEAL, 0, "S3")
    assert row.registration_no == "WQ-2026-000001"
    assert row.case_number == "（2025）黔01执100号"
    assert not row.closed_for_now


def test_a_renewed_control_is_watched_at_its_latest_link_only(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号", closed_for_now_on=date(2025, 6, 1))
    task = add_task(engine, case)
    first = add_control(
        engine, case, effective_on=date(2022, 1, 10), kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.FREEZE, assignment_id=task,
    )  # fmt: skip
    second = add_control(
        engine, case, effective_on=date(2023, 1, 10), kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.RENEW, renews_id=first,
    )  # fmt: skip
    third = add_control(
        engine, case, effective_on=date(2024, 1, 10), kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.RENEW, renews_id=second, expires_on=date(2026, 12, 4),
    )  # fmt: skip
    [row] = watch_list(engine, TODAY)
    assert row.control_id == third
    assert row.original_id == first
    # The renewal keeps the original measure and, having no task of its own, the original's.
    assert row.measure is ControlMeasure.FREEZE
    assert row.renewals == 2
    assert row.registration_no == "WQ-2026-000001"
    assert row.squad_code == "S1"
    assert row.days_left == 7
    assert row.closed_for_now


def test_released_chains_drop_out_whichever_link_was_released(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号")
    kept = add_control(engine, case, effective_on=date(2025, 1, 1))
    ended = add_control(engine, case, effective_on=date(2025, 2, 1))
    add_control(engine, case, effective_on=date(2026, 3, 1), measure=ControlMeasure.RELEASE,
                renews_id=ended)  # fmt: skip
    early = add_control(engine, case, effective_on=date(2023, 1, 1))
    renewal = add_control(
        engine, case, effective_on=date(2026, 1, 1), measure=ControlMeasure.RENEW,
        renews_id=early,
    )  # fmt: skip
    # A release naming the earlier link still ends the whole chain.
    add_control(engine, case, effective_on=date(2026, 5, 1), measure=ControlMeasure.RELEASE,
                renews_id=early)  # fmt: skip
    ids = [row.control_id for row in watch_list(engine, TODAY)]
    assert ids == [kept]
    assert renewal not in ids


def test_expired_controls_stay_on_the_list_with_negative_days(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号")
    lapsed = add_control(engine, case, effective_on=date(2023, 11, 1))  # ended 2026-10-31
    last_day = add_control(engine, case, effective_on=date(2023, 11, 28))  # ends today
    undated = add_control(engine, case, effective_on=date(2025, 1, 1), expires_on=None,
                          months=None, kind=AssetKind.OTHER)  # fmt: skip
    rows = watch_list(engine, TODAY)
    by_id = {row.control_id: row for row in rows}
    assert by_id[lapsed].days_left == -27
    assert by_id[lapsed].expired
    assert by_id[last_day].days_left == 0
    assert not by_id[last_day].expired
    # Undated controls (no period recorded) come last, never hidden.
    assert [row.control_id for row in rows][:2] == [lapsed, last_day]
    assert undated in by_id


def test_deleted_records_are_ignored(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号")
    control = add_control(engine, case, effective_on=date(2025, 1, 1))
    add_control(engine, case, effective_on=date(2026, 1, 1), measure=ControlMeasure.RENEW,
                renews_id=control, deleted=True)  # fmt: skip
    add_control(engine, case, effective_on=date(2025, 1, 1), deleted=True)
    assert [row.control_id for row in watch_list(engine, TODAY)] == [control]


def test_filters_by_measure_and_squad(engine: Engine) -> None:
    case = add_case(engine, "（2025）黔01执100号")
    s1, s2 = add_task(engine, case, squad="S1", number=1), add_task(engine, case, squad="S2",
                                                                       number=2)  # fmt: skip
    seal = add_control(engine, case, effective_on=date(2025, 1, 1), assignment_id=s1)
    freeze = add_control(engine, case, effective_on=date(2026, 1, 1), assignment_id=s2,
                         kind=AssetKind.BANK_DEPOSIT, measure=ControlMeasure.FREEZE)  # fmt: skip
    online = add_control(engine, case, effective_on=date(2026, 2, 1),
                         kind=AssetKind.BANK_DEPOSIT, measure=ControlMeasure.FREEZE)  # fmt: skip
    assert {r.control_id for r in watch_list(engine, TODAY)} == {seal, freeze, online}
    measured = watch_list(engine, TODAY, measure=ControlMeasure.FREEZE)
    assert {r.control_id for r in measured} == {freeze, online}
    assert [r.control_id for r in watch_list(engine, TODAY, squad_code="S1")] == [seal]
    assert watch_list(engine, TODAY, squad_code="S1", measure=ControlMeasure.FREEZE) == []
    assert watch_list(engine, TODAY, squad_code="no such squad") == []
    assert squads_watched(engine) == ["S1", "S2"]


@pytest.mark.parametrize(
    ("days", "band"),
    [(None, None), (-1, -1), (0, 7), (7, 7), (8, 30), (30, 30), (31, 90), (90, 90), (91, None)],
)
def test_reminder_bands(days: int | None, band: int | None) -> None:
    assert band_of(days) == band


def test_thousands_of_controls_are_listed_in_one_query(engine: Engine) -> None:
    import time

    from sqlalchemy import insert

    from fieldapp.storage.fieldwork import AssetControl
    from fieldapp.storage.types import new_id
    from tests.support.asset_world import CREATED

    case = add_case(engine, "（2025）黔01执100号")
    rows, previous = [], None
    for index in range(8_000):
        renew = index % 4 == 3 and previous is not None
        control_id = new_id()
        rows.append(
            {
                "id": control_id, "version": 1, "created_at": CREATED, "updated_at": CREATED,
                "created_by": None, "device_id": "d", "deleted": False, "case_id": case,
                "assignment_id": None, "asset_kind": AssetKind.MOVABLE,
                "asset_description": f"动产{index}", "identifiers": {}, "location": "",
                "measure": ControlMeasure.RENEW if renew else ControlMeasure.SEIZE,
                "ruling_no": "", "assisting_body": "", "effective_on": date(2025, 1, 1),
                "period_months": 24,
                "expires_on": date(2027, 1, 1) if renew else date(2026, 12, 31),
                "renews_id": previous if renew else None, "custodian": "", "seal_numbers": [],
            }
        )  # fmt: skip
        previous = control_id
    with engine.begin() as connection:
        connection.execute(insert(AssetControl), rows)
    started = time.perf_counter()
    watched = watch_list(engine, TODAY)
    elapsed = time.perf_counter() - started
    # Every fourth record renews the one before: 2,000 chains end in a renewal.
    assert len(watched) == 6_000
    assert sum(1 for row in watched if row.renewals == 1) == 2_000
    assert elapsed < 2.0, elapsed
