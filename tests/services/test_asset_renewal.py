"""Renewing a control on a frozen day: the renewal record linked to the control it continues,
its expiry from the legal period, the ruling and the notice to assist issued with it in one
transaction with the outbox; and every refusal, which writes nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from fieldapp.domain.enums import AssetKind, ControlMeasure, OpKind
from fieldapp.domain.errors import PeriodTooLong
from fieldapp.notices.numbering import NumbersExhausted
from fieldapp.services.asset_renewal import Renewal, RenewalRefused, renew
from fieldapp.services.asset_watch import watch_list
from fieldapp.services.changes import OutboxSink
from fieldapp.storage.fieldwork import AssetControl, Notice
from fieldapp.storage.local_tables import NoticeNumberBlock, OutboxOp
from tests.support.asset_world import add_case, add_control, add_task, empty_engine
from tests.support.notice_data import ACTOR, lease_locally

CASE_NUMBER = "（2025）黔01执100号"
# 10:30 in Guiyang on 2026-11-27: the court's day is the 27th.
NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="no poppler-utils")


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = empty_engine(tmp_path)
    lease_locally(engine, [CASE_NUMBER])
    return engine


@pytest.fixture
def case(engine: Engine) -> str:
    return add_case(engine, CASE_NUMBER, closed_for_now_on=date(2025, 6, 1))


def _renew(engine: Engine, control_id: str, now: datetime = NOW, **kwargs: Any) -> Renewal:
    return renew(engine, control_id, actor=ACTOR, now=now, changes=OutboxSink(), **kwargs)


def _counts(engine: Engine) -> tuple[int, int, int, list[int]]:
    with engine.connect() as connection:
        controls = connection.execute(select(func.count()).select_from(AssetControl)).scalar()
        notices = connection.execute(select(func.count()).select_from(Notice)).scalar()
        ops = connection.execute(select(func.count()).select_from(OutboxOp)).scalar()
        numbers = list(connection.execute(select(NoticeNumberBlock.next_number)).scalars())
    return int(controls or 0), int(notices or 0), int(ops or 0), numbers


def test_renewal_before_expiry_links_dates_and_issues_both_documents(
    engine: Engine, case: str, tmp_path: Path
) -> None:
    task = add_task(engine, case)
    # Sealed 2023-12-21 for three years: the last day is 2026-12-20, 23 days from today.
    sealed = add_control(engine, case, effective_on=date(2023, 12, 21), assignment_id=task)
    renewal = _renew(engine, sealed, blobs_dir=tmp_path / "blobs")

    plan = renewal.plan
    assert plan.previous_expires_on == date(2026, 12, 20)
    assert plan.effective_on == date(2026, 12, 21)  # no gap, no overlap
    assert plan.expires_on == date(2029, 12, 20)  # three more years (民诉法解释 第485条)
    assert plan.renewed_on == TODAY
    with engine.connect() as connection:
        row = connection.execute(
            select(AssetControl).where(AssetControl.id == renewal.control_id)
        ).one()
        ops = connection.execute(select(OutboxOp).order_by(OutboxOp.seq)).all()
        notices = connection.execute(select(Notice).order_by(Notice.document_number)).all()
    assert row.renews_id == sealed
    assert row.measure is ControlMeasure.RENEW
    assert (row.effective_on, row.expires_on, row.period_months) == (
        date(2026, 12, 21),
        date(2029, 12, 20),
        36,
    )
    assert row.assignment_id == task
    assert row.case_id == case
    # The renewal carries the number of the ruling that orders it; the notice encloses it.
    assert row.ruling_no == renewal.ruling.document_number
    assert renewal.assistance.document_number != renewal.ruling.document_number
    assert notices[0].field_values["previous_ruling_no"] == "（2025）黔01执100号之一"
    assert notices[1].field_values["ruling_no"] == renewal.ruling.document_number
    assert {n.template_code for n in notices} == {"renewal_ruling", "assistance_notice"}
    assert all(n.assignment_id == task for n in notices)
    # Three records, three ops, all inserts, in the order they were written.
    assert [(op.entity, op.record_id, op.kind) for op in ops] == [
        ("notice", renewal.ruling.id, OpKind.INSERT),
        ("asset_control", renewal.control_id, OpKind.INSERT),
        ("notice", renewal.assistance.id, OpKind.INSERT),
    ]
    # The PDFs were kept in the content store before the records committed.
    assert renewal.ruling.pdf_path is not None
    assert renewal.ruling.pdf_path.read_bytes() == renewal.ruling.pdf
    # On the watch list the chain now stands at the renewal.
    [watched] = watch_list(engine, TODAY)
    assert watched.control_id == renewal.control_id
    assert watched.days_left == (date(2029, 12, 20) - TODAY).days
    assert watched.renewals == 1


@needs_poppler
def test_the_drafted_documents_say_what_is_renewed_and_why(
    engine: Engine, case: str, tmp_path: Path
) -> None:
    frozen = add_control(
        engine, case, effective_on=date(2025, 12, 5), kind=AssetKind.BANK_DEPOSIT,
        measure=ControlMeasure.FREEZE, description="被执行人黄超在贵州银行开立账户内的存款",
    )  # fmt: skip
    renewal = _renew(engine, frozen)
    texts = {}
    for notice in (renewal.ruling, renewal.assistance):
        path = tmp_path / f"{notice.template_code}.pdf"
        path.write_bytes(notice.pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
        )
        texts[notice.template_code] = re.sub(r"\s+", "", out.stdout)
    ruling, assistance = texts["renewal_ruling"], texts["assistance_notice"]
    assert "执行裁定书" in ruling
    assert "续行冻结被执行人黄超的上述财产" in ruling
    assert "续行冻结期限一年，自2026年12月5日起至2027年12月4日止" in ruling
    assert "冻结期限一年，自2025年12月5日起至2026年12月4日止" in ruling
    assert "第四百八十五条" in ruling
    # The unconfirmed article of the 查封扣押冻结规定 is kept for review, never printed.
    assert "第三十条" not in ruling
    assert "协助执行通知书" in assistance
    assert f"{renewal.ruling.document_number}执行裁定书" in assistance
    assert "续行冻结上述财产（原冻结期限至2026年12月4日止）" in assistance
    assert "贵阳市不动产登记中心" in assistance


def test_renewal_on_the_last_day_is_still_in_time(engine: Engine, case: str) -> None:
    control = add_control(engine, case, effective_on=date(2023, 11, 28))  # ends today
    renewal = _renew(engine, control)
    assert renewal.plan.effective_on == date(2026, 11, 28)


def test_a_renewal_can_itself_be_renewed(engine: Engine, case: str) -> None:
    control = add_control(engine, case, effective_on=date(2023, 12, 21))
    first = _renew(engine, control)
    later = NOW + timedelta(days=3 * 365)  # 2029-11-26: before the renewal ends
    second = _renew(engine, first.control_id, now=later)
    assert second.plan.previous_expires_on == date(2029, 12, 20)
    assert second.plan.expires_on == date(2032, 12, 20)
    assert second.plan.original_id == control


def test_a_shorter_period_may_be_chosen_but_not_a_longer_one(engine: Engine, case: str) -> None:
    control = add_control(engine, case, effective_on=date(2023, 12, 21))
    before = _counts(engine)
    with pytest.raises(PeriodTooLong):
        _renew(engine, control, months=37)
    assert _counts(engine) == before
    renewal = _renew(engine, control, months=12)
    assert renewal.plan.expires_on == date(2027, 12, 20)


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("expired", "expired"),
        ("renewed", "renewed"),
        ("released", "released"),
        ("released_earlier_link", "released"),
        ("release_record", "not_a_control"),
        ("unknown", "not_found"),
        ("deleted", "not_found"),
        ("no_expiry", "no_expiry"),
        ("hostile_id", "not_found"),
    ],
)
def test_refusals_name_the_reason_and_write_nothing(
    engine: Engine, case: str, setup: str, reason: str
) -> None:
    control = add_control(engine, case, effective_on=date(2023, 12, 21))
    if setup == "expired":
        control = add_control(engine, case, effective_on=date(2023, 11, 27))  # ended yesterday
    elif setup == "renewed":
        add_control(engine, case, effective_on=date(2026, 12, 21), renews_id=control,
                    measure=ControlMeasure.RENEW)  # fmt: skip
    elif setup == "released":
        add_control(engine, case, effective_on=date(2026, 3, 1), renews_id=control,
                    measure=ControlMeasure.RELEASE)  # fmt: skip
    elif setup == "released_earlier_link":
        old = add_control(engine, case, effective_on=date(2020, 12, 21))
        control = add_control(engine, case, effective_on=date(2023, 12, 21), renews_id=old,
                              measure=ControlMeasure.RENEW)  # fmt: skip
        add_control(engine, case, effective_on=date(2026, 3, 1), renews_id=old,
                    measure=ControlMeasure.RELEASE)  # fmt: skip
    elif setup == "release_record":
        control = add_control(engine, case, effective_on=date(2026, 3, 1), renews_id=control,
                              measure=ControlMeasure.RELEASE)  # fmt: skip
    elif setup == "unknown":
        control = "019adcc9-bd00-72bf-8c6b-000000000000"
    elif setup == "deleted":
        control = add_control(engine, case, effective_on=date(2023, 12, 21), deleted=True)
    elif setup == "no_expiry":
        control = add_control(engine, case, effective_on=date(2025, 1, 1), expires_on=None,
                              kind=AssetKind.OTHER, measure=ControlMeasure.FREEZE)  # fmt: skip
        with engine.begin() as connection:
            connection.execute(
                AssetControl.__table__.update()
                .where(AssetControl.id == control)
                .values(expires_on=None)
            )
    elif setup == "hostile_id":
        control = "'; DROP TABLE asset_control; --" + "x" * 10_000
    before = _counts(engine)
    with pytest.raises(RenewalRefused) as refused:
        _renew(engine, control)
    assert refused.value.code == f"renewal_refused.{reason}"
    assert refused.value.message  # a sentence for the officer
    assert _counts(engine) == before  # no record, no notice, no op, no number used


def test_the_expired_refusal_says_to_control_the_asset_anew(engine: Engine, case: str) -> None:
    control = add_control(engine, case, effective_on=date(2023, 11, 1))
    with pytest.raises(RenewalRefused, match="2026-10-31.*anew"):
        _renew(engine, control)


def test_without_document_numbers_nothing_is_written(tmp_path: Path) -> None:
    engine = empty_engine(tmp_path / "no-numbers")
    case = add_case(engine, CASE_NUMBER)
    control = add_control(engine, case, effective_on=date(2023, 12, 21))
    before = _counts(engine)
    with pytest.raises(NumbersExhausted):
        _renew(engine, control)
    assert _counts(engine) == before


def test_the_second_document_failing_rolls_back_the_first(engine: Engine, case: str) -> None:
    control = add_control(engine, case, effective_on=date(2023, 12, 21))
    # Exactly one number left: the ruling takes it, the notice to assist finds none.
    with engine.begin() as connection:
        connection.execute(
            NoticeNumberBlock.__table__.update().values(next_number=NoticeNumberBlock.last_number)
        )
    before = _counts(engine)
    with pytest.raises(NumbersExhausted):
        _renew(engine, control)
    assert _counts(engine) == before
