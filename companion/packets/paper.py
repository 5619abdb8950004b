"""Paper sizes a packet can be printed on (a module of its own, so that the command line
can offer them without loading the rest of the packet model)."""

from __future__ import annotations

import enum


class PaperSize(enum.StrEnum):
    LETTER = "letter"
    A4 = "a4"
