"""Tests of the demo data set: sizes, coverage, valid identifiers, consistency, determinism."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select

from fieldapp.domain.clock import court_date
from fieldapp.domain.enums import (
    AssetKind,
    AssignmentStatus,
    CaseTrack,
    ControlMeasure,
    Matter,
    PartyKind,
    PartyRole,
    Priority,
    Role,
)
from fieldapp.domain.identifiers import (
    normalise_case_number,
    parse_case_number,
    validate_credit_code,
    validate_id_number,
)
from fieldapp.domain.legal_periods import days_left, expiry_date, renewal_expiry
from fieldapp.domain.regno import format_registration_no, parse_registration_no
from fieldapp.geo.gazetteer import default_gazetteer
from fieldapp.services.demo_seed import (
    DEMO_PASSWORD,
    DatabaseNotEmpty,
    DemoSummary,
    is_seeded,
    seed_demo,
)
from fieldapp.services.registration import load_router
from fieldapp.storage.engine import make_engine, sqlite_url
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.migrate import upgrade
from fieldapp.storage.schema import ENTITIES

NOW = datetime(2026, 5, 20, 2, 30, tzinfo=UTC)  # 10:30 in Guiyang
TODAY = court_date(NOW)
OPEN = {AssignmentStatus.ROUTED, AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS}
STAFFED = {AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE}

Row = dict[str, Any]


def _empty_engine(folder: Path) -> Engine:
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "demo.sqlite")
    upgrade(url, "local")
    return make_engine(url)


def _seed(folder: Path, *, now: datetime = NOW, seed: int = 2026) -> tuple[Engine, DemoSummary]:
    engine = _empty_engine(folder)
    with engine.begin() as connection:
        summary = seed_demo(connection, now=now, seed=seed)
    return engine, summary


def _dump(connection: Connection) -> dict[str, list[Row]]:
    """Every synced table's rows, in id order."""
    return {
        name: [
            dict(row)
            for row in connection.execute(
                select(model.__table__).order_by(model.__table__.c.id)
            ).mappings()
        ]
        for name, model in ENTITIES.items()
    }


@dataclass(frozen=True)
class Seeded:
    engine: Engine
    summary: DemoSummary
    tables: dict[str, list[Row]]

    def by_id(self, entity: str) -> dict[str, Row]:
        return {row["id"]: row for row in self.tables[entity]}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    engine = _empty_engine(tmp_path_factory.mktemp("demo"))
    default_gazetteer()  # load the region file outside the timed part
    with engine.begin() as connection:
        summary = seed_demo(connection, now=NOW)
    with engine.connect() as connection:
        tables = _dump(connection)
    yield Seeded(engine, summary, tables)
    engine.dispose()


# --- sizes and coverage -------------------------------------------------------------------------


def test_counts_are_in_the_asked_ranges_and_match_the_summary(seeded: Seeded) -> None:
    counts = {name: len(rows) for name, rows in seeded.tables.items() if rows}
    assert counts == seeded.summary.counts()
    assert counts["region"] == 11
    assert counts["matter_type"] == len(Matter)
    assert counts["squad"] == 4
    assert 55 <= counts["case"] <= 65
    assert 230 <= counts["assignment"] <= 270
    assert 18 <= counts["asset_control"] <= 22
    assert 5 <= counts["visit_attempt"] <= 60
    assert counts["party"] >= 2 * counts["case"]


def test_every_status_matter_and_region_occurs(seeded: Seeded) -> None:
    assignments = seeded.tables["assignment"]
    statuses = Counter(row["status"] for row in assignments)
    assert set(statuses) == set(AssignmentStatus)
    # Realistic proportions: most work is done or under way, few requests bounce.
    assert statuses[AssignmentStatus.DONE] > statuses[AssignmentStatus.RETURNED]
    assert statuses[AssignmentStatus.IN_PROGRESS] > statuses[AssignmentStatus.CANCELLED]
    assert {row["matter"] for row in assignments} == set(Matter)
    assert {row["region_code"] for row in assignments} == {
        region.code for region in default_gazetteer().regions
    }


def test_regions_are_the_gazetteers_with_geojson_boundaries(seeded: Seeded) -> None:
    gazetteer = default_gazetteer()
    for row in seeded.tables["region"]:
        region = gazetteer.by_code(row["code"])
        assert region is not None
        assert (row["name"], row["name_en"]) == (region.name, region.name_en)
        assert (row["centroid_lat"], row["centroid_lon"]) == region.centroid
        assert row["boundary"]["type"] in ("Polygon", "MultiPolygon")
        ring = row["boundary"]["coordinates"][0]
        assert ring[0] == ring[-1]
        lon, lat = ring[0]  # GeoJSON order
        assert 100 < lon < 110
        assert 25 < lat < 28


def test_matter_types_name_officers_video_and_law(seeded: Seeded) -> None:
    types = {row["code"]: row for row in seeded.tables["matter_type"]}
    two = {"seize", "search", "eviction", "seal"}
    assert {code for code, row in types.items() if row["min_officers"] == 2} == two
    assert {code for code, row in types.items() if row["must_record_video"]} == {
        "search",
        "eviction",
    }
    assert types["seal"]["name"] == "查封"
    assert all(row["legal_basis"] for row in types.values())


def test_squads_staff_and_demo_accounts(seeded: Seeded) -> None:
    staff = seeded.by_id("staff_member")
    squads = {row["code"]: row for row in seeded.tables["squad"]}
    assert set(squads) == {"S1", "S2", "S3", "S4"}
    assert "财产控制" in squads["S4"]["name"]
    for code, squad in squads.items():
        assert staff[squad["lead_id"]]["role"] is Role.LEAD
        assert staff[squad["lead_id"]]["squad_code"] == code
        assert 4 <= len(squad["member_ids"]) <= 5
        assert all(staff[m]["role"] is Role.OFFICER for m in squad["member_ids"])
        assert all(staff[m]["squad_code"] == code for m in squad["member_ids"])
    roles = Counter(row["role"] for row in staff.values())
    assert (roles[Role.REGISTRAR], roles[Role.SUPERVISOR], roles[Role.ADMIN]) == (1, 1, 1)
    accounts = {account.username: account for account in seeded.summary.accounts}
    assert {"lead1", "officer11", "registrar", "supervisor", "admin"} <= set(accounts)
    assert (accounts["lead1"].role, accounts["lead1"].squad_code) == (Role.LEAD, "S1")
    assert accounts["supervisor"].squad_code is None
    assert {a.display_name for a in accounts.values()} == {
        row["display_name"] for row in staff.values()
    }
    assert len(accounts) == len(staff)
    assert DEMO_PASSWORD == "fieldapp-demo"


# --- routing ------------------------------------------------------------------------------------


def test_every_routed_assignment_has_the_routers_squad(seeded: Seeded) -> None:
    with seeded.engine.connect() as connection:
        router = load_router(connection)
    for row in seeded.tables["assignment"]:
        if row["status"] is AssignmentStatus.REGISTERED:
            # Sent back to the registrar for routing: no squad until it is routed again.
            assert row["squad_code"] is None
        else:
            assert row["squad_code"] == router.route(row["matter"], row["region_code"])


def test_asset_control_goes_to_s4_and_the_rest_by_region(seeded: Seeded) -> None:
    with seeded.engine.connect() as connection:
        router = load_router(connection)
    for region in default_gazetteer().regions:
        for matter in ("seal", "seize", "freeze"):
            assert router.route(matter, region.code) == "S4"
    assert router.route("service", "520102") == "S1"
    assert router.route("service", "520190") == "S2"
    assert router.route("eviction", "520121") == "S3"
    assert router.route("service", "999999") == "S1"  # the catch-all


# --- identifiers and numbers -------------------------------------------------------------------


def test_identifiers_pass_the_domain_validators(seeded: Seeded) -> None:
    parties = seeded.tables["party"]
    for row in parties:
        if row["kind"] is PartyKind.PERSON:
            assert validate_id_number(row["id_number"], today=TODAY) == row["id_number"]
        else:
            assert validate_credit_code(row["id_number"]) == row["id_number"]
            assert row["legal_representative"]
            assert row["name"].endswith("有限公司")
    assert {row["kind"] for row in parties} == set(PartyKind)
    for row in seeded.tables["case"]:
        assert normalise_case_number(row["case_number"]) == row["case_number"]
    for row in seeded.tables["asset_control"]:
        assert parse_case_number(row["ruling_no"]).suffix.startswith("之")


def test_cases_are_varied_and_consistent(seeded: Seeded) -> None:
    cases = seeded.tables["case"]
    numbers = [parse_case_number(row["case_number"]) for row in cases]
    assert len({str(n) for n in numbers}) == len(cases)
    assert {n.court for n in numbers} == {"黔01"}
    assert {"执", "执恢", "执保"} <= {n.kind for n in numbers}
    years = Counter(n.year for n in numbers)
    assert years[2026] > years[2025] > 0
    assert {row["track"] for row in cases} == set(CaseTrack)
    assert 3 <= sum(row["closed_for_now_on"] is not None for row in cases) <= 10
    for row, number in zip(cases, numbers, strict=True):
        filed: date = row["filed_on"]
        due: date = row["legal_due_on"]
        assert number.year == filed.year
        assert (due.year * 12 + due.month) - (filed.year * 12 + filed.month) == 6
        assert due.day <= filed.day
        assert row["amount_fen"] > 0
        assert row["judge_name"]
        assert row["enforcement_basis"]
        if row["closed_for_now_on"] is not None:
            assert filed < row["closed_for_now_on"] < TODAY
    roles = Counter((row["case_id"], row["role"]) for row in seeded.tables["party"])
    for row in cases:
        assert roles[(row["id"], PartyRole.APPLICANT)] == 1
        assert roles[(row["id"], PartyRole.RESPONDENT)] >= 1


def test_registration_numbers_are_unique_well_formed_and_in_received_order(
    seeded: Seeded,
) -> None:
    assignments = sorted(seeded.tables["assignment"], key=lambda row: row["received_at"])
    numbers = [row["registration_no"] for row in assignments]
    assert len(set(numbers)) == len(numbers)
    parsed = [parse_registration_no(number) for number in numbers]
    assert [format_registration_no(*p) for p in parsed] == numbers
    assert parsed == sorted(parsed)
    for row, (year, _) in zip(assignments, parsed, strict=True):
        assert year == court_date(row["received_at"]).year
    keys = [row["request_key"] for row in assignments]
    assert len(set(keys)) == len(keys)
    assert all(len(key) == 64 and int(key, 16) >= 0 for key in keys)


# --- assignments ------------------------------------------------------------------------------


def test_addresses_name_their_region_and_points_lie_inside_it(seeded: Seeded) -> None:
    gazetteer = default_gazetteer()
    for row in seeded.tables["assignment"]:
        region = gazetteer.region_in_address(row["address"])
        assert region is not None, row["address"]
        assert region.code == row["region_code"], row["address"]
        # Every task is on the map, inside the region its address names.
        assert region.contains(row["lat"], row["lon"]), row["registration_no"]
        assert gazetteer.region_for_point(row["lat"], row["lon"]) == region
    for row in seeded.tables["party"]:
        assert all(gazetteer.region_in_address(a) is not None for a in row["addresses"])


def test_points_cluster_around_the_centre_and_one_address_is_one_point(seeded: Seeded) -> None:
    gazetteer = default_gazetteer()
    points: dict[str, set[tuple[float, float]]] = {}
    spread: dict[str, list[float]] = {}
    for row in seeded.tables["assignment"]:
        points.setdefault(row["address"], set()).add((row["lat"], row["lon"]))
        region = gazetteer.by_code(row["region_code"])
        assert region is not None
        min_lon, min_lat, max_lon, max_lat = region.bbox
        extent = ((max_lon - min_lon) + (max_lat - min_lat)) / 2
        lat0, lon0 = region.centroid
        distance = ((row["lat"] - lat0) ** 2 + (row["lon"] - lon0) ** 2) ** 0.5
        spread.setdefault(row["region_code"], []).append(distance / extent)
    assert all(len(found) == 1 for found in points.values())
    assert len({p for found in points.values() for p in found}) == len(points)
    for code, shares in spread.items():
        shares.sort()
        # Near the centre (a tenth of the extent is one standard deviation), yet not one spot.
        assert shares[len(shares) // 2] < 0.3, code
        assert shares[-1] > 0, code


def test_officers_are_assigned_and_two_where_the_matter_needs_two(seeded: Seeded) -> None:
    squads = {row["code"]: set(row["member_ids"]) for row in seeded.tables["squad"]}
    needs = {row["code"]: row["min_officers"] for row in seeded.tables["matter_type"]}
    for row in seeded.tables["assignment"]:
        if row["status"] in STAFFED:
            assert row["officer_id"] in squads[row["squad_code"]]
            if needs[row["matter"]] == 2:
                assert row["second_officer_id"] in squads[row["squad_code"]]
                assert row["second_officer_id"] != row["officer_id"]
        elif row["status"] is not AssignmentStatus.RETURNED:
            assert (row["officer_id"], row["second_officer_id"]) == (None, None)


def test_dates_results_and_reasons_fit_each_status(seeded: Seeded) -> None:
    assignments = seeded.tables["assignment"]
    earliest = NOW - timedelta(days=61)
    for row in assignments:
        assert earliest <= row["received_at"] <= NOW
        assert row["due_on"] >= court_date(row["received_at"])
        done = row["status"] is AssignmentStatus.DONE
        assert (row["completed_at"] is not None) == done
        assert bool(row["result"]) == done
        if done:
            assert row["received_at"] < row["completed_at"] <= NOW
        returned = row["status"] is AssignmentStatus.RETURNED
        assert bool(row["return_reason"]) == returned
    open_rows = [row for row in assignments if row["status"] in OPEN]
    assert sum(row["due_on"] < TODAY for row in open_rows) >= 5
    assert sum(row["status"] is AssignmentStatus.ROUTED for row in open_rows) >= 10
    assert sum(row["due_on"] == TODAY for row in open_rows) >= 3
    assert any(row["priority"] is Priority.URGENT for row in assignments)
    assert any(row["priority"] is Priority.NORMAL for row in assignments)


def _todays_work(tables: dict[str, list[Row]], today: date) -> dict[str, tuple[int, int]]:
    """Each officer's open tasks due today or overdue, and of those due today."""
    work = {row["id"]: (0, 0) for row in tables["staff_member"] if row["role"] is Role.OFFICER}
    for row in tables["assignment"]:
        if row["status"] not in OPEN or row["due_on"] > today:
            continue
        for officer in {row["officer_id"], row["second_officer_id"]} - {None}:
            hot, due_today = work[officer]
            work[officer] = (hot + 1, due_today + (row["due_on"] == today))
    return work


def test_every_officer_has_a_days_work_due_today_or_overdue(seeded: Seeded) -> None:
    work = _todays_work(seeded.tables, TODAY)
    assert len(work) == 18
    for officer, (hot, due_today) in work.items():
        assert 4 <= hot <= 10, officer
        assert due_today >= 2, officer


def test_assignments_point_at_a_respondent_of_their_case(seeded: Seeded) -> None:
    parties = seeded.by_id("party")
    cases = seeded.by_id("case")
    for row in seeded.tables["assignment"]:
        party = parties[row["party_id"]]
        assert party["case_id"] == row["case_id"]
        assert party["role"] is PartyRole.RESPONDENT
        assert cases[row["case_id"]]["filed_on"] <= court_date(row["received_at"])
        if row["matter"] is not Matter.FREEZE:  # a freeze is done at the bank
            assert row["address"] in party["addresses"]


# --- visits and asset control -------------------------------------------------------------------


def test_visits_belong_to_worked_assignments_and_fit_their_times(seeded: Seeded) -> None:
    assignments = seeded.by_id("assignment")
    for visit in seeded.tables["visit_attempt"]:
        task = assignments[visit["assignment_id"]]
        assert task["status"] in (AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE)
        assert task["received_at"] < visit["arrived_at"] < visit["left_at"] <= NOW
        if task["completed_at"] is not None:
            assert visit["left_at"] <= task["completed_at"]
        assert set(visit["officer_ids"]) <= {task["officer_id"], task["second_officer_id"]}
        assert visit["notes"]
        assert visit["lat"] is not None
    outcomes = {visit["outcome"] for visit in seeded.tables["visit_attempt"]}
    assert len(outcomes) >= 3
    assert any(visit["witnesses"] for visit in seeded.tables["visit_attempt"])


def test_asset_expiry_follows_the_legal_table(seeded: Seeded) -> None:
    controls = seeded.by_id("asset_control")
    for row in controls.values():
        kind, months = row["asset_kind"], row["period_months"]
        if row["measure"] is ControlMeasure.RENEW:
            previous = controls[row["renews_id"]]
            assert previous["identifiers"] == row["identifiers"]
            assert row["effective_on"] == previous["expires_on"] + timedelta(days=1)
            expected = renewal_expiry(previous["expires_on"], kind, months)
        else:
            assert row["renews_id"] is None
            expected = expiry_date(row["effective_on"], kind, months)
        assert row["expires_on"] == expected
    measures = Counter(row["measure"] for row in controls.values())
    assert measures[ControlMeasure.RENEW] >= 2
    assert {ControlMeasure.SEAL, ControlMeasure.SEIZE, ControlMeasure.FREEZE} <= set(measures)
    kinds = {row["asset_kind"] for row in controls.values()}
    assert {AssetKind.REAL_ESTATE, AssetKind.VEHICLE, AssetKind.BANK_DEPOSIT} <= kinds


def test_some_assets_are_about_to_lose_control(seeded: Seeded) -> None:
    controls = seeded.tables["asset_control"]
    renewed = {row["renews_id"] for row in controls if row["renews_id"]}
    current = [row for row in controls if row["id"] not in renewed]
    left = [days_left(row["expires_on"], TODAY) for row in current]
    assert sum(0 <= days <= 30 for days in left) >= 4
    assert sum(0 <= days <= 7 for days in left) >= 1
    assert all(days >= 0 for days in left)  # nothing has already lost control


def test_asset_identifiers_look_like_the_real_documents(seeded: Seeded) -> None:
    for row in seeded.tables["asset_control"]:
        ids = row["identifiers"]
        if row["asset_kind"] is AssetKind.REAL_ESTATE:
            assert "不动产权第" in ids["property_certificate_no"]
            assert row["seal_numbers"]
        elif row["asset_kind"] is AssetKind.VEHICLE:
            assert ids["plate_no"].startswith("贵A·")
            assert len(ids["plate_no"]) == 8
            assert ids["engine_no"]
        else:
            assert ids["account_no"].isdigit()
            assert ids["bank"] == row["assisting_body"]


# --- records as received from the central store -----------------------------------------------


def test_records_look_received_from_the_central_store(seeded: Seeded) -> None:
    staff = set(seeded.by_id("staff_member"))
    for name, rows in seeded.tables.items():
        for row in rows:
            assert row["version"] == 1, name
            assert row["deleted"] is False, name
            assert row["created_at"].tzinfo is not None
            assert row["created_at"] <= row["updated_at"] <= NOW, (name, row["id"])
            assert row["created_by"] in staff, name
    with seeded.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(OutboxOp)).scalar_one() == 0


# --- determinism, guards and speed -------------------------------------------------------------


def test_same_seed_and_now_give_the_same_database(seeded: Seeded, tmp_path: Path) -> None:
    engine, _ = _seed(tmp_path / "again")
    with engine.connect() as connection:
        assert _dump(connection) == seeded.tables
    engine.dispose()


def test_another_seed_gives_other_data(seeded: Seeded, tmp_path: Path) -> None:
    engine, _ = _seed(tmp_path / "other", seed=7)
    with engine.connect() as connection:
        other = _dump(connection)
    engine.dispose()
    names = {row["display_name"] for row in seeded.tables["staff_member"]}
    assert names != {row["display_name"] for row in other["staff_member"]}


@pytest.mark.parametrize(
    ("seed", "now"),
    [
        (1, datetime(2026, 1, 2, 1, 0, tzinfo=UTC)),  # the window reaches back into last year
        (99, datetime(2028, 2, 29, 9, 0, tzinfo=UTC)),  # a leap day
        (5, datetime(2026, 12, 31, 17, 0, tzinfo=UTC)),  # already 1 January in Guiyang
    ],
)
def test_other_seeds_and_dates_keep_the_guarantees(
    tmp_path: Path, seed: int, now: datetime
) -> None:
    engine, summary = _seed(tmp_path, now=now, seed=seed)
    today = court_date(now)
    with engine.connect() as connection:
        tables = _dump(connection)
        router = load_router(connection)
    engine.dispose()
    assignments = tables["assignment"]
    assert summary.assignments == len(assignments)
    assert {row["status"] for row in assignments} == set(AssignmentStatus)
    assert {row["matter"] for row in assignments} == set(Matter)
    assert len({row["region_code"] for row in assignments}) == 11
    assert len({row["registration_no"] for row in assignments}) == len(assignments)
    for row in assignments:
        if row["status"] is not AssignmentStatus.REGISTERED:
            assert row["squad_code"] == router.route(row["matter"], row["region_code"])
    renewed = {row["renews_id"] for row in tables["asset_control"] if row["renews_id"]}
    left = [
        days_left(row["expires_on"], today)
        for row in tables["asset_control"]
        if row["id"] not in renewed
    ]
    assert sum(0 <= days <= 30 for days in left) >= 4
    assert sum(0 <= days <= 7 for days in left) >= 1
    assert len(tables["asset_control"]) == 20
    for hot, due_today in _todays_work(tables, today).values():
        assert 4 <= hot <= 10
        assert due_today >= 2
    gazetteer = default_gazetteer()
    for row in assignments:
        region = gazetteer.by_code(row["region_code"])
        assert region is not None
        assert region.contains(row["lat"], row["lon"])
    for rows in tables.values():
        assert all(row["updated_at"] <= now for row in rows)


def test_is_seeded_flips_and_a_second_seed_is_refused(tmp_path: Path) -> None:
    engine = _empty_engine(tmp_path)
    with engine.begin() as connection:
        assert is_seeded(connection) is False
        seed_demo(connection, now=NOW)
        assert is_seeded(connection) is True
    with engine.begin() as connection, pytest.raises(DatabaseNotEmpty):
        seed_demo(connection, now=NOW)
    engine.dispose()


def test_a_naive_now_is_refused(tmp_path: Path) -> None:
    engine = _empty_engine(tmp_path)
    with engine.begin() as connection, pytest.raises(ValueError, match="zone"):
        seed_demo(connection, now=NOW.replace(tzinfo=None))
    engine.dispose()
