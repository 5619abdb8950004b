"""The development pseudo-locale: accented, longer, right to left, placeholders intact."""

from __future__ import annotations

import re

import pytest

from companion.i18n.catalog import translator
from companion.i18n.languages import PSEUDO_TAG, get_language
from companion.i18n.pseudo import BIDI_CONTROLS, pseudo_translate, visible_length

RLO = "\u202e"
PDF = "\u202c"

MESSAGES = [
    "Witness",
    "OK",
    "Hearing on {date} in room {room}",
    "{count} hearings",
    "%(count)d hearings for %(name)s",
    "Use {{braces}} for {name}",
    "&Open case",
    "First line\nsecond line",
    "Reviewed by {reviewer} on {date}",
]


def _visible(text: str) -> str:
    return "".join(character for character in text if character not in BIDI_CONTROLS)


@pytest.mark.parametrize("message", MESSAGES)
def test_placeholders_survive_and_still_format(message: str) -> None:
    pseudo = pseudo_translate(message)
    for placeholder in re.findall(r"\{\{|\}\}|\{\w*\}|%\(\w+\)[sd]|\n", message):
        assert pseudo.count(placeholder) == message.count(placeholder), placeholder
    if "{" in message and "{{" not in message:
        names = re.findall(r"\{(\w+)\}", message)
        formatted = pseudo.format(**{name: f"<{name}>" for name in names})
        for name in names:
            assert f"<{name}>" in formatted
    if "%(" in message:
        assert "7" in pseudo % {"count": 7, "name": "Ana"}


@pytest.mark.parametrize("message", MESSAGES)
def test_about_a_third_longer(message: str) -> None:
    assert visible_length(pseudo_translate(message)) >= 1.3 * len(message)
    assert visible_length(pseudo_translate(message)) == len(_visible(pseudo_translate(message)))


def test_letters_are_accented_so_untranslated_english_stands_out() -> None:
    pseudo = _visible(pseudo_translate("Hearing on {date}"))
    text_only = pseudo.replace("{date}", "")
    assert not re.search(r"[A-Za-z]", text_only), text_only
    assert text_only.startswith("⟦Ĥéáŕîñĝ öñ ")
    assert text_only.endswith("⟧")


def test_text_runs_right_to_left_but_placeholders_do_not() -> None:
    pseudo = pseudo_translate("Hearing on {date}")
    assert pseudo.startswith(RLO)
    assert f"{PDF}{{date}}{RLO}" in pseudo
    assert pseudo.endswith(PDF)
    assert get_language(PSEUDO_TAG).rtl


def test_empty_message_stays_empty() -> None:
    assert pseudo_translate("") == ""


def test_translator_for_the_pseudo_locale() -> None:
    pseudo = translator(PSEUDO_TAG)
    assert pseudo.language.tag == PSEUDO_TAG
    assert pseudo.gettext("Witness") == pseudo_translate("Witness")
    assert pseudo.ngettext("{n} hearing", "{n} hearings", 1) == pseudo_translate("{n} hearing")
    assert pseudo.ngettext("{n} hearing", "{n} hearings", 5) == pseudo_translate("{n} hearings")
    assert pseudo.pgettext("case status", "Open") == pseudo_translate("Open")
    assert pseudo.npgettext("ctx", "{n} day", "{n} days", 2) == pseudo_translate("{n} days")
