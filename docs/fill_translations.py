"""Fill the unfinished entries of the Chinese .ts file from JSON.

    .venv/bin/python docs/fill_translations.py new-strings.json

The JSON is {"Context": {"source": "translation"}} — only those contexts (the classes whose
tr() calls made the strings) are touched, so one person's file never fills another's
entries — or, for strings of one's own contexts only, a flat {"source": "translation"}.
Entries already translated are left alone; unfinished ones not in the JSON are listed, so
that nothing is forgotten. Run lupdate first and lrelease after (docs/translations.md).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "fieldapp_zh_CN.ts"


def fill(translations: dict[str, Any]) -> list[str]:
    per_context = all(isinstance(value, dict) for value in translations.values())
    tree = ET.parse(TS)
    left: list[str] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        wanted = translations.get(name, {}) if per_context else translations
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is None or translation.get("type") != "unfinished":
                continue
            if source in wanted:
                translation.text = wanted[source]
                del translation.attrib["type"]
            else:
                left.append(f"{name}: {source}")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return left


def main() -> int:
    left = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    for source in left:
        print(f"still untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
