"""Chinese numerals, dates and document numbers; line breaking that keeps punctuation off
line starts and opening brackets off line ends."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from fieldapp.notices.linebreak import NO_LINE_END, NO_LINE_START, break_paragraph
from fieldapp.notices.numerals import (
    arabic_datetime,
    chinese_date,
    chinese_number,
    court_day,
    document_number,
    yuan,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "一"),
        (3, "三"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (27, "二十七"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (485, "四百八十五"),
        (1001, "一千零一"),
        (1020, "一千零二十"),
    ],
)
def test_chinese_number(n: int, words: str) -> None:
    assert chinese_number(n) == words


@pytest.mark.parametrize("bad", [0, -1, 10000, True])
def test_chinese_number_refuses_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="1..9999"):
        chinese_number(bad)


def test_chinese_date_writes_the_year_digit_by_digit() -> None:
    assert chinese_date(date(2026, 11, 27)) == "二〇二六年十一月二十七日"
    assert chinese_date(date(2030, 1, 10)) == "二〇三〇年一月十日"


def test_the_court_day_follows_the_court_zone() -> None:
    late_utc = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 01:30 on the 27th in Guiyang
    assert court_day(late_utc) == date(2026, 11, 27)
    assert arabic_datetime(late_utc) == "2026年11月27日1时30分"
    with pytest.raises(ValueError, match="naive"):
        court_day(datetime(2026, 11, 27, 9, 0))  # noqa: DTZ001 - the naive time is the point


def test_document_numbers_carry_the_suffix_in_words() -> None:
    case = "（2026）黔01执1234号"
    assert document_number(case, 0) == case
    assert document_number(case, 3) == "（2026）黔01执1234号之三"
    assert document_number(case, 12) == "（2026）黔01执1234号之十二"


def test_yuan() -> None:
    assert yuan(12345678) == "123,456.78元"
    assert yuan(5) == "0.05元"


def _width(text: str) -> float:
    return sum(1.0 if ord(c) > 0x2E7F else 0.5 for c in text)


PUNCTUATED = (
    "本院于2026年11月27日依法查封被执行人的房屋，请你（单位）在三日内履行义务；"
    "逾期不履行的，依法强制执行。“特此通知”，请知悉！《规定》第九条：不得转移、隐匿。"
)


@pytest.mark.parametrize("width", [5, 6, 7, 8, 9, 10, 13, 17, 28])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    lines = break_paragraph(PUNCTUATED * 3, _width, width)
    assert "".join(line.text for line in lines) == PUNCTUATED * 3
    for line in lines[1:]:
        assert line.text[0] not in NO_LINE_START, [line.text for line in lines]
    for line in lines[:-1]:
        assert line.text[-1] not in NO_LINE_END, [line.text for line in lines]
        assert line.width <= width + 1e-6


def test_random_text_keeps_the_rules() -> None:
    rng = random.Random(5)
    alphabet = "执行法院通知书被申请人财产" + "。，、；：？！）》”" + "（《“" + "0123456789"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        lines = break_paragraph(text, _width, rng.randint(4, 20))
        assert "".join(line.text for line in lines) == text
        for line in lines[1:]:
            # Only a text that is nothing but punctuation could force one to a line start.
            assert line.text[0] not in NO_LINE_START or set(text) <= NO_LINE_START | NO_LINE_END


def test_numbers_move_whole_and_a_lone_last_character_gets_company() -> None:
    lines = break_paragraph("被执行人的证件号码是：520102198001011234，住所地贵阳。", _width, 16)
    assert lines[1].text.startswith("520102198001011234，")
    lone = break_paragraph("一二三四五六七八九十一二三四五六七八九十一", _width, 10)
    assert [len(line.text) for line in lone] == [10, 9, 2]


def test_reportlabs_own_cjk_rule_would_let_a_comma_start_a_line() -> None:
    # Why the package breaks lines itself: reportlab's list lacks the full-width comma.
    from reportlab.lib.textsplit import ALL_CANNOT_START

    assert "，" not in ALL_CANNOT_START
    assert "，" in NO_LINE_START


def test_the_qr_text_carries_id_number_and_hash() -> None:
    from fieldapp.notices.stamp import NoticeStamp, parse_qr_text, qr_matrix, qr_text

    stamp = NoticeStamp(
        "0199a0b2-1234-7abc-8def-0123456789ab", "（2026）黔01执1234号之三", "ab" * 32
    )
    text = qr_text(stamp)
    assert text.startswith("FAN1|0199a0b2-1234-7abc-8def-0123456789ab|（2026）黔01执1234号之三|")
    assert parse_qr_text(text) == stamp
    assert parse_qr_text("something else") is None
    matrix = qr_matrix(text)
    assert len(matrix) == len(matrix[0]) >= 21
    assert all(matrix[row][col] for row, col in ((0, 0), (0, 6), (6, 0)))  # a finder corner
