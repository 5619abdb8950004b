"""The quick way ``shaping`` takes for runs of one glyph per character gives what the
general way gives, for any such run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from companion.packets.shaping import _glyph_texts, _reaches, glyph_texts_and_reaches


@st.composite
def _one_glyph_per_character(draw: st.DrawFn) -> tuple[list[int], list[int], list[int], str]:
    text = draw(st.text(min_size=1, max_size=30))
    advances = draw(
        st.lists(
            st.one_of(st.just(0), st.integers(1, 1200)), min_size=len(text), max_size=len(text)
        )
    )
    offsets = draw(st.lists(st.integers(-600, 600), min_size=len(text), max_size=len(text)))
    pen, lefts, ends = 0, [], []
    for advance, offset in zip(advances, offsets, strict=True):
        lefts.append(pen + offset)
        pen += advance
        ends.append(pen)
    return lefts, ends, advances, text


@given(_one_glyph_per_character())
def test_the_quick_way_matches_the_general_way(
    run: tuple[list[int], list[int], list[int], str],
) -> None:
    lefts, ends, advances, text = run
    clusters = list(range(len(text)))
    quick = glyph_texts_and_reaches(clusters, lefts, ends, advances, text, False)
    general = (
        _glyph_texts(clusters, lefts, text, False),
        _reaches(clusters, lefts, ends, advances),
    )
    assert quick == general


def test_a_run_whose_glyphs_are_not_one_per_character_takes_the_general_way() -> None:
    # "ﬁ"-like: two characters in one cluster drawn as one glyph.
    texts, reaches = glyph_texts_and_reaches([0, 2], [0, 500], [500, 900], [500, 400], "fix", False)
    assert texts == ["fi", "x"] and reaches == [0, 0]
