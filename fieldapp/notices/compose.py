"""Filling a template: required fields checked, placeholders replaced, the document's parts
listed in order as plain text for the layout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldapp.notices.errors import MissingField, MissingFields
from fieldapp.notices.numerals import chinese_date, court_day
from fieldapp.notices.templates import (
    _PLACEHOLDER,
    Block,
    BlockType,
    Column,
    FieldKind,
    NoticeTemplate,
)

# What an empty optional value prints as: a line to write on by hand.
BLANK = "__________"
LIST_SEPARATOR = "、"
# Court and contact are stored with the notice's fields: it is printed as issued even after the
# configuration changes.
COURT_KEYS = ("court_name", "court_phone", "court_address")


@dataclass(frozen=True, slots=True)
class TextPart:
    style: BlockType
    text: str


@dataclass(frozen=True, slots=True)
class TablePart:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    header: bool = True


@dataclass(frozen=True, slots=True)
class SignaturesPart:
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClosingPart:
    court_name: str
    date_text: str


@dataclass(frozen=True, slots=True)
class PageBreakPart:
    pass


@dataclass(frozen=True, slots=True)
class StripPart:
    big: str
    text: str
    seal_numbers: tuple[str, ...]
    lines: tuple[str, ...]
    date_text: str


Part = TextPart | TablePart | SignaturesPart | ClosingPart | PageBreakPart | StripPart


@dataclass(frozen=True, slots=True)
class ComposedNotice:
    title: str
    court_name: str
    document_number: str
    case_number: str
    parts: tuple[Part, ...]
    texts: tuple[tuple[str, str], ...]
    """(where, text) of everything printed, for the glyph check to name where a character is."""


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_empty(item) for item in value)
    if isinstance(value, dict):
        return all(is_empty(item) for item in value.values())
    return False


def normalise_values(template: NoticeTemplate, values: Mapping[str, Any]) -> dict[str, Any]:
    """The template's fields from `values` (defaults where empty) in plain JSON form.

    Texts are stripped, lists keep their non-empty texts, table rows keep the declared
    columns. Keys the template does not declare are dropped, except the court's.
    """
    result: dict[str, Any] = {}
    for spec in template.fields:
        raw = values.get(spec.name)
        if is_empty(raw) and spec.default is not None:
            raw = spec.default
        if spec.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            result[spec.name] = "" if raw is None else _clean_text(str(raw))
        elif spec.kind is FieldKind.LIST:
            items = [raw] if isinstance(raw, str) else list(raw or [])
            result[spec.name] = [str(item).strip() for item in items if not is_empty(item)]
        else:
            rows = list(raw or [])
            result[spec.name] = [
                {column.key: str(row.get(column.key) or "").strip() for column in spec.columns}
                for row in rows
                if isinstance(row, Mapping) and not is_empty(dict(row))
            ]
    for key in COURT_KEYS:
        if key in values:
            result[key] = str(values[key] or "").strip()
    return result


def _clean_text(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def missing_fields(template: NoticeTemplate, values: Mapping[str, Any]) -> list[MissingField]:
    return [
        MissingField(spec.name, spec.label)
        for spec in template.required
        if is_empty(values.get(spec.name))
    ]


def check_required(template: NoticeTemplate, values: Mapping[str, Any]) -> None:
    missing = missing_fields(template, values)
    if missing:
        raise MissingFields(template.code, template.title, missing)


def context_values(
    template: NoticeTemplate, values: Mapping[str, Any], document_number: str, issued_at: datetime
) -> dict[str, str]:
    """The placeholders every notice has: its number, the date in words, the legal basis."""
    return {
        "document_number": document_number,
        "issue_date": chinese_date(court_day(issued_at)),
        "legal_basis": LIST_SEPARATOR.join(template.printed_basis),
        **{key: str(values.get(key) or "") for key in COURT_KEYS},
    }


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value if not is_empty(item))
    return "" if value is None else str(value)


def compose(
    template: NoticeTemplate,
    values: Mapping[str, Any],
    *,
    document_number: str,
    issued_at: datetime,
    check: bool = True,
) -> ComposedNotice:
    """The notice's parts in order. `values` are normalised fields (court keys included).

    `check=False` (previews) prints empty required fields as blank lines instead of raising.
    """
    if check:
        check_required(template, values)
    context = context_values(template, values, document_number, issued_at)
    texts: list[tuple[str, str]] = []

    def fill(text: str, where: str, *, optional_line: bool = False) -> str | None:
        names = _PLACEHOLDER.findall(text)
        if optional_line and names and all(is_empty(values.get(n, context.get(n))) for n in names):
            return None

        def value_of(match: Any) -> str:
            name = match.group(1)
            raw = context[name] if name in context else _as_text(values.get(name))
            return raw if raw.strip() else BLANK

        filled = _PLACEHOLDER.sub(value_of, text)
        texts.append((where, filled))
        return filled

    parts: list[Part] = []
    for block in template.blocks:
        if block.when and is_empty(values.get(block.when)):
            continue
        parts.extend(_block_parts(template, block, values, context, fill, texts))
    return ComposedNotice(
        title=template.title,
        court_name=context["court_name"],
        document_number=document_number,
        case_number=str(values.get("case_number") or ""),
        parts=tuple(parts),
        texts=tuple(texts),
    )


def _block_parts(
    template: NoticeTemplate,
    block: Block,
    values: Mapping[str, Any],
    context: Mapping[str, str],
    fill: Any,
    texts: list[tuple[str, str]],
) -> list[Part]:
    where = template.title
    kind = block.type
    if block.text and kind in (
        BlockType.ADDRESSEE,
        BlockType.PARAGRAPH,
        BlockType.HEADING,
        BlockType.NOTE,
    ):
        return [TextPart(kind, fill(block.text, where))]
    if kind in (BlockType.LINES, BlockType.PARAGRAPH):
        lines: list[Part] = []
        for item in block.items:
            # A line starting with "?" is left out when every value it shows is empty.
            optional = item.startswith("?")
            text = fill(item[1:] if optional else item, where, optional_line=optional)
            if text is not None:
                lines.append(TextPart(kind, text))
        return lines
    if kind is BlockType.TABLE:
        spec = template.field(block.field)
        rows = tuple(
            tuple(str(row.get(column.key, "")) for column in spec.columns)
            for row in values.get(block.field) or []
        )
        for row in rows:
            texts.extend((spec.label, cell) for cell in row)
        texts.extend((spec.label, column.label) for column in spec.columns)
        return [TablePart(spec.columns, rows)]
    if kind is BlockType.FORM:
        form_rows = []
        for item in block.items:
            label, _, text = item.partition("|")
            filled = fill(text, label)
            form_rows.append((label, "" if filled == BLANK else filled))
            texts.append((where, label))
        columns = (Column("label", "", 1.0), Column("text", "", 3.0))
        return [TablePart(columns, tuple(form_rows), header=False)]
    if kind is BlockType.SIGNATURES:
        return [SignaturesPart(tuple(fill(item, where) for item in block.items))]
    if kind is BlockType.CLOSING:
        texts.append(("落款", context["court_name"] + context["issue_date"]))
        return [ClosingPart(context["court_name"], context["issue_date"])]
    if kind is BlockType.PAGE_BREAK:
        return [PageBreakPart()]
    seals = tuple(values.get(block.field) or ()) if block.field else ()
    strip_lines = []
    for item in block.items:
        optional = item.startswith("?")
        text = fill(item[1:] if optional else item, where, optional_line=optional)
        if text is not None:
            strip_lines.append(text)
    texts.append((where, block.big + context["court_name"] + context["issue_date"]))
    return [
        StripPart(
            block.big,
            fill(block.text, where) or "",
            seals,
            tuple(strip_lines),
            context["issue_date"],
        )
    ]
