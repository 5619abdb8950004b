"""Text for a terminal: stored values never drive the terminal.

A name imported from a spreadsheet can hold an escape sequence (colours, a window title,
a cursor move), a bell, a carriage return that overwrites the start of the line, or a
bidirectional override that shows the rest of the line backwards. Printed as is, the
terminal would obey them. Here each such character is shown as a visible escape instead:
``\\x1b`` for a C0 control, ``\\u202e`` for the others (C1 controls, DEL, bidirectional
embeddings, overrides and isolates, and the line and paragraph separators).

The ``\\u`` form is also how JSON writes a character, so JSON text passed through
``for_terminal`` keeps its meaning (JSON itself already escapes every C0 control).
"""

from __future__ import annotations

import re

#: Bidirectional embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), and
#: the line and paragraph separators (U+2028, U+2029) some terminals break lines at.
_LAYOUT_CONTROLS = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_ANY_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_LAYOUT_CONTROLS}]")
_CONTROL_BUT_LINES = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_LAYOUT_CONTROLS}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control character but the newline and the tab made visible:
    for whole lines of output, whose line breaks and column tabs are the CLI's own."""
    return _CONTROL_BUT_LINES.sub(_visible, text)


def one_line(value: str) -> str:
    """A single stored value (a name, a docket number) for a line of output: every control
    character made visible, newlines and tabs included, so it stays on its line and in its
    column."""
    return _ANY_CONTROL.sub(_visible, value)
