"""Line breaking for Chinese text: no line starts with closing punctuation (避头) and none
ends with an opening one (避尾); numbers and Latin words are not split unless they must be.

reportlab's ``wordWrap='CJK'`` is not enough: its list of characters that cannot start a
line lacks ，；：？！》〉 and ”, so a comma can open a line, and it only ever moves one
character. Here closing marks stick to the unit before them and opening marks to the unit
after, so a greedy fill of units can never put one at the wrong end of a line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# 避头: closing brackets and quotes, pause and stop marks, the second half of …… and ——.
NO_LINE_START = frozenset(
    "。，、；：？！）》」』】〕〉〗｝］”’…—‥·～%‰℃°.,;:?!)]}>"
    "\uff0e\uff0c\uff1b\uff1a\uff1f\uff01\uff09\uff3d\uff5d\uff60\u3009\u300b"
)
# 避尾: opening brackets and quotes, and signs that belong to the number after them.
NO_LINE_END = frozenset("（《「『【〔〈〖｛［“‘([{<￥$＄№#")
# Runs that read as one word: Latin letters, digits and what sits inside numbers and codes.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-/:_@'&+*")
_SPACE = " "
# A word (an ID number, a long amount) moves to the next line whole unless that leaves more
# than this share of the line empty; then it is broken where the line ends.
_SPLIT_SHARE = 0.4
_FUZZ = 1e-6


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    width: float
    last: bool
    """The last line of its paragraph: set ragged, never justified."""


def _units(text: str) -> list[str]:
    """Unbreakable pieces of `text`, punctuation already stuck to its neighbour."""
    units: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _WORD_CHARS and char not in NO_LINE_END:
            j = i + 1
            while j < n and text[j] in _WORD_CHARS:
                j += 1
            # A trailing stop or comma of a number run is punctuation, not part of the word.
            while j - 1 > i and text[j - 1] in ".,:":
                j -= 1
            units.append(text[i:j])
            i = j
        else:
            units.append(char)
            i += 1
    merged: list[str] = []
    carry = ""  # opening marks waiting for the unit they belong to
    for unit in units:
        if unit in NO_LINE_END:
            carry += unit
            continue
        if carry:
            unit, carry = carry + unit, ""
        if merged and unit[0] in NO_LINE_START and merged[-1] != _SPACE:
            merged[-1] += unit
        else:
            merged.append(unit)
    if carry:
        merged.append(carry)
    return merged


def _is_word(unit: str) -> bool:
    return sum(char in _WORD_CHARS for char in unit) > 1


def break_paragraph(
    text: str,
    width_of: Callable[[str], float],
    max_width: float,
    *,
    first_indent: float = 0.0,
) -> list[Line]:
    """Lines of one paragraph (no line ends inside `text`) fitting `max_width`."""
    if not text:
        return [Line("", 0.0, True)]
    lines: list[Line] = []
    current: list[str] = []
    used = 0.0
    room = max_width - first_indent

    def emit() -> None:
        nonlocal current, used, room
        while current and current[-1] == _SPACE:
            used -= width_of(current.pop())
        lines.append(Line("".join(current), used, False))
        current, used, room = [], 0.0, max_width

    for unit in _units(text):
        if unit == _SPACE and not current:
            continue  # a space never starts a line
        w = width_of(unit)
        if used + w <= room + _FUZZ:
            current.append(unit)
            used += w
            continue
        too_wide = w > max_width - (first_indent if not lines else 0.0)
        leaves_hole = room - used > max_width * _SPLIT_SHARE
        if len(unit) > 1 and (not current or too_wide or (leaves_hole and _is_word(unit))):
            # Too wide to move whole: fill this line with as much of it as fits.
            for char in unit:
                cw = width_of(char)
                # A closing mark hangs past the margin rather than open the next line.
                if used + cw > room + _FUZZ and current and char not in NO_LINE_START:
                    carried: list[str] = []
                    while current and current[-1] in NO_LINE_END:
                        carried.insert(0, current.pop())
                        used -= width_of(carried[0])
                    if current:
                        emit()
                    current.extend(carried)
                    used += sum(width_of(c) for c in carried)
                current.append(char)
                used += cw
            continue
        if current:
            emit()
        if unit == _SPACE:
            continue
        current.append(unit)
        used += w
    if current or not lines:
        while current and current[-1] == _SPACE:
            used -= width_of(current.pop())
        lines.append(Line("".join(current), used, True))
    else:
        last = lines[-1]
        lines[-1] = Line(last.text, last.width, True)
    return _no_lone_character(lines, width_of)


def _no_lone_character(lines: list[Line], width_of: Callable[[str], float]) -> list[Line]:
    """A paragraph does not end with one character alone on its line (孤字): the line before
    gives it a companion, and is justified a little looser."""
    if len(lines) < 2 or len(lines[-1].text) > 2 or len(_units(lines[-1].text)) != 1:
        return lines
    previous = _units(lines[-2].text)
    if len(previous) < 3:
        return lines
    moved = previous[-1]
    before = "".join(previous[:-1])
    lines[-2] = Line(before, lines[-2].width - width_of(moved), False)
    text = moved + lines[-1].text
    lines[-1] = Line(text, width_of(text), True)
    return lines


def break_text(
    text: str,
    width_of: Callable[[str], float],
    max_width: float,
    *,
    first_indent: float = 0.0,
) -> list[list[Line]]:
    """Each paragraph of `text` (split at line ends) broken into lines."""
    return [
        break_paragraph(paragraph, width_of, max_width, first_indent=first_indent)
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
