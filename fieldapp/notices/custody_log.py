"""The custody-log PDF of an evidence bundle (证据保管链记录): what a judge reads first."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fieldapp.notices.fonts import NoticeFont, load_font, substitute_missing


@dataclass(frozen=True, slots=True)
class CustodyRow:
    number: int
    kind: str  # in Chinese: 照片, 视频 …
    name: str
    sha256: str
    captured: str  # local time, with the device's clock offset
    officer: str
    device: str  # the device key's fingerprint
    chain_seq: int
    received: str  # the server's receipt time, or 未接收


@dataclass(frozen=True, slots=True)
class CustodyLog:
    title_subject: str  # 案号 / 登记号
    exported_at: str
    rows: Sequence[CustodyRow]
    devices: Sequence[tuple[str, str]]  # (device id, key fingerprint)
    server_keys: Sequence[str]  # fingerprints


def render_custody_log(log: CustodyLog, *, font: NoticeFont | None = None) -> bytes:
    face = font or load_font()

    def text(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(substitute_missing(value, face)), style)

    body = ParagraphStyle("body", fontName=face.name, fontSize=8, leading=10, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=face.name, fontSize=16, leading=22, alignment=1)
    lead = ParagraphStyle("lead", fontName=face.name, fontSize=10, leading=14, wordWrap="CJK")
    story: list[object] = [
        text("证据保管链记录", title),
        Spacer(1, 3 * mm),
        text(f"案件/外勤任务：{log.title_subject}", lead),
        text(f"导出时间：{log.exported_at}", lead),
        text(
            "每件证据在采集时计算 SHA-256 哈希值，并作为采集设备签名哈希链中的一环；"
            "法院服务器接收后签发回执。可使用 fieldapp verify 命令离线校验本证据包。",
            lead,
        ),
        Spacer(1, 4 * mm),
    ]
    header = [
        "序号",
        "类型",
        "名称/说明",
        "SHA-256",
        "采集时间",
        "采集人",
        "设备",
        "链序号",
        "服务器接收时间",
    ]
    rows = [[text(cell, body) for cell in header]]
    for row in log.rows:
        digest = f"{row.sha256[:32]}\n{row.sha256[32:]}" if row.sha256 else "（笔录，无文件）"
        rows.append(
            [
                text(str(row.number), body),
                text(row.kind, body),
                text(row.name, body),
                Paragraph(escape(digest).replace("\n", "<br/>"), body),
                text(row.captured, body),
                text(row.officer, body),
                text(row.device, body),
                text(str(row.chain_seq), body),
                text(row.received, body),
            ]
        )
    widths = [m * mm for m in (10, 14, 45, 58, 34, 22, 30, 14, 34)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    for device_id, print_ in log.devices:
        story.append(text(f"采集设备 {device_id} 的签名公钥指纹：{print_}", lead))
    for print_ in log.server_keys:
        story.append(text(f"法院服务器回执公钥指纹：{print_}", lead))
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="证据保管链记录",
        invariant=1,
    )
    document.build(story)
    return out.getvalue()
