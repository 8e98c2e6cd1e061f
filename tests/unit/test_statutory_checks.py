"""The statutory checks: each rule refuses what breaks it, passes what meets it, names its law."""

from __future__ import annotations

import pytest

from fieldapp.domain.enums import AssetKind, ControlMeasure, Matter, VisitOutcome
from fieldapp.domain.field_records import (
    InvalidRecordField,
    clean_identifiers,
    clean_names,
    clean_text,
    split_names,
)
from fieldapp.domain.statutory_checks import (
    REFUSAL_PROOF,
    RULES,
    SEARCH_WARRANT,
    SEIZURE_LIST_PRESENT,
    TWO_OFFICERS,
    StatutoryCheckFailed,
    asset_control_violations,
    refusal_unproven,
    require,
    visit_violations,
)


def visit(matter: Matter, outcome: VisitOutcome = VisitOutcome.MET, **facts: object) -> list:
    base: dict[str, object] = {
        "officer_ids": ["a", "b"],
        "witnesses": [],
        "media_count": 0,
        "warrant_no": "",
        "persons_present": [],
    }
    base.update(facts)
    return visit_violations(matter=matter, outcome=outcome, **base)  # type: ignore[arg-type]


def test_every_rule_names_its_legal_basis() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert "第" in rule.basis
        assert "条" in rule.basis
        assert rule.requirement


@pytest.mark.parametrize("matter", [Matter.SEAL, Matter.SEIZE, Matter.SEARCH, Matter.EVICTION])
def test_coercive_matters_need_two_officers(matter: Matter) -> None:
    facts = {"warrant_no": "W-1", "persons_present": ["王五"]}
    assert TWO_OFFICERS in visit(matter, officer_ids=["a"], **facts)
    # The same officer twice, or a blank, is still one officer.
    assert TWO_OFFICERS in visit(matter, officer_ids=["a", " a ", ""], **facts)
    assert visit(matter, officer_ids=["a", "b"], **facts) == []


def test_other_matters_may_be_done_alone() -> None:
    assert visit(Matter.LOCATE, officer_ids=["a"]) == []


def test_a_search_needs_its_warrant() -> None:
    assert SEARCH_WARRANT in visit(Matter.SEARCH, warrant_no="   ")
    assert visit(Matter.SEARCH, warrant_no="（2026）黔01执搜1号") == []


@pytest.mark.parametrize("matter", [Matter.SERVICE, Matter.POSTING])
def test_refused_service_needs_a_witness_or_media(matter: Matter) -> None:
    assert visit(matter, VisitOutcome.REFUSED) == [REFUSAL_PROOF]
    assert visit(matter, VisitOutcome.REFUSED, witnesses=["网格员 李四"]) == []
    assert visit(matter, VisitOutcome.REFUSED, media_count=1) == []
    assert visit(matter, VisitOutcome.NOT_AT_HOME) == []


def test_a_refusal_is_unproven_without_a_real_witness_or_media() -> None:
    # The same rule the service of a notice (送达) applies to a witness field typed by hand.
    assert refusal_unproven(witnesses=[], media_count=0)
    assert refusal_unproven(witnesses=["", "   "], media_count=0)
    assert not refusal_unproven(witnesses=["社区网格员 李四"], media_count=0)
    assert not refusal_unproven(witnesses=[], media_count=1)


def test_a_seizure_list_needs_the_persons_present() -> None:
    assert visit(Matter.SEIZE, VisitOutcome.DONE) == [SEIZURE_LIST_PRESENT]
    assert visit(Matter.SEIZE, VisitOutcome.DONE, persons_present=["王五（被执行人）"]) == []
    assert visit(Matter.SEIZE, VisitOutcome.NOT_AT_HOME) == []


def test_on_site_asset_control_needs_two_officers_and_the_persons_present() -> None:
    broken = asset_control_violations(
        measure=ControlMeasure.SEIZE, asset_kind=AssetKind.VEHICLE, officer_ids=["a"],
        persons_present=[],
    )  # fmt: skip
    assert broken == [TWO_OFFICERS, SEIZURE_LIST_PRESENT]
    assert (
        asset_control_violations(
            measure=ControlMeasure.SEIZE,
            asset_kind=AssetKind.VEHICLE,
            officer_ids=["a", "b"],
            persons_present=["王五"],
        )  # fmt: skip
        == []
    )
    # Real estate is sealed on site by two officers; no list of movables is drawn up.
    assert asset_control_violations(
        measure=ControlMeasure.SEAL, asset_kind=AssetKind.REAL_ESTATE, officer_ids=["a", "b"],
        persons_present=[],
    ) == []  # fmt: skip
    # A freeze goes through the bank or the registry.
    assert asset_control_violations(
        measure=ControlMeasure.FREEZE, asset_kind=AssetKind.BANK_DEPOSIT, officer_ids=[],
        persons_present=[],
    ) == []  # fmt: skip


def test_require_raises_the_first_rule_with_its_basis() -> None:
    require([])
    with pytest.raises(StatutoryCheckFailed) as raised:
        require([SEARCH_WARRANT, TWO_OFFICERS])
    assert raised.value.rule is SEARCH_WARRANT
    assert raised.value.code == "statutory_check.search_warrant"
    assert "第二百五十九条" in raised.value.message


# --- what may be typed -----------------------------------------------------------------------


def test_text_is_trimmed_and_hostile_text_refused() -> None:
    assert clean_text("  王五 ", field="x", limit=10) == "王五"
    with pytest.raises(InvalidRecordField, match="at most 10"):
        clean_text("字" * 11, field="x", limit=10)
    with pytest.raises(InvalidRecordField, match="U\\+0000"):
        clean_text("a\x00b", field="x", limit=10)
    with pytest.raises(InvalidRecordField, match="U\\+202E"):
        clean_text("a\u202eb", field="x", limit=10)
    with pytest.raises(InvalidRecordField):
        clean_text("a\nb", field="x", limit=10)
    assert clean_text("a\nb", field="x", limit=10, multiline=True) == "a\nb"
    # Quotes and markup are text like any other.
    assert clean_text("'; DROP TABLE x;--<b>", field="x", limit=100) == "'; DROP TABLE x;--<b>"


def test_names_split_on_chinese_and_western_separators() -> None:
    assert split_names("王五，李四、赵六\n钱七; 孙八") == ["王五", "李四", "赵六", "钱七", "孙八"]
    assert clean_names(["王五", " 王五 ", ""], field="w") == ["王五"]
    with pytest.raises(InvalidRecordField, match="at most 30"):
        clean_names([f"人{i}" for i in range(31)], field="w")


def test_identifiers_per_asset_kind() -> None:
    assert clean_identifiers(AssetKind.VEHICLE, {"plate_no": " 贵A·12345 "}) == {
        "plate_no": "贵A·12345"
    }
    assert clean_identifiers(AssetKind.VEHICLE, {"vin": "lsvaa2180e2123456"})["vin"] == (
        "LSVAA2180E2123456"
    )
    with pytest.raises(InvalidRecordField, match="plate_no, vin"):
        clean_identifiers(AssetKind.VEHICLE, {"engine_no": "X1"})
    with pytest.raises(InvalidRecordField, match="without I, O or Q"):
        clean_identifiers(AssetKind.VEHICLE, {"vin": "IOQ45678901234567"})
    with pytest.raises(InvalidRecordField, match="bank: required"):
        clean_identifiers(AssetKind.BANK_DEPOSIT, {"account_no": "6222 0000 1111"})
    assert (
        clean_identifiers(
            AssetKind.BANK_DEPOSIT, {"account_no": "6222 0000 1111", "bank": "工商银行"}
        )["account_no"]
        == "622200001111"
    )
    with pytest.raises(InvalidRecordField, match="6 to 32 digits"):
        clean_identifiers(AssetKind.BANK_DEPOSIT, {"account_no": "abc", "bank": "工商银行"})
    with pytest.raises(InvalidRecordField, match="registration_authority"):
        clean_identifiers(AssetKind.EQUITY, {"company": "某公司"})
    with pytest.raises(InvalidRecordField, match="do not belong"):
        clean_identifiers(AssetKind.REAL_ESTATE, {"plate_no": "x", "property_certificate_no": "y"})
