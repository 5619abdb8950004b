"""The packet's one stylesheet: sizes, leading and grays, by language and options.

Everything prints in black and grays only, so a packet reads the same on a black-and-white
printer. Large print sets body text to 16 pt and scales the rest with it. Arabic and CJK
get more leading: their glyphs are taller than Latin ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.i18n.languages import get_language
from companion.packets.textlayout import Align, TextStyle

BODY_SIZE = 11.0
LARGE_PRINT_BODY_SIZE = 16.0
MUTED_GRAY = 0.3


def leading_factor(language_tag: str) -> float:
    """Line spacing as a multiple of the font size for a language's script."""
    language = get_language(language_tag)
    if language.rtl:
        return 1.6
    if language.tag in ("zh-Hans", "zh-Hant", "ko"):
        return 1.5
    return 1.38


@dataclass(frozen=True)
class StyleSheet:
    """Named text styles for one language at one print size."""

    title: TextStyle
    name: TextStyle
    heading: TextStyle
    subheading: TextStyle
    label: TextStyle
    fact: TextStyle
    fact_strong: TextStyle
    body: TextStyle
    bullet: TextStyle
    checkbox: TextStyle
    note: TextStyle
    notice: TextStyle
    small: TextStyle
    caption: TextStyle
    header: TextStyle
    footer: TextStyle

    @property
    def body_size(self) -> float:
        return self.body.size

    def secondary(self) -> StyleSheet:
        """The same styles a little smaller and grayer, for the second language."""

        def soften(style: TextStyle) -> TextStyle:
            return style.derive(size=style.size * 0.9, leading=style.leading * 0.9, gray=0.25)

        return StyleSheet(
            title=soften(self.title),
            name=soften(self.name),
            heading=soften(self.heading),
            subheading=soften(self.subheading),
            label=soften(self.label),
            fact=soften(self.fact),
            fact_strong=soften(self.fact_strong),
            body=soften(self.body),
            bullet=soften(self.bullet),
            checkbox=soften(self.checkbox),
            note=soften(self.note),
            notice=soften(self.notice),
            small=self.small,
            caption=soften(self.caption),
            header=self.header,
            footer=self.footer,
        )


def build_stylesheet(language_tag: str, *, large_print: bool) -> StyleSheet:
    body = LARGE_PRINT_BODY_SIZE if large_print else BODY_SIZE
    factor = leading_factor(language_tag)
    footer_size = 9.0 if large_print else 7.5

    def style(name: str, size: float, **options: object) -> TextStyle:
        return TextStyle(name, size, size * factor).derive(**options)

    return StyleSheet(
        title=style("title", body * 2.3, bold=True, space_after=body * 0.4),
        name=style("name", body * 1.45, bold=True, space_after=body * 0.2),
        heading=style(
            "heading", body * 1.55, bold=True, space_before=body * 1.1, space_after=body * 0.4
        ),
        subheading=style(
            "subheading", body * 1.15, bold=True, space_before=body * 0.8, space_after=body * 0.2
        ),
        label=style("label", body * 0.9, gray=MUTED_GRAY, space_before=body * 0.5),
        fact=style("fact", body * 1.2),
        fact_strong=style("fact_strong", body * 1.75, bold=True),
        body=style("body", body, space_after=body * 0.45),
        bullet=style("bullet", body, indent=body * 1.5, space_after=body * 0.25),
        checkbox=style("checkbox", body * 1.1, indent=body * 2.0, space_after=body * 0.7),
        note=style("note", body * 0.95, bold=True, space_before=body * 0.3, space_after=body * 0.5),
        notice=style(
            "notice",
            body,
            bold=True,
            indent=body * 1.2,
            space_before=body * 0.3,
            space_after=body * 0.6,
        ),
        small=style("small", max(body * 0.8, 8.0), gray=MUTED_GRAY, space_after=body * 0.15),
        caption=style("caption", body * 0.9, align=Align.CENTER, space_before=body * 0.3),
        header=style("header", footer_size + 0.5, gray=MUTED_GRAY),
        footer=style("footer", footer_size, gray=MUTED_GRAY),
    )
