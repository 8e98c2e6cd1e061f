"""Notice templates: versioned JSON files under resources/notices, read into frozen data.

A file ``<code>.v<version>.json`` holds the title, the fields (each with a label, a kind and
whether it is required), the blocks of the document in order with ``{field}`` placeholders,
and the legal bases. Old versions stay next to new ones: an issued notice names the version it
was made from, so it can be printed again exactly as issued.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from fieldapp.notices.errors import TemplateError, UnknownTemplate
from fieldapp.paths import resources_dir

FieldValue = str | list[str] | list[dict[str, str]] | None


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # free text in paragraphs, written by the officer
    LIST = "list"  # several short texts: names, seal numbers
    TABLE = "table"  # rows of the columns the field declares


class BlockType(StrEnum):
    ADDRESSEE = "addressee"  # 被执行人：, flush left
    PARAGRAPH = "paragraph"  # indented two characters, justified
    LINES = "lines"  # form lines such as 时间：…, flush left
    HEADING = "heading"  # a flush-left caption such as 附：财产清单
    TABLE = "table"
    FORM = "form"  # a bordered two-column form: items are "label|text with {placeholders}"
    SIGNATURES = "signatures"  # a line to sign on for each item
    CLOSING = "closing"  # court name, Chinese date, the place of the seal
    NOTE = "note"  # small print after the closing
    PAGE_BREAK = "page_break"
    STRIP = "strip"  # the composition of a seal strip (封条)


class Layout(StrEnum):
    DOCUMENT = "document"
    SEAL_STRIP = "seal_strip"


# Values every notice gets from the issue itself and the court's configuration.
CONTEXT_FIELDS: Mapping[str, str] = {
    "document_number": "文书编号",
    "court_name": "法院名称",
    "court_phone": "法院联系电话",
    "court_address": "法院地址",
    "issue_date": "落款日期",
    "legal_basis": "法律依据",
}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_FILE_NAME = re.compile(r"([a-z][a-z0-9_]*)\.v([0-9]+)\.json")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    editable: bool = False
    """The officer may change it before issuing (free text); others come from records."""
    columns: tuple[Column, ...] = ()
    hint: str = ""
    default: FieldValue = None
    """Used when the records give nothing, e.g. a usual deadline the officer may change."""


@dataclass(frozen=True, slots=True)
class Block:
    type: BlockType
    text: str = ""
    items: tuple[str, ...] = ()
    field: str = ""
    when: str = ""
    """Only printed when this field has a value (e.g. a legal representative)."""
    big: str = ""


@dataclass(frozen=True, slots=True)
class LegalBasis:
    text: str
    confirmed: bool
    """Unconfirmed bases (marked "(check)" in NOTICES.md) are kept for review, never printed."""


@dataclass(frozen=True, slots=True)
class NoticeTemplate:
    code: str
    version: int
    title: str
    layout: Layout
    fields: tuple[FieldSpec, ...]
    blocks: tuple[Block, ...]
    legal_basis: tuple[LegalBasis, ...]

    @property
    def key(self) -> str:
        return f"{self.code}.v{self.version}"

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def required(self) -> tuple[FieldSpec, ...]:
        return tuple(spec for spec in self.fields if spec.required)

    @property
    def printed_basis(self) -> tuple[str, ...]:
        return tuple(basis.text for basis in self.legal_basis if basis.confirmed)

    def label(self, name: str) -> str:
        if name in CONTEXT_FIELDS:
            return CONTEXT_FIELDS[name]
        return self.field(name).label


def _fail(where: str, message: str) -> TemplateError:
    return TemplateError(f"notice template {where}: {message}", reason="invalid")


def _str(data: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise _fail(where, f"'{key}' must be a non-empty text")
    return value


def _known_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        # A misspelt key must not silently drop a required flag or a paragraph's condition.
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}")


def _field(data: Any, where: str) -> FieldSpec:
    if not isinstance(data, dict):
        raise _fail(where, "each field must be an object")
    _known_keys(
        data,
        {"name", "label", "kind", "required", "editable", "columns", "hint", "default"},
        where,
    )
    name = _str(data, "name", where)
    where = f"{where} field '{name}'"
    try:
        kind = FieldKind(data.get("kind", "text"))
    except ValueError:
        raise _fail(where, f"kind must be one of {', '.join(FieldKind)}") from None
    columns = tuple(
        Column(_str(c, "key", where), _str(c, "label", where), float(c.get("weight", 1.0)))
        for c in data.get("columns", [])
    )
    if (kind is FieldKind.TABLE) != bool(columns):
        raise _fail(where, "a table field, and only a table field, declares columns")
    default = data.get("default")
    if default is not None and not _fits(kind, default):
        raise _fail(where, f"the default does not suit a {kind} field")
    return FieldSpec(
        name=name,
        label=_str(data, "label", where),
        kind=kind,
        required=bool(data.get("required", False)),
        editable=bool(data.get("editable", False)),
        columns=columns,
        hint=_str(data, "hint", where, ""),
        default=default,
    )


def _fits(kind: FieldKind, value: Any) -> bool:
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        return isinstance(value, str)
    if kind is FieldKind.LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list) and all(
        isinstance(row, dict) and all(isinstance(v, str) for v in row.values()) for row in value
    )


def _block(data: Any, where: str) -> Block:
    if not isinstance(data, dict):
        raise _fail(where, "each block must be an object")
    _known_keys(data, {"type", "text", "items", "field", "when", "big"}, where)
    try:
        kind = BlockType(str(data.get("type")))
    except ValueError:
        raise _fail(where, f"block type must be one of {', '.join(BlockType)}") from None
    items = data.get("items", [])
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _fail(where, f"the {kind} block's items must be a list of texts")
    return Block(
        type=kind,
        text=_str(data, "text", where, ""),
        items=tuple(items),
        field=_str(data, "field", where, ""),
        when=_str(data, "when", where, ""),
        big=_str(data, "big", where, ""),
    )


def parse_template(data: Any, where: str = "") -> NoticeTemplate:
    """A template from its JSON data; every reference in it is checked."""
    if not isinstance(data, dict):
        raise _fail(where, "the file must hold an object")
    _known_keys(
        data, {"code", "version", "title", "layout", "fields", "blocks", "legal_basis"}, where
    )
    code = _str(data, "code", where)
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(where, "'version' must be a whole number, 1 or more")
    where = where or f"{code}.v{version}"
    try:
        layout = Layout(data.get("layout", "document"))
    except ValueError:
        raise _fail(where, f"layout must be one of {', '.join(Layout)}") from None
    fields = tuple(_field(f, where) for f in data.get("fields", []))
    names = [spec.name for spec in fields]
    duplicated = sorted(
        {n for n in names if names.count(n) > 1} | (set(names) & set(CONTEXT_FIELDS))
    )
    if duplicated:
        raise _fail(where, f"field name(s) declared twice or reserved: {', '.join(duplicated)}")
    blocks = tuple(_block(b, where) for b in data.get("blocks", []))
    bases = []
    for entry in data.get("legal_basis", []):
        if not isinstance(entry, dict):
            raise _fail(where, "each legal basis must be an object")
        _known_keys(entry, {"text", "confirmed"}, where)
        bases.append(LegalBasis(_str(entry, "text", where), entry.get("confirmed") is True))
    template = NoticeTemplate(
        code=code,
        version=version,
        title=_str(data, "title", where),
        layout=layout,
        fields=fields,
        blocks=blocks,
        legal_basis=tuple(bases),
    )
    _check_references(template, where)
    return template


def placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def _check_references(template: NoticeTemplate, where: str) -> None:
    known = {spec.name: spec for spec in template.fields}
    for block in template.blocks:
        for text in (block.text, *block.items):
            for name in placeholders(text):
                if name not in known and name not in CONTEXT_FIELDS:
                    raise _fail(where, f"placeholder {{{name}}} names no declared field")
                if name in known and known[name].kind is FieldKind.TABLE:
                    raise _fail(where, f"table field {{{name}}} cannot be used inside a text")
                if name == "legal_basis" and not template.printed_basis:
                    raise _fail(where, "{legal_basis} is used but no basis is confirmed")
        for name in (block.field, block.when):
            if name and name not in known:
                raise _fail(where, f"block names field '{name}', which is not declared")
        if block.type is BlockType.TABLE and known[block.field].kind is not FieldKind.TABLE:
            raise _fail(where, f"table block needs a table field, not '{block.field}'")


class TemplateLibrary:
    """Every template version in a folder, by code."""

    def __init__(self, templates: Mapping[str, Mapping[int, NoticeTemplate]]) -> None:
        self._templates = {code: dict(versions) for code, versions in templates.items()}

    @classmethod
    def from_folder(cls, folder: Path) -> TemplateLibrary:
        found: dict[str, dict[int, NoticeTemplate]] = {}
        if not folder.is_dir():
            raise TemplateError(f"no notice templates: {folder} is not a folder", reason="folder")
        for path in sorted(folder.glob("*.json")):
            match = _FILE_NAME.fullmatch(path.name)
            if match is None:
                raise _fail(path.name, "file names are <code>.v<version>.json")
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise _fail(path.name, f"cannot be read: {error}") from error
            template = parse_template(data, path.name)
            if (template.code, str(template.version)) != match.groups():
                raise _fail(path.name, "code and version must match the file name")
            found.setdefault(template.code, {})[template.version] = template
        return cls(found)

    def get(self, code: str, version: int | None = None) -> NoticeTemplate:
        versions = self._templates.get(code)
        if not versions:
            known = ", ".join(sorted(self._templates))
            raise UnknownTemplate(f"no notice template '{code}'; known: {known}")
        chosen = max(versions) if version is None else version
        if chosen not in versions:
            raise UnknownTemplate(f"notice template '{code}' has no version {version}")
        return versions[chosen]

    def latest(self) -> list[NoticeTemplate]:
        """The newest version of every template, in file-name order."""
        return [versions[max(versions)] for _, versions in sorted(self._templates.items())]

    def __iter__(self) -> Iterator[NoticeTemplate]:
        for _, versions in sorted(self._templates.items()):
            yield from (versions[v] for v in sorted(versions))


def templates_dir() -> Path:
    return resources_dir() / "notices"


@functools.cache
def default_library() -> TemplateLibrary:
    """The shipped templates, read once per process."""
    return TemplateLibrary.from_folder(templates_dir())
