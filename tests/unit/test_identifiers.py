"""Tests of case numbers, resident ID numbers and unified social credit codes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.errors import (
    DomainError,
    InvalidCaseNumber,
    InvalidCreditCode,
    InvalidIdNumber,
)
from fieldapp.domain.identifiers import (
    PROVINCES,
    CaseNumber,
    id_birth_date,
    normalise_case_number,
    parse_case_number,
    validate_credit_code,
    validate_id_number,
)

# =================================================================================================
# Case numbers
# =================================================================================================

ALL_34 = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川黔云陕甘青台蒙桂藏宁新港澳"


@pytest.mark.parametrize(
    ("text", "normal", "parts"),
    [
        ("（2026）黔01执1234号", "（2026）黔01执1234号", (2026, "黔01", "执", 1234, "")),
        ("(2026)黔0102执恢12号", "（2026）黔0102执恢12号", (2026, "黔0102", "执恢", 12, "")),
        ("（2025）黔01执保3号", "（2025）黔01执保3号", (2025, "黔01", "执保", 3, "")),
        (
            "（2026）黔01执1234号之一",
            "（2026）黔01执1234号之一",
            (2026, "黔01", "执", 1234, "之一"),
        ),
        ("  (2026) 黔01 执异 7 号  ", "（2026）黔01执异7号", (2026, "黔01", "执异", 7, "")),
        (
            "（2026）黔01执1234号之十二",
            "（2026）黔01执1234号之十二",
            (2026, "黔01", "执", 1234, "之十二"),
        ),
        ("（2024）黔民终88号", "（2024）黔民终88号", (2024, "黔", "民终", 88, "")),
        ("(2026)京0101民初5", "（2026）京0101民初5号", (2026, "京0101", "民初", 5, "")),
        ("（2026）黔01执0012号", "（2026）黔01执12号", (2026, "黔01", "执", 12, "")),
        ("（２０２６）黔０１执１２号", "（2026）黔01执12号", (2026, "黔01", "执", 12, "")),
        ("\u3000（2026）黔71执3号\u3000", "（2026）黔71执3号", (2026, "黔71", "执", 3, "")),
        ("(1990)沪01执1号", "（1990）沪01执1号", (1990, "沪01", "执", 1, "")),
        ("(2100)澳01执1号", "（2100）澳01执1号", (2100, "澳01", "执", 1, "")),
    ],
)
def test_valid_case_numbers(text: str, normal: str, parts: tuple[int, str, str, int, str]) -> None:
    case = parse_case_number(text)
    assert (case.year, case.court, case.kind, case.serial, case.suffix) == parts
    assert str(case) == normal
    assert normalise_case_number(text) == normal
    assert case.province == parts[1][0]


def test_the_province_list_is_the_34_divisions() -> None:
    assert len(ALL_34) == 34
    assert set(PROVINCES) == set(ALL_34)


@pytest.mark.parametrize("province", list(ALL_34))
def test_every_province_is_accepted(province: str) -> None:
    assert parse_case_number(f"(2026){province}01执1号").court == f"{province}01"


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("", "empty", "is empty"),
        ("   ", "empty", "is empty"),
        ("(2026)黔01执", "serial", "has no serial number"),
        ("2026黔01执1号", "year", "does not start with the year in brackets"),
        ("[2026]黔01执1号", "year", "does not start with the year in brackets"),
        ("(26)黔01执1号", "year", "four-digit year"),
        ("()黔01执1号", "year", "four-digit year"),
        ("(1989)黔01执1号", "year", "outside 1990–2100"),
        ("(2101)黔01执1号", "year", "outside 1990–2100"),
        ("(2026)", "court", "has no court code"),
        ("(2026)贵01执1号", "court", "courts there use 黔"),
        ("(2026)滇01执1号", "court", "courts there use 云"),
        ("(2026)X01执1号", "court", "where the province should be"),
        ("(2026)最高法执1号", "court", "where the province should be"),
        ("(2026)黔1执1号", "court", "court code '黔1'"),
        ("(2026)黔010执1号", "court", "court code '黔010'"),
        ("(2026)黔010203执1号", "court", "court code '黔010203'"),
        ("(2026)黔01", "kind", "no case-type code"),
        ("(2026)黔011234号", "kind", "no case-type code"),
        ("(2026)黔01zhi1号", "kind", "case-type code 'zhi'"),
        ("(2026)黔01执执执执执执1号", "kind", "case-type code"),
        ("(2026)黔01执号", "serial", "has no serial number"),
        ("(2026)黔01执0号", "serial", "must be 1 or more"),
        ("(2026)黔01执1号abc", "suffix", "'abc' after the serial number"),
        ("(2026)黔01执1号之1", "suffix", "'之1' after the serial number"),
        ("(2026)黔01执1号号", "suffix", "'号' after the serial number"),
    ],
)
def test_invalid_case_numbers(text: str, reason: str, words: str) -> None:
    with pytest.raises(InvalidCaseNumber) as caught:
        parse_case_number(text)
    error = caught.value
    assert error.code == f"invalid_case_number.{reason}"
    assert words in str(error)
    assert "expected like （2026）黔01执1234号" in str(error)


def test_error_message_reads_as_the_registrar_needs() -> None:
    with pytest.raises(InvalidCaseNumber) as caught:
        parse_case_number("(2026)黔01执")
    assert str(caught.value) == (
        "case number '(2026)黔01执' has no serial number: expected like （2026）黔01执1234号"
    )


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ((1989, "黔01", "执", 1, ""), "year"),
        ((2026, "", "执", 1, ""), "court"),
        ((2026, "贵01", "执", 1, ""), "court"),
        ((2026, "黔0１", "执", 1, ""), "court"),
        ((2026, "黔01", "", 1, ""), "kind"),
        ((2026, "黔01", "执号", 1, ""), "kind"),
        ((2026, "黔01", "执", 0, ""), "serial"),
        ((2026, "黔01", "执", 1, "之"), "suffix"),
    ],
)
def test_case_number_checks_its_parts_when_built_directly(
    parts: tuple[int, str, str, int, str], reason: str
) -> None:
    with pytest.raises(InvalidCaseNumber) as caught:
        CaseNumber(*parts)
    assert caught.value.code == f"invalid_case_number.{reason}"


case_numbers = st.builds(
    CaseNumber,
    year=st.integers(min_value=1990, max_value=2100),
    court=st.builds(
        lambda p, d: p + d,
        st.sampled_from(ALL_34),
        st.sampled_from(["", "01", "0102", "71", "7101"]),
    ),
    kind=st.sampled_from(["执", "执恢", "执保", "执异", "执复", "民初", "财保"]),
    serial=st.integers(min_value=1, max_value=10**6),
    suffix=st.sampled_from(["", "之一", "之二", "之十一"]),
)


@given(case=case_numbers)
def test_case_number_round_trip(case: CaseNumber) -> None:
    text = str(case)
    assert text.startswith("（")
    assert text.count("号") == 1
    assert parse_case_number(text) == case
    ascii_spaced = f" ({case.year}) {case.court} {case.kind}{case.serial}号{case.suffix} "
    assert normalise_case_number(ascii_spaced) == text


# =================================================================================================
# Resident ID numbers (GB 11643)
# =================================================================================================


def reference_id_check(first17: str) -> str:
    """The check digit computed the long way: weights 2^(18-i) mod 11 written out."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(digit) * weight for digit, weight in zip(first17, weights, strict=True))
    return ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"][total % 11]


def make_id(region: str, born: date, order: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{order:03d}"
    return first17 + reference_id_check(first17)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("11010519491231002X", "11010519491231002X"),  # GB 11643 sample
        ("11010519491231002x", "11010519491231002X"),
        ("440524188001010014", "440524188001010014"),  # GB 11643 sample, born 1880
        (" 110105 19491231 002X ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (make_id("520102", date(2000, 2, 29), 17), make_id("520102", date(2000, 2, 29), 17)),
    ],
)
def test_valid_id_numbers(text: str, normal: str) -> None:
    assert validate_id_number(text) == normal


def test_reference_check_agrees_with_the_gb_samples() -> None:
    assert reference_id_check("11010519491231002") == "X"
    assert reference_id_check("44052418800101001") == "4"


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("", "empty", "is empty"),
        ("1101051949123100", "length", "has 16 characters"),
        ("11010519491231002X1", "length", "has 19 characters"),
        ("110105491231002", "length", "old 15-digit number"),
        ("1101051949123100XX", "characters", "17 digits followed by a digit or X"),
        ("11010519491231A02X", "characters", "17 digits followed by a digit or X"),
        ("11010519491231002Y", "characters", "17 digits followed by a digit or X"),
        (make_id("110105", date(1949, 12, 31), 2)[:-1] + "0", "checksum", "check digit"),
        ("11010519491231003X", "checksum", "check digit"),
        ("110105194913310020", "birth_date", "'19491331'"),
        ("110105202302290024", "birth_date", "'20230229'"),
        (make_id("110105", date(1799, 12, 31), 2), "birth_date", "impossible birth date"),
    ],
)
def test_invalid_id_numbers(text: str, reason: str, words: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        validate_id_number(text)
    assert caught.value.code == f"invalid_id_number.{reason}"
    assert words in str(caught.value)
    assert isinstance(caught.value, DomainError)


def test_a_birth_date_after_today_is_refused_when_today_is_given() -> None:
    number = make_id("520102", date(2026, 6, 1), 1)
    assert validate_id_number(number, today=date(2026, 6, 1)) == number
    with pytest.raises(InvalidIdNumber, match="impossible birth date 2026-06-01"):
        validate_id_number(number, today=date(2026, 5, 31))


def test_birth_date_is_read_from_the_number() -> None:
    assert id_birth_date("11010519491231002x") == date(1949, 12, 31)
    with pytest.raises(InvalidIdNumber):
        id_birth_date("110105194912310021")


ids = st.builds(
    make_id,
    region=st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)),
    order=st.integers(min_value=0, max_value=999),
)


@given(number=ids)
def test_generated_id_numbers_pass(number: str) -> None:
    assert validate_id_number(number) == number
    assert validate_id_number(number.lower()) == number


@given(number=ids, position=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_character_change_fails(number: str, position: int, data: st.DataObject) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from(alphabet.replace(number[position], "")))
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(InvalidIdNumber) as caught:
        validate_id_number(changed)
    assert caught.value.reason in {"checksum", "birth_date"}


@given(number=ids, position=st.integers(min_value=0, max_value=15))
def test_swapping_two_neighbouring_digits_fails(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    swapped = number[:position] + b + a + number[position + 2 :]
    if a == b:
        assert validate_id_number(swapped) == number
    else:
        with pytest.raises(InvalidIdNumber):
            validate_id_number(swapped)


# =================================================================================================
# Unified social credit codes (GB 32100-2015)
# =================================================================================================

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_credit_check(first17: str) -> str:
    """The check character computed the long way: weights 3^(i-1) mod 31 written out."""
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, weights, strict=True))
    check = 31 - total % 31
    return CREDIT_CHARS[0 if check == 31 else check]


def make_credit_code(head: str, region: str, body: str) -> str:
    first17 = head + region + body
    return first17 + reference_credit_check(first17)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("91350100M000100Y43", "91350100M000100Y43"),  # the sample used in GB 32100 guides
        ("914403001922038216", "914403001922038216"),  # public: Huawei Technologies Co., Ltd.
        ("91440300708461136T", "91440300708461136T"),  # public: Shenzhen Tencent Computer
        ("91350100m000100y43", "91350100M000100Y43"),
        (" 9135 0100 M000 100Y 43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
    ],
)
def test_valid_credit_codes(text: str, normal: str) -> None:
    assert validate_credit_code(text) == normal


def test_reference_check_agrees_with_the_public_samples() -> None:
    for code in ["91350100M000100Y43", "914403001922038216", "91440300708461136T"]:
        assert reference_credit_check(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("", "empty", "is empty"),
        ("91350100M000100Y4", "length", "has 17 characters"),
        ("91350100M000100Y433", "length", "has 19 characters"),
        ("91350100M000100I43", "characters", "contains I"),
        ("9135010OM000100Y43", "characters", "contains O"),
        ("91350100M000100Z43", "characters", "contains Z"),
        ("91350100S000100V43", "characters", "contains S, V"),
        ("9135010-M000100Y43", "characters", "contains -"),
        ("913501A0M000100Y43", "region", "places 3–8"),
        ("91350100M000100Y44", "checksum", "check character"),
        ("91350101M000100Y43", "checksum", "check character"),
    ],
)
def test_invalid_credit_codes(text: str, reason: str, words: str) -> None:
    with pytest.raises(InvalidCreditCode) as caught:
        validate_credit_code(text)
    assert caught.value.code == f"invalid_credit_code.{reason}"
    assert words in str(caught.value)


credit_codes = st.builds(
    make_credit_code,
    head=st.text(alphabet=CREDIT_CHARS, min_size=2, max_size=2),
    region=st.from_regex(r"[0-9]{6}", fullmatch=True),
    body=st.text(alphabet=CREDIT_CHARS, min_size=9, max_size=9),
)


@given(code=credit_codes)
def test_generated_credit_codes_pass(code: str) -> None:
    assert validate_credit_code(code) == code


@given(code=credit_codes, position=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_character_change_of_a_credit_code_fails(
    code: str, position: int, data: st.DataObject
) -> None:
    alphabet = "0123456789" if 2 <= position < 8 else CREDIT_CHARS
    replacement = data.draw(st.sampled_from(alphabet.replace(code[position], "")))
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(InvalidCreditCode) as caught:
        validate_credit_code(changed)
    assert caught.value.reason == "checksum"
