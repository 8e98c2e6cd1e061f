"""Importing a CSV file of field requests: check every row, register the good ones at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from fieldapp.geo.gazetteer import Gazetteer, default_gazetteer
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.registration import (
    Duplicate,
    Registered,
    register_requests,
)
from fieldapp.services.request_rows import FieldRequest, RowProblem, check_row
from fieldapp.services.requests_csv import open_request_file

EXIT_ALL_IMPORTED = 0
EXIT_SOME_REJECTED = 3


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    encoding: str
    ignored_headers: tuple[str, ...]
    registered: tuple[Registered, ...]
    duplicates: tuple[Duplicate, ...]
    problems: tuple[RowProblem, ...]
    would_register: int
    dry_run: bool

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_REJECTED if self.problems else EXIT_ALL_IMPORTED


def region_lookup(gazetteer: Gazetteer | None = None) -> Callable[[str], str | None]:
    """Address → region code, by the district or county the address names."""
    places = gazetteer or default_gazetteer()

    def region_of(address: str) -> str | None:
        region = places.region_in_address(address)
        return region.code if region else None

    return region_of


def check_request_file(
    path: Path, region_of: Callable[[str], str | None]
) -> tuple[str, tuple[str, ...], list[FieldRequest], list[RowProblem]]:
    """Every row of the file checked: the good requests and the problems, nothing written.

    Raises UnusableFile when the file as a whole cannot be read.
    """
    request_file = open_request_file(path)
    requests: list[FieldRequest] = []
    problems: list[RowProblem] = []
    for row in request_file.rows():
        checked = check_row(row, region_of)
        if isinstance(checked, RowProblem):
            problems.append(checked)
        else:
            requests.append(checked)
    return request_file.encoding, request_file.ignored_headers, requests, problems


def import_request_file(
    engine: Engine,
    path: Path,
    *,
    region_of: Callable[[str], str | None],
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
    dry_run: bool = False,
) -> ImportReport:
    """Register every valid row of ``path`` in one transaction; report the rest by line."""
    encoding, ignored, requests, problems = check_request_file(path, region_of)
    with engine.begin() as connection:
        registration = register_requests(
            connection, requests, actor=actor, now=now, changes=changes, write=not dry_run
        )
    fresh = len(requests) - len(registration.duplicates)
    return ImportReport(
        file_name=path.name,
        encoding=encoding,
        ignored_headers=ignored,
        registered=registration.registered,
        duplicates=registration.duplicates,
        problems=tuple(problems),
        would_register=fresh,
        dry_run=dry_run,
    )
