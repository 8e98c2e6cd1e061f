"""The Chinese translation: complete, in step with the source, compiled, and consistent."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fieldapp.domain.enums import MATTER_NAMES_ZH, Matter
from fieldapp.paths import resources_dir
from fieldapp.ui.labels import matter_label

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "i18n" / "fieldapp_zh_CN.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{\w+\}")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def tool(name: str) -> Path:
    path = TOOLS / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed")
        path = Path(found)
    return path


def test_every_message_is_translated() -> None:
    untranslated = [
        key
        for key, message in messages(TS).items()
        if (translation := message.find("translation")) is None
        or translation.get("type") is not None
        or not _translated_text(translation)
    ]
    assert untranslated == []


def _translated_text(translation: ET.Element) -> str:
    """The translation, or its plural forms' (a %n message has numerusform children)."""
    forms = [form.text or "" for form in translation.findall("numerusform")]
    return "".join([translation.text or "", *forms]).strip()


def test_translations_keep_the_placeholders() -> None:
    for (context, source), message in messages(TS).items():
        translation = message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), (
            context,
            source,
        )


def test_the_ts_file_has_every_string_of_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(tool("pyside6-lupdate")), "-extensions", "py", str(ROOT / "fieldapp" / "ui"),
         "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert set(messages(fresh)) == set(messages(TS)), (
        "run the lupdate command in docs/translations.md"
    )


def test_the_qm_file_is_compiled_from_the_ts_file(tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    subprocess.run(
        [str(tool("pyside6-lrelease")), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM.read_bytes(), (
        "run the lrelease command in docs/translations.md"
    )


@pytest.mark.usefixtures("chinese")
def test_matters_read_as_the_domain_names_them() -> None:
    assert {matter: matter_label(matter) for matter in Matter} == MATTER_NAMES_ZH
