"""Reading a CSV file of field requests: its encoding, its headers, its rows as raw text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 4000

# Each column by its English and Chinese header names; required ones must be present.
COLUMNS: dict[str, tuple[str, ...]] = {
    "case_number": ("case_number", "案号"),
    "matter": ("matter", "事项"),
    "party_name": ("party_name", "当事人"),
    "id_number": ("id_number", "证件号码"),
    "address": ("address", "地址"),
    "requested_by": ("requested_by", "承办人"),
    "due_on": ("due_on", "期限"),
    "priority": ("priority", "优先级"),
    "notes": ("notes", "备注"),
}
REQUIRED = ("case_number", "matter", "party_name", "address")


class UnusableFile(ValueError):
    """The file as a whole cannot be read as a request list; nothing was imported."""


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    values: dict[str, str]
    extra_cells: int = 0


@dataclass(frozen=True, slots=True)
class RequestFile:
    encoding: str
    columns: tuple[str, ...]
    ignored_headers: tuple[str, ...]
    text: str

    def rows(self) -> Iterator[RawRow]:
        reader = csv.reader(io.StringIO(self.text, newline=""), strict=False)
        next(reader, None)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                column: cells[index].strip() if index < len(cells) else ""
                for index, column in enumerate(self.columns)
                if column
            }
            yield RawRow(reader.line_num, values, max(0, len(cells) - len(self.columns)))


def open_request_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> RequestFile:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnusableFile(
                f"{path.name} is {size / 1048576:.1f} MB; an import file may be at most "
                f"{max_bytes // 1048576} MB — split it into smaller files"
            )
        data = path.read_bytes()
    except OSError as error:
        raise UnusableFile(f"cannot read {path}: {error.strerror or error}") from error
    return parse_request_bytes(data, name=path.name)


def parse_request_bytes(data: bytes, *, name: str = "the file") -> RequestFile:
    if not data.strip():
        raise UnusableFile(f"{name} is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile(f"{name} is UTF-16 text; save it as CSV (UTF-8) or CSV (GB18030)")
    if b"\x00" in data[:65536]:
        raise UnusableFile(f"{name} is not a text CSV file (it contains binary data)")
    text, encoding = _decode(data, name)
    first_line = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first_line]))
    except csv.Error as error:
        raise UnusableFile(f"{name}: the header line cannot be read: {error}") from error
    columns, ignored = _map_headers(header)
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        expected = ", ".join(f"{COLUMNS[c][0]}/{COLUMNS[c][1]}" for c in missing)
        raise UnusableFile(f"{name} lacks the required column(s) {expected}")
    return RequestFile(encoding, columns, ignored, text)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    # UTF-8 first: GB18030 decodes almost any byte string, so it can only be the fallback.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise UnusableFile(f"{name} is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8)")


def _looks_like_text(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return controls <= len(sample) // 100


def _map_headers(header: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    by_name = {name.casefold(): column for column, names in COLUMNS.items() for name in names}
    columns: list[str] = []
    ignored: list[str] = []
    for cell in header:
        column = by_name.get(cell.strip().lstrip("\ufeff").casefold(), "")
        if column in columns:
            raise UnusableFile(f"the column {cell.strip()!r} appears twice in the header")
        if not column and cell.strip():
            ignored.append(cell.strip())
        columns.append(column)
    return tuple(columns), tuple(ignored)
