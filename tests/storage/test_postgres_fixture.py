"""The database fixtures give real, working and isolated databases."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    select,
    text,
)

from tests.support.postgres import MAX_CONNECTIONS, PostgresServer

metadata = MetaData()
note = Table(
    "note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", String(200), nullable=False),
)


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _round_trip(engine: Engine) -> list[tuple[int, str]]:
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(note.insert(), [{"id": 1, "body": "first"}, {"id": 2, "body": "ünïcode"}])
    with engine.connect() as conn:
        return [(row.id, row.body) for row in conn.execute(select(note).order_by(note.c.id))]


def test_pg_url_is_a_working_postgresql_database(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    with _engine(pg_url) as engine:
        assert engine.dialect.name == "postgresql"
        assert inspect(engine).get_table_names() == []  # fresh and empty
        assert _round_trip(engine) == [(1, "first"), (2, "ünïcode")]
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT current_setting('server_encoding')")).scalar_one()
                == "UTF8"
            )


def test_pg_url_is_marked_postgres(request: pytest.FixtureRequest, pg_url: str) -> None:
    assert request.node.get_closest_marker("postgres") is not None


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_a_fresh_database(pg_url: str, run: int) -> None:
    # Both runs create the same table: the second would fail if databases were reused.
    with _engine(pg_url) as engine:
        assert inspect(engine).get_table_names() == []
        metadata.create_all(engine)


def test_two_databases_are_isolated(postgres_server: PostgresServer, pg_url: str) -> None:
    other_url = postgres_server.create_database()
    try:
        assert other_url != pg_url
        with _engine(pg_url) as first:
            _round_trip(first)
            with _engine(other_url) as second:
                assert inspect(second).get_table_names() == []
                metadata.create_all(second)
                with second.begin() as conn:
                    conn.execute(note.insert(), {"id": 1, "body": "other"})
                with first.connect() as conn:
                    assert conn.execute(select(note.c.body).where(note.c.id == 1)).scalar_one() == (
                        "first"
                    )
    finally:
        postgres_server.drop_database(other_url)
    with _engine(postgres_server.url) as admin, admin.connect() as conn:
        names = conn.execute(text("SELECT datname FROM pg_database")).scalars().all()
    assert other_url.rsplit("/", 1)[1] not in names


def test_private_cluster_allows_many_connections(postgres_server: PostgresServer) -> None:
    if postgres_server.external:
        pytest.skip("the settings of a server given by FIELDAPP_TEST_PG_URL are not ours")
    with _engine(postgres_server.url) as engine, engine.connect() as conn:
        assert int(conn.execute(text("SHOW max_connections")).scalar_one()) >= MAX_CONNECTIONS
        assert conn.execute(text("SHOW fsync")).scalar_one() == "off"


def test_db_url_works_for_both_backends(db_url: str, request: pytest.FixtureRequest) -> None:
    is_postgres = request.node.get_closest_marker("postgres") is not None
    expected = "postgresql" if is_postgres else "sqlite"
    with _engine(db_url) as engine:
        assert engine.dialect.name == expected
        assert _round_trip(engine) == [(1, "first"), (2, "ünïcode")]
