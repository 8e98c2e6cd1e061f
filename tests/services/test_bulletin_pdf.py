"""The weekly bulletin PDF, read back: its figures, its font, and how its file is written."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fieldapp.notices.court import CourtConfig
from fieldapp.services.bulletin import Bulletin, Line, weekly_bulletin
from fieldapp.services.bulletin_report import (
    BulletinFileError,
    figure_cells,
    format_count_change,
    format_float_change,
    format_rate,
    officer_label_zh,
    render_bulletin_pdf,
    save_pdf,
)
from fieldapp.services.bulletin_week import IsoWeek
from fieldapp.storage.base import RecordBase
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import make_engine
from fieldapp.storage.fieldwork import AssetControl
from fieldapp.storage.oversight import Escalation
from fieldapp.storage.reference import Squad, StaffMember
from tests.services.test_bulletin import NOW, random_data

COURT = CourtConfig(name="贵州省贵阳市中级人民法院")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("bulletin-pdf") / "db.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    models = (Assignment, AssetControl, Escalation, Squad, StaffMember)
    RecordBase.metadata.create_all(engine, tables=[model.__table__ for model in models])
    random_data(7, date(2026, 11, 2), 42).store(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def bulletin(engine: Engine) -> Bulletin:
    with engine.connect() as connection:
        return weekly_bulletin(connection, IsoWeek(2026, 48), now=NOW)


def text_of(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_every_figure_of_every_line_is_in_the_pdf(bulletin: Bulletin, tmp_path: Path) -> None:
    pdf = render_bulletin_pdf(bulletin, COURT)
    raw = text_of(pdf, tmp_path, "-raw")
    assert "贵州省贵阳市中级人民法院执行局外勤事务中心" in raw
    assert "周通报" in raw
    assert "2026年第48周（2026年11月23日至11月29日）" in raw
    squeezed = "".join(raw.split())
    # Each row reads: name, carried over, then each figure followed by its change.
    rows = [(line.name, line.this_week, line.change) for line in bulletin.squads]
    rows += [(officer_label_zh(o, bulletin), o.this_week, o.change) for o in bulletin.officers]
    assert any(o.moved for o in bulletin.officers)
    assert len(rows) > 8
    for name, this, change in rows:
        expected = []
        for cell in figure_cells(this, change):
            expected += [cell.value] + ([cell.change] if cell.change else [])
        # Cells may wrap: compare without white space, the label then its figures in a row.
        assert name + "".join(expected) in squeezed, name
    total = bulletin.total.this_week
    assert f"新收{total.received}件" in squeezed
    assert f"办结率{format_rate(total.completion_rate)}" in squeezed
    assert f"超期未办结任务{total.overdue}件" in squeezed
    assert f"财产{total.expiring_assets}项" in squeezed
    for name, count in zip("一二三四", total.escalations, strict=True):
        assert f"{name}级{count}件" in squeezed


def test_the_font_is_embedded_and_nothing_else_is_named(bulletin: Bulletin, tmp_path: Path) -> None:
    path = tmp_path / "b.pdf"
    path.write_bytes(render_bulletin_pdf(bulletin, COURT))
    fonts = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "WenQuanYi" in line, line
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line  # emb sub uni


def test_the_same_bulletin_gives_the_same_bytes(bulletin: Bulletin) -> None:
    assert render_bulletin_pdf(bulletin, COURT) == render_bulletin_pdf(bulletin, COURT)


def test_hostile_names_are_printed_as_text(bulletin: Bulletin, tmp_path: Path) -> None:
    first = bulletin.squads[0]
    odd = replace(first, name='<b>组&amp;"</b>' + "长" * 300 + "𠀀")
    pdf = render_bulletin_pdf(replace(bulletin, squads=(odd, *bulletin.squads[1:])), COURT)
    text = text_of(pdf, tmp_path)
    assert "<b>组&amp;" in text.replace("\n", "")
    assert "〓" in text  # a character the font lacks is shown as the missing mark


def test_a_week_without_work_prints_dashes(tmp_path: Path) -> None:
    empty = Bulletin(IsoWeek(2027, 1), NOW, Line(), (), ())
    text = text_of(render_bulletin_pdf(empty, COURT), tmp_path)
    assert "2027年第1周（2027年1月4日至1月10日）" in text
    assert "办结率—（上周—）" in text.replace("\n", "")


def test_changes_are_signed() -> None:
    assert [format_count_change(n) for n in (3, 0, -2)] == ["+3", "±0", "-2"]
    assert format_float_change(None) == "—"
    assert format_float_change(-0.123, 100) == "-12.3"
    assert format_rate(None) == "—"
    assert format_rate(0.875) == "87.5%"


def test_week_across_the_year_names_both_years(tmp_path: Path) -> None:
    text = text_of(
        render_bulletin_pdf(Bulletin(IsoWeek(2026, 53), NOW, Line(), (), ()), COURT), tmp_path
    )
    assert "2026年第53周（2026年12月28日至2027年1月3日）" in text


# ------------------------------------------------------------------------------- the file


def test_an_existing_file_is_kept_unless_overwriting_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "weekly.pdf"
    target.write_bytes(b"earlier")
    with pytest.raises(BulletinFileError) as caught:
        save_pdf(b"%PDF-new", target, overwrite=False)
    assert caught.value.code == "bulletin_file.exists"
    assert target.read_bytes() == b"earlier"
    save_pdf(b"%PDF-new", target, overwrite=True)
    assert target.read_bytes() == b"%PDF-new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weekly.pdf"]  # no temporary left


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda base: base / "missing" / "w.pdf", "no_folder"),
        (lambda base: base, "is_folder"),
    ],
)
def test_unusable_targets_are_refused(tmp_path: Path, make: object, reason: str) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(BulletinFileError) as caught:
        save_pdf(b"%PDF", target, overwrite=True)
    assert caught.value.code == f"bulletin_file.{reason}"


def test_a_folder_that_refuses_files_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(BulletinFileError) as caught:
        save_pdf(b"%PDF", tmp_path / "w.pdf", overwrite=False)
    assert caught.value.code == "bulletin_file.unwritable"
    assert "Permission denied" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BulletinFileError) as caught:
            save_pdf(b"%PDF", folder / "w.pdf", overwrite=False)
        assert caught.value.code == "bulletin_file.unwritable"
    finally:
        folder.chmod(0o700)


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    save_pdf(b"%PDF-1.4 whole", tmp_path / "new.pdf", overwrite=False)
    assert (tmp_path / "new.pdf").read_bytes() == b"%PDF-1.4 whole"
