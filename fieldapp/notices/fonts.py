"""The embedded notice font: found once per process, registered with reportlab, checked for
the glyphs a text needs."""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from fieldapp.notices.errors import FontUnavailable, MissingGlyph, MissingGlyphs
from fieldapp.paths import resources_dir

FONT_ENV = "FIELDAPP_NOTICE_FONT"
"""``/path/to/font.ttc`` or ``/path/to/font.ttc#1`` (the face in a collection)."""

# Debian's fonts-wqy-zenhei first: it is what the project installs. The others are where a
# court's own Windows machines keep 仿宋, 宋体 and 黑体.
DEFAULT_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("C:/Windows/Fonts/simfang.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
)

# Drawn where the font lacks a glyph in a preview: the geta mark typesetters use for a missing
# character, so the gap is visible on screen. Issuing refuses such text instead.
MISSING_MARK = "〓"


@dataclass(frozen=True, slots=True)
class FontConfig:
    """Which TrueType font (and which face of a .ttc collection) notices embed.

    Leave `path` empty for $FIELDAPP_NOTICE_FONT, else the first installed default.
    """

    path: Path | None = None
    subfont_index: int = 0

    def resolve(self) -> tuple[Path, int]:
        if self.path is not None:
            return self.path.expanduser(), self.subfont_index
        override = os.environ.get(FONT_ENV, "").strip()
        if override:
            name, _, face = override.partition("#")
            return Path(name).expanduser(), int(face) if face.isdigit() else 0
        for name, index in DEFAULT_CANDIDATES:
            if Path(name).is_file():
                return Path(name), index
        # The packaged client ships WenQuanYi Zen Hei (packaging/bundle_contents.py).
        for shipped in sorted((resources_dir() / "fonts").glob("*.tt[cf]")):
            return shipped, 0
        tried = ", ".join(name for name, _ in DEFAULT_CANDIDATES)
        raise FontUnavailable(
            f"no font for notices: none of {tried} exists; install fonts-wqy-zenhei or set "
            f"{FONT_ENV} to a TrueType font with Chinese glyphs",
            reason="not_found",
        )


@dataclass(eq=False)
class NoticeFont:
    """A registered font: its reportlab name and the widths of its characters."""

    name: str
    path: Path
    subfont_index: int
    face_name: str
    widths: Mapping[int, int] = field(repr=False)
    default_width: int = field(repr=False, default=1000)

    def has(self, char: str) -> bool:
        return ord(char) in self.widths

    def width(self, text: str, size: float) -> float:
        """Advance width of `text` at `size` points."""
        widths, default = self.widths, self.default_width
        return sum(widths.get(ord(c), default) for c in text) * size / 1000.0

    def char_widths(self, text: str, size: float) -> list[float]:
        widths, default, scale = self.widths, self.default_width, size / 1000.0
        return [widths.get(ord(c), default) * scale for c in text]

    def missing(self, text: str) -> list[str]:
        """The distinct characters of `text` the font cannot show, in order of appearance."""
        return missing_glyphs(text, self)


_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int], NoticeFont] = {}


def load_font(config: FontConfig | None = None) -> NoticeFont:
    """The font of `config`, parsed and registered once per process (a .ttc takes ~0.1 s)."""
    path, index = (config or FontConfig()).resolve()
    key = (str(path.resolve()) if path.exists() else str(path), index)
    with _LOCK:
        font = _LOADED.get(key)
        if font is not None:
            return font
        if not path.is_file():
            raise FontUnavailable(f"the notice font {path} does not exist", reason="not_found")
        name = f"FieldappNotice{len(_LOADED) + 1}"
        try:
            tt = TTFont(name, str(path), subfontIndex=index)
        except (TTFError, OSError, IndexError, ValueError) as error:
            raise FontUnavailable(
                f"the notice font {path} (face {index}) cannot be embedded: {error}",
                reason="unusable",
            ) from error
        pdfmetrics.registerFont(tt)
        face = tt.face
        raw_name = getattr(face, "name", b"")
        face_name = raw_name.decode("latin-1") if isinstance(raw_name, bytes) else str(raw_name)
        font = NoticeFont(
            name=name,
            path=path,
            subfont_index=index,
            face_name=face_name or name,
            widths=dict(face.charWidths),
            default_width=int(face.defaultWidth),
        )
        _LOADED[key] = font
        return font


def _drawn(char: str) -> bool:
    # Line ends and other controls are layout, not glyphs.
    return not unicodedata.category(char).startswith("C")


def missing_glyphs(text: str, font: NoticeFont) -> list[str]:
    """The distinct characters of `text` that `font` has no glyph for, in order of appearance."""
    widths = font.widths
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in widths and char not in seen and _drawn(char):
            seen[char] = None
    return list(seen)


def check_glyphs(texts: Iterable[tuple[str, str]], font: NoticeFont) -> None:
    """Raise MissingGlyphs naming each character `font` lacks and the fields it is in.

    `texts` holds (field label, text) pairs.
    """
    where: dict[str, list[str]] = {}
    for label, text in texts:
        for char in missing_glyphs(text, font):
            fields = where.setdefault(char, [])
            if label not in fields:
                fields.append(label)
    if where:
        raise MissingGlyphs(
            font.face_name,
            [MissingGlyph(char, tuple(fields)) for char, fields in where.items()],
        )


def substitute_missing(text: str, font: NoticeFont) -> str:
    """`text` with every character the font lacks replaced by the visible 〓 mark."""
    missing = missing_glyphs(text, font)
    if not missing:
        return text
    return "".join(MISSING_MARK if c in missing else c for c in text)
