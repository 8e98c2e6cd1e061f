"""The registrar's Register section: one request in a form checked as it is typed, with the
region and the squad it would go to; and Import CSV… with a preview of every row."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import MATTER_NAMES_ZH, Matter, Priority, Role
from fieldapp.services.registration import Registered
from fieldapp.services.registration_form import (
    DraftCheck,
    DraftRefused,
    Imported,
    ImportPreview,
    RegistrationForm,
)
from fieldapp.services.request_rows import FIELD_LIMITS
from fieldapp.services.requests_csv import UnusableFile
from fieldapp.ui import labels
from fieldapp.ui.import_preview_dialog import ImportPreviewDialog
from fieldapp.ui.register_problems import problem_text
from fieldapp.ui.sections import Section, WindowContext

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20;"
# Checks run once typing pauses this long; they take well under a millisecond.
CHECK_DELAY_MS = 120


class RegisterSection(QWidget):
    sig_form_ready = Signal()
    sig_checked = Signal(object)  # DraftCheck
    sig_registered = Signal(object)  # Registered
    sig_preview_ready = Signal(object)  # ImportPreview
    sig_imported = Signal(object)  # Imported

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.form: RegistrationForm | None = None
        self.last_check: DraftCheck | None = None
        self.import_dialog: ImportPreviewDialog | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._fields: dict[str, QWidget] = {}
        self._problems: dict[str, QLabel] = {}
        # Fields the user has edited since the form was last empty: only these say
        # "Required." (an empty form is not all red); a Register attempt marks every field.
        self._touched: set[str] = set()
        self._build()
        engine = context.engine
        # The gazetteer and the routing rules load once, off the GUI thread.
        context.runner.submit(lambda: RegistrationForm(engine), self._form_loaded)

    # -- the form -----------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name, widget in self._fields.items():
            if isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QComboBox):
                values[name] = str(widget.currentData() or "")
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
        return values

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def problem_label(self, name: str) -> QLabel:
        return self._problems[name]

    def refresh(self) -> None:
        engine = self._context.engine
        self._context.runner.submit(lambda: RegistrationForm(engine), self._form_loaded)

    def shutdown(self) -> None:
        self._check_timer.stop()

    def check_now(self) -> None:
        self._check_timer.stop()
        if self.form is None:
            return
        check = self.form.check(self.values())
        self.last_check = check
        self._show_check(check)
        self.sig_checked.emit(check)

    def register(self) -> None:
        self._touched.update(self._fields)
        self.check_now()
        form, check = self.form, self.last_check
        if form is None or check is None or not check.ok:
            self._say(self.tr("Correct the fields marked in red first."), ok=False)
            return
        self.register_button.setEnabled(False)
        values, actor = self.values(), self._context.actor

        def work() -> Registered | DraftRefused:
            try:
                return form.register(values, actor=actor, now=datetime.now(UTC))
            except DraftRefused as error:
                return error

        self._context.runner.submit(work, self._registered, self._register_failed)

    def clear(self) -> None:
        for name, widget in self._fields.items():
            if name == "requested_by":
                continue  # the same judge usually sends several
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.clear()
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
        self._touched.clear()  # after the clearing, which counts as editing
        self._fields["case_number"].setFocus()

    def _form_loaded(self, form: RegistrationForm) -> None:
        self.form = form
        self.register_button.setEnabled(True)
        self.import_action.setEnabled(True)
        self.check_now()
        self.sig_form_ready.emit()

    def _registered(self, outcome: Registered | DraftRefused) -> None:
        self.register_button.setEnabled(True)
        if isinstance(outcome, DraftRefused):
            if outcome.check is not None and not outcome.check.ok:
                self._show_check(outcome.check)
                self._say(self.tr("Correct the fields marked in red first."), ok=False)
            elif outcome.registered_as is not None:
                self._say(
                    self.tr("This request is already registered as {number}.").format(
                        number=outcome.registered_as
                    ),
                    ok=False,
                )
            else:
                self._say(str(outcome), ok=False)
            return
        squad = self.last_check.squad_name if self.last_check else None
        if outcome.squad_code:
            text = self.tr("Registered {number}; routed to {squad}.").format(
                number=outcome.registration_no, squad=squad or outcome.squad_code
            )
        else:
            text = self.tr(
                "Registered {number}; no routing rule matches, route it by hand."
            ).format(number=outcome.registration_no)
        self._say(text, ok=True)
        self.clear()
        self.sig_registered.emit(outcome)

    def _register_failed(self, error: Exception) -> None:
        # Not a refusal of the request (a locked or full disk): the form keeps what was typed.
        self.register_button.setEnabled(True)
        self._say(self.tr("Nothing was registered: {reason}").format(reason=error), ok=False)

    def _show_check(self, check: DraftCheck) -> None:
        for name, label in self._problems.items():
            problem = check.problem(name)
            if problem is not None and problem.code == "empty" and name not in self._touched:
                problem = None
            label.setText(problem_text(problem) if problem else "")
            label.setVisible(problem is not None)
        if check.case_number and not check.problem("case_number"):
            self.case_normal.setText(self.tr("✓ {number}").format(number=check.case_number))
            self._form.setRowVisible(self.case_normal, True)
        else:
            self.case_normal.setText("")
            self._form.setRowVisible(self.case_normal, False)  # no empty gap in the form
        if check.region_name:
            self.region_label.setText(
                self.tr("Region: {name} ({code})").format(
                    name=check.region_name, code=check.region_code
                )
            )
        else:
            self.region_label.setText(self.tr("Region: not found yet"))
        if check.region_code and self.values()["matter"]:
            if check.squad_code:
                self.route_label.setText(
                    self.tr("Goes to: {squad} ({code})").format(
                        squad=check.squad_name, code=check.squad_code
                    )
                )
            else:
                self.route_label.setText(
                    self.tr("No routing rule matches: it stays with the centre to route.")
                )
        else:
            self.route_label.setText(self.tr("Goes to: — (needs the matter and the address)"))

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    # -- import ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import requests"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.preview_file(Path(path))

    def preview_file(self, path: Path) -> None:
        form = self.form
        if form is None:
            return
        self._say(self.tr("Checking {file}…").format(file=path.name), ok=True)

        def work() -> ImportPreview | UnusableFile:
            try:
                return form.preview_file(path)
            except UnusableFile as error:
                return error

        def failed(error: Exception) -> None:
            self._say(
                self.tr("The file cannot be imported: {reason}").format(reason=error), ok=False
            )

        self._context.runner.submit(work, self._previewed, failed)

    def _previewed(self, outcome: ImportPreview | UnusableFile) -> None:
        if isinstance(outcome, UnusableFile):
            self._say(
                self.tr("The file cannot be imported: {reason}").format(reason=str(outcome)),
                ok=False,
            )
            return
        self._say("", ok=True)
        dialog = ImportPreviewDialog(outcome, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_import_requested.connect(lambda: self._import(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        self.sig_preview_ready.emit(outcome)

    def _import(self, dialog: ImportPreviewDialog) -> None:
        form, preview, actor = self.form, dialog.preview, self._context.actor
        assert form is not None

        def work() -> Imported:
            return form.import_good_rows(preview, actor=actor, now=datetime.now(UTC))

        def done(imported: Imported) -> None:
            dialog.show_done(len(imported.registered), len(imported.duplicates))
            self._say(
                self.tr("{count} requests registered from {file}.").format(
                    count=len(imported.registered), file=preview.file_name
                ),
                ok=True,
            )
            self.sig_imported.emit(imported)

        def failed(error: Exception) -> None:
            dialog.show_failure(self.tr("Nothing was imported: {reason}").format(reason=error))

        self._context.runner.submit(work, done, failed)

    # -- widgets --------------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        def line(name: str, label: str, placeholder: str, accessible: str) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(f"register_{name}")
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(accessible)
            edit.setMaxLength(FIELD_LIMITS.get(name, 256) + 1)  # one more: "too long" is said
            edit.textChanged.connect(self._edited)
            self._add(form, name, label, edit)
            return edit

        line(
            "case_number",
            self.tr("&Case number:"),
            "（2026）黔01执1234号",
            self.tr("Case number"),
        )
        self.case_normal = QLabel(self)
        self.case_normal.setObjectName("caseNormal")
        self.case_normal.setStyleSheet(OK_STYLE)
        form.addRow("", self.case_normal)
        self._form = form
        matter = QComboBox(self)
        matter.setObjectName("register_matter")
        matter.setAccessibleName(self.tr("Matter"))
        matter.addItem(self.tr("— choose —"), "")
        for code in Matter:
            # The Chinese name always, the interface language's beside it when it differs.
            label = labels.matter_label(code)
            zh = MATTER_NAMES_ZH[code]
            matter.addItem(zh if label == zh else f"{zh}  {label}", code.value)
        matter.currentIndexChanged.connect(self._edited)
        self._add(form, "matter", self.tr("&Matter:"), matter)
        line("party_name", self.tr("&Party:"), self.tr("person or organisation"), self.tr("Party"))
        line(
            "id_number",
            self.tr("&ID number:"),
            self.tr("resident ID or credit code (optional)"),
            self.tr("ID number"),
        )
        line(
            "address",
            self.tr("A&ddress:"),
            "贵阳市南明区花果园1号",
            self.tr("Address"),
        )
        self.region_label = QLabel(self)
        self.region_label.setObjectName("regionLabel")
        form.addRow("", self.region_label)
        line("requested_by", self.tr("&Judge:"), self.tr("judge in charge"), self.tr("Judge"))
        line("due_on", self.tr("D&ue date:"), "2026-12-01", self.tr("Due date"))
        priority = QComboBox(self)
        priority.setObjectName("register_priority")
        priority.setAccessibleName(self.tr("Priority"))
        for value in Priority:
            priority.addItem(labels.priority_label(value), value.value)
        priority.currentIndexChanged.connect(self._edited)
        self._add(form, "priority", self.tr("P&riority:"), priority)
        notes = QPlainTextEdit(self)
        notes.setObjectName("register_notes")
        notes.setAccessibleName(self.tr("Notes"))
        notes.setFixedHeight(60)
        notes.textChanged.connect(self._edited)
        self._add(form, "notes", self.tr("&Notes:"), notes)

        route_box = QGroupBox(self.tr("Routing preview"), self)
        self.route_label = QLabel(route_box)
        self.route_label.setObjectName("routeLabel")
        self.route_label.setAccessibleName(self.tr("Squad the request goes to"))
        self.route_label.setStyleSheet("font-weight: bold;")
        route_layout = QVBoxLayout(route_box)
        route_layout.addWidget(self.route_label)

        self.register_button = QPushButton(self.tr("&Register (Ctrl+Enter)"), self)
        self.register_button.setObjectName("registerButton")
        self.register_button.setEnabled(False)
        self.register_button.clicked.connect(self.register)
        clear = QPushButton(self.tr("C&lear"), self)
        clear.clicked.connect(self.clear)
        self.import_action = QAction(self.tr("&Import CSV…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.import_action.setEnabled(False)
        self.import_action.triggered.connect(self.choose_file)
        self.addAction(self.import_action)
        import_button = QPushButton(self.tr("&Import CSV… (Ctrl+I)"), self)
        import_button.setObjectName("importCsvButton")
        import_button.clicked.connect(self.import_action.trigger)
        register_action = QAction(self)
        register_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        register_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        register_action.triggered.connect(self.register)
        self.addAction(register_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        buttons.addWidget(import_button)
        self.message = QLabel(self)
        self.message.setObjectName("registerMessage")
        self.message.setAccessibleName(self.tr("Outcome"))
        self.message.setWordWrap(True)

        title = QLabel(self.tr("Register a field request"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addLayout(form)
        column.addWidget(route_box)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        problem = QLabel(self)
        problem.setObjectName(f"problem_{name}")
        problem.setStyleSheet(ERROR_STYLE)
        problem.setWordWrap(True)
        problem.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(problem)
        form.addRow(label, holder)
        caption = form.labelForField(holder)
        if isinstance(caption, QLabel):
            caption.setBuddy(widget)
        self._fields[name] = widget
        self._problems[name] = problem

    def _edited(self, *_args: object) -> None:
        sender = self.sender()
        self._touched.update(name for name, widget in self._fields.items() if widget is sender)
        self._check_timer.start()


def _title() -> str:
    return QCoreApplication.translate("RegisterSection", "Register")


def _make(context: WindowContext, parent: QWidget) -> QWidget:
    return RegisterSection(context, parent)


SECTION = Section("register", _title, frozenset({Role.REGISTRAR, Role.ADMIN}), _make)
