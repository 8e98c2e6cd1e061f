"""A seeded central store and the laptops that talk to it, for end-to-end sync tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldapp.storage.schema import TABLES
from tests.support.central_process import CentralProcess
from tests.support.laptops import Laptop
from tests.support.sync_checks import (
    Baseline,
    baseline,
    central_engine,
    check_all,
    check_converged,
    settle,
)


class World:
    def __init__(self, db_url: str, root: Path, central: CentralProcess) -> None:
        self.db_url = db_url
        self.root = root
        self.central = central
        self.engine = central_engine(db_url)
        self.seeded: Baseline = baseline(self.engine)
        self.laptops: list[Laptop] = []

    def laptop(self, username: str, *, synced: bool = True) -> Laptop:
        """A new laptop enrolled as ``username``; ``synced``: it has downloaded its records."""
        laptop = Laptop.enrolled(
            self.root / f"laptop-{username}-{len(self.laptops)}",
            server_url=self.central.url,
            username=username,
        )
        self.laptops.append(laptop)
        if synced:
            laptop.sync()
        return laptop

    def settle(self, laptops: Sequence[Laptop] | None = None, rounds: int = 2) -> None:
        settle(laptops or self.laptops, rounds)

    def check(self, laptops: Sequence[Laptop] | None = None) -> None:
        """All three invariants, over every laptop of this world (or those given)."""
        check_all(self.engine, laptops or self.laptops, self.seeded)

    def check_converged(self, laptops: Sequence[Laptop] | None = None) -> None:
        check_converged(self.engine, laptops or self.laptops)

    def row(self, entity: str, record_id: str) -> dict[str, Any] | None:
        table = TABLES[entity]
        with self.engine.connect() as connection:
            found = connection.execute(select(table).where(table.c.id == record_id)).first()
        return None if found is None else dict(found._mapping)

    def rows(self, entity: str, **equal: Any) -> list[dict[str, Any]]:
        table = TABLES[entity]
        query = select(table).order_by(table.c.id)
        for name, value in equal.items():
            query = query.where(table.c[name] == value)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def assignments(self, squad: str, status: str) -> list[str]:
        """Ids of the squad's assignments in ``status``, by registration number."""
        table = TABLES["assignment"]
        query = (
            select(table.c.id)
            .where(table.c.squad_code == squad, table.c.status == status)
            .order_by(table.c.registration_no)
        )
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.close()
        self.engine.dispose()
