"""Recording the service of an issued notice (送达): how, when, to whom, and its proof."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from fieldapp.domain.enums import ServiceMethod
from fieldapp.domain.errors import DomainError
from fieldapp.services.actor import Actor
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_serve import ServedNotice, ServiceDetails, serve, service_media
from fieldapp.storage.types import utcnow

ERROR_STYLE = "color: #c62828;"


class ServiceDialog(QDialog):
    sig_served = Signal(object)  # the ServedNotice

    def __init__(
        self,
        engine: Engine,
        notice_id: str,
        document_number: str,
        actor: Actor,
        *,
        now: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serviceDialog")
        self.setWindowTitle(self.tr("Service of %1").replace("%1", document_number))
        self._engine, self._notice_id, self._actor, self._now = engine, notice_id, actor, now
        self.served: ServedNotice | None = None
        self.method = QComboBox()
        for method, text in self._methods().items():
            self.method.addItem(text, method.value)
        self.method.setAccessibleName(self.tr("Method of service"))
        self.served_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.served_at.setCalendarPopup(True)
        self.served_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.served_at.setAccessibleName(self.tr("Served at"))
        self.recipient, self.relation, self.place = QLineEdit(), QLineEdit(), QLineEdit()
        self.refusal_reason, self.witness = QLineEdit(), QLineEdit()
        self.media = QListWidget()
        self.media.setAccessibleName(self.tr("Photos and videos of the service"))
        for choice in service_media(engine, notice_id):
            item = QListWidgetItem(
                f"{choice.kind}  {choice.name}  {choice.captured_at:%Y-%m-%d %H:%M}"
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.media.addItem(item)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Method:"), self.method)
        form.addRow(self.tr("Served &at:"), self.served_at)
        form.addRow(self.tr("&Recipient:"), self.recipient)
        form.addRow(self.tr("Re&lation to the party:"), self.relation)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("Reason for &refusal:"), self.refusal_reason)
        form.addRow(self.tr("&Witness:"), self.witness)
        form.addRow(self.tr("Photo/video &proof:"), self.media)
        for label, field in (
            (self.tr("Recipient"), self.recipient),
            (self.tr("Relation"), self.relation),
            (self.tr("Place"), self.place),
            (self.tr("Reason for refusal"), self.refusal_reason),
            (self.tr("Witness"), self.witness),
        ):
            field.setAccessibleName(label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _methods(self) -> dict[ServiceMethod, str]:
        return {
            ServiceMethod.PERSONAL: self.tr("In person"),
            ServiceMethod.LEFT_WITH_WITNESS: self.tr("Left with a witness (refused)"),
            ServiceMethod.POSTED: self.tr("Posted at the address"),
            ServiceMethod.MAIL: self.tr("By mail"),
        }

    def details(self) -> ServiceDetails:
        when = self.served_at.dateTime().toSecsSinceEpoch()
        checked = [
            str(self.media.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.media.count())
            if self.media.item(row).checkState() == Qt.CheckState.Checked
        ]
        return ServiceDetails(
            method=ServiceMethod(self.method.currentData()),
            served_at=datetime.fromtimestamp(when, UTC),
            recipient=self.recipient.text(),
            relation=self.relation.text(),
            place=self.place.text(),
            refusal_reason=self.refusal_reason.text(),
            witness=self.witness.text(),
            media_evidence_ids=checked,
        )

    def record(self) -> None:
        """Record the service; a refused one says which rule refuses it, and nothing is kept."""
        try:
            self.served = serve(
                self._engine,
                self._notice_id,
                self.details(),
                actor=self._actor,
                now=self._now(),
                changes=OutboxSink(),
            )
        except DomainError as error:
            self.error.setText(error.message)
            return
        self.sig_served.emit(self.served)
        self.accept()
