"""Fixtures shared by the whole suite: databases (SQLite, and a real PostgreSQL)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests.support.postgres import PostgresServer, PostgresUnavailable, postgres_unavailable_reason


def _postgres_unavailable(reason: str) -> NoReturn:
    """In CI a test needing PostgreSQL must fail, never skip; elsewhere it skips."""
    message = f"PostgreSQL is not available for the tests: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"{message}\n(CI=true: tests that need PostgreSQL fail rather than skip)",
            pytrace=False,
        )
    pytest.skip(message)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that (directly or through pg_url) needs the server ``postgres``,
    so ``-m "not postgres"`` leaves them out. (db_url gets the mark from its param.)"""
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session: FIELDAPP_TEST_PG_URL's, else a private one."""
    reason = postgres_unavailable_reason()
    if reason is not None:
        _postgres_unavailable(reason)
    server = PostgresServer.from_environment()
    try:
        server.start()
    except PostgresUnavailable as exc:
        _postgres_unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped after the test."""
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """SQLAlchemy URL of a new SQLite database file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest) -> str:
    """The test runs once on SQLite and once on PostgreSQL; PostgreSQL is only started
    when the postgres variant actually runs."""
    fixture = "pg_url" if request.param == "postgres" else "sqlite_url"
    url: str = request.getfixturevalue(fixture)
    return url
