"""The small Markdown subset guidance bodies are written in, parsed into typed blocks.

The whole language::

    ## A sub-heading

    A paragraph. Lines that follow each other join into one paragraph.
    **Bold words** stand out. A legal fact cites its source like this [1] or [1, 2].

    - A list item.
    - Another item; a longer item may go on, on lines
      indented by two spaces.

    > A notice, such as the disclaimer. It is shown so that it stands out.

    {{organisation-contacts}}

Blocks are separated by blank lines. Anything else (``#`` or ``###`` headings,
``*`` or ``1.`` lists, tables, links) is refused with the line number, so a mistake in a
translation is found by the tests instead of being printed into a witness's packet.
"""

from __future__ import annotations

import re
import unicodedata

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.model import (
    Block,
    BulletList,
    CitationRef,
    Heading,
    Inline,
    Notice,
    Paragraph,
    Slot,
    SlotName,
    TextRun,
)

_CITATION_RE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SLOT_RE = re.compile(r"^\{\{\s*([a-z-]+)\s*\}\}$")
_WRONG_LIST_RE = re.compile(r"^(\*|\+|\d+[.)])\s")
_CONTINUATION_INDENT = "  "


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines with a space, but not between two CJK characters."""
    text = ""
    for line in lines:
        if text and not (_is_wide(text[-1]) and _is_wide(line[0])):
            text += " "
        text += line
    return text


def parse_inline(text: str, path: str = "<text>", line: int = 0) -> tuple[Inline, ...]:
    """Split text into plain runs, ``**bold**`` runs and ``[n]`` citation references."""
    pieces = text.split("**")
    if len(pieces) % 2 == 0:
        raise GuidanceFormatError(path, line, "a '**' bold mark is not closed")
    runs: list[Inline] = []
    for index, piece in enumerate(pieces):
        bold = index % 2 == 1
        if bold and not piece.strip():
            raise GuidanceFormatError(path, line, "empty '**' bold text")
        position = 0
        for match in _CITATION_RE.finditer(piece):
            if match.start() > position:
                runs.append(TextRun(piece[position : match.start()], bold))
            numbers = tuple(int(part) for part in match[1].split(","))
            if 0 in numbers:
                raise GuidanceFormatError(path, line, "sources are numbered from 1")
            runs.append(CitationRef(numbers))
            position = match.end()
        if position < len(piece):
            runs.append(TextRun(piece[position:], bold))
    return tuple(runs)


class _BodyParser:
    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.blocks: list[Block] = []
        self.kind: str | None = None  # "paragraph", "list" or "notice" while one is open
        self.lines: list[str] = []  # lines of the open paragraph or notice
        self.items: list[list[str]] = []  # lines of each item of the open list
        self.start = 0  # line number where the open block started

    def fail(self, line: int, reason: str) -> GuidanceFormatError:
        return GuidanceFormatError(self.path, line, reason)

    def close(self) -> None:
        if self.kind == "paragraph":
            text = _join_lines(self.lines)
            self.blocks.append(Paragraph(parse_inline(text, self.path, self.start)))
        elif self.kind == "notice":
            text = _join_lines(self.lines)
            if not text:
                raise self.fail(self.start, "an empty '>' notice")
            self.blocks.append(Notice(parse_inline(text, self.path, self.start)))
        elif self.kind == "list":
            items = tuple(
                parse_inline(_join_lines(item), self.path, self.start) for item in self.items
            )
            self.blocks.append(BulletList(items))
        self.kind = None
        self.lines = []
        self.items = []

    def open(self, kind: str, line: int) -> None:
        self.close()
        self.kind = kind
        self.start = line

    def feed(self, raw: str, line: int) -> None:
        text = unicodedata.normalize("NFC", raw.rstrip())
        stripped = text.strip()
        if not stripped:
            self.close()
            return
        if "\t" in text[: len(text) - len(text.lstrip())]:
            raise self.fail(line, "indent with spaces, not tabs")

        if text.startswith(_CONTINUATION_INDENT) and self.kind == "list":
            self.items[-1].append(stripped)
            return
        if text.startswith(" "):
            raise self.fail(line, "only the continuation of a '- ' list item is indented")

        if text.startswith("#"):
            if not text.startswith("## ") or text.startswith("###"):
                raise self.fail(line, "headings are written '## Heading' (one level only)")
            heading = text[3:].strip()
            if not heading or "**" in heading or _CITATION_RE.search(heading):
                raise self.fail(line, "a heading is plain text, without bold or citations")
            self.close()
            self.blocks.append(Heading(heading))
            return
        if _SLOT_RE.match(stripped) or stripped.startswith("{{"):
            self.close()
            self.blocks.append(self._slot(stripped, line))
            return
        if text.startswith("- ") or text == "-":
            if self.kind != "list":
                self.open("list", line)
            item = text[2:].strip()
            if not item:
                raise self.fail(line, "an empty list item")
            self.items.append([item])
            return
        if text.startswith(">"):
            if self.kind != "notice":
                self.open("notice", line)
            content = text[1:].strip()
            if content:
                self.lines.append(content)
            return
        if _WRONG_LIST_RE.match(text):
            raise self.fail(line, "list items start with '- '")
        if self.kind in ("list", "notice"):
            raise self.fail(line, "leave a blank line between a list or notice and a paragraph")
        if self.kind != "paragraph":
            self.open("paragraph", line)
        self.lines.append(stripped)

    def _slot(self, text: str, line: int) -> Slot:
        match = _SLOT_RE.match(text)
        known = ", ".join("{{" + name.value + "}}" for name in SlotName)
        if match is None:
            raise self.fail(line, f"a slot is a line of its own: one of {known}")
        try:
            return Slot(SlotName(match[1]))
        except ValueError:
            raise self.fail(line, f"unknown slot {match[1]!r}; known: {known}") from None


def parse_body(body: str, path: str = "<text>", first_line: int = 1) -> tuple[Block, ...]:
    """Parse a body into blocks. ``first_line`` is the body's first line in the file."""
    parser = _BodyParser(path, first_line)
    for offset, raw in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        parser.feed(raw, first_line + offset)
    parser.close()
    return tuple(parser.blocks)
