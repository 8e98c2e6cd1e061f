"""Statutory checks at the moment of recording: each rule, the law it comes from, and who it binds.

The rules are pure: they look at what the officer is about to record and answer which rules it
breaks. The services refuse to write a record that breaks one; the dialogs run the same checks
as the officer types, so the refusal is never a surprise. Each rule names its legal basis; a
court whose legal office reads a provision differently changes the table, not the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fieldapp.domain.enums import AssetKind, ControlMeasure, Matter, VisitOutcome
from fieldapp.domain.errors import DomainError

_CPL = "《中华人民共和国民事诉讼法》"
_CPL_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"


@dataclass(frozen=True, slots=True)
class StatutoryRule:
    """One rule: a stable code, what it requires (plain English) and its legal basis (中文)."""

    code: str
    requirement: str
    basis: str


TWO_OFFICERS = StatutoryRule(
    "two_officers",
    "seizure, search and eviction are carried out by at least two officers",
    f"{_CPL}第二百五十六条、第二百五十九条、第二百六十一条；"
    "执行人员实施查封、扣押、搜查、强制迁出等强制措施不得少于二人",
)
SEARCH_WARRANT = StatutoryRule(
    "search_warrant",
    "a search needs a search warrant signed by the court president, recorded by its number",
    f"{_CPL}第二百五十九条：搜查令由院长签发；{_CPL_INTERPRETATION}第四百九十七条：搜查人员应当出示搜查令",
)
REFUSAL_PROOF = StatutoryRule(
    "refusal_proof",
    "a refused service needs a witness or a photo/video of the refusal",
    f"{_CPL}第八十九条：受送达人拒绝接收的，邀请有关基层组织或者所在单位的代表到场，"
    "或者采用拍照、录像等方式记录送达过程",
)
SEIZURE_LIST_PRESENT = StatutoryRule(
    "seizure_list_present",
    "the list of sealed or seized property is signed by the persons present: name them",
    f"{_CPL}第二百五十六条：对被查封、扣押的财产，执行员必须造具清单，由在场人签名或者盖章",
)

RULES: tuple[StatutoryRule, ...] = (
    TWO_OFFICERS,
    SEARCH_WARRANT,
    REFUSAL_PROOF,
    SEIZURE_LIST_PRESENT,
)

# Matters whose field work is itself a coercive measure on site.
TWO_OFFICER_MATTERS = frozenset({Matter.SEAL, Matter.SEIZE, Matter.SEARCH, Matter.EVICTION})
# Matters that serve a document, where a refusal must be witnessed or filmed.
SERVICE_MATTERS = frozenset({Matter.SERVICE, Matter.POSTING})
# Asset control done on site (a bank freeze or an equity freeze goes through the assisting body).
ON_SITE_MEASURES = frozenset({ControlMeasure.SEAL, ControlMeasure.SEIZE})
# Property a list (查封、扣押清单) is drawn up for on the spot.
LISTED_KINDS = frozenset({AssetKind.MOVABLE, AssetKind.VEHICLE, AssetKind.OTHER})


class StatutoryCheckFailed(DomainError):
    """The record breaks `rule`; the message says what is needed and why."""

    base_code = "statutory_check"

    def __init__(self, rule: StatutoryRule) -> None:
        super().__init__(f"{rule.requirement} ({rule.basis})", reason=rule.code)
        self.rule = rule


def _count(names: Iterable[str]) -> int:
    return len({name.strip() for name in names if name and name.strip()})


def refusal_unproven(*, witnesses: Sequence[str], media_count: int) -> bool:
    """Whether a refused service lacks what REFUSAL_PROOF asks: a witness or a photo/video."""
    return _count(witnesses) == 0 and media_count <= 0


def visit_violations(
    *,
    matter: Matter,
    outcome: VisitOutcome,
    officer_ids: Sequence[str],
    witnesses: Sequence[str],
    media_count: int,
    warrant_no: str,
    persons_present: Sequence[str],
) -> list[StatutoryRule]:
    """The rules a visit with these facts breaks, in the order of RULES (empty: none)."""
    broken: list[StatutoryRule] = []
    if matter in TWO_OFFICER_MATTERS and _count(officer_ids) < 2:
        broken.append(TWO_OFFICERS)
    if matter is Matter.SEARCH and not warrant_no.strip():
        broken.append(SEARCH_WARRANT)
    if (
        matter in SERVICE_MATTERS
        and outcome is VisitOutcome.REFUSED
        and refusal_unproven(witnesses=witnesses, media_count=media_count)
    ):
        broken.append(REFUSAL_PROOF)
    if (
        matter in (Matter.SEAL, Matter.SEIZE)
        and outcome is VisitOutcome.DONE
        and _count(persons_present) == 0
    ):
        broken.append(SEIZURE_LIST_PRESENT)
    return broken


def asset_control_violations(
    *,
    measure: ControlMeasure,
    asset_kind: AssetKind,
    officer_ids: Sequence[str],
    persons_present: Sequence[str],
) -> list[StatutoryRule]:
    """The rules an asset-control event with these facts breaks (empty: none)."""
    broken: list[StatutoryRule] = []
    if measure in ON_SITE_MEASURES and asset_kind is not AssetKind.BANK_DEPOSIT:
        if _count(officer_ids) < 2:
            broken.append(TWO_OFFICERS)
        if asset_kind in LISTED_KINDS and _count(persons_present) == 0:
            broken.append(SEIZURE_LIST_PRESENT)
    return broken


def require(broken: Sequence[StatutoryRule]) -> None:
    """Raise StatutoryCheckFailed for the first broken rule, if any."""
    if broken:
        raise StatutoryCheckFailed(broken[0])
