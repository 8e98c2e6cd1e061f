"""What goes into the packaged client besides the code (read by fieldapp.spec)."""

from __future__ import annotations

import sys
from pathlib import Path

# The Chinese font notices embed and the window shows, shipped with the client so that a
# laptop without it still prints and shows Chinese (WenQuanYi Zen Hei: GPL with the font
# embedding exception). On Windows the court's own 仿宋/宋体 are used instead.
FONT_CANDIDATES = (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),)

# Never imported by the client: left out to keep the bundle small.
EXCLUDED = (
    "tkinter",
    "unittest",
    "pydoc",
    "pytest",
    "hypothesis",
    "schemathesis",
    "mypy",
    "IPython",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtMultimedia",
)


# Qt's own translations (dialog buttons and the like) for the interface's two languages.
QT_LANGUAGES = ("zh_CN", "en")
# Platform plugins the client never loads: GTK theming (it needs GTK, which the bundle lacks).
UNWANTED_PLUGINS = ("platformthemes/libqgtk3.so",)


def wanted(destination: str) -> bool:
    """Whether a file PyInstaller collected belongs in the bundle."""
    path = destination.replace("\\", "/")
    if "/Qt/translations/" in path:
        name = path.rsplit("/", 1)[-1]
        return any(name.endswith(f"_{language}.qm") for language in QT_LANGUAGES)
    return not any(path.endswith(plugin) for plugin in UNWANTED_PLUGINS)


def bundled_fonts() -> list[Path]:
    if sys.platform == "win32":
        return []
    return [path for path in FONT_CANDIDATES if path.is_file()]


def excluded_modules() -> list[str]:
    return list(EXCLUDED)
