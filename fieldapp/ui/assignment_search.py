"""Matching assignments against the words typed into the search field."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fieldapp.services.assignment_views import AssignmentRow


def normalise(text: str) -> str:
    # NFKC folds full-width forms, so "(2026)" finds the case number written "（2026）".
    return unicodedata.normalize("NFKC", text).casefold()


def search_terms(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def haystack(row: AssignmentRow) -> str:
    """The searchable text of a row: registration no., case number, party and address."""
    fields = (row.registration_no, row.case_number, row.party_name, row.address)
    # A separator no one types, so a term never matches across two fields.
    return normalise("\x1f".join(fields))


def matches(text: str, terms: Sequence[str]) -> bool:
    """Every term occurs somewhere in ``text`` (a haystack)."""
    return all(term in text for term in terms)
