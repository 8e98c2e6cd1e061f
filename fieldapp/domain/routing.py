"""Routing rules: which squad a request goes to, by matter and region.

Among the rules that match a (matter, region) pair the winner is the one with

1. the lowest priority number;
2. then the most specific one: exact matter and exact region beats one wildcard, which beats
   two wildcards;
3. then, so that the outcome never depends on the order the rules were stored in, the lowest
   squad code (plain string order);
4. finally, between rules naming the same squad (only `explain_route` can tell them apart), the
   one with an exact matter, then the lower matter and region codes.

Matter and region codes are compared exactly as stored (no case folding): the admin screens
and the vocabulary parsers hand over canonical codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fieldapp.domain.errors import InvalidRoutingRule

WILDCARD = "*"


@dataclass(frozen=True, slots=True)
class RoutingRule:
    """Send requests of `matter` in `region` to `squad`; `matter` or `region` may be "*"."""

    priority: int
    matter: str
    region: str
    squad: str

    def __post_init__(self) -> None:
        if isinstance(self.priority, bool) or not isinstance(self.priority, int):
            raise InvalidRoutingRule(
                f"routing rule priority must be a whole number, not {self.priority!r}",
                reason="priority",
            )
        for field, value in (("matter", self.matter), ("region", self.region)):
            if not isinstance(value, str) or not value or value != value.strip():
                raise InvalidRoutingRule(
                    f"routing rule {field} must be a code or '*', not {value!r}", reason=field
                )
        if not isinstance(self.squad, str) or not self.squad.strip() or self.squad == WILDCARD:
            raise InvalidRoutingRule(
                f"routing rule squad must be a squad code, not {self.squad!r}", reason="squad"
            )

    @property
    def wildcards(self) -> int:
        return (self.matter == WILDCARD) + (self.region == WILDCARD)

    def matches(self, matter: str, region_code: str) -> bool:
        return self.matter in (WILDCARD, matter) and self.region in (WILDCARD, region_code)


def rule_order(rule: RoutingRule) -> tuple[int, int, str, bool, str, str]:
    """Sort key: the smallest key among matching rules wins (see the module docstring)."""
    return (
        rule.priority,
        rule.wildcards,
        rule.squad,
        rule.matter == WILDCARD,
        rule.matter,
        rule.region,
    )


def explain_route(
    matter: str, region_code: str, rules: Iterable[RoutingRule]
) -> RoutingRule | None:
    """The rule that decides where (`matter`, `region_code`) goes, or None if no rule matches.

    A plain scan over the rules, for one-off previews; use `Router` for many rows.
    """
    matching = [rule for rule in rules if rule.matches(matter, region_code)]
    return min(matching, key=rule_order) if matching else None


def route(matter: str, region_code: str, rules: Iterable[RoutingRule]) -> str | None:
    """The squad code for (`matter`, `region_code`), or None if no rule matches."""
    rule = explain_route(matter, region_code, rules)
    return None if rule is None else rule.squad


class Router:
    """Routes many rows against one rule set in O(1) per row.

    Every (matter, region) pair that the rules name, including wildcard rows and columns, is
    resolved once up front. A matter or region that no rule names can only be matched by a
    wildcard, so it is looked up as "*" — that keeps the table at (matters + 1) x (regions + 1).
    """

    __slots__ = ("_matters", "_regions", "_table", "rules")

    def __init__(self, rules: Iterable[RoutingRule]) -> None:
        self.rules: tuple[RoutingRule, ...] = tuple(sorted(rules, key=rule_order))
        best: dict[tuple[str, str], RoutingRule] = {}
        for rule in self.rules:  # sorted, so the first rule seen for a key is its best
            best.setdefault((rule.matter, rule.region), rule)
        self._matters = frozenset(r.matter for r in self.rules) - {WILDCARD}
        self._regions = frozenset(r.region for r in self.rules) - {WILDCARD}
        self._table: dict[tuple[str, str], RoutingRule] = {}
        for matter in (*self._matters, WILDCARD):
            for region in (*self._regions, WILDCARD):
                candidates = [
                    best[key]
                    for key in {
                        (matter, region),
                        (matter, WILDCARD),
                        (WILDCARD, region),
                        (WILDCARD, WILDCARD),
                    }
                    if key in best
                ]
                if candidates:
                    self._table[(matter, region)] = min(candidates, key=rule_order)

    def explain(self, matter: str, region_code: str) -> RoutingRule | None:
        """The deciding rule, exactly as `explain_route` would find it."""
        key = (
            matter if matter in self._matters else WILDCARD,
            region_code if region_code in self._regions else WILDCARD,
        )
        return self._table.get(key)

    def route(self, matter: str, region_code: str) -> str | None:
        rule = self.explain(matter, region_code)
        return None if rule is None else rule.squad
