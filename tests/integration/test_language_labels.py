"""Language lists show each language by its name in the staff's interface language and by
its own name ("Vietnamese · Tiếng Việt"), with the draft mark where the catalog is a
draft: the Language menu, the packet's language choices and the person's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.i18n.catalog import translator
from companion.i18n.review import DRAFT_NOTE, review_status
from companion.packets.content import PaperSize
from companion.store.store import Store
from companion.ui.packets.packet_choices import PacketChoicesForm
from companion.ui.records.dialogs.person_dialog import PersonDialog
from companion.ui.shell.language import switch_language
from companion.ui.widgets.language_menu import LanguageMenu
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

# Written out here from CLDR's names, not produced by the code under test.
NAMES = {
    "en": {
        "en": "English",
        "vi": "Vietnamese · Tiếng Việt",
        "ar": "Arabic · العربية",
        "zh-Hans": "Simplified Chinese · 中文（简体）",
        "fr": "French · Français",
    },
    "fr": {
        "en": "anglais · English",
        "vi": "vietnamien · Tiếng Việt",
        "ar": "arabe · العربية",
        "zh-Hans": "chinois simplifié · 中文（简体）",
        "fr": "Français",
    },
}


def _draft_mark(tag: str, interface: str) -> str:
    """The draft note in the interface language, or "" for English and reviewed catalogs."""
    if tag == "en" or not review_status(tag).is_draft:
        return ""
    return translator(interface).gettext(DRAFT_NOTE)


@pytest.mark.parametrize("interface", ["en", "fr"])
def test_the_language_menu_names_each_language_both_ways(qtbot: QtBot, interface: str) -> None:
    switch_language(interface)
    menu = LanguageMenu()
    qtbot.addWidget(menu)
    for tag, name in NAMES[interface].items():
        text = menu.language_actions[tag].text()
        mark = _draft_mark(tag, interface)
        assert text == (f"{name}\t{mark}" if mark else name)
    # The choice stays findable by its own name whatever the interface language.
    assert "Tiếng Việt" in menu.language_actions["vi"].text()


@pytest.mark.parametrize("interface", ["en", "fr"])
def test_packet_language_choices_name_each_language_both_ways(qtbot: QtBot, interface: str) -> None:
    switch_language(interface)
    form = PacketChoicesForm(PaperSize.LETTER, "vi")
    qtbot.addWidget(form)
    combo = form.language_combo
    assert combo is not None
    t = translator(interface)
    for tag, name in NAMES[interface].items():
        mark = _draft_mark(tag, interface)
        wanted = t.gettext("{language} — {status}").format(language=name, status=mark)
        assert combo.itemText(combo.findData(tag)) == (wanted if mark else name)
        second = form.second_combo.itemText(form.second_combo.findData(tag))
        assert second == (wanted if mark else name)
    assert combo.currentData() == "vi"


def test_the_persons_language_shows_both_names_and_follows_the_interface(
    qtbot: QtBot, store: Store
) -> None:
    dialog = PersonDialog(store)
    qtbot.addWidget(dialog)
    combo = dialog.language
    labels = [combo.itemText(index) for index in range(combo.count())]
    assert "Vietnamese · Tiếng Việt" in labels and "Arabic · العربية" in labels

    # In French, Alt+L ("&Langue préférée") and the language's French name; then the
    # interface switches back to English: the words typed stay as typed.
    switch_language("fr")
    dialog.retranslate()
    assert combo.itemText(combo.findData("vi")) == "vietnamien · Tiếng Việt"
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.given_name)
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # "&Langue"
    assert QApplication.focusWidget() in (combo, combo.lineEdit())
    qtbot.keyClicks(combo.lineEdit(), "vietnamien")
    assert combo.currentText() == "vietnamien" and combo.tag() == "vi"
    switch_language("en")
    dialog.retranslate()
    assert combo.currentText() == "vietnamien"
    assert combo.itemText(combo.findData("vi")) == "Vietnamese · Tiếng Việt"
