"""Checkpoints of the laptop's write-ahead log made by a thread of their own, for long runs of
writes such as a first sync.

SQLite copies the log into the database file (a checkpoint, with two fsyncs) in the
transaction that makes the log pass 1,000 pages. A pulled page of 5,000 records is more than
that, so every page stopped to do it: a seventh of a first sync. Here those transactions skip
it, and a thread checkpoints after each one instead; SQLite lets it copy while the next page
is written (a PASSIVE checkpoint waits for nobody and holds no one up), and the thread works
outside the GIL.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Self

from sqlalchemy import Engine


class BackgroundCheckpoints:
    """``with BackgroundCheckpoints(engine) as checkpoints:`` write through
    ``checkpoints.engine``, call ``written()`` after each commit; leaving the block makes the
    last checkpoint and waits for it. On any database but SQLite, it does nothing."""

    def __init__(self, engine: Engine) -> None:
        self._sqlite = engine.dialect.name == "sqlite"
        self._source = engine
        self.engine = engine.execution_options(sqlite_autocheckpoint=0) if self._sqlite else engine
        self._wanted = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, name="fieldapp-checkpoints")

    def written(self) -> None:
        """A transaction committed: checkpoint (once the one under way, if any, is over)."""
        self._wanted.set()

    def __enter__(self) -> Self:
        if self._sqlite:
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._sqlite:
            self._done = True
            self._wanted.set()
            self._thread.join()

    def _run(self) -> None:
        connection = self._source.raw_connection()  # outside any transaction, as it must be
        driver = connection.driver_connection
        assert driver is not None
        try:
            while True:
                self._wanted.wait()
                self._wanted.clear()
                done = self._done
                driver.execute("PRAGMA wal_checkpoint(PASSIVE)")
                if done:
                    return
        finally:
            connection.close()
