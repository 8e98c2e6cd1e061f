"""The registrar's work in the window: one request checked field by field as it is typed (case
number, address → region, routing preview) and registered; a CSV file previewed row by row
before its good rows are registered. Both register through :mod:`registration`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select

from fieldapp.domain.enums import Matter
from fieldapp.domain.errors import DomainError
from fieldapp.domain.identifiers import (
    normalise_case_number,
    validate_credit_code,
    validate_id_number,
)
from fieldapp.domain.routing import Router
from fieldapp.domain.vocabulary import parse_matter, parse_priority
from fieldapp.geo.gazetteer import Gazetteer, default_gazetteer
from fieldapp.services.actor import Actor
from fieldapp.services.changes import OutboxSink
from fieldapp.services.registration import (
    Duplicate,
    Registered,
    load_router,
    register_requests,
)
from fieldapp.services.request_rows import (
    FIELD_LIMITS,
    FieldRequest,
    RowProblem,
    check_row,
    parse_date,
)
from fieldapp.services.requests_csv import COLUMNS, REQUIRED, RawRow, open_request_file
from fieldapp.storage.engine import writing
from fieldapp.storage.reference import Squad

# The form's fields are the CSV's columns, in the same order.
FORM_FIELDS = tuple(COLUMNS)
REQUIRED_FIELDS = frozenset(REQUIRED)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """``code``: ``empty``, ``too_long``, ``no_region`` or a domain error's code; for a row of
    a file also ``extra_cells``, ``duplicate_line``, ``duplicate_registered`` (``field`` empty)
    and ``other`` (the row check's English reason, should the two checks ever drift apart)."""

    field: str
    code: str
    message: str  # plain English, for logs and the command line
    detail: str = ""  # what a translated text names: a line, a registration number, a count


@dataclass(frozen=True, slots=True)
class DraftCheck:
    problems: tuple[FieldProblem, ...]
    case_number: str | None  # in its normal form, when it is valid
    region_code: str | None
    region_name: str | None
    squad_code: str | None  # where the request would go (None: no routing rule matches)
    squad_name: str | None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, name: str) -> FieldProblem | None:
        return next((p for p in self.problems if p.field == name), None)


class DraftRefused(Exception):
    """``registered_as``: the request is already registered under that number."""

    def __init__(
        self, check: DraftCheck | None, message: str, *, registered_as: str | None = None
    ) -> None:
        super().__init__(message)
        self.check = check
        self.registered_as = registered_as


@dataclass(frozen=True, slots=True)
class PreviewRow:
    line: int
    values: dict[str, str]
    problems: tuple[FieldProblem, ...]  # empty: the row is good

    @property
    def good(self) -> bool:
        return not self.problems

    @property
    def reasons(self) -> tuple[str, ...]:
        """The problems in plain English."""
        return tuple(problem.message for problem in self.problems)


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    encoding: str
    ignored_headers: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    requests: tuple[FieldRequest, ...] = field(repr=False)  # the good rows, ready to register

    @property
    def good_count(self) -> int:
        return len(self.requests)

    @property
    def bad_count(self) -> int:
        return len(self.rows) - len(self.requests)


@dataclass(frozen=True, slots=True)
class Imported:
    registered: tuple[Registered, ...]
    duplicates: tuple[Duplicate, ...]


class RegistrationForm:
    """What the registrar's section checks against: regions, routing rules and squads, read
    once (call :meth:`reload` after a sync brings new rules)."""

    def __init__(self, engine: Engine, gazetteer: Gazetteer | None = None) -> None:
        self._engine = engine
        self._gazetteer = gazetteer or default_gazetteer()
        self._router = Router([])
        self._squads: dict[str, str] = {}
        self.reload()

    def reload(self) -> None:
        with self._engine.connect() as connection:
            self._router = load_router(connection)
            query = select(Squad.code, Squad.name).where(Squad.deleted.is_(False))
            self._squads = {code: name for code, name in connection.execute(query)}

    def region_of(self, address: str) -> str | None:
        region = self._gazetteer.region_in_address(address)
        return region.code if region else None

    # -- one request --------------------------------------------------------------------------

    def check(self, values: dict[str, str]) -> DraftCheck:
        """Every field of the form checked; cheap enough to run on each keystroke."""
        problems: list[FieldProblem] = []
        text = {name: str(values.get(name, "") or "") for name in FORM_FIELDS}
        for name, value in text.items():
            limit = FIELD_LIMITS.get(name)
            if limit is not None and len(value) > limit:
                problems.append(
                    FieldProblem(
                        name, "too_long", f"{name} is {len(value)} characters long; at most {limit}"
                    )
                )
            elif name in REQUIRED_FIELDS and not value.strip():
                problems.append(FieldProblem(name, "empty", f"{name} is empty"))
        checked = {p.field for p in problems}

        def parsed(name: str, parse: Callable[[str], object]) -> object | None:
            if name in checked or not text[name].strip():
                return None
            try:
                return parse(text[name])
            except DomainError as error:
                problems.append(FieldProblem(name, error.code, error.message))
                return None

        case_number = parsed("case_number", normalise_case_number)
        matter = parsed("matter", parse_matter)
        parsed("id_number", _id_number)
        parsed("due_on", parse_date)
        parsed("priority", parse_priority)
        region = None
        if "address" not in checked and text["address"].strip():
            region = self._gazetteer.region_in_address(text["address"])
            if region is None:
                problems.append(
                    FieldProblem(
                        "address",
                        "no_region",
                        "the address names no district or county we serve (e.g. 南明区, 清镇市)",
                    )
                )
        squad = None
        if region is not None and isinstance(matter, Matter):
            squad = self._router.route(matter.value, region.code)
        return DraftCheck(
            problems=tuple(problems),
            case_number=str(case_number) if case_number else None,
            region_code=region.code if region else None,
            region_name=region.name if region else None,
            squad_code=squad,
            squad_name=self._squads.get(squad or "", squad),
        )

    def register(self, values: dict[str, str], *, actor: Actor, now: datetime) -> Registered:
        """Register the request in one transaction with its outbox ops."""
        check = self.check(values)
        if not check.ok:
            raise DraftRefused(check, "; ".join(p.message for p in check.problems))
        row = RawRow(1, {name: str(values.get(name, "") or "").strip() for name in FORM_FIELDS})
        request = check_row(row, self.region_of)
        if not isinstance(request, FieldRequest):  # the same rules: only if they drift apart
            raise DraftRefused(check, "; ".join(request.reasons))
        with writing(self._engine).begin() as connection:
            done = register_requests(
                connection, [request], actor=actor, now=now, changes=OutboxSink()
            )
        if done.duplicates:
            number = done.duplicates[0].registration_no
            raise DraftRefused(check, f"already registered as {number}", registered_as=number)
        return done.registered[0]

    # -- a CSV file -----------------------------------------------------------------------------

    def preview_file(self, path: Path) -> ImportPreview:
        """Every row of ``path`` checked, duplicates included; nothing written.

        Raises UnusableFile when the file as a whole cannot be read (size, encoding, header).
        """
        request_file = open_request_file(path)
        rows: list[PreviewRow] = []
        good: list[FieldRequest] = []
        checked: list[tuple[RawRow, FieldRequest]] = []
        for raw in request_file.rows():
            result = check_row(raw, self.region_of)
            if isinstance(result, FieldRequest):
                checked.append((raw, result))
            else:
                rows.append(PreviewRow(raw.line, dict(raw.values), self._row_problems(raw, result)))
        with self._engine.connect() as connection:
            dry = register_requests(
                connection,
                [request for _raw, request in checked],
                actor=Actor(None, None),
                now=datetime.now(UTC),
                changes=OutboxSink(),
                write=False,
            )
        duplicates = {duplicate.line: duplicate for duplicate in dry.duplicates}
        for raw, request in checked:
            duplicate = duplicates.get(raw.line)
            if duplicate is None:
                rows.append(PreviewRow(raw.line, dict(raw.values), ()))
                good.append(request)
            else:
                rows.append(
                    PreviewRow(raw.line, dict(raw.values), (_duplicate_problem(duplicate),))
                )
        rows.sort(key=lambda row: row.line)
        return ImportPreview(
            file_name=path.name,
            encoding=request_file.encoding,
            ignored_headers=request_file.ignored_headers,
            rows=tuple(rows),
            requests=tuple(good),
        )

    def _row_problems(self, raw: RawRow, refused: RowProblem) -> tuple[FieldProblem, ...]:
        """Why a row of a file was refused, field by field with codes the window translates:
        the form's checks (the same rules as the row's) and the file's own problems."""
        problems = list(self.check(raw.values).problems)
        if raw.extra_cells:
            count = str(raw.extra_cells)
            message = f"{count} cell(s) more than the header has columns"
            problems.insert(0, FieldProblem("", "extra_cells", message, count))
        if not problems:  # the two checks drifted apart: keep the row check's own words
            reasons = refused.reasons or ("the row cannot be registered",)
            problems = [FieldProblem("", "other", reason) for reason in reasons]
        return tuple(problems)

    def import_good_rows(self, preview: ImportPreview, *, actor: Actor, now: datetime) -> Imported:
        """Register the rows the preview found good, in one transaction. A row registered since
        the preview (by another import) is reported as a duplicate, not registered twice."""
        with writing(self._engine).begin() as connection:
            done = register_requests(
                connection, list(preview.requests), actor=actor, now=now, changes=OutboxSink()
            )
        return Imported(done.registered, done.duplicates)


def _duplicate_problem(duplicate: Duplicate) -> FieldProblem:
    if duplicate.first_line is not None:
        line = str(duplicate.first_line)
        return FieldProblem("", "duplicate_line", f"the same request as line {line}", line)
    number = duplicate.registration_no or ""
    return FieldProblem("", "duplicate_registered", f"already registered as {number}", number)


def _id_number(text: str) -> str:
    text = text.strip().upper()
    if len(text) == 18 and any(ch.isalpha() for ch in text[:17]):
        return validate_credit_code(text)
    return validate_id_number(text)
