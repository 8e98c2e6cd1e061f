"""Errors of notice generation: a stable code for programs, a message a person can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp.domain.errors import DomainError


class NoticeError(DomainError):
    base_code = "notice_error"


class TemplateError(NoticeError):
    """A template file is unusable: the court's administrator must correct it."""

    base_code = "invalid_notice_template"


class UnknownTemplate(NoticeError):
    base_code = "unknown_notice_template"


@dataclass(frozen=True, slots=True)
class MissingField:
    name: str
    label: str

    def __str__(self) -> str:
        return f"{self.label} ({self.name})"


class MissingFields(NoticeError):
    """Required fields are empty, so the notice cannot be issued; each one is named."""

    base_code = "notice_missing_fields"

    def __init__(self, template_code: str, title: str, missing: Sequence[MissingField]) -> None:
        names = "、".join(str(field) for field in missing)
        super().__init__(
            f"{title} ({template_code}) cannot be issued: required field(s) empty: {names}"
        )
        self.template_code = template_code
        self.missing = tuple(missing)


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    char: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        where = f" in {', '.join(self.fields)}" if self.fields else ""
        return f"'{self.char}' (U+{ord(self.char):04X}){where}"


class MissingGlyphs(NoticeError):
    """The font has no glyph for some characters: printed, they would be empty boxes."""

    base_code = "notice_missing_glyphs"

    def __init__(self, font_name: str, missing: Sequence[MissingGlyph]) -> None:
        listed = "; ".join(str(glyph) for glyph in missing)
        super().__init__(
            f"the notice font {font_name} has no glyph for {listed}: configure a font that "
            "has them, or change the text"
        )
        self.font_name = font_name
        self.missing = tuple(missing)


class FontUnavailable(NoticeError):
    base_code = "notice_font_unavailable"
