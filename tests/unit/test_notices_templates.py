"""The shipped notice templates, and what the template reader refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldapp.notices.errors import TemplateError, UnknownTemplate
from fieldapp.notices.templates import (
    FieldKind,
    Layout,
    TemplateLibrary,
    default_library,
    parse_template,
    templates_dir,
)

EXPECTED = {
    "execution_notice": "执行通知书",
    "asset_report_order": "报告财产令",
    "seal_public_notice": "查封公告",
    "seal_strip": "封条",
    "property_list": "查封、扣押财产清单",
    "execution_record": "执行笔录",
    "service_receipt": "送达回证",
    "assistance_notice": "协助执行通知书",
    "disposal_notice": "司法处置告知书",
    "online_auction_notice": "网络司法拍卖（变卖）告知书",
    "renewal_ruling": "执行裁定书",  # 续行查封、扣押、冻结
}


def test_every_document_of_the_issue_has_a_template() -> None:
    latest = {t.code: t for t in default_library().latest()}
    assert {code: t.title for code, t in latest.items()} == EXPECTED
    assert latest["seal_strip"].layout is Layout.SEAL_STRIP
    for template in latest.values():
        assert template.version >= 1
        names = {spec.name for spec in template.required}
        assert "case_number" in names, template.code


def test_the_on_site_record_has_times_persons_witnesses_and_signatures() -> None:
    record = default_library().get("execution_record")
    names = {spec.name for spec in record.fields}
    assert {"started_at", "ended_at", "persons_present", "witnesses", "record"} <= names
    assert record.field("record").kind is FieldKind.LONG_TEXT
    assert record.field("record").editable
    signatures = [b for b in record.blocks if b.type == "signatures"]
    assert signatures
    assert "见证人（签名）：" in signatures[0].items


def test_unconfirmed_legal_bases_are_kept_but_never_printed() -> None:
    library = default_library()
    unconfirmed = [b for t in library for b in t.legal_basis if not b.confirmed]
    assert unconfirmed, "NOTICES.md's (check) basis of the asset report order is recorded"
    for template in library:
        for basis in template.printed_basis:
            assert "(check)" not in basis


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "demo",
        "version": 1,
        "title": "演示",
        "fields": [{"name": "case_number", "label": "案号", "required": True}],
        "blocks": [{"type": "paragraph", "text": "案号{case_number}"}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"blocks": [{"type": "paragraph", "text": "{nobody}"}]}, "placeholder {nobody}"),
        ({"blocks": [{"type": "paragraf", "text": "x"}]}, "block type"),
        ({"fields": [{"name": "case_number", "label": "案号", "requird": True}]}, "requird"),
        ({"version": 0}, "version"),
        ({"blocks": [{"type": "paragraph", "text": "{legal_basis}"}]}, "no basis is confirmed"),
        (
            {"fields": [{"name": "court_name", "label": "法院"}]},
            "reserved: court_name",
        ),
    ],
)
def test_a_broken_template_is_refused_with_the_reason(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(TemplateError, match=message.replace("{", r"\{").replace("}", r"\}")):
        parse_template(_minimal(**changes), "demo.v1.json")


def test_old_versions_stay_available(tmp_path: Path) -> None:
    for version, title in ((1, "旧"), (2, "新")):
        data = _minimal(version=version, title=title)
        (tmp_path / f"demo.v{version}.json").write_text(json.dumps(data), encoding="utf-8")
    library = TemplateLibrary.from_folder(tmp_path)
    assert library.get("demo").title == "新"
    assert library.get("demo", 1).title == "旧"
    with pytest.raises(UnknownTemplate, match="no version 3"):
        library.get("demo", 3)


def test_the_shipped_folder_is_where_resources_are() -> None:
    assert (templates_dir() / "execution_notice.v1.json").is_file()
