"""Making sure the interface font can show Chinese."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from fieldapp.paths import resources_dir

log = logging.getLogger(__name__)

# In order of preference: Windows, macOS, most Linux desktops, then Debian's fonts-wqy-zenhei.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def add_shipped_fonts() -> list[str]:
    """Make the fonts the packaged client ships (resources/fonts) known to Qt; their families."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.tt[cf]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the shipped font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def use_cjk_font_if_needed(app: QApplication) -> str | None:
    """Make a font with Chinese glyphs the application font when the default has none.

    Party names and addresses are Chinese whatever the interface language, and mixing a Latin
    font with fallback glyphs looks uneven. Returns the family chosen, or None if none was needed
    (or none is installed).
    """
    font = app.font()
    if has_chinese(QFontInfo(font).family()):
        return None
    add_shipped_fonts()
    available = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    family = next((name for name in CJK_FAMILIES if name in available), None)
    if family is None:
        log.warning("no font with Chinese glyphs found; Chinese text may show as boxes")
        return None
    font.setFamily(family)
    app.setFont(font)
    return family
