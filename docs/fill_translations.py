"""Fill the unfinished entries of the Chinese .ts file from a JSON object {source: translation}.

    .venv/bin/python docs/fill_translations.py new-strings.json

Entries already translated are left alone; sources not in the JSON stay unfinished and are
listed, so that nothing is forgotten. Run lupdate first and lrelease after
(docs/translations.md).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "fieldapp_zh_CN.ts"


def fill(translations: dict[str, str]) -> list[str]:
    tree = ET.parse(TS)
    left: list[str] = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in translations:
            translation.text = translations[source]
            del translation.attrib["type"]
        else:
            left.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return left


def main() -> int:
    left = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    for source in left:
        print(f"still untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
