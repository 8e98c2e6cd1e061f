"""The Escalations and Overdue sections: the inbox merges the central store's records with the
laptop's own computation, Ctrl+Enter acknowledges through the outbox, the badge counts what
is left, and the overdue list sorts by any column."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, update

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.workspace import Workspace
from fieldapp.storage.casework import Assignment
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.escalation_badge import EscalationBadge, install_escalation_badge
from fieldapp.ui.escalation_model import Column as EColumn
from fieldapp.ui.escalation_section import SECTION as ESCALATIONS
from fieldapp.ui.escalation_section import EscalationSection
from fieldapp.ui.overdue_model import Column
from fieldapp.ui.overdue_section import OverdueSection
from fieldapp.ui.sections import WindowContext
from tests.ui.sample_data import TODAY

TIMEOUT = 10_000
RAISED = datetime(2026, 3, 11, 1, 0, tzinfo=UTC)


def ids(workspace: Workspace) -> dict[str, str]:
    with workspace.engine.connect() as connection:
        staff = dict(connection.execute(select(StaffMember.display_name, StaffMember.id)).all())
        regs = dict(connection.execute(select(Assignment.registration_no, Assignment.id)).all())
    return {**staff, **regs}


@pytest.fixture
def people(workspace: Workspace) -> dict[str, str]:
    """The sample data with a lead for S1 and the central store's record of a level-2
    escalation of WQ-2026-000001 (overdue since 2026-03-10) raised to that lead."""
    with workspace.engine.begin() as connection:
        connection.execute(
            insert(StaffMember).values(
                id="lead-s1", username="lead1", display_name="王组长", role=Role.LEAD,
                squad_code="S1",
            )
        )  # fmt: skip
        connection.execute(update(Squad).where(Squad.code == "S1").values(lead_id="lead-s1"))
    known = ids(workspace)
    with workspace.engine.begin() as connection:
        connection.execute(
            insert(Escalation).values(
                id="esc-2", version=1, assignment_id=known["WQ-2026-000001"], level=2,
                reason="二级督办：外勤任务WQ-2026-000001（送达）办理期限至2026年3月10日，"
                "已达督办规则“超过办理期限”，报组长督办。",
                raised_at=RAISED, raised_to="lead-s1",
            )
        )  # fmt: skip
    return known


def context(
    workspace: Workspace, runner: BackgroundRunner, user: str, role: Role, **extra: Any
) -> WindowContext:
    return WindowContext(
        engine=workspace.engine,
        actor=Actor(user_id=user, device_id="laptop-1"),
        role=role,
        squad_code="S1",
        display_name="test",
        blobs_dir=Path(workspace.blobs_dir),
        runner=runner,
        today=lambda: TODAY,
        **extra,
    )


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[BackgroundRunner]:
    made = BackgroundRunner()
    yield made
    made.shutdown()


def opened(qtbot: QtBot, section: Any) -> Any:
    """``section`` once its first load (started by its constructor) has arrived."""
    qtbot.addWidget(section)
    section.resize(1000, 480)
    section.show()
    with qtbot.waitSignal(section.sig_rows_loaded, timeout=TIMEOUT):
        pass
    return section


def reload(qtbot: QtBot, section: Any) -> None:
    with qtbot.waitSignal(section.sig_rows_loaded, timeout=TIMEOUT):
        section.refresh()


def outbox(workspace: Workspace) -> list[dict[str, Any]]:
    with workspace.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(OutboxOp))]


def states(section: EscalationSection) -> list[tuple[str, str, str]]:
    model = section.model
    return [
        (
            model.index(row, EColumn.LEVEL).data(),
            model.index(row, EColumn.ITEM).data(),
            model.index(row, EColumn.STATE).data(),
        )
        for row in range(model.rowCount())
    ]


def test_lead_sees_the_servers_record_once_and_acknowledges_it(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    opened_ids: list[str] = []
    ctx = context(workspace, runner, "lead-s1", Role.LEAD, open_assignment=opened_ids.append)
    section = opened(qtbot, EscalationSection(ctx, None))
    # WQ-1 at level 2 comes from the server (no duplicate from the laptop's own computation);
    # WQ-4 (routed, no officer, due 03-15) and WQ-1's level 1 are the laptop's, provisional.
    rows = states(section)
    assert ("Level 2", "WQ-2026-000001", "Not acknowledged") in rows
    assert rows.count(("Level 2", "WQ-2026-000001", "Not acknowledged")) == 1
    assert ("Level 2", "WQ-2026-000004", "Computed on this laptop") in rows
    assert "2 in all" not in section.summary.text()
    section.table.selectRow(rows.index(("Level 2", "WQ-2026-000001", "Not acknowledged")))
    assert section.history.count() == 1
    assert "王组长" in section.history.item(0).text()
    section.table.setFocus()
    with qtbot.waitSignal(section.sig_rows_loaded, timeout=TIMEOUT):
        qtbot.keyClick(section.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (op,) = outbox(workspace)
    assert (op["entity"], op["record_id"], op["kind"]) == ("escalation", "esc-2", "update")
    assert '"acknowledged_by":"lead-s1"' in op["payload"]
    assert ("Level 2", "WQ-2026-000001", "Not acknowledged") not in states(section)
    assert "Acknowledged; it reaches the central store" in section.message.text()
    qtbot.keyClick(section.table, Qt.Key.Key_Return)  # plain Enter opens the task
    assert opened_ids == [section.selected().assignment_id]  # type: ignore[union-attr]
    # A second Ctrl+Enter on the same row writes nothing more.
    section.table.selectRow(section.model.row_of(("assignment", people["WQ-2026-000001"], 2)))
    section.acknowledge_selected()
    assert "already" in section.message.text()
    assert len(outbox(workspace)) == 1


def test_provisional_escalations_cannot_be_acknowledged(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    officer = people["张三"]
    section = opened(
        qtbot, EscalationSection(context(workspace, runner, officer, Role.OFFICER), None)
    )
    rows = states(section)
    # WQ-1 (张三's, overdue): level 1 reaches the officer, computed here as the server has none.
    assert rows == [("Level 1", "WQ-2026-000001", "Computed on this laptop")]
    section.table.selectRow(0)
    section.acknowledge_selected()
    assert "computed on this laptop" in section.message.text()
    assert not section.acknowledge_button.isEnabled()
    assert outbox(workspace) == []
    # The server's record arrives (a pull): it takes the provisional one's place.
    with workspace.engine.begin() as connection:
        connection.execute(
            insert(Escalation).values(
                id="esc-1", version=1, assignment_id=people["WQ-2026-000001"], level=1,
                reason="一级督办", raised_at=RAISED, raised_to=officer,
            )
        )  # fmt: skip
    reload(qtbot, section)
    assert states(section) == [("Level 1", "WQ-2026-000001", "Not acknowledged")]
    assert section.acknowledge_button.isEnabled()


def test_someone_elses_escalation_is_refused(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    from fieldapp.services.escalation_ack import CannotAcknowledge, acknowledge

    actor = Actor(user_id=people["张三"], device_id="laptop-1")
    for record_id, reason in (
        ("esc-2", "not_recipient"),
        ("no-such", "not_found"),
        ("", "not_found"),
        ("x" * 5000, "not_found"),
    ):
        with pytest.raises(CannotAcknowledge) as refused:
            acknowledge(workspace.engine, record_id, actor=actor, now=RAISED)
        assert refused.value.reason == reason
    assert outbox(workspace) == []


class FakeSync(QObject):
    sig_synced = Signal(object)


def test_badge_counts_and_follows_sync_and_acknowledgement(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    navigation = QListWidget()
    qtbot.addWidget(navigation)
    item = QListWidgetItem(ESCALATIONS.title())
    item.setData(Qt.ItemDataRole.UserRole, ESCALATIONS.key)
    navigation.addItem(item)
    sync = FakeSync()
    ctx = context(workspace, runner, "lead-s1", Role.LEAD, sync=sync)
    assert (
        install_escalation_badge(navigation, context(workspace, runner, "lead-s1", Role.LEAD))
        is None
    )
    badge = install_escalation_badge(navigation, ctx)
    assert isinstance(badge, EscalationBadge)
    qtbot.waitUntil(lambda: item.text() != "Escalations", timeout=TIMEOUT)
    first = badge.count
    assert first >= 2
    assert item.text() == f"Escalations ({first})"
    # A pull brings an acknowledgement made on another laptop: the badge follows the sync.
    with workspace.engine.begin() as connection:
        connection.execute(
            update(Escalation)
            .where(Escalation.id == "esc-2")
            .values(acknowledged_at=RAISED, acknowledged_by="lead-s1")
        )
    sync.sig_synced.emit(object())
    qtbot.waitUntil(lambda: badge.count == first - 1, timeout=TIMEOUT)
    assert item.text() == f"Escalations ({first - 1})"


def overdue_rows(section: OverdueSection) -> list[tuple[str, ...]]:
    model = section.model
    return [
        tuple(
            model.index(row, column).data()
            for column in (Column.REGISTRATION_NO, Column.DAYS, Column.LEVEL)
        )
        for row in range(model.rowCount())
    ]


def test_overdue_list_for_supervisor_and_lead_sorts_by_any_column(
    qtbot: QtBot, workspace: Workspace, runner: BackgroundRunner, people: dict[str, str]
) -> None:
    section = opened(
        qtbot, OverdueSection(context(workspace, runner, "sup", Role.SUPERVISOR), None)
    )
    # Due 03-01 (15 days), 03-10 (6 days), 03-15 (1 day); 03-16 itself is still on time.
    assert overdue_rows(section) == [
        ("WQ-2026-000006", "15", "Level 2"),
        ("WQ-2026-000001", "6", "Level 2"),
        ("WQ-2026-000004", "1", "Level 2"),
    ]
    section.table.sortByColumn(Column.REGISTRATION_NO.value, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in overdue_rows(section)] == [
        "WQ-2026-000001", "WQ-2026-000004", "WQ-2026-000006",
    ]  # fmt: skip
    section.table.sortByColumn(Column.DAYS.value, Qt.SortOrder.AscendingOrder)
    assert [row[1] for row in overdue_rows(section)] == ["1", "6", "15"]
    opened_ids: list[str] = []
    lead = opened(
        qtbot,
        OverdueSection(
            context(workspace, runner, "lead-s1", Role.LEAD, open_assignment=opened_ids.append),
            None,
        ),
    )
    assert [row[0] for row in overdue_rows(lead)] == ["WQ-2026-000001", "WQ-2026-000004"]
    lead.table.setFocus()
    lead.table.selectRow(0)
    qtbot.keyClick(lead.table, Qt.Key.Key_Return)
    assert opened_ids == [people["WQ-2026-000001"]]


def test_screenshots_in_chinese(
    qtbot: QtBot,
    workspace: Workspace,
    runner: BackgroundRunner,
    people: dict[str, str],
    chinese: None,
) -> None:
    inbox = opened(qtbot, EscalationSection(context(workspace, runner, "lead-s1", Role.LEAD), None))
    inbox.resize(1000, 480)
    inbox.table.selectRow(0)
    assert "未确认" in inbox.summary.text()
    overdue = opened(
        qtbot, OverdueSection(context(workspace, runner, "sup", Role.SUPERVISOR), None)
    )
    overdue.resize(900, 300)
    assert overdue.model.headerData(Column.DAYS.value, Qt.Orientation.Horizontal) == "超期天数"
    navigation = QListWidget()
    qtbot.addWidget(navigation)
    for key, title in (("queue", "外勤任务"), (ESCALATIONS.key, ESCALATIONS.title())):
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        navigation.addItem(item)
    sync = FakeSync()
    badge = install_escalation_badge(
        navigation, context(workspace, runner, "lead-s1", Role.LEAD, sync=sync)
    )
    assert badge is not None
    qtbot.waitUntil(lambda: badge.count > 0, timeout=TIMEOUT)
    assert navigation.item(1).text() == f"督办 ({badge.count})"
    navigation.resize(200, 80)
    folder = os.environ.get("FIELDAPP_SCREENSHOTS")
    if folder:
        navigation.grab().save(str(Path(folder) / "badge.png"))
        inbox.grab().save(str(Path(folder) / "escalations.png"))
        overdue.grab().save(str(Path(folder) / "overdue.png"))
