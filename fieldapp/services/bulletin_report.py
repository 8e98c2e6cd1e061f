"""The weekly bulletin as a document: figures formatted in Chinese, the PDF, and its file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from fieldapp.domain.clock import COURT_TZ
from fieldapp.domain.errors import DomainError
from fieldapp.notices.bulletin_pdf import BarChart, BulletinDocument, Cell, FigureTable
from fieldapp.notices.bulletin_pdf import render_bulletin as _render_document
from fieldapp.notices.court import CourtConfig
from fieldapp.notices.fonts import load_font
from fieldapp.services.bulletin import (
    Bulletin,
    Change,
    Figures,
    Line,
    OfficerLine,
    weekly_bulletin,
)
from fieldapp.services.bulletin_week import IsoWeek
from fieldapp.services.notices_issue import court_config

DASH = "—"
LEVEL_NAMES_ZH = ("一级", "二级", "三级", "四级")
HEADER_ZH = (
    "名称",
    "上周结转",
    "本周新收",
    "本周办结",
    "办结率",
    "平均办结天数",
    "周末超期",
    "一级督办",
    "二级督办",
    "三级督办",
    "四级督办",
    "30日内到期财产",
)
CHANGE_NOTE_ZH = (
    "注：每格下方小字为与上周相比的变化（办结率以百分点计，平均办结天数以天计）；"
    "办结率 = 本周办结 ÷（上周结转 + 本周新收），无任务时记为“—”。"
)


class BulletinFileError(DomainError):
    base_code = "bulletin_file"


def load_bulletin(
    engine: Engine, week: IsoWeek, *, now: datetime, squad_code: str | None = None
) -> Bulletin:
    """The bulletin of ``week`` (only ``squad_code``'s part when given); reads only.

    Its queries share one snapshot (REPEATABLE READ on PostgreSQL; on SQLite a read
    transaction is one already), so a sync arriving meanwhile cannot make them disagree.
    """
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as connection:
        bulletin = weekly_bulletin(connection, week, now=now)
    return bulletin if squad_code is None else bulletin.for_squad(squad_code)


# ----------------------------------------------------------------------------- formatting


def format_rate(rate: float | None) -> str:
    return DASH if rate is None else f"{rate * 100:.1f}%"


def format_days(days: float | None) -> str:
    return DASH if days is None else f"{days:.1f}"


def format_count_change(change: int) -> str:
    return f"+{change}" if change > 0 else ("±0" if change == 0 else f"-{-change}")


def format_float_change(change: float | None, scale: float = 1.0) -> str:
    if change is None:
        return DASH
    value = round(change * scale, 1)
    if value == 0:
        return "±0.0"
    return f"+{value:.1f}" if value > 0 else f"-{-value:.1f}"


def figure_cells(this: Figures, change: Change) -> tuple[Cell, ...]:
    """The eleven figure cells of a line, in the order of ``HEADER_ZH[1:]``."""
    return (
        Cell(str(this.carried_over)),
        Cell(str(this.received), format_count_change(change.received)),
        Cell(str(this.completed), format_count_change(change.completed)),
        Cell(format_rate(this.completion_rate), format_float_change(change.completion_rate, 100)),
        Cell(format_days(this.average_days), format_float_change(change.average_days)),
        Cell(str(this.overdue), format_count_change(change.overdue)),
        *(
            Cell(str(count), format_count_change(delta))
            for count, delta in zip(this.escalations, change.escalations, strict=True)
        ),
        Cell(str(this.expiring_assets), format_count_change(change.expiring_assets)),
    )


def officer_label_zh(line: OfficerLine, bulletin: Bulletin) -> str:
    if line.officer_id is None:
        return "（未指派）"
    if line.moved:
        now_in = bulletin.squad_name(line.current_squad_code)
        return f"{line.name}（现属{now_in}）" if now_in else f"{line.name}（已调离）"
    return line.name


def week_dates_zh(week: IsoWeek) -> str:
    first, last = week.first_day, week.last_day
    end = f"{last.month}月{last.day}日"
    if last.year != first.year:
        end = f"{last.year}年{end}"
    return f"{first.year}年{first.month}月{first.day}日至{end}"


def week_title_zh(week: IsoWeek) -> str:
    return f"{week.year}年第{week.week}周"


# ------------------------------------------------------------------------------ document


def bulletin_document(bulletin: Bulletin, court_name: str) -> BulletinDocument:
    centre = f"{court_name}执行局外勤事务中心"
    scope = bulletin.squad_name(bulletin.squad_scope) if bulletin.squad_scope else ""
    title = f"{centre}\n周通报"
    subtitle = f"{week_title_zh(bulletin.week)}（{week_dates_zh(bulletin.week)}）"
    if scope:
        subtitle += f"　{scope}"
    tables = [
        FigureTable(
            title="各外勤小组情况",
            header=HEADER_ZH,
            rows=tuple(
                (Cell(line.name), *figure_cells(line.this_week, line.change))
                for line in bulletin.squads
            )
            + (
                ((Cell("未分派小组的任务"), *_cells(bulletin.unrouted)),)
                if bulletin.unrouted != Line()
                else ()
            )
            + ((Cell("合计" if not scope else "本组合计"), *_cells(bulletin.total)),),
            note=CHANGE_NOTE_ZH,
            total_row=True,
        )
    ]
    for squad in bulletin.squads:
        officers = bulletin.officers_of(squad.code)
        if not officers:
            continue
        tables.append(
            FigureTable(
                title=f"{squad.name}外勤干警情况",
                header=("外勤干警", *HEADER_ZH[1:]),
                rows=tuple(
                    (Cell(officer_label_zh(line, bulletin)), *_cells(line)) for line in officers
                ),
            )
        )
    generated = bulletin.generated_at.astimezone(COURT_TZ)
    return BulletinDocument(
        title=title,
        subtitle=subtitle,
        summary=_summary(bulletin, scope),
        charts=_charts(bulletin),
        tables=tuple(tables),
        footer=f"{centre}　生成于{generated:%Y年%m月%d日 %H:%M}",
        author=centre,
    )


def _cells(line: Line) -> tuple[Cell, ...]:
    return figure_cells(line.this_week, line.change)


def _summary(bulletin: Bulletin, scope: str) -> tuple[str, ...]:
    this, last, change = bulletin.total.this_week, bulletin.total.last_week, bulletin.total.change
    who = scope or "全中心"
    levels = "、".join(
        f"{name}{count}件" for name, count in zip(LEVEL_NAMES_ZH, this.escalations, strict=True)
    )
    lines = [
        f"本周{who}上周结转在办外勤任务{this.carried_over}件，新收{this.received}件"
        f"（环比{format_count_change(change.received)}），办结{this.completed}件"
        f"（环比{format_count_change(change.completed)}），办结率{format_rate(this.completion_rate)}"
        f"（上周{format_rate(last.completion_rate)}），平均办结用时"
        f"{format_days(this.average_days)}天（上周{format_days(last.average_days)}天）。",
        f"截至周末，超期未办结任务{this.overdue}件（环比{format_count_change(change.overdue)}）；"
        f"本周发出督办{this.escalations_total}件，其中{levels}。",
        f"30日内到期的查封、扣押、冻结财产{this.expiring_assets}项"
        f"（环比{format_count_change(change.expiring_assets)}），"
        "请相关小组在期限届满前办理续行查封（冻结、扣押）手续。",
    ]
    if len(bulletin.squads) > 1:
        rates = "，".join(
            f"{line.name}{format_rate(line.this_week.completion_rate)}" for line in bulletin.squads
        )
        lines.append(f"各组办结率：{rates}。")
        worst = max(bulletin.squads, key=lambda line: line.this_week.overdue)
        if worst.this_week.overdue:
            lines.append(
                f"超期任务最多的是{worst.name}（{worst.this_week.overdue}件），请组长督促办理。"
            )
    return tuple(lines)


def _charts(bulletin: Bulletin) -> tuple[BarChart, ...]:
    squads = bulletin.squads
    this, last = bulletin.total.this_week, bulletin.total.last_week
    return (
        BarChart(
            title="各组新收、办结与周末超期任务（件）",
            categories=tuple(line.name for line in squads),
            series=(
                ("新收", tuple(float(line.this_week.received) for line in squads)),
                ("办结", tuple(float(line.this_week.completed) for line in squads)),
                ("周末超期", tuple(float(line.this_week.overdue) for line in squads)),
            ),
        ),
        BarChart(
            title="督办分级（件）",
            categories=LEVEL_NAMES_ZH,
            series=(
                ("本周", tuple(float(count) for count in this.escalations)),
                ("上周", tuple(float(count) for count in last.escalations)),
            ),
        ),
    )


# ---------------------------------------------------------------------------------- PDF


def render_bulletin_pdf(bulletin: Bulletin, court: CourtConfig | None = None) -> bytes:
    court = court or court_config()
    pdf, _pages = _render_document(bulletin_document(bulletin, court.name), load_font(court.font))
    return pdf


def save_pdf(pdf: bytes, path: Path, *, overwrite: bool) -> None:
    """Write ``pdf`` to ``path`` whole or not at all; an existing file only with ``overwrite``."""
    _write_atomically(path, pdf, overwrite=overwrite)


def _write_atomically(path: Path, data: bytes, *, overwrite: bool) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise BulletinFileError(f"{path} is a folder, not a file name", reason="is_folder")
    if path.exists() and not overwrite:
        raise BulletinFileError(
            f"{path} exists already; choose another name or allow overwriting",
            reason="exists",
        )
    if not folder.is_dir():
        raise BulletinFileError(f"the folder {folder} does not exist", reason="no_folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".bulletin-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise BulletinFileError(
            f"cannot write in {folder}: {error.strerror or error}", reason="unwritable"
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            if overwrite:
                os.replace(temporary, path)
            else:
                _link_or_create(temporary, path, data)
        except FileExistsError:
            raise BulletinFileError(
                f"{path} exists already; choose another name or allow overwriting",
                reason="exists",
            ) from None
        except OSError as error:
            raise BulletinFileError(
                f"cannot write {path}: {error.strerror or error}", reason="unwritable"
            ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_or_create(temporary: str, path: Path, data: bytes) -> None:
    """Put the written file at ``path`` unless something is there (atomically, by a link)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # Some shares cannot link: create the file exclusively instead.
        with open(path, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
