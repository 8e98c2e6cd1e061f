"""Fixtures of the central store tests: a seeded store with every demo account signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.central import Central, Template, Templates, cheap_argon2


@pytest.fixture(scope="session")
def central_templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("central-template"))


def _template(request: pytest.FixtureRequest, templates: Templates, kind: str) -> Template:
    if kind == "postgres":
        return templates.postgres(request.getfixturevalue("postgres_server"))
    return templates.sqlite()


@pytest.fixture
def central(
    db_url: str, request: pytest.FixtureRequest, central_templates: Templates, tmp_path: Path
) -> Iterator[Central]:
    """A seeded central store of this test's own (SQLite, then PostgreSQL)."""
    kind = "postgres" if db_url.startswith("postgresql") else "sqlite"
    template = _template(request, central_templates, kind)
    template.copy_to(db_url)
    with cheap_argon2():
        store = Central(db_url, tmp_path / "blobs", template.accounts)
        try:
            yield store
        finally:
            store.close()


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def shared_central(
    request: pytest.FixtureRequest,
    central_templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Central]:
    """A seeded central store shared by the tests of a module, for tests that write nothing
    (or only what the others do not look at)."""
    kind: str = request.param
    template = _template(request, central_templates, kind)
    folder = tmp_path_factory.mktemp("shared-central")
    server = None
    if kind == "postgres":
        server = request.getfixturevalue("postgres_server")
        url = server.create_database()
    else:
        url = f"sqlite:///{folder / 'central.db'}"
    template.copy_to(url)
    with cheap_argon2():
        store = Central(url, folder / "blobs", template.accounts)
        try:
            yield store
        finally:
            store.close()
            if server is not None:
                server.drop_database(url)
