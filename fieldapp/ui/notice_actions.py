"""The window's Notices menu: issue one notice for the selected task, or one per selected task."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from sqlalchemy import Engine

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.assignment_views import AssignmentRow
from fieldapp.ui.record_rights_labels import creation_refusal, show_refusal

if TYPE_CHECKING:  # notices load when one is first issued: the window starts without them
    from fieldapp.ui.notice_batch_dialog import BatchIssueDialog
    from fieldapp.ui.notice_dialog import NoticeDialog


class NoticeActions(QObject):
    def __init__(
        self,
        parent: QWidget,
        engine: Engine,
        actor: Actor,
        blobs_dir: Path,
        selected: Callable[[], list[AssignmentRow]],
        *,
        role: Role | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent, self._engine, self._actor = parent, engine, actor
        self._blobs_dir, self._selected = blobs_dir, selected
        self.action_issue = QAction(self.tr("&Issue notice…"), parent)
        self.action_issue.setShortcut(QKeySequence("Ctrl+P"))
        self.action_issue.triggered.connect(self.issue)
        self.action_batch = QAction(self.tr("Issue in &batch…"), parent)
        self.action_batch.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.action_batch.triggered.connect(self.issue_batch)
        self.dialog: NoticeDialog | BatchIssueDialog | None = None
        self._refusal = ""
        if role is not None:
            self.set_role(role)

    def set_role(self, role: Role) -> None:
        """Disable both actions, with the reason, for a role that may not issue notices."""
        self._refusal = creation_refusal(role, "notice")
        show_refusal(self.action_issue, self._refusal, enabled=True)
        show_refusal(self.action_batch, self._refusal, enabled=True)

    def issue(self) -> None:
        if self._refusal:
            return
        rows = self._selected()
        if len(rows) != 1:
            self._tell(self.tr("Select one task to issue a notice for."))
            return
        code = self._choose_template()
        if code is None:
            return
        from fieldapp.services.notices_issue import prepare
        from fieldapp.ui.notice_dialog import NoticeDialog

        draft = prepare(self._engine, code, assignment_id=rows[0].id)
        self.dialog = NoticeDialog(
            self._engine, draft, self._actor, blobs_dir=self._blobs_dir, parent=self._parent
        )
        self.dialog.open()

    def issue_batch(self) -> None:
        if self._refusal:
            return
        rows = self._selected()
        if not rows:
            self._tell(self.tr("Select the tasks to issue notices for."))
            return
        code = self._choose_template()
        if code is None:
            return
        from fieldapp.ui.notice_batch_dialog import BatchIssueDialog

        self.dialog = BatchIssueDialog(
            self._engine,
            code,
            [row.id for row in rows],
            self._actor,
            blobs_dir=self._blobs_dir,
            parent=self._parent,
        )
        self.dialog.open()

    def _choose_template(self) -> str | None:
        from fieldapp.notices.templates import default_library

        templates = list(default_library())
        labels = [f"{template.title} ({template.code})" for template in templates]
        label, chosen = QInputDialog.getItem(
            self._parent, self.tr("Notice"), self.tr("Which document:"), labels, 0, False
        )
        if not chosen:
            return None
        return templates[labels.index(label)].code

    def _tell(self, message: str) -> None:
        QMessageBox.information(self._parent, self.tr("Notices"), message)
