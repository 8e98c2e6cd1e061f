"""Recording visits and asset control: each outcome, each statutory rule refusing and passing,
the expiry from the legal periods, bad input refused with nothing kept, and the history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine, select

from fieldapp.domain.enums import (
    AssetKind,
    AssignmentStatus,
    ControlMeasure,
    LocationSource,
    Matter,
    VisitOutcome,
)
from fieldapp.domain.errors import DomainError, PeriodTooLong, RenewalTooLate
from fieldapp.domain.field_records import InvalidRecordField
from fieldapp.domain.statutory_checks import StatutoryCheckFailed
from fieldapp.services.asset_controls import (
    AssetControlRefused,
    ControlInput,
    control_problems,
    expiry,
    open_controls,
    record_control,
)
from fieldapp.services.assignment_detail import AssignmentNotFound, load_page
from fieldapp.services.changes import OutboxSink
from fieldapp.services.record_changes import change_record
from fieldapp.services.visit_location import (
    LocationUnavailable,
    position_from_address,
    position_from_photo,
)
from fieldapp.services.visits import VisitInput, VisitRefused, record_visit, visit_problems
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from tests.support.field_records import (
    ACTOR,
    NOW,
    TODAY,
    add_field_samples,
    count,
    queued,
    staff_id,
    task_id,
)
from tests.support.workspace_copies import WorkspaceTemplate


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_field_samples)


@pytest.fixture
def workspace(samples: WorkspaceTemplate, tmp_path: Path) -> Iterator[Workspace]:
    workspace = samples.copy(tmp_path / "data")
    yield workspace
    workspace.close()


def visit(engine: Engine, regno: str, data: VisitInput) -> str:
    return record_visit(
        engine, task_id(engine, regno), data, actor=ACTOR, now=NOW, changes=OutboxSink()
    ).id


def two(engine: Engine) -> list[str]:
    return [staff_id(engine, "张三"), staff_id(engine, "李四")]


ARRIVED = NOW - timedelta(hours=1)


@pytest.mark.parametrize("outcome", list(VisitOutcome))
def test_each_outcome_is_recorded_and_queued(workspace: Workspace, outcome: VisitOutcome) -> None:
    engine = workspace.engine
    data = VisitInput(
        arrived_at=ARRIVED,
        left_at=NOW,
        outcome=outcome,
        officer_ids=[staff_id(engine, "张三")],
        witnesses=["社区网格员 李四"],
        persons_present=["王五"],
        notes="敲门无人应答\n邻居称其已搬走",
        lat=26.57,
        lon=106.71,
        location_source=LocationSource.MANUAL,
    )
    visit_id = visit(engine, "WQ-2026-000001", data)
    assert queued(engine, visit_id) == ["visit_attempt"]
    page = load_page(engine, task_id(engine, "WQ-2026-000001"), today=TODAY)
    (row,) = page.visits
    assert row.outcome is outcome
    assert row.officers == ("张三",)
    assert row.location_source is LocationSource.MANUAL
    assert row.notes.endswith("已搬走")


def test_a_search_refuses_one_officer_and_no_warrant_then_passes(workspace: Workspace) -> None:
    engine = workspace.engine
    lone = VisitInput(
        arrived_at=ARRIVED, outcome=VisitOutcome.DONE, officer_ids=[staff_id(engine, "张三")]
    )
    with pytest.raises(StatutoryCheckFailed) as raised:
        visit(engine, "WQ-2026-000101", lone)
    assert raised.value.rule.code == "two_officers"
    pair = VisitInput(arrived_at=ARRIVED, outcome=VisitOutcome.DONE, officer_ids=two(engine))
    with pytest.raises(StatutoryCheckFailed) as raised:
        visit(engine, "WQ-2026-000101", pair)
    assert raised.value.rule.code == "search_warrant"
    assert count(engine, "visit_attempt") == 0
    warranted = VisitInput(
        arrived_at=ARRIVED, outcome=VisitOutcome.DONE, officer_ids=two(engine), warrant_no="搜1号"
    )
    visit(engine, "WQ-2026-000101", warranted)
    assert count(engine, "visit_attempt") == 1


def test_refused_service_needs_a_witness(workspace: Workspace) -> None:
    engine = workspace.engine
    bare = VisitInput(arrived_at=ARRIVED, outcome=VisitOutcome.REFUSED)
    with pytest.raises(StatutoryCheckFailed, match="第八十九条"):
        visit(engine, "WQ-2026-000002", bare)
    visit(engine, "WQ-2026-000002", VisitInput(ARRIVED, VisitOutcome.REFUSED, witnesses=["李"]))
    assert count(engine, "visit_attempt") == 1


def test_proof_must_be_this_tasks_photo(workspace: Workspace) -> None:
    engine = workspace.engine
    stranger = VisitInput(ARRIVED, VisitOutcome.REFUSED, media_evidence_ids=["no-such-photo"])
    with pytest.raises(VisitRefused, match="photos or videos of this task"):
        visit(engine, "WQ-2026-000002", stranger)


def test_seizure_done_needs_persons_present(workspace: Workspace) -> None:
    engine = workspace.engine
    done = VisitInput(ARRIVED, VisitOutcome.DONE, officer_ids=two(engine))
    with pytest.raises(StatutoryCheckFailed) as raised:
        visit(engine, "WQ-2026-000102", done)
    assert raised.value.rule.code == "seizure_list_present"
    visit(engine, "WQ-2026-000102", VisitInput(**{**_fields(done), "persons_present": ["郑十一"]}))


def _fields(data: VisitInput) -> dict[str, object]:
    return {name: getattr(data, name) for name in VisitInput.__slots__}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"left_at": ARRIVED - timedelta(minutes=5)}, "left_at.order"),
        ({"arrived_at": NOW + timedelta(days=2)}, "arrived_at.future"),
        ({"arrived_at": ARRIVED.replace(tzinfo=None)}, "arrived_at.naive"),
        ({"arrived_at": NOW - timedelta(days=3), "left_at": NOW}, "left_at.length"),
        ({"notes": "字" * 4001}, "notes.too_long"),
        ({"notes": "bad\x07bell"}, "notes.control_character"),
        ({"witnesses": ["x" * 65]}, "witnesses.too_long"),
        ({"lat": 26.5}, "location.half"),
        ({"lat": 126.5, "lon": 10.0, "location_source": LocationSource.MANUAL}, "location.range"),
        ({"lat": 26.5, "lon": 106.0}, "location.source"),
        ({"lat": float("nan"), "lon": 106.0, "location_source": LocationSource.MANUAL},
         "location.range"),
    ],
)  # fmt: skip
def test_bad_visit_input_is_refused_and_nothing_kept(
    workspace: Workspace, changes: dict[str, object], reason: str
) -> None:
    engine = workspace.engine
    data = VisitInput(**{**_fields(VisitInput(ARRIVED, VisitOutcome.MET)), **changes})
    problems = visit_problems(data, matter=Matter.LOCATE, now=NOW)
    assert [p.code for p in problems] == [f"invalid_field.{reason}"]
    with pytest.raises(InvalidRecordField):
        visit(engine, "WQ-2026-000004", data)
    assert count(engine, "visit_attempt") == 0


def test_hostile_text_is_kept_as_text(workspace: Workspace) -> None:
    engine = workspace.engine
    hostile = "Robert'); DROP TABLE visit_attempt;-- <script>alert(1)</script> 𠀀"
    visit(engine, "WQ-2026-000004", VisitInput(ARRIVED, VisitOutcome.MET, notes=hostile))
    page = load_page(engine, task_id(engine, "WQ-2026-000004"), today=TODAY)
    assert page.visits[0].notes == hostile


def test_the_overview_asks_two_officers_for_a_coercive_matter(workspace: Workspace) -> None:
    engine = workspace.engine
    search = load_page(engine, task_id(engine, "WQ-2026-000101"), today=TODAY).overview
    assert search.min_officers == 2  # the law's two, whatever the matter table says
    locate = load_page(engine, task_id(engine, "WQ-2026-000004"), today=TODAY).overview
    assert locate.min_officers == 1


def test_unknown_task(workspace: Workspace) -> None:
    with pytest.raises(VisitRefused):
        record_visit(
            workspace.engine, "nope", VisitInput(ARRIVED, VisitOutcome.MET), actor=ACTOR, now=NOW,
            changes=OutboxSink(),
        )  # fmt: skip
    with pytest.raises(AssignmentNotFound):
        load_page(workspace.engine, "nope", today=TODAY)


# --- where the visit took place ----------------------------------------------------------------


def _photo(path: Path, gps: dict[int, object] | None) -> Path:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    if gps is not None:
        exif[0x8825] = gps
    image.save(path, exif=exif)
    return path


def test_position_from_a_photos_exif(tmp_path: Path) -> None:
    photo = _photo(
        tmp_path / "p.jpg",
        {1: "N", 2: (26.0, 34.0, 12.0), 3: "E", 4: (106.0, 42.0, 36.0)},
    )
    found = position_from_photo(photo)
    assert found.source is LocationSource.EXIF
    assert (found.lat, found.lon) == (pytest.approx(26.57), pytest.approx(106.71))


def test_photos_without_a_position(tmp_path: Path) -> None:
    with pytest.raises(LocationUnavailable, match="no GPS"):
        position_from_photo(_photo(tmp_path / "bare.jpg", None))
    text = tmp_path / "notes.txt"
    text.write_bytes(b"not a photo at all")
    with pytest.raises(LocationUnavailable, match="not a photo"):
        position_from_photo(text)
    fake = tmp_path / "fake.jpg"  # named like a photo, but garbage: no position in it
    fake.write_bytes(b"not a jpeg at all")
    with pytest.raises(LocationUnavailable, match="no GPS"):
        position_from_photo(fake)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(LocationUnavailable):
        position_from_photo(empty)
    with pytest.raises(LocationUnavailable):
        position_from_photo(tmp_path / "missing.jpg")


def test_position_from_the_address() -> None:
    found = position_from_address("贵州省贵阳市南明区花果园1号")
    assert found.source is LocationSource.GEOCODED
    assert found.detail == "南明区"
    with pytest.raises(LocationUnavailable):
        position_from_address("广东省广州市白云区某路")


# --- asset control ------------------------------------------------------------------------------


def car(engine: Engine, **changes: object) -> ControlInput:
    fields: dict[str, object] = {
        "asset_kind": AssetKind.VEHICLE,
        "measure": ControlMeasure.SEIZE,
        "effective_on": TODAY,
        "ruling_no": "（2026）黔01执200号之一",
        "asset_description": "白色小型普通客车一辆",
        "identifiers": {"plate_no": "贵A·12345"},
        "custodian": "本院涉案车辆停放场",
        "seal_numbers": ["GYZY-2026-00001"],
        "officer_ids": two(engine),
        "persons_present": ["郑十一"],
    }
    fields.update(changes)
    return ControlInput(**fields)  # type: ignore[arg-type]


def control(engine: Engine, data: ControlInput, regno: str = "WQ-2026-000102") -> str:
    return record_control(
        engine, task_id(engine, regno), data, actor=ACTOR, now=NOW, today=TODAY,
        changes=OutboxSink(),
    ).id  # fmt: skip


def test_a_seizure_expires_after_its_legal_period(workspace: Workspace) -> None:
    engine = workspace.engine
    due = expiry(car(engine), today=TODAY)
    assert due.expires_on == date(2028, 3, 15)
    assert due.period_months == 24
    assert due.days_left == (date(2028, 3, 15) - TODAY).days
    assert "第四百八十五条" in due.basis
    control_id = control(engine, car(engine))
    assert queued(engine, control_id) == ["asset_control"]
    page = load_page(engine, task_id(engine, "WQ-2026-000102"), today=TODAY)
    (row,) = page.controls
    assert row.expires_on == date(2028, 3, 15)
    assert row.days_left == due.days_left


def test_shorter_period_and_too_long_one(workspace: Workspace) -> None:
    engine = workspace.engine
    assert expiry(car(engine, period_months=6), today=TODAY).expires_on == date(2026, 9, 15)
    with pytest.raises(PeriodTooLong):
        expiry(car(engine, period_months=25), today=TODAY)
    assert [p.code for p in control_problems(car(engine, period_months=25), today=TODAY)] == [
        "period_too_long"
    ]


def test_on_site_seizure_rules_refuse_then_pass(workspace: Workspace) -> None:
    engine = workspace.engine
    lone = car(engine, officer_ids=[staff_id(engine, "张三")])
    with pytest.raises(StatutoryCheckFailed, match="two officers"):
        control(engine, lone)
    nobody = car(engine, persons_present=[])
    with pytest.raises(StatutoryCheckFailed, match="persons present"):
        control(engine, nobody)
    assert count(engine, "asset_control") == 0
    control(engine, car(engine))
    assert count(engine, "asset_control") == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ruling_no": "  "}, "invalid_field.ruling_no.empty"),
        ({"asset_description": ""}, "invalid_field.asset_description.empty"),
        ({"identifiers": {}}, "invalid_field.plate_no.one_of"),
        ({"effective_on": TODAY + timedelta(days=1)}, "invalid_field.effective_on.future"),
        ({"effective_on": date(2019, 1, 1)}, "invalid_field.effective_on.too_old"),
        ({"measure": ControlMeasure.FREEZE}, "invalid_field.measure.kind"),
        ({"seal_numbers": ["封" * 65]}, "invalid_field.seal_numbers.too_long"),
        ({"custodian": "x" * 10_000}, "invalid_field.custodian.too_long"),
        ({"measure": ControlMeasure.RENEW}, "asset_control_refused.no_previous"),
    ],
)
def test_bad_control_input(workspace: Workspace, changes: dict[str, object], code: str) -> None:
    engine = workspace.engine
    data = car(engine, **changes)
    assert [p.code for p in control_problems(data, today=TODAY)] == [code]
    with pytest.raises(DomainError):
        control(engine, data)
    assert count(engine, "asset_control") == 0


def test_renewal_runs_on_from_the_expiry_and_release_ends_it(workspace: Workspace) -> None:
    engine = workspace.engine
    deposit = ControlInput(
        asset_kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.FREEZE,
        effective_on=date(2025, 4, 1),
        ruling_no="（2026）黔01执200号之二",
        asset_description="账户内存款",
        identifiers={"account_no": "6222000011112222", "bank": "中国工商银行贵阳分行"},
    )
    control(engine, deposit)
    assignment = task_id(engine, "WQ-2026-000102")
    (frozen,) = open_controls(engine, assignment)
    assert frozen.expires_on == date(2026, 3, 31)
    renewal = ControlInput(
        asset_kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.RENEW,
        effective_on=TODAY,
        ruling_no="（2026）黔01执200号之三",
        asset_description=frozen.asset_description,
        identifiers=dict(frozen.identifiers),
        previous=frozen,
    )
    due = expiry(renewal, today=TODAY)
    assert (due.effective_on, due.expires_on) == (date(2026, 4, 1), date(2027, 3, 31))
    control(engine, renewal)
    # The frozen measure is followed now: only the renewal may be renewed or released.
    with pytest.raises(AssetControlRefused, match="renewed or released already"):
        control(engine, renewal)
    (renewed,) = open_controls(engine, assignment)
    assert renewed.measure is ControlMeasure.RENEW
    release = ControlInput(**{**{n: getattr(renewal, n) for n in ControlInput.__slots__},
                              "measure": ControlMeasure.RELEASE, "previous": renewed})  # fmt: skip
    control(engine, release)
    assert open_controls(engine, assignment) == []


def test_a_renewal_after_expiry_is_too_late(workspace: Workspace) -> None:
    engine = workspace.engine
    control(engine, ControlInput(
        asset_kind=AssetKind.BANK_DEPOSIT, measure=ControlMeasure.FREEZE,
        effective_on=date(2025, 3, 1), ruling_no="R1", asset_description="存款",
        identifiers={"account_no": "6222000011112222", "bank": "工行"},
    ))  # fmt: skip
    (frozen,) = open_controls(engine, task_id(engine, "WQ-2026-000102"))
    late = ControlInput(
        asset_kind=AssetKind.BANK_DEPOSIT, measure=ControlMeasure.RENEW, effective_on=TODAY,
        ruling_no="R2", asset_description="存款",
        identifiers={"account_no": "6222000011112222", "bank": "工行"}, previous=frozen,
    )  # fmt: skip
    with pytest.raises(RenewalTooLate):
        expiry(late, today=TODAY)


# --- history ----------------------------------------------------------------------------------


def test_history_lists_every_change(workspace: Workspace) -> None:
    engine = workspace.engine
    assignment = task_id(engine, "WQ-2026-000102")
    change_record(engine, "assignment", assignment, {"status": "in_progress"})
    visit(engine, "WQ-2026-000102", VisitInput(ARRIVED, VisitOutcome.NOT_AT_HOME,
                                               officer_ids=two(engine)))  # fmt: skip
    control(engine, car(engine))
    page = load_page(engine, assignment, today=TODAY)
    kinds = [(entry.kind, entry.entity) for entry in page.history]
    assert ("created", "assignment") in kinds
    assert ("changed", "assignment") in kinds
    assert ("recorded", "visit_attempt") in kinds
    assert ("recorded", "asset_control") in kinds
    changed = next(e for e in page.history if e.kind == "changed")
    assert ("status", "in_progress") in changed.fields
    assert changed.state == "pending"
    assert page.history == tuple(sorted(page.history, key=lambda e: e.at, reverse=True))
    assert page.overview.days_left == (date(2026, 4, 2) - TODAY).days
    assert [p.name for p in page.squad_officers][:1] == ["张三"]


def _status(engine: Engine, task: str) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(select(Assignment.status).where(Assignment.id == task)).scalar_one()
        )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS),
        (AssignmentStatus.IN_PROGRESS, AssignmentStatus.IN_PROGRESS),
        (AssignmentStatus.ROUTED, AssignmentStatus.ROUTED),
    ],
)
def test_the_first_visit_starts_the_work(
    workspace: Workspace, before: AssignmentStatus, after: AssignmentStatus
) -> None:
    engine = workspace.engine
    task = task_id(engine, "WQ-2026-000001")
    change_record(engine, "assignment", task, {"status": before})
    data = VisitInput(
        arrived_at=ARRIVED,
        left_at=NOW,
        outcome=VisitOutcome.NOT_AT_HOME,
        officer_ids=[staff_id(engine, "张三")],
    )
    visit(engine, "WQ-2026-000001", data)
    assert _status(engine, task) == after
    # The move is queued for the central store with the visit, in the same transaction.
    assert queued(engine, task).count("assignment") == (2 if before != after else 1)


def test_a_refused_visit_leaves_the_status_alone(workspace: Workspace) -> None:
    engine = workspace.engine
    task = task_id(engine, "WQ-2026-000001")
    change_record(engine, "assignment", task, {"status": AssignmentStatus.ASSIGNED})
    refused = VisitInput(arrived_at=NOW, left_at=ARRIVED, outcome=VisitOutcome.MET)
    with pytest.raises(DomainError):
        visit(engine, "WQ-2026-000001", refused)
    assert _status(engine, task) == AssignmentStatus.ASSIGNED
