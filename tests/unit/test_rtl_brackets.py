"""Rule N0: brackets around Latin text inside Arabic stay a pair, facing the right way."""

from companion.packets.bidi import RTL, line_levels, resolve_levels, visual_order


def _visual(text: str, base: int = RTL) -> tuple[str, list[int]]:
    levels = line_levels(text, resolve_levels([(text, False)], base), base)
    order = visual_order(levels)
    return "".join(text[i] for i in order), [levels[i] for i in order]


def test_latin_in_brackets_inside_arabic_keeps_both_brackets_on_one_level() -> None:
    text = "قال (judicial warrant, judicial order) [1] هنا"
    levels = line_levels(text, resolve_levels([(text, False)], RTL), RTL)
    opening, closing = text.index("("), text.index(")")
    # Both at the same odd (right-to-left) level: the shaper mirrors both glyphs.
    assert levels[opening] == levels[closing]
    assert levels[opening] % 2 == 1
    visual, _ = _visual(text)
    # Read left to right on the page: the Latin phrase sits between its two brackets.
    assert ")judicial warrant, judicial order(" in visual
    assert "]1[" in visual


def test_brackets_without_strong_text_inside_follow_their_neighbours() -> None:
    text = "رقم (12) هنا"
    levels = line_levels(text, resolve_levels([(text, False)], RTL), RTL)
    assert levels[text.index("(")] == levels[text.index(")")]


def test_unmatched_bracket_does_not_break_the_line() -> None:
    text = "قال (judicial warrant هنا"
    visual, _ = _visual(text)
    assert sorted(visual) == sorted(text)
