"""``normalize_text``: the quick way for printable text gives what cleaning each
character gives, for any text at all."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.packets.scripts import clean_each_character, normalize_text

#: Every kind of character, lone surrogates included, weighted towards the ones that
#: change: spaces, separators, controls and format characters.
_ANY_CHARACTER = st.one_of(
    st.characters(codec=None),
    st.characters(categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Co", "Cn", "Mn"]),
    st.sampled_from(["\r\n", "\r", "\n", "\t", "\u00a0", "\u202f", "\u3000", "\u200d", "\ufeff"]),
)


@settings(max_examples=400)
@given(st.lists(_ANY_CHARACTER, max_size=40).map("".join))
def test_the_quick_way_gives_what_cleaning_each_character_gives(text: str) -> None:
    assert normalize_text(text) == unicodedata.normalize("NFC", clean_each_character(text))


def test_printable_text_is_only_composed() -> None:
    assert normalize_text("Jose\u0301 Nu\u0303n\u0303ez") == "José Nũñez"


def test_separators_controls_and_format_characters_are_cleaned() -> None:
    assert normalize_text("a\u00a0b\u2003c\td\u2028e\x07f\u200bg\u200dh") == (
        "a\u00a0b c d\nefg\u200dh"
    )
    assert normalize_text("x\ud800y") == "x\ufffdy"
