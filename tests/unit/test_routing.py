"""Tests of routing rules, the plain scan and the precomputed Router."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.domain.enums import Matter
from fieldapp.domain.errors import InvalidRoutingRule
from fieldapp.domain.routing import Router, RoutingRule, explain_route, route

R = RoutingRule


def both(matter: str, region: str, rules: list[RoutingRule]) -> str | None:
    """Route with the plain scan and the Router, insisting they agree."""
    scanned = route(matter, region, rules)
    assert Router(rules).route(matter, region) == scanned
    return scanned


def test_no_rules_no_squad() -> None:
    assert both("seal", "520102", []) is None
    assert explain_route("seal", "520102", []) is None


def test_no_matching_rule_gives_none() -> None:
    rules = [R(1, "seal", "520102", "S1"), R(1, "service", "*", "S2")]
    assert both("freeze", "520103", rules) is None


def test_exact_rule_matches() -> None:
    assert both("seal", "520102", [R(5, "seal", "520102", "S1")]) == "S1"


def test_wildcards_match_anything() -> None:
    rules = [R(9, "*", "*", "ALL")]
    assert both("seal", "520102", rules) == "ALL"
    assert both("eviction", "999999", rules) == "ALL"


def test_lowest_priority_number_wins_over_specificity() -> None:
    rules = [R(2, "seal", "520102", "EXACT"), R(1, "*", "*", "CATCH_ALL")]
    assert both("seal", "520102", rules) == "CATCH_ALL"


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ([R(1, "seal", "520102", "A"), R(1, "seal", "*", "B")], "A"),
        ([R(1, "seal", "520102", "B"), R(1, "*", "520102", "A")], "B"),
        ([R(1, "seal", "*", "B"), R(1, "*", "*", "A")], "B"),
        ([R(1, "*", "520102", "B"), R(1, "*", "*", "A")], "B"),
        ([R(1, "*", "*", "A"), R(1, "seal", "*", "C"), R(1, "seal", "520102", "D")], "D"),
    ],
)
def test_on_equal_priority_the_more_specific_rule_wins(
    rules: list[RoutingRule], expected: str
) -> None:
    assert both("seal", "520102", rules) == expected
    assert both("seal", "520102", rules[::-1]) == expected


def test_remaining_tie_goes_to_the_lowest_squad_code_whatever_the_order() -> None:
    rules = [R(1, "seal", "*", "S2"), R(1, "*", "520102", "S1")]
    assert both("seal", "520102", rules) == "S1"
    assert both("seal", "520102", rules[::-1]) == "S1"
    same_key = [R(3, "seal", "520102", "S4"), R(3, "seal", "520102", "S3")]
    assert both("seal", "520102", same_key) == "S3"


def test_explain_prefers_the_exact_matter_between_rules_of_one_squad() -> None:
    by_region = R(1, "*", "520102", "S1")
    by_matter = R(1, "seal", "*", "S1")
    for rules in ([by_region, by_matter], [by_matter, by_region]):
        assert explain_route("seal", "520102", rules) is by_matter
        assert Router(rules).explain("seal", "520102") == by_matter


def test_explain_returns_the_deciding_rule() -> None:
    winner = R(1, "seal", "*", "S2")
    rules = [R(2, "seal", "520102", "S1"), winner, R(5, "*", "*", "S3")]
    assert explain_route("seal", "520102", rules) == winner
    assert Router(rules).explain("seal", "520102") == winner
    assert Router(rules).explain("freeze", "520102") == R(5, "*", "*", "S3")


def test_router_falls_back_to_wildcards_for_codes_no_rule_names() -> None:
    router = Router(
        [
            R(1, "seal", "520102", "S1"),
            R(2, "seal", "*", "S2"),
            R(2, "*", "520103", "S3"),
            R(9, "*", "*", "S4"),
        ]
    )
    assert router.route("seal", "520102") == "S1"
    assert router.route("seal", "000000") == "S2"  # unknown region
    assert router.route("posting", "520103") == "S3"  # unknown matter
    assert router.route("posting", "000000") == "S4"  # both unknown
    assert router.route("freeze", "520102") == "S4"  # known region, no rule for its matter


def test_router_without_catch_all_answers_none_for_unknown_codes() -> None:
    router = Router([R(1, "seal", "520102", "S1")])
    assert router.route("seal", "520103") is None
    assert router.route("freeze", "520102") is None


def test_matter_enum_members_route_like_their_codes() -> None:
    rules = [R(1, Matter.SEAL, "520102", "S1"), R(1, "freeze", "520102", "S2")]
    assert both(Matter.SEAL, "520102", rules) == "S1"
    assert both(Matter.FREEZE, "520102", rules) == "S2"


def test_router_keeps_its_rules_sorted_by_precedence() -> None:
    rules = [R(3, "*", "*", "C"), R(1, "seal", "*", "B"), R(1, "seal", "520102", "A")]
    assert [rule.squad for rule in Router(rules).rules] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"priority": "1"}, "priority"),
        ({"priority": True}, "priority"),
        ({"priority": 1.5}, "priority"),
        ({"matter": ""}, "matter"),
        ({"matter": " seal"}, "matter"),
        ({"region": ""}, "region"),
        ({"region": "520102 "}, "region"),
        ({"squad": ""}, "squad"),
        ({"squad": "   "}, "squad"),
        ({"squad": "*"}, "squad"),
    ],
)
def test_bad_rules_are_refused(kwargs: dict[str, object], reason: str) -> None:
    fields: dict[str, object] = {"priority": 1, "matter": "seal", "region": "*", "squad": "S1"}
    fields.update(kwargs)
    with pytest.raises(InvalidRoutingRule) as caught:
        RoutingRule(**fields)  # type: ignore[arg-type]
    assert caught.value.code == f"invalid_routing_rule.{reason}"


def test_rules_are_frozen_and_hashable() -> None:
    rule = R(1, "seal", "*", "S1")
    with pytest.raises(AttributeError):
        rule.squad = "S2"  # type: ignore[misc]
    assert {rule, R(1, "seal", "*", "S1")} == {rule}


# --- property: the Router agrees with a brute-force reference -----------------------------------

MATTERS = ["seal", "freeze", "service", "*"]
REGIONS = ["520102", "520103", "520111", "*"]


def reference_route(matter: str, region: str, rules: list[RoutingRule]) -> str | None:
    """The routing rule of the design written as plainly as possible, step by step."""
    matching = [
        r
        for r in rules
        if (r.matter == "*" or r.matter == matter) and (r.region == "*" or r.region == region)
    ]
    if not matching:
        return None
    top = min(r.priority for r in matching)
    matching = [r for r in matching if r.priority == top]
    fewest = min(int(r.matter == "*") + int(r.region == "*") for r in matching)
    matching = [r for r in matching if int(r.matter == "*") + int(r.region == "*") == fewest]
    return sorted(r.squad for r in matching)[0]


rule_strategy = st.builds(
    RoutingRule,
    priority=st.integers(min_value=-2, max_value=4),
    matter=st.sampled_from(MATTERS),
    region=st.sampled_from(REGIONS),
    squad=st.sampled_from(["S1", "S2", "S3", "S10"]),
)
queries = st.tuples(
    st.sampled_from(["seal", "freeze", "service", "posting"]),
    st.sampled_from(["520102", "520103", "520111", "530000"]),
)


@settings(max_examples=300)
@given(rules=st.lists(rule_strategy, max_size=12), query=queries, seed=st.randoms())
def test_router_and_scan_agree_with_the_reference(
    rules: list[RoutingRule], query: tuple[str, str], seed: random.Random
) -> None:
    matter, region = query
    expected = reference_route(matter, region, rules)
    shuffled = list(rules)
    seed.shuffle(shuffled)
    assert route(matter, region, rules) == expected
    assert Router(rules).route(matter, region) == expected
    assert Router(shuffled).route(matter, region) == expected
    rule = Router(shuffled).explain(matter, region)
    assert rule == explain_route(matter, region, rules)
    if rule is not None:
        assert rule in rules
        assert rule.matches(matter, region)
        assert rule.squad == expected


def test_router_routes_100k_rows_quickly() -> None:
    rng = random.Random(7)
    matters = [m.value for m in Matter]
    regions = [f"5201{n:02d}" for n in range(1, 40)]
    rules = [
        R(rng.randint(1, 5), rng.choice(matters), rng.choice(regions), "S1") for _ in range(300)
    ]
    rules += [R(5, m, "*", "S2") for m in matters] + [R(9, "*", "*", "S3")]
    rows = [(rng.choice(matters), rng.choice([*regions, "999999"])) for _ in range(100_000)]

    start = time.perf_counter()
    router = Router(rules)
    routed = [router.route(m, r) for m, r in rows]
    elapsed = time.perf_counter() - start

    assert all(squad is not None for squad in routed)
    sample = rows[::1000]
    assert [router.route(m, r) for m, r in sample] == [route(m, r, rules) for m, r in sample]
    assert elapsed < 2.0, f"routing 100,000 rows took {elapsed:.2f} s"
