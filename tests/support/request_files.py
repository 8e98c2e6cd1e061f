"""Builders of request CSV files for tests and benchmarks: valid rows, bad rows, encodings."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

HEADER_EN = (
    "case_number",
    "matter",
    "party_name",
    "id_number",
    "address",
    "requested_by",
    "due_on",
    "priority",
    "notes",
)
HEADER_ZH = ("案号", "事项", "当事人", "证件号码", "地址", "承办人", "期限", "优先级", "备注")
DISTRICTS = (
    "南明区",
    "云岩区",
    "花溪区",
    "乌当区",
    "白云区",
    "观山湖区",
    "清镇市",
    "修文县",
    "息烽县",
    "开阳县",
    "贵安新区",
)
MATTERS = ("送达", "调查取证", "查人找物", "查封", "扣押", "冻结", "张贴公告", "搜查", "复查")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    """A checksum-valid 18-digit resident ID number, different for each ``n``."""
    body = f"520102{1960 + n % 40:04d}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
    return body + check


def valid_row(n: int) -> dict[str, str]:
    district = DISTRICTS[n % len(DISTRICTS)]
    return {
        "case_number": f"（2026）黔01执{1000 + n // 4}号",
        "matter": MATTERS[n % len(MATTERS)],
        "party_name": SURNAMES[n % 20] + GIVEN[(n // 20) % 20] + GIVEN[(n // 400) % 20],
        "id_number": id_number(n),
        "address": f"贵州省贵阳市{district}示例路{n % 500 + 1}号",
        "requested_by": "李法官",
        "due_on": f"2026-12-{1 + n % 28:02d}",
        "priority": "紧急" if n % 10 == 0 else "普通",
        "notes": "",
    }


def csv_text(rows: Iterable[dict[str, str]], header: Sequence[str] = HEADER_EN) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER_EN])
    return out.getvalue()


def write_csv(
    path: Path,
    rows: Iterable[dict[str, str]],
    *,
    header: Sequence[str] = HEADER_EN,
    encoding: str = "utf-8",
) -> Path:
    path.write_bytes(csv_text(rows, header).encode(encoding))
    return path
