"""Bulk inserts for the paths that write many rows at once (imports, sync pages).

Core's executemany runs every column's bind processor for every row. Here each column's
processor is looked up once, values that are the same in every row (who, when, version) are
processed once, and the driver's executemany gets plain tuples: the same SQL and the same
stored values as Core, with most of the per-row Python work gone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Dialect, FromClause, Table


def bulk_insert(
    connection: Connection,
    table: FromClause,
    rows: Sequence[Mapping[str, Any]],
    *,
    constants: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (each holding every column not in ``constants``) into ``table``."""
    if not isinstance(table, Table):
        raise TypeError(f"bulk_insert writes to a table, not {table!r}")
    if not rows:
        return
    constants = constants or {}
    dialect = connection.dialect
    names = [column.key for column in table.columns]
    unknown = set(constants) - set(names)
    if unknown:
        raise KeyError(f"{table.name} has no column(s) {sorted(unknown)}")
    processors, sql, positional, order = _plan(table, dialect)
    fixed = {name: _processed(processors[name], value) for name, value in constants.items()}
    plan = [(name, fixed.get(name), name in fixed, processors[name]) for name in order]
    values = [
        tuple(
            constant if is_fixed else (process(row[name]) if process else row[name])
            for name, constant, is_fixed, process in plan
        )
        for row in rows
    ]
    if dialect.name == "postgresql":
        _copy(connection, table, order, values)
    elif positional:
        connection.exec_driver_sql(sql, values)
    else:
        connection.exec_driver_sql(sql, [dict(zip(order, v, strict=True)) for v in values])


_Plan = tuple[dict[str, Callable[[Any], Any] | None], str, bool, list[str]]
_plans: WeakKeyDictionary[Dialect, dict[Table, _Plan]] = WeakKeyDictionary()


def _plan(table: Table, dialect: Dialect) -> _Plan:
    """Each column's bind processor and the compiled INSERT: worked out once per table and
    engine, as compiling costs more than writing a few hundred rows."""
    plans = _plans.setdefault(dialect, {})
    plan = plans.get(table)
    if plan is None:
        names = [column.key for column in table.columns]
        processors: dict[str, Callable[[Any], Any] | None] = {
            column.key: column.type._cached_bind_processor(dialect) for column in table.columns
        }
        compiled = table.insert().compile(dialect=dialect, column_keys=names)
        order = list(compiled.positiontup or []) if compiled.positional else names
        plan = plans[table] = (processors, compiled.string, compiled.positional, order)
    return plan


def _processed(process: Callable[[Any], Any] | None, value: Any) -> Any:
    return process(value) if process is not None and value is not None else value


def _copy(
    connection: Connection, table: Table, columns: list[str], values: list[tuple[Any, ...]]
) -> None:
    """PostgreSQL's COPY: rows streamed in one command, many times faster than INSERTs."""
    driver = connection.connection.driver_connection
    assert driver is not None
    names = ", ".join(f'"{name}"' for name in columns)
    with (
        driver.cursor() as cursor,
        cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
    ):
        for row in values:
            copy.write_row(row)
