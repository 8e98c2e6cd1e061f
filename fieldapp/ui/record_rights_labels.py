"""Why the signed-in role may not create a kind of record, worded for the person (a tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from fieldapp.domain.enums import Role
from fieldapp.domain.record_rights import InsertRefusal, insert_refusal


def creation_refusal(role: Role | str | None, entity: str) -> str:
    """Why ``role`` may not create an ``entity`` record, translated; "" when it may."""
    try:
        known = Role(role) if role is not None else None
    except ValueError:
        known = None
    if known is None:
        return QCoreApplication.translate("RecordRights", "Sign in to record this.")
    refusal = insert_refusal(known, entity)
    if refusal is None:
        return ""
    if refusal is InsertRefusal.READ_ONLY_ROLE:
        return QCoreApplication.translate(
            "RecordRights",
            "Supervisors read; they do not record. The central store would reject the change.",
        )
    if refusal is InsertRefusal.ADMIN_ONLY:
        return QCoreApplication.translate(
            "RecordRights", "Only an admin may add this. The central store would reject the change."
        )
    if refusal is InsertRefusal.REGISTRAR_ONLY:
        return QCoreApplication.translate(
            "RecordRights",
            "Only a registrar registers this. The central store would reject the change.",
        )
    return QCoreApplication.translate(
        "RecordRights", "Only the central store raises these records."
    )


def show_refusal(
    control: QAbstractButton | QAction, refusal: str, *, enabled: bool, tip: str = ""
) -> None:
    """Enable ``control`` when it applies and nothing refuses it; the refusal is its tooltip."""
    control.setEnabled(enabled and not refusal)
    control.setToolTip(refusal or tip)
