"""The bundled fonts, registered with Qt so every script we speak renders on any computer.

An office laptop may have no Arabic, Chinese, Korean, Amharic or Burmese fonts
installed. The files in ``resources/fonts`` (see its README for licences) are added to
Qt's font database at start, and the application font lists them as fallbacks, in
order: Latin/Cyrillic/Vietnamese first, then Arabic, then Chinese, Japanese kana and
Hangul, then one family for each other script.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from companion.paths import resource_path

log = logging.getLogger(__name__)

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")

# The families the application font tries, in this order, for each character: the same
# as the packet's (companion.packets.fonts.BUNDLED_FAMILIES), so a name in any of these
# scripts shows in the people list as it will print, with no empty boxes. Each with the
# file of its regular face.
FAMILY_FILES: dict[str, str] = {
    "Noto Sans": "NotoSans-Regular.ttf",
    "Noto Sans Arabic": "NotoSansArabic-Regular.ttf",
    "WenQuanYi Micro Hei": "wqy-microhei.ttf",
    "Noto Sans Ethiopic": "NotoSansEthiopic-Regular.ttf",
    "Noto Sans Devanagari": "NotoSansDevanagari-Regular.ttf",
    "Noto Sans Bengali": "NotoSansBengali-Regular.ttf",
    "Noto Sans Gurmukhi": "NotoSansGurmukhi-Regular.ttf",
    "Noto Sans Gujarati": "NotoSansGujarati-Regular.ttf",
    "Noto Sans Tamil": "NotoSansTamil-Regular.ttf",
    "Noto Sans Telugu": "NotoSansTelugu-Regular.ttf",
    "Noto Sans Kannada": "NotoSansKannada-Regular.ttf",
    "Noto Sans Malayalam": "NotoSansMalayalam-Regular.ttf",
    "Noto Sans Sinhala": "NotoSansSinhala-Regular.ttf",
    "Noto Sans Thai": "NotoSansThai-Regular.ttf",
    "Noto Sans Lao": "NotoSansLao-Regular.ttf",
    "Noto Sans Myanmar": "NotoSansMyanmar-Regular.ttf",
    "Noto Sans Khmer": "NotoSansKhmer-Regular.ttf",
    "Noto Sans Hebrew": "NotoSansHebrew-Regular.ttf",
    "Noto Sans Armenian": "NotoSansArmenian-Regular.ttf",
    "Noto Sans Georgian": "NotoSansGeorgian-Regular.ttf",
}
PREFERRED_FAMILIES = tuple(FAMILY_FILES)

_registered: list[str] | None = None


def fonts_folder() -> Path:
    return resource_path("fonts")


def register_bundled_fonts() -> list[str]:
    """Add the bundled font files to Qt's font database (once). Returns the families added."""
    global _registered
    if _registered is not None:
        return list(_registered)
    families: list[str] = []
    folder = fonts_folder()
    paths = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in paths:
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load bundled font %s", path.name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if not families:
        log.warning("no bundled fonts found in %s", folder)
    _registered = families
    return list(families)


def application_font(base: QFont, available: list[str]) -> QFont:
    """``base`` with the bundled families first (those that loaded), then the system's own."""
    font = QFont(base)
    chosen = [family for family in PREFERRED_FAMILIES if family in available]
    if chosen:
        font.setFamilies([*chosen, *base.families()])
    return font


def install_application_font(app: QApplication) -> None:
    """Register the bundled fonts and make them the application's default font."""
    families = register_bundled_fonts()
    app.setFont(application_font(app.font(), families))


def register_fonts() -> list[str]:
    """Register the bundled fonts and, once a QApplication exists, make them its font.

    Returns the families added.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_application_font(app)
    return register_bundled_fonts()
