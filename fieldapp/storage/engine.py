"""The one place database engines and sessions are made (so encryption at rest can go here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL and foreign keys.

    synchronous=FULL because a capture the window has confirmed must survive a power cut.
    """
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writing(engine: Engine) -> Engine:
    """The engine for a transaction that will write: on SQLite it takes the write lock at
    BEGIN, so two writers queue instead of one failing when it upgrades its lock."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def relaxed(engine: Engine) -> Engine:
    """For writes of data that can be fetched again (pulled pages, sync bookkeeping): on
    SQLite, synchronous=NORMAL. In WAL mode a power cut may then undo the last of these
    transactions, but never half of one, so a page and its cursor still go together."""
    return writing(engine).execution_options(sqlite_synchronous="NORMAL")


def reading(engine: Engine) -> Engine:
    """The engine for reads whose statements need no shared snapshot (each statement sees
    what was committed before it, as under READ COMMITTED anyway): on PostgreSQL in
    autocommit, which spares the BEGIN and ROLLBACK round trips of every request."""
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def _sqlite_begin(connection: Any) -> None:
    # The driver's own transaction handling is off (see _sqlite_pragmas): we say BEGIN.
    options = connection.get_execution_options()
    connection.exec_driver_sql(f"PRAGMA synchronous={options.get('sqlite_synchronous', 'FULL')}")
    # 1000 pages, SQLite's own default; 0 where a thread checkpoints instead (checkpoints.py).
    connection.exec_driver_sql(
        f"PRAGMA wal_autocheckpoint={options.get('sqlite_autocheckpoint', 1000)}"
    )
    connection.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', '')}".strip())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite would otherwise begin transactions lazily, on its own terms.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # A first sync grows the log to tens of MB (see checkpoints.py): give that back once it
    # has been copied into the database, rather than keep the file that big.
    cursor.execute("PRAGMA journal_size_limit=16777216")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: services copy them into DTOs on the way out.
    return sessionmaker(engine, expire_on_commit=False)
