"""Recording service in the window: each statutory check refuses with the rule it names and
keeps nothing; a complete record is kept and queued for sync."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from fieldapp.domain.enums import ServiceMethod
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_issue import issue, prepare
from fieldapp.storage.fieldwork import ServiceRecord
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.ui.service_dialog import ServiceDialog
from tests.support.notice_data import ACTOR, NOW, demo_engine, lease_locally, pick_tasks


def issued_notice(tmp_path: Path) -> tuple[Engine, str, str]:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    draft = prepare(engine, "execution_notice", assignment_id=picks.service)
    notice = issue(engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    return engine, notice.id, notice.document_number


def choose(dialog: ServiceDialog, method: ServiceMethod) -> None:
    dialog.method.setCurrentIndex(dialog.method.findData(method.value))


def services(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(ServiceRecord)).scalar())


def test_refused_service_needs_a_reason_and_a_witness(qtbot: QtBot, tmp_path: Path) -> None:
    engine, notice_id, number = issued_notice(tmp_path)
    dialog = ServiceDialog(engine, notice_id, number, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.served_at.setDateTime(
        dialog.served_at.dateTime().fromSecsSinceEpoch(int(NOW.timestamp()))
    )
    choose(dialog, ServiceMethod.LEFT_WITH_WITNESS)
    dialog.recipient.setText("王五")
    dialog.record()
    assert "第89条" in dialog.error.text()
    assert dialog.served is None
    dialog.refusal_reason.setText("拒绝签收")
    dialog.record()
    assert "witness" in dialog.error.text()
    assert services(engine) == 0
    dialog.witness.setText("社区网格员 李四")
    dialog.record()
    assert dialog.served is not None
    assert dialog.served.method is ServiceMethod.LEFT_WITH_WITNESS
    assert services(engine) == 1
    with engine.connect() as connection:
        queued = connection.execute(
            select(OutboxOp.entity).where(OutboxOp.record_id == dialog.served.id)
        ).scalar()
    assert queued == "service_record"


def test_posting_needs_a_photo_or_video(qtbot: QtBot, tmp_path: Path) -> None:
    engine, notice_id, number = issued_notice(tmp_path)
    dialog = ServiceDialog(engine, notice_id, number, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.served_at.setDateTime(
        dialog.served_at.dateTime().fromSecsSinceEpoch(int(NOW.timestamp()))
    )
    choose(dialog, ServiceMethod.POSTED)
    dialog.record()
    assert "第138条" in dialog.error.text()
    assert services(engine) == 0


def test_service_in_the_future_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    engine, notice_id, number = issued_notice(tmp_path)
    dialog = ServiceDialog(engine, notice_id, number, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    later = int(NOW.timestamp()) + 3 * 86400
    dialog.served_at.setDateTime(dialog.served_at.dateTime().fromSecsSinceEpoch(later))
    choose(dialog, ServiceMethod.PERSONAL)
    dialog.recipient.setText("王五")
    dialog.record()
    assert "future" in dialog.error.text()
    assert services(engine) == 0
