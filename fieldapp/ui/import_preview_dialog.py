"""The CSV import preview: every row with its problems before anything is written, then
"Import N good rows"."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.services.registration_form import ImportPreview, PreviewRow
from fieldapp.ui.register_problems import row_problem_text

ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole.value
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole.value
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole.value
BAD_BACKGROUND = QColor("#fdecea")
BAD_TEXT = QColor("#b71c1c")
# Cells show this much of a value; the tooltip shows more.
CELL_CHARS = 80
_COLUMNS = ("line", "status", "case_number", "matter", "party_name", "address", "reasons")
_HEADERS = (
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Line"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Check"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Case number"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Matter"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Party"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Address"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Problems"),
)


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, rows: tuple[PreviewRow, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all = rows
        self._shown = list(rows)

    def show_only_bad(self, only_bad: bool) -> None:
        self.beginResetModel()
        self._shown = [row for row in self._all if not row.good] if only_bad else list(self._all)
        self.endResetModel()

    def row_at(self, row: int) -> PreviewRow:
        return self._shown[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> object:
        row = self._shown[index.row()]
        column = _COLUMNS[index.column()]
        if role == BACKGROUND_ROLE:
            return None if row.good else BAD_BACKGROUND
        if role == FOREGROUND_ROLE:
            return BAD_TEXT if column in ("status", "reasons") and not row.good else None
        if role not in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return None
        limit = CELL_CHARS if role == DISPLAY_ROLE else 4 * CELL_CHARS
        if column == "line":
            return str(row.line)
        if column == "status":
            return self.tr("OK") if row.good else self.tr("Problem")
        if column == "reasons":
            text = " ".join(row_problem_text(problem) for problem in row.problems)
        else:
            text = row.values.get(column, "")
        return text if len(text) <= limit else text[:limit] + "…"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if role != DISPLAY_ROLE or orientation != Qt.Orientation.Horizontal:
            return None
        return QCoreApplication.translate("ImportPreviewModel", str(_HEADERS[section]))


class ImportPreviewDialog(QDialog):
    """``sig_import_requested`` when the registrar imports; the window answers with
    :meth:`show_done` or :meth:`show_failure`."""

    sig_import_requested = Signal()

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import requests — {file}").format(file=preview.file_name))
        self.setAccessibleName(self.tr("Import preview"))
        self.preview = preview
        self.model = ImportPreviewModel(preview.rows, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        summary = self.tr(
            "{good} good rows, {bad} rows with problems (read as {encoding}). Nothing is "
            "written until you import; rows with problems are left out."
        ).format(good=preview.good_count, bad=preview.bad_count, encoding=preview.encoding)
        if preview.ignored_headers:
            summary += " " + self.tr("Columns not used: {names}").format(
                names="、".join(preview.ignored_headers)
            )
        self.summary.setText(summary)
        self.only_bad = QCheckBox(self.tr("Show only rows with &problems"), self)
        self.only_bad.setObjectName("onlyBad")
        self.only_bad.toggled.connect(self.model.show_only_bad)
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setAccessibleName(self.tr("Rows of the file"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 70, 190, 80, 110, 240)):
            header.resizeSection(column, width)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(
            self.tr("&Import {count} good rows").format(count=preview.good_count), self
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(preview.good_count > 0)
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._request)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_bad)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(1000, 560)

    def show_done(self, registered: int, duplicates: int) -> None:
        text = self.tr("{count} requests registered.").format(count=registered)
        if duplicates:
            text += " " + self.tr("{count} were registered meanwhile and left out.").format(
                count=duplicates
            )
        self.result_label.setText(text)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("&Close"))
        self.import_button.setEnabled(False)

    def show_failure(self, text: str) -> None:
        self.result_label.setText(text)
        self.import_button.setEnabled(True)

    def _request(self) -> None:
        self.import_button.setEnabled(False)
        self.sig_import_requested.emit()
