"""Choosing the interface language and installing its translations."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldapp.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGE_ENV = "FIELDAPP_LANG"
_LOCALES = {
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
    "zh_cn": (QLocale.Language.Chinese, QLocale.Country.China),
}
# What install_translations put in, so that switch_language can take it out again.
_installed: list[QTranslator] = []


def chosen_locale() -> QLocale:
    """$FIELDAPP_LANG (``en`` or ``zh_CN``) when set, else the system's locale."""
    wanted = os.environ.get(LANGUAGE_ENV, "").strip()
    if wanted:
        known = _LOCALES.get(wanted.replace("-", "_").lower())
        if known is not None:
            return QLocale(*known)
        log.warning("%s=%r is not one of en, zh_CN; following the system", LANGUAGE_ENV, wanted)
    return QLocale.system()


def install_translations(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Install Fieldapp's and Qt's own translations for ``locale`` into ``app``.

    English is the source language, so it needs no file. Returns what was installed, so it can
    be removed again.
    """
    QLocale.setDefault(locale)
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(locale, "fieldapp", "_", str(resources_dir() / "i18n")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.info("no Fieldapp translation for %s; the interface stays English", locale.name())
        return installed
    # Qt's own strings (the buttons of standard dialogs, context menus of text fields).
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    _installed.extend(installed)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
        if translator in _installed:
            _installed.remove(translator)


def switch_language(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Take out the translations installed so far and install those of ``locale``: every
    widget gets a LanguageChange event (the first-run wizard retranslates itself at once)."""
    remove_translations(app, list(_installed))
    return install_translations(app, locale)
