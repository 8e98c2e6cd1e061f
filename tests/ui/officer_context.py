"""A WindowContext for one sample officer, recording which assignments the section opened."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldapp.domain.enums import Role
from fieldapp.services.actor import Actor
from fieldapp.services.workspace import Workspace
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.sections import WindowContext
from tests.support.officer_day import staff_id
from tests.support.workspace_copies import WorkspaceTemplate
from tests.ui.sample_data import TODAY, add_samples


@dataclass
class Officer:
    context: WindowContext
    opened: list[str] = field(default_factory=list)


MakeOfficer = Callable[..., Officer]


@pytest.fixture(scope="module")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplate:
    return WorkspaceTemplate(tmp_path_factory.mktemp("samples") / "data", add_samples)


@pytest.fixture
def workspace(sample_template: WorkspaceTemplate, tmp_path: Path) -> Iterator[Workspace]:
    """The conftest's sample workspace, copied from one built once per module."""
    workspace = sample_template.copy(tmp_path / "data")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def officer(workspace: Workspace) -> Iterator[MakeOfficer]:
    runners: list[BackgroundRunner] = []

    def make(name: str | None = "张三", squad: str | None = "S1") -> Officer:
        runner = BackgroundRunner()
        runners.append(runner)
        opened: list[str] = []
        context = WindowContext(
            engine=workspace.engine,
            actor=Actor(
                user_id=staff_id(workspace.engine, name) if name else None, device_id="d-1"
            ),
            role=Role.OFFICER,
            squad_code=squad,
            display_name=name or "",
            blobs_dir=Path(workspace.blobs_dir),
            runner=runner,
            today=lambda: TODAY,
            open_assignment=opened.append,
        )
        return Officer(context, opened)

    yield make
    for runner in runners:
        runner.shutdown()
