"""The notice dialogs: preview pages rendered in the background, issue, save; batch issue
with its progress bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from fieldapp.services.notices_issue import prepare
from fieldapp.storage.fieldwork import Notice
from fieldapp.ui.notice_batch_dialog import BatchIssueDialog
from fieldapp.ui.notice_dialog import NoticeDialog
from fieldapp.ui.notice_pages import render_pages
from fieldapp.ui.notice_print import make_printer
from tests.support.notice_data import ACTOR, NOW, demo_engine, lease_locally, pick_tasks

TIMEOUT_MS = 20_000


def test_preview_issue_and_save(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    draft = prepare(engine, "execution_notice", assignment_id=picks.service)
    dialog = NoticeDialog(engine, draft, ACTOR, blobs_dir=tmp_path / "blobs", now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    # waitUntil, not waitSignal: with PySide6 6.12, pytest-qt's signal blocker on these
    # dialogs crashes the interpreter after the test (a use-after-free inside Qt).
    qtbot.waitUntil(lambda: dialog.pages.page_count >= 1, timeout=TIMEOUT_MS)
    assert "之一" in dialog.number_label.text()
    assert dialog.issue_button.isEnabled()
    assert not dialog.save_button.isEnabled()

    deadline = dialog.findChild(QLineEdit, "field_deadline")
    assert deadline is not None
    deadline.setText("自本通知书送达之日起五日内")
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=TIMEOUT_MS)
    notice = dialog.issued
    assert notice is not None
    assert notice.document_number.endswith("之一")
    assert dialog.save_button.isEnabled()
    saved = dialog.save_notice(tmp_path / "out.pdf")
    assert saved is not None
    assert saved.read_bytes() == notice.pdf
    with engine.connect() as connection:
        values = connection.execute(select(Notice.field_values)).scalar_one()
    assert values["deadline"] == "自本通知书送达之日起五日内"
    dialog.close()


def test_a_missing_field_disables_issue_and_says_which(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    draft = prepare(engine, "online_auction_notice", assignment_id=picks.asset_task)
    dialog = NoticeDialog(engine, draft, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.missing_label.text()), timeout=TIMEOUT_MS)
    assert not dialog.issue_button.isEnabled()
    text = dialog.missing_label.text()
    assert "起拍价" in text
    assert "(starting_price)" not in text  # the label, not the template's field name
    assert "Not entered here" not in text  # every missing field is typed in this dialog
    dialog.close()


def test_fields_that_come_from_records_are_named_as_such(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    # A service task has no asset control: the property's name cannot be typed here.
    draft = prepare(engine, "assistance_notice", assignment_id=picks.service)
    editable = {spec.name for spec in draft.template.fields if spec.editable}
    from_records = [f for f in draft.missing if f.name not in editable]
    assert from_records
    dialog = NoticeDialog(engine, draft, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.missing_label.text()), timeout=TIMEOUT_MS)
    required, _, said = dialog.missing_label.text().partition("Not entered here")
    assert said
    assert all(f.label in said for f in from_records)
    assert not any(f"({f.name})" in required + said for f in draft.missing)
    dialog.close()


def test_batch_issue_fills_the_progress_bar(qtbot: QtBot, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    tasks = [picks.asset_task, picks.service]
    dialog = BatchIssueDialog(engine, "seal_strip", tasks, ACTOR, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: len(dialog.issued) == 2, timeout=TIMEOUT_MS)
    assert dialog.progress.value() == dialog.progress.maximum() == 2
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Notice)).scalar_one() == 2
    dialog.close()


def test_pages_render_for_printing(qapp: object, tmp_path: Path) -> None:
    engine = demo_engine(tmp_path)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    from fieldapp.services.notices_issue import preview

    rendered, _ = preview(
        engine, prepare(engine, "seal_strip", assignment_id=picks.asset_task), now=NOW
    )
    pages = render_pages(rendered.pdf, 50)
    assert len(pages) == rendered.pages
    assert pages[0].width() > pages[0].height()  # the strips are laid out landscape
    assert make_printer().fullPage()
