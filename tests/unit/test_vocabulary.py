"""Tests of reading matters and priorities from typed or imported text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.enums import MATTER_NAMES_ZH, Matter, Priority
from fieldapp.domain.errors import DomainError, UnknownMatter, UnknownPriority
from fieldapp.domain.vocabulary import parse_matter, parse_priority

# Written out independently of MATTER_NAMES_ZH, so a wrong name there is caught here.
CHINESE = [
    ("查封", Matter.SEAL),
    ("送达", Matter.SERVICE),
    ("调查取证", Matter.INVESTIGATION),
    ("查人找物", Matter.LOCATE),
    ("扣押", Matter.SEIZE),
    ("冻结", Matter.FREEZE),
    ("张贴公告", Matter.POSTING),
    ("搜查", Matter.SEARCH),
    ("复查", Matter.RE_INSPECTION),
    ("强制迁出", Matter.EVICTION),
]


def test_every_matter_has_a_chinese_name_here() -> None:
    assert sorted(m for _, m in CHINESE) == sorted(Matter)


@pytest.mark.parametrize(("text", "matter"), CHINESE)
def test_chinese_names(text: str, matter: Matter) -> None:
    assert parse_matter(text) is matter
    assert parse_matter(f"  {text}\u3000") is matter


@pytest.mark.parametrize("matter", list(Matter))
def test_codes_in_any_case(matter: Matter) -> None:
    assert parse_matter(matter.value) is matter
    assert parse_matter(matter.value.upper()) is matter
    assert parse_matter(f" {matter.value.title()} ") is matter


@pytest.mark.parametrize(
    ("text", "matter"),
    [
        ("re-inspection", Matter.RE_INSPECTION),
        ("Re Inspection", Matter.RE_INSPECTION),
        ("RE_INSPECTION", Matter.RE_INSPECTION),
        ("ＳＥＡＬ", Matter.SEAL),
        ("线下调查取证", Matter.INVESTIGATION),
    ],
)
def test_spelling_variants(text: str, matter: Matter) -> None:
    assert parse_matter(text) is matter


@pytest.mark.parametrize("text", ["", "   ", "sealing", "查", "查封扣押", "renew", "*", "seal;"])
def test_unknown_matters_list_what_is_accepted(text: str) -> None:
    with pytest.raises(UnknownMatter) as caught:
        parse_matter(text)
    message = str(caught.value)
    assert caught.value.code == "unknown_matter"
    assert isinstance(caught.value, DomainError)
    for matter in Matter:
        assert matter.value in message
        assert MATTER_NAMES_ZH[matter] in message


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("normal", Priority.NORMAL),
        ("urgent", Priority.URGENT),
        ("URGENT", Priority.URGENT),
        (" Normal ", Priority.NORMAL),
        ("普通", Priority.NORMAL),
        ("紧急", Priority.URGENT),
        ("加急", Priority.URGENT),
        ("", Priority.NORMAL),
        ("   ", Priority.NORMAL),
        (None, Priority.NORMAL),
    ],
)
def test_priorities(text: str | None, priority: Priority) -> None:
    assert parse_priority(text) is priority


@pytest.mark.parametrize("text", ["high", "1", "urgent!", "不急"])
def test_unknown_priorities(text: str) -> None:
    with pytest.raises(UnknownPriority) as caught:
        parse_priority(text)
    assert caught.value.code == "unknown_priority"
    assert "normal (普通) or urgent (紧急)" in str(caught.value)


@given(text=st.text(max_size=12))
def test_any_text_gives_a_matter_or_unknown_matter(text: str) -> None:
    try:
        matter = parse_matter(text)
    except UnknownMatter:
        return
    assert isinstance(matter, Matter)
    assert parse_matter(matter.value) is matter
