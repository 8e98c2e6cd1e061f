"""What the squad queue offers each role: the lead assigns (dialog, drag onto the officer
list); the supervisor reads every squad through a squad filter and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from fieldapp.domain.assigning import ASSIGNING_ROLES, AssignmentRefused
from fieldapp.domain.enums import Role
from fieldapp.services.assigning import (
    AssignChoices,
    Assigned,
    TasksRefused,
    assign,
    assign_choices,
    squad_officers,
)
from fieldapp.services.assignment_views import AssignmentRow, AssignmentViews
from fieldapp.ui.assign_dialog import AssignDialog, refused_text
from fieldapp.ui.background import report_unexpected
from fieldapp.ui.groups import ALL, GroupKey
from fieldapp.ui.officer_list import OfficerList
from fieldapp.ui.queue_view import QueueView
from fieldapp.ui.sections import WindowContext

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b71c1c;"
ASSIGN_SHORTCUT = "Ctrl+Shift+A"


def install_queue_tools(queue: QueueView, context: WindowContext) -> QObject | None:
    """Give ``queue`` what ``context.role`` may do there; returns the tools (kept by the queue)."""
    if context.role in ASSIGNING_ROLES:
        return AssignTools(queue, context)
    if context.role is Role.SUPERVISOR:
        return SquadFilter(queue, context)
    return None


class AssignTools(QObject):
    """Assign… (Ctrl+Shift+A) on the selected tasks, and drops onto the officer list."""

    def __init__(self, queue: QueueView, context: WindowContext) -> None:
        super().__init__(queue)
        self.setObjectName("assignTools")
        self._queue = queue
        self._context = context
        self._dialog: AssignDialog | None = None
        self.officers = OfficerList(queue)
        self.message = QLabel(self.officers)
        self.message.setObjectName("assignMessage")
        self.message.setAccessibleName(self.tr("Outcome of the last assignment"))
        self.message.setWordWrap(True)
        self.officers.add_footer(self.message)
        queue.add_side_panel(self.officers)
        queue.enable_task_drag()
        self.action = QAction(self.tr("&Assign…"), queue)
        self.action.setObjectName("assignAction")
        self.action.setShortcut(QKeySequence(ASSIGN_SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setStatusTip(self.tr("Give the selected tasks to an officer"))
        self.action.triggered.connect(self.open_dialog)
        queue.addAction(self.action)
        queue.table.addAction(self.action)
        queue.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.button = QPushButton(self.tr("Assign… (Ctrl+Shift+A)"), queue)
        self.button.setObjectName("assignButton")
        self.button.setAccessibleName(self.tr("Assign the selected tasks"))
        self.button.clicked.connect(self.open_dialog)
        queue.add_tool(self.button)
        self.officers.view.sig_tasks_dropped.connect(self.assign_dropped)
        queue.sig_rows_loaded.connect(lambda _count: self.reload_officers())

    # -- loading the officers ------------------------------------------------------------------

    def reload_officers(self) -> None:
        engine, squad = self._context.engine, self._context.squad_code
        self._context.runner.submit(
            lambda: squad_officers(engine, squad), self.officers.model.set_officers
        )

    # -- the dialog ---------------------------------------------------------------------------

    def open_dialog(self) -> None:
        tasks = self._queue.selected_rows()
        if not tasks:
            self._say(self.tr("Select the tasks to assign first."), ok=False)
            return
        engine, squad = self._context.engine, self._context.squad_code
        ids = [task.id for task in tasks]
        self._context.runner.submit(
            lambda: assign_choices(engine, squad, ids), partial(self._show_dialog, tasks)
        )

    def _show_dialog(self, tasks: list[AssignmentRow], choices: AssignChoices) -> None:
        dialog = AssignDialog(
            tasks, choices.officers, choices.needed, current=choices.current, parent=self._queue
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = [task.id for task in tasks]
        dialog.sig_assign_requested.connect(partial(self._dialog_assign, dialog, ids))
        self._dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "_dialog", None))
        dialog.open()

    @property
    def dialog(self) -> AssignDialog | None:
        return self._dialog

    def _dialog_assign(
        self, dialog: AssignDialog, ids: list[str], main: str, second: str | None
    ) -> None:
        self._submit(
            ids,
            main,
            second,
            keep_second=False,
            done=partial(self._dialog_done, dialog),
            refused=dialog.show_refusal,
        )

    def _dialog_done(self, dialog: AssignDialog, result: Assigned) -> None:
        dialog.accept()
        self._assigned(result)

    # -- drops --------------------------------------------------------------------------------

    def assign_dropped(self, ids: Sequence[str], officer_id: str) -> None:
        self._submit(
            list(ids),
            officer_id,
            None,
            keep_second=True,
            done=self._assigned,
            refused=lambda text: self._say(text, ok=False),
        )

    # -- the service ----------------------------------------------------------------------------

    def _submit(
        self,
        ids: list[str],
        main: str,
        second: str | None,
        *,
        keep_second: bool,
        done: Callable[[Assigned], object],
        refused: Callable[[str], object],
    ) -> None:
        context = self._context

        def work() -> Assigned | TasksRefused | AssignmentRefused:
            try:
                return assign(
                    context.engine,
                    role=context.role,
                    actor_squad=context.squad_code,
                    assignment_ids=ids,
                    officer_id=main,
                    second_officer_id=second,
                    keep_second=keep_second,
                )
            except (TasksRefused, AssignmentRefused) as error:
                return error

        def answered(outcome: Assigned | TasksRefused | AssignmentRefused) -> None:
            if isinstance(outcome, Assigned):
                done(outcome)
            else:
                refused(refused_text(outcome))

        context.runner.submit(work, answered, report_unexpected)

    def _assigned(self, result: Assigned) -> None:
        if result.changed:
            self._say(
                self.tr("Assigned: {numbers}").format(numbers="、".join(result.changed)), ok=True
            )
        else:
            self._say(self.tr("Nothing changed: the officers already hold these tasks."), ok=True)
        self._queue.refresh()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)


class SquadFilter(QObject):
    """The supervisor's view: a squad filter on the queue, no assign actions."""

    def __init__(self, queue: QueueView, context: WindowContext) -> None:
        super().__init__(queue)
        self.setObjectName("squadFilter")
        self._queue = queue
        self.combo = QComboBox(queue)
        self.combo.setObjectName("squadCombo")
        self.combo.setAccessibleName(self.tr("Squad"))
        self.combo.addItem(self.tr("All squads"), None)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.read_only = QLabel(self.tr("Read only"), queue)
        self.read_only.setObjectName("readOnlyLabel")
        self.read_only.setToolTip(self.tr("A supervisor reads every squad and changes nothing"))
        queue.add_tool(self.combo)
        queue.add_tool(self.read_only)
        self.combo.currentIndexChanged.connect(self._chosen)
        views = AssignmentViews(context.engine)
        context.runner.submit(views.squad_names, self._squads_loaded)

    def _squads_loaded(self, names: dict[str, str]) -> None:
        for code, name in sorted(names.items()):
            self.combo.addItem(f"{name} ({code})", code)

    def _chosen(self, index: int) -> None:
        code = self.combo.itemData(index)
        key: GroupKey = ALL if code is None else GroupKey(1, code)
        if not self._queue.select_group(key):
            self._queue.select_group(ALL)


def tools_of(widget: QWidget) -> AssignTools | SquadFilter | None:
    """The tools installed on a queue (for tests and the window)."""
    found = widget.findChild(AssignTools) or widget.findChild(SquadFilter)
    return found
