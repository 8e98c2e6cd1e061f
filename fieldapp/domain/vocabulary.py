"""Reading matters and priorities from what a registrar types or an imported CSV holds."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

from fieldapp.domain.enums import MATTER_NAMES_ZH, PRIORITY_NAMES_ZH, Matter, Priority
from fieldapp.domain.errors import UnknownMatter, UnknownPriority

_T = TypeVar("_T")

# Words the case system and the registrars also use for a matter, beside its code and 中文 name.
_MATTER_ALIASES: Mapping[str, Matter] = MappingProxyType(
    {
        "线下调查取证": Matter.INVESTIGATION,
    }
)

_PRIORITY_ALIASES: Mapping[str, Priority] = MappingProxyType({"加急": Priority.URGENT})


def _key(text: str) -> str:
    # Full-width letters from a Chinese input method, any case, and "re-inspection" or
    # "re inspection" for the code re_inspection all read the same.
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    return "_".join(folded.replace("-", " ").replace("_", " ").split())


def _index(codes: list[_T], names: Mapping[_T, str], aliases: Mapping[str, _T]) -> dict[str, _T]:
    index = {_key(str(code)): code for code in codes}
    index.update({_key(name): code for code, name in names.items()})
    index.update({_key(alias): code for alias, code in aliases.items()})
    return index


_MATTERS = _index(list(Matter), MATTER_NAMES_ZH, _MATTER_ALIASES)
_PRIORITIES = _index(list(Priority), PRIORITY_NAMES_ZH, _PRIORITY_ALIASES)


def parse_matter(text: str) -> Matter:
    """The matter named by its code ("seal") or Chinese name (查封), in any case and spacing."""
    matter = _MATTERS.get(_key(text))
    if matter is None:
        accepted = ", ".join(f"{m} ({MATTER_NAMES_ZH[m]})" for m in Matter)
        raise UnknownMatter(f"unknown matter '{text.strip()}': use one of {accepted}")
    return matter


def parse_priority(text: str | None) -> Priority:
    """The priority named by normal/urgent or 普通/紧急; empty or None means normal."""
    if text is None or not _key(text):
        return Priority.NORMAL
    priority = _PRIORITIES.get(_key(text))
    if priority is None:
        raise UnknownPriority(
            f"unknown priority '{text.strip()}': use normal (普通) or urgent (紧急), "
            "or leave it empty for normal"
        )
    return priority
