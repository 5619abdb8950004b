"""One language of a packet: its translator, direction, review status and styles."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

from companion.i18n.catalog import Translator
from companion.packets.datefmt import format_number
from companion.packets.styles import StyleSheet
from companion.packets.textlayout import Span

TranslatorFactory = Callable[[str], Translator]


@dataclass(frozen=True)
class LanguageContext:
    """Everything needed to print text in one language.

    ``draft`` says its catalog is not reviewed; ``styles`` is the stylesheet to use
    (smaller and grayer for the second language of a bilingual packet).
    """

    translator: Translator
    draft: bool
    styles: StyleSheet

    @property
    def tag(self) -> str:
        return self.translator.language.tag

    @property
    def rtl(self) -> bool:
        return self.translator.language.rtl

    @property
    def native_name(self) -> str:
        return self.translator.language.native_name

    def gettext(self, message: str) -> str:
        return self.translator.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translator.ngettext(singular, plural, count)

    def format_number(self, number: int) -> str:
        return format_number(number, self.tag)

    def fill(self, template: str, *, bold: bool = False, **values: str | Span) -> list[Span]:
        """Spans of a translated ``template`` with its ``{named}`` placeholders filled.

        Each value becomes a bidi isolate, so a phone number, an address or a Latin
        name keeps its own order inside an Arabic sentence. A ``Span`` value keeps its
        own weight. A placeholder with no value is printed as written.
        """
        spans: list[Span] = []
        try:
            parts = list(string.Formatter().parse(template))
        except ValueError:  # a stray brace in a translation: print it as it is
            return [Span(template, bold=bold)]
        for literal, field, _spec, _conversion in parts:
            if literal:
                spans.append(Span(literal, bold=bold))
            if field is None:
                continue
            value = values.get(field)
            if value is None:
                spans.append(Span("{" + field + "}", bold=bold))
            elif isinstance(value, Span):
                spans.append(Span(value.text, bold=value.bold or bold, isolate=True))
            else:
                spans.append(Span(value, bold=bold, isolate=True))
        return spans
