"""The window's sections (DESIGN §4b): what each is called, who sees it, and how it is made.

Every section is a QWidget made by its ``make`` from a :class:`WindowContext`. The main window
lists the sections the signed-in role may see in its navigation, makes each one the first time
it is shown, and calls ``refresh()`` on it (if it has one) when the user asks to reload. A
section that wants an assignment opened emits it through ``context.open_assignment``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.ui.background import BackgroundRunner

EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class WindowContext:
    """What every section may use: the laptop's database, who is signed in, and the window's
    shared services."""

    engine: Engine
    actor: Actor
    role: Role
    squad_code: str | None
    display_name: str
    blobs_dir: Path
    runner: BackgroundRunner
    today: Callable[[], date]
    open_assignment: Callable[[str], None] = field(default=lambda _assignment_id: None)
    # The window's sync (fieldapp.ui.sync_controller.SyncController) when signed in, else None.
    sync: Any = None


@dataclass(frozen=True)
class Section:
    key: str
    title: Callable[[], str]  # called when shown, so that it is translated
    roles: frozenset[Role]
    make: Callable[[WindowContext, QWidget], QWidget]

    def visible_to(self, role: Role) -> bool:
        return role in self.roles
