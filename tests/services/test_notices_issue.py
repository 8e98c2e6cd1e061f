"""Every template issued from the demo data and read back: text, fonts, metadata, layout
rules, reproducible bytes; and what refuses to issue (missing fields, missing glyphs)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select

from fieldapp.notices.compose import BLANK
from fieldapp.notices.errors import MissingFields, MissingGlyphs
from fieldapp.notices.fonts import MISSING_MARK
from fieldapp.notices.linebreak import NO_LINE_END, NO_LINE_START
from fieldapp.notices.render import META_CONTENT_HASH, META_DOCUMENT_NUMBER, META_NOTICE_ID
from fieldapp.notices.templates import FieldKind, default_library
from fieldapp.services.changes import OutboxSink
from fieldapp.services.notices_issue import (
    IssuedNotice,
    NoticeDraft,
    issue,
    issued_pdf,
    prepare,
    preview,
)
from fieldapp.storage.fieldwork import Notice
from fieldapp.storage.local_tables import NoticeNumberBlock, OutboxOp
from tests.support.notice_data import (
    ACTOR,
    NOW,
    SALE_VALUES,
    TEMPLATE_TASK,
    Picks,
    demo_engine,
    lease_locally,
    pick_tasks,
)

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")


@dataclass
class Issued:
    engine: Engine
    picks: Picks
    drafts: dict[str, NoticeDraft]
    notices: dict[str, IssuedNotice]
    folder: Path


def _draft(engine: Engine, picks: Picks, code: str, notice_ids: list[str]) -> NoticeDraft:
    kwargs: dict[str, Any] = {"assignment_id": getattr(picks, TEMPLATE_TASK[code])}
    if code == "service_receipt":
        kwargs["notice_ids"] = notice_ids
    draft = prepare(engine, code, **kwargs)
    if code in ("disposal_notice", "online_auction_notice"):
        draft = draft.with_values(SALE_VALUES)
    return draft


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    folder = tmp_path_factory.mktemp("notices")
    engine = demo_engine(folder)
    picks = pick_tasks(engine)
    lease_locally(engine, picks.case_numbers)
    drafts: dict[str, NoticeDraft] = {}
    notices: dict[str, IssuedNotice] = {}
    for code in TEMPLATE_TASK:
        ids = [notices[c].id for c in ("execution_notice", "asset_report_order") if c in notices]
        drafts[code] = _draft(engine, picks, code, ids)
        notices[code] = issue(
            engine,
            drafts[code],
            actor=ACTOR,
            now=NOW,
            changes=OutboxSink(),
            blobs_dir=folder / "blobs",
        )
        (folder / f"{code}.pdf").write_bytes(notices[code].pdf)
    yield Issued(engine, picks, drafts, notices, folder)
    engine.dispose()


def _text(path: Path, *, mode: str = "-raw") -> str:
    # -raw keeps the order the text was drawn in, so a table cell's lines stay together.
    args = ["pdftotext", "-enc", "UTF-8", mode, str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.split("\n") if line.strip()]
    if isinstance(value, list):
        return [text for item in value for text in _printed(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _printed(item)]
    return []


@needs_poppler
@pytest.mark.parametrize("code", list(TEMPLATE_TASK))
def test_every_filled_field_is_in_the_pdf_text(issued: Issued, code: str) -> None:
    template = default_library().get(code)
    text = _compact(_text(issued.folder / f"{code}.pdf"))
    notice = issued.notices[code]
    assert _compact(template.title) in text or code == "seal_strip"
    assert notice.document_number in text
    values = issued.drafts[code].values
    filled = [spec for spec in template.fields if _printed(values.get(spec.name))]
    assert filled, f"{code}: the demo data filled nothing"
    for spec in filled:
        for piece in _printed(values[spec.name]):
            assert _compact(piece) in text, f"{code}: {spec.name} = {piece!r} is not in the PDF"
    if code not in ("seal_strip", "execution_record", "service_receipt"):
        assert "二〇二六年十一月二十七日" in text  # the closing date in words
    cited = "{legal_basis}" in json.dumps(
        [b.text for b in template.blocks] + [i for b in template.blocks for i in b.items],
        ensure_ascii=False,
    )
    for basis in template.legal_basis:
        # Confirmed bases are printed where the template cites them; "(check)" ones never.
        assert (_compact(basis.text) in text) == (basis.confirmed and cited), basis.text


@needs_poppler
@pytest.mark.parametrize("code", list(TEMPLATE_TASK))
def test_every_font_is_embedded(issued: Issued, code: str) -> None:
    out = subprocess.run(
        ["pdffonts", str(issued.folder / f"{code}.pdf")], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # Columns: name, type, encoding, emb, sub, uni, object, id.
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row
        assert sub == "yes", row


@needs_poppler
@pytest.mark.parametrize("code", [c for c in TEMPLATE_TASK if c != "seal_strip"])
def test_no_line_starts_with_closing_punctuation(issued: Issued, code: str) -> None:
    lines = [
        line.strip() for line in _text(issued.folder / f"{code}.pdf", mode="-layout").splitlines()
    ]
    for line in lines:
        if line:
            assert line[0] not in NO_LINE_START - {"."}, line
            assert line[-1] not in NO_LINE_END, line


@pytest.mark.parametrize("code", list(TEMPLATE_TASK))
def test_metadata_carries_title_court_case_and_stamp(issued: Issued, code: str) -> None:
    notice = issued.notices[code]
    info = PdfReader(issued.folder / f"{code}.pdf").metadata
    assert info is not None
    assert info.title == f"{notice.title} {notice.document_number}"
    assert info.author == "贵州省贵阳市中级人民法院"
    assert info.subject == f"案号：{notice.case_number}"
    assert info[META_NOTICE_ID] == notice.id
    assert info[META_DOCUMENT_NUMBER] == notice.document_number
    assert info[META_CONTENT_HASH] == notice.content_hash
    # The creation date is the issue time in the court's zone, not the clock.
    assert info["/CreationDate"] == "D:20261127103000+08'00'"


def test_the_same_notice_renders_to_the_same_bytes(issued: Issued) -> None:
    for code, notice in issued.notices.items():
        assert issued_pdf(issued.engine, notice.id) == notice.pdf, code


def test_another_process_makes_the_same_bytes(issued: Issued, tmp_path: Path) -> None:
    notice = issued.notices["execution_notice"]
    database = issued.engine.url.database
    script = (
        "import sys\n"
        "from fieldapp.storage.engine import make_engine\n"
        "from fieldapp.services.notices_issue import issued_pdf\n"
        f"engine = make_engine('sqlite:///{database}')\n"
        f"sys.stdout.buffer.write(issued_pdf(engine, {notice.id!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, cwd=Path.cwd()
    ).stdout
    assert out == notice.pdf


def test_issuing_records_the_notice_its_outbox_op_and_the_file(issued: Issued) -> None:
    with issued.engine.connect() as connection:
        rows = connection.execute(select(Notice.id, Notice.field_values)).all()
        op_ids = set(
            connection.execute(
                select(OutboxOp.record_id).where(OutboxOp.entity == "notice")
            ).scalars()
        )
    assert {row.id for row in rows} == op_ids
    assert {n.id for n in issued.notices.values()} <= op_ids
    for notice in issued.notices.values():
        assert notice.pdf_path is not None
        assert notice.pdf_path.read_bytes() == notice.pdf
        assert notice.pdf_path.name == notice.pdf_sha256
    numbers = [n.document_number for n in issued.notices.values()]
    assert len(set(numbers)) == len(numbers)
    stored = {row.id: json.dumps(row.field_values, ensure_ascii=False) for row in rows}
    assert "贵州省贵阳市中级人民法院" in stored[issued.notices["execution_notice"].id]


def _numbers_used(engine: Engine) -> int:
    with engine.connect() as connection:
        used = func.sum(NoticeNumberBlock.next_number - NoticeNumberBlock.first_number)
        return int(connection.execute(select(used)).scalar_one() or 0)


def _notice_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Notice)).scalar_one())


def test_a_missing_required_field_is_named_and_nothing_is_issued(issued: Issued) -> None:
    draft = prepare(issued.engine, "online_auction_notice", assignment_id=issued.picks.asset_task)
    before = (_notice_count(issued.engine), _numbers_used(issued.engine))
    with pytest.raises(MissingFields) as raised:
        issue(issued.engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    names = {field.name for field in raised.value.missing}
    assert names == {"valuation", "starting_price", "deposit", "platform", "auction_time"}
    assert "起拍价 (starting_price)" in str(raised.value)
    assert (_notice_count(issued.engine), _numbers_used(issued.engine)) == before


def test_a_character_the_font_lacks_is_named_and_refused(issued: Issued) -> None:
    rare = "𠮷"  # U+20BB7, a name character outside the CJK basic block
    draft = issued.drafts["execution_notice"].with_values({"deadline": f"{rare}自送达之日起三日内"})
    before = (_notice_count(issued.engine), _numbers_used(issued.engine))
    with pytest.raises(MissingGlyphs) as raised:
        issue(issued.engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    assert [glyph.char for glyph in raised.value.missing] == [rare]
    assert "U+20BB7" in str(raised.value)
    assert (_notice_count(issued.engine), _numbers_used(issued.engine)) == before
    shown, number = preview(issued.engine, draft, now=NOW)
    assert [glyph.char for glyph in shown.missing_glyphs] == [rare]
    assert number is not None
    assert MISSING_MARK in PdfReader(_bytes_io(shown.pdf)).pages[0].extract_text()


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


@needs_poppler
def test_very_long_content_flows_onto_numbered_pages(issued: Issued) -> None:
    record = "执行人员到达现场，出示执行公务证，告知被执行人来意，被执行人表示无力履行。" * 80
    draft = issued.drafts["execution_record"].with_values({"record": record})
    notice = issue(issued.engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    assert notice.pages >= 4
    path = issued.folder / "long.pdf"
    path.write_bytes(notice.pdf)
    text = _compact(_text(path))
    for page in range(1, notice.pages + 1):
        assert f"第{page}页共{notice.pages}页" in text
    footer = r"第\d+页共\d+页扫码核验文书文书编号：[^校]+校验码：[0-9a-f]{16}"
    assert _compact(record) in re.sub(footer, "", text)


def test_a_preview_is_marked_and_carries_no_stamp(issued: Issued) -> None:
    shown, number = preview(issued.engine, issued.drafts["seal_public_notice"], now=NOW)
    info = PdfReader(_bytes_io(shown.pdf)).metadata
    assert info is not None
    assert META_NOTICE_ID not in info
    assert number is not None
    assert number.startswith(issued.notices["seal_public_notice"].case_number)
    assert "样稿" in PdfReader(_bytes_io(shown.pdf)).pages[0].extract_text()


def test_only_editable_fields_can_be_changed(issued: Issued) -> None:
    draft = issued.drafts["execution_notice"]
    with pytest.raises(ValueError, match="case_number"):
        draft.with_values({"case_number": "（2026）黔01执1号"})
    edited = draft.with_values({"obligations": "  一、支付100元。\n\n二、负担执行费。 "})
    assert edited.values["obligations"] == "一、支付100元。\n二、负担执行费。"
    kinds = {spec.kind for t in default_library() for spec in t.fields if spec.editable}
    assert FieldKind.LONG_TEXT in kinds


@needs_poppler
def test_an_empty_optional_field_prints_a_line_to_write_on(issued: Issued) -> None:
    draft = issued.drafts["execution_record"].with_values({"persons_present": []})
    notice = issue(issued.engine, draft, actor=ACTOR, now=NOW, changes=OutboxSink())
    path = issued.folder / "blank.pdf"
    path.write_bytes(notice.pdf)
    assert f"其他在场人员：{BLANK}" in _compact(_text(path))
