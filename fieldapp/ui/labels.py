"""Translated labels of domain values (matters, statuses, priorities, roles) for display."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import AssignmentStatus, Matter, Priority, Role

K = TypeVar("K")


def _texts(marked: Mapping[K, object]) -> dict[K, str]:
    return {key: str(text) for key, text in marked.items()}


# The source texts are marked here so lupdate finds them; translate() looks them up per call,
# so a label always follows the translator installed at that moment.
_MATTERS: dict[Matter, str] = _texts(
    {
        Matter.SERVICE: QT_TRANSLATE_NOOP("Labels", "Service"),
        Matter.INVESTIGATION: QT_TRANSLATE_NOOP("Labels", "Investigation"),
        Matter.LOCATE: QT_TRANSLATE_NOOP("Labels", "Locate persons or property"),
        Matter.SEAL: QT_TRANSLATE_NOOP("Labels", "Seal"),
        Matter.SEIZE: QT_TRANSLATE_NOOP("Labels", "Seize"),
        Matter.FREEZE: QT_TRANSLATE_NOOP("Labels", "Freeze"),
        Matter.POSTING: QT_TRANSLATE_NOOP("Labels", "Public posting"),
        Matter.SEARCH: QT_TRANSLATE_NOOP("Labels", "Search"),
        Matter.EVICTION: QT_TRANSLATE_NOOP("Labels", "Eviction"),
        Matter.RE_INSPECTION: QT_TRANSLATE_NOOP("Labels", "Re-inspection"),
    }
)

_STATUSES: dict[AssignmentStatus, str] = _texts(
    {
        AssignmentStatus.REGISTERED: QT_TRANSLATE_NOOP("Labels", "Registered"),
        AssignmentStatus.ROUTED: QT_TRANSLATE_NOOP("Labels", "Routed to squad"),
        AssignmentStatus.ASSIGNED: QT_TRANSLATE_NOOP("Labels", "Assigned"),
        AssignmentStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
        AssignmentStatus.DONE: QT_TRANSLATE_NOOP("Labels", "Done"),
        AssignmentStatus.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
        AssignmentStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    }
)

_PRIORITIES: dict[Priority, str] = _texts(
    {
        Priority.NORMAL: QT_TRANSLATE_NOOP("Labels", "Normal"),
        Priority.URGENT: QT_TRANSLATE_NOOP("Labels", "Urgent"),
    }
)

_ROLES: dict[Role, str] = _texts(
    {
        Role.OFFICER: QT_TRANSLATE_NOOP("Labels", "Field officer"),
        Role.LEAD: QT_TRANSLATE_NOOP("Labels", "Squad lead"),
        Role.REGISTRAR: QT_TRANSLATE_NOOP("Labels", "Registrar"),
        Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
        Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "Administrator"),
    }
)


def _translate(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("Labels", text, disambiguation)


def matter_label(matter: Matter) -> str:
    return _translate(_MATTERS[Matter(matter)])


def status_label(status: AssignmentStatus) -> str:
    return _translate(_STATUSES[AssignmentStatus(status)])


def priority_label(priority: Priority) -> str:
    return _translate(_PRIORITIES[Priority(priority)])


def role_label(role: str) -> str:
    """A role's name; a role this client does not know (a newer store's) shows as sent."""
    try:
        return _translate(_ROLES[Role(role)])
    except ValueError:
        return role


def matter_labels() -> dict[Matter, str]:
    """Every matter's label, for models that look them up once per reset rather than per cell."""
    return {matter: matter_label(matter) for matter in Matter}


def status_labels() -> dict[AssignmentStatus, str]:
    return {status: status_label(status) for status in AssignmentStatus}


def names_separator() -> str:
    # Chinese lists names with 、 rather than a comma, so the separator is translated too.
    return QCoreApplication.translate("Labels", ", ", "between the names in a list")


def join_names(names: Iterable[str]) -> str:
    return names_separator().join(names)
