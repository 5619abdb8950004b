"""The development pseudo-locale (``x-pseudo``): English made visibly foreign.

Each message is made from its English source on the fly, so it needs no
catalog and always covers every string:

* letters get accents (``Hearing`` becomes ``Ĥéáŕîñĝ``), so any English left on
  screen is text that does not go through a catalog;
* it is padded to about 35 % longer and bracketed (``⟦…⟧``), so cut-off labels
  show a missing bracket;
* the words run right to left (each stretch of text is wrapped in a Unicode
  right-to-left override), and the language is marked right-to-left, so the
  layout mirrors as it does for Arabic.

Placeholders (``{date}``, ``%(count)d``), ``{{ }}``, keyboard accelerators
(``&Open``), markup tags and line breaks are kept as they are.
"""

from __future__ import annotations

import gettext
import math
import re

EXPANSION = 0.35
OPEN_BRACKET = "⟦"
CLOSE_BRACKET = "⟧"
PADDING = "·"
# Right-to-left override ... pop directional formatting.
RLO = "\u202e"
PDF = "\u202c"
BIDI_CONTROLS = frozenset({RLO, PDF})

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥîĵķļɱñöƥqŕšţûṽŵẋýžÁƁÇĐÉƑĜĤÎĴĶĻṀÑÖƤQŔŠŢÛṼŴẊÝŽ",
)

# Kept verbatim: brace fields and escapes, printf fields, markup tags, line breaks.
_KEEP = re.compile(
    r"\{\{|\}\}|\{[^{}]*\}"
    r"|%(?:\([^)]+\))?[#0\-+]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
    r"|<[^<>]+>|&[a-zA-Z]+;|\n"
)


def pseudo_translate(message: str) -> str:
    """The pseudo-locale's version of an English ``message``."""
    if not message:
        return message
    padding = PADDING * max(1, math.ceil(len(message) * EXPANSION) - 2)
    # (is text, piece): text is accented and reversed; the rest is kept as it is.
    pieces: list[tuple[bool, str]] = [(True, OPEN_BRACKET)]
    position = 0
    for match in _KEEP.finditer(message):
        pieces.append((True, message[position : match.start()].translate(_ACCENTED)))
        pieces.append((False, match.group(0)))
        position = match.end()
    pieces.append((True, message[position:].translate(_ACCENTED) + padding + CLOSE_BRACKET))
    result: list[str] = []
    run: list[str] = []
    for is_text, piece in pieces:
        if is_text:
            run.append(piece)
            continue
        result.append(_right_to_left("".join(run)))
        run = []
        result.append(piece)
    result.append(_right_to_left("".join(run)))
    return "".join(result)


def visible_length(text: str) -> int:
    """Length of ``text`` without the invisible direction marks the pseudo-locale adds."""
    return sum(1 for character in text if character not in BIDI_CONTROLS)


def _right_to_left(text: str) -> str:
    return RLO + text + PDF if text else text


class PseudoTranslations(gettext.NullTranslations):
    """A gettext catalog that answers every message with its pseudo-translation."""

    def gettext(self, message: str) -> str:
        return pseudo_translate(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translate(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2)

    def info(self) -> dict[str, str]:
        return {"language": "x-pseudo", "x-review-status": "draft"}
