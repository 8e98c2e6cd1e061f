"""Document numbers leased in blocks, so laptops that are offline never issue the same one.

A notice's number is its case number with a suffix, （2026）黔01执1234号之三. The suffixes of
each case form a series; the central store hands each laptop blocks of a series (之一 to
之十 to one laptop, 之十一 to 之二十 to the next) whenever it syncs, and a laptop issues only
from its own blocks. Everything here is pure: the laptop's and the server's services call it
over their tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from fieldapp.domain.enums import Matter
from fieldapp.domain.identifiers import normalise_case_number
from fieldapp.notices.errors import NoticeError

# How many notices a visit of each matter usually issues (the notice and its service
# receipt, a seal's strip, list, record and notice to assist), so a laptop knows before
# the visit whether it has numbers enough.
NOTICES_PER_VISIT: Mapping[Matter, int] = {
    Matter.SERVICE: 3,
    Matter.INVESTIGATION: 1,
    Matter.LOCATE: 1,
    Matter.SEAL: 6,
    Matter.SEIZE: 5,
    Matter.FREEZE: 2,
    Matter.POSTING: 2,
    Matter.SEARCH: 2,
    Matter.EVICTION: 2,
    Matter.RE_INSPECTION: 1,
}
FIRST_SUFFIX = 1
"""之一 is the first number the field centre issues; the bare case number stays with the
case team's own documents."""
MAX_BLOCK = 100


class NumbersExhausted(NoticeError):
    """No leased number is left for a case: the laptop must sync before issuing."""

    base_code = "notice_numbers_exhausted"

    def __init__(self, case_number: str) -> None:
        super().__init__(
            f"no document number left for case {case_number}: this laptop has used every "
            "number leased to it for this case; connect and sync to lease more"
        )
        self.case_number = case_number


def series_of(case_number: str) -> str:
    """The key of a case's number series: its case number in normal form."""
    return normalise_case_number(case_number)


@dataclass(frozen=True, slots=True)
class LeasePolicy:
    block_size: int = 10
    """Numbers asked for at a time: enough for a day in the field on one case."""
    low_water: int = 3
    """Fewer left than this (or than the open tasks need) counts as running out."""

    def __post_init__(self) -> None:
        if not 1 <= self.block_size <= MAX_BLOCK or self.low_water < 0:
            raise ValueError("block_size must be 1..100 and low_water 0 or more")


DEFAULT_POLICY = LeasePolicy()


@dataclass(frozen=True, slots=True)
class LeaseItem:
    series: str
    count: int


@dataclass(frozen=True, slots=True)
class LeaseRequest:
    device_id: str
    items: tuple[LeaseItem, ...]


@dataclass(frozen=True, slots=True)
class GrantedBlock:
    id: str
    series: str
    device_id: str
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1


class SupplyState(StrEnum):
    OK = "ok"
    LOW = "low"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class Supply:
    """Whether a case's numbers on this laptop last for its open tasks."""

    series: str
    remaining: int
    needed: int
    state: SupplyState

    def __str__(self) -> str:
        if self.state is SupplyState.OUT:
            return f"{self.series}: no document numbers left (open tasks need {self.needed})"
        return f"{self.series}: {self.remaining} number(s) left, open tasks need {self.needed}"


def needed_numbers(matters: Iterable[Matter]) -> int:
    return sum(NOTICES_PER_VISIT.get(matter, 1) for matter in matters)


def supply(
    needs: Mapping[str, int], remaining: Mapping[str, int], policy: LeasePolicy = DEFAULT_POLICY
) -> list[Supply]:
    """Each series that open tasks need, by how short it is: the worst first."""
    rows = []
    for series, needed in needs.items():
        left = remaining.get(series, 0)
        if left == 0:
            state = SupplyState.OUT
        elif left < max(needed, policy.low_water):
            state = SupplyState.LOW
        else:
            state = SupplyState.OK
        rows.append(Supply(series, left, needed, state))
    order = {SupplyState.OUT: 0, SupplyState.LOW: 1, SupplyState.OK: 2}
    return sorted(rows, key=lambda row: (order[row.state], row.series))


def lease_request(
    device_id: str,
    needs: Mapping[str, int],
    remaining: Mapping[str, int],
    policy: LeasePolicy = DEFAULT_POLICY,
) -> LeaseRequest:
    """What a laptop asks for when it syncs: for each series its open tasks need and that
    has fewer than the need (or the low-water mark) left, enough to cover the need, at
    least one block."""
    items = []
    for series in sorted(needs):
        left = remaining.get(series, 0)
        wanted = max(needs[series], policy.low_water)
        if left < wanted:
            count = max(policy.block_size, wanted - left)
            items.append(LeaseItem(series, min(count, MAX_BLOCK)))
    return LeaseRequest(device_id, tuple(items))


def grant_blocks(
    request: LeaseRequest,
    highest_granted: Mapping[str, int],
    new_id: Callable[[], str],
    *,
    first_suffix: int = FIRST_SUFFIX,
) -> list[GrantedBlock]:
    """The server's answer: each asked-for block starts after the highest number of its
    series granted to any device so far, so no two blocks ever overlap.

    `highest_granted` maps a series to its highest granted suffix (absent: none yet).
    """
    granted = []
    for item in request.items:
        if not 1 <= item.count <= MAX_BLOCK:
            raise ValueError(f"a block holds 1..{MAX_BLOCK} numbers, not {item.count}")
        series = series_of(item.series)
        first = max(highest_granted.get(series, first_suffix - 1), first_suffix - 1) + 1
        granted.append(
            GrantedBlock(new_id(), series, request.device_id, first, first + item.count - 1)
        )
    return granted
