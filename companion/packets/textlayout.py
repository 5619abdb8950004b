"""Multilingual paragraph layout: script runs, shaping, line breaking, bidi, alignment.

One engine lays out every string in a packet, whatever its script:

1. the text is normalised (NFC) and each character gets a bundled font family;
2. bidi levels are resolved for the whole paragraph, in logical order;
3. the paragraph is cut into break units (a word and its trailing spaces, or one
   Chinese character), each shaped with HarfBuzz and measured;
4. lines are filled greedily in logical order; a unit wider than the line is split
   between grapheme clusters;
5. each line is reordered for display (bidi rules L1 and L2) and aligned: to the
   right on a right-to-left page, to the left otherwise.

Text is plain text here, never markup, so names and notes cannot inject formatting.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from companion.packets import bidi
from companion.packets.fonts import ARABIC, FontLibrary, font_library, stand_in
from companion.packets.linebreak import (
    bind_numbers,
    break_opportunities,
    grapheme_boundaries,
    is_ideographic,
)
from companion.packets.scripts import assign_families, normalize_text
from companion.packets.shaping import ShapedRun, shape

#: Stroke width of synthetic bold, as a fraction of the font size.
SYNTHETIC_BOLD_STROKE = 0.035
#: Where the baseline sits below the top of a line box, as a fraction of the font size,
#: after half the extra leading.
BASELINE_DROP = 0.8


@dataclass(frozen=True)
class Span:
    """A piece of plain text with one weight.

    ``isolate`` keeps the piece's own direction inside the sentence around it (bidi
    isolate): use it for values put into translated sentences (phone numbers,
    addresses, names, room numbers).
    """

    text: str
    bold: bool = False
    isolate: bool = False


class Align(enum.Enum):
    START = "start"  # left on a left-to-right page, right on a right-to-left page
    END = "end"
    CENTER = "center"


class Direction(enum.Enum):
    """A paragraph's base direction. ``AUTO`` takes its first strong character."""

    AUTO = "auto"
    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True)
class TextStyle:
    name: str
    size: float
    leading: float
    bold: bool = False
    gray: float = 0.0
    align: Align = Align.START
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0  # on the start side

    def derive(self, **changes: object) -> TextStyle:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PlacedRun:
    """Glyphs to draw at ``x`` (from the line's left edge), already in visual order."""

    x: float
    run: ShapedRun
    synthetic_bold: bool


@dataclass(frozen=True)
class Line:
    """One line's glyph runs, and its text in logical order (for the PDF's text layer)."""

    runs: tuple[PlacedRun, ...]
    width: float
    text: str = ""


@dataclass(frozen=True)
class _Item:
    """A shaped stretch of one family, weight and level inside a break unit."""

    run: ShapedRun
    level: int
    synthetic_bold: bool
    width: float


@dataclass(frozen=True)
class _Unit:
    """A break unit: content items, then the trailing spaces (dropped at line end)."""

    content: tuple[_Item, ...]
    spaces: tuple[_Item, ...]
    content_width: float
    space_width: float
    start: int
    content_end: int


class _Paragraph:
    """One bidi paragraph (text between newlines) prepared for line breaking."""

    def __init__(
        self,
        pieces: Sequence[tuple[str, bool, bool]],
        style: TextStyle,
        direction: Direction,
        fallback_level: int,
        library: FontLibrary,
    ) -> None:
        self.text = "".join(text for text, _, _ in pieces)
        self.size = style.size
        self.bold = [bold for text, bold, _ in pieces for _ in text]
        if direction is Direction.LTR:
            self.base_level = bidi.LTR
        elif direction is Direction.RTL:
            self.base_level = bidi.RTL
        else:
            outer = "".join("\ufffc" if isolate else text for text, _, isolate in pieces)
            found = bidi.first_strong_level(outer)
            self.base_level = fallback_level if found is None else found
        self.levels = bidi.resolve_levels(
            [(text, isolate) for text, _, isolate in pieces], self.base_level
        )
        families = assign_families(self.text, library)
        replacement = library.replacement_family()
        self.families: list[str] = []
        shown: list[str] = []
        for index, (char, family) in enumerate(zip(self.text, families, strict=True)):
            if family is None:
                self.families.append(replacement)
                shown.append(stand_in(char, self.text[index - 1] if index else ""))
            else:
                self.families.append(family)
                shown.append(char)
        self.shown = "".join(shown)
        self.library = library
        # One family, weight and level throughout (most paragraphs): a unit is one item.
        self.uniform = (
            len(set(self.families)) == 1 and len(set(self.bold)) == 1 and len(set(self.levels)) == 1
        )
        self.units = self._units()

    def _items(self, start: int, end: int) -> tuple[_Item, ...]:
        if self.uniform:
            return (self._item(start, end),) if end > start else ()
        items: list[_Item] = []
        index = start
        while index < end:
            key = (self.families[index], self.bold[index], self.levels[index])
            stop = index + 1
            while (
                stop < end
                and (
                    self.families[stop],
                    self.bold[stop],
                    self.levels[stop],
                )
                == key
            ):
                stop += 1
            items.append(self._item(index, stop))
            index = stop
        return tuple(items)

    def _item(self, start: int, stop: int) -> _Item:
        """``text[start:stop]``, all of one family, weight and level, shaped."""
        family_key, bold, level = self.families[start], self.bold[start], self.levels[start]
        face = self.library.family(family_key).face(bold)
        run = shape(face.name, self.shown[start:stop], level % 2 == 1, family_key == ARABIC)
        return _Item(run, level, face.synthetic_bold, run.width(self.size))

    def _unit(self, start: int, end: int) -> _Unit:
        content_end = end
        while content_end > start and self.text[content_end - 1] == " ":
            content_end -= 1
        content = self._items(start, content_end)
        spaces = self._items(content_end, end)
        return _Unit(
            content,
            spaces,
            sum(item.width for item in content),
            sum(item.width for item in spaces),
            start,
            content_end,
        )

    def _units(self) -> list[_Unit]:
        bounds = [0, *break_opportunities(self.text), len(self.text)]
        return [self._unit(a, b) for a, b in itertools.pairwise(bounds) if b > a]

    def split_unit(self, unit: _Unit) -> list[_Unit]:
        """Cut a unit that is wider than a line between grapheme clusters."""
        local = self.text[unit.start : unit.content_end]
        bounds = [0, *grapheme_boundaries(local), len(local)]
        pieces = [
            self._unit(unit.start + a, unit.start + b)
            for a, b in itertools.pairwise(bounds)
            if b > a
        ]
        if unit.spaces and pieces:
            last = pieces[-1]
            pieces[-1] = dataclasses.replace(last, spaces=unit.spaces, space_width=unit.space_width)
        return pieces

    def lines(self, width: float) -> list[list[_Unit]]:
        lines: list[list[_Unit]] = []
        current: list[_Unit] = []
        used = 0.0
        pending = list(reversed(self.units))
        tolerance = 0.01
        while pending:
            unit = pending.pop()
            if unit.content_width > width + tolerance and len(unit.content) > 0:
                parts = self.split_unit(unit)
                if len(parts) > 1:
                    pending.extend(reversed(parts))
                    continue
            if current and used + unit.content_width > width + tolerance:
                lines.append(current)
                current, used = [], 0.0
            current.append(unit)
            used += unit.content_width + unit.space_width
        if current:
            lines.append(current)
        return self._no_lone_last_character(lines)

    def _no_lone_last_character(self, lines: list[list[_Unit]]) -> list[list[_Unit]]:
        """A paragraph of Chinese, Japanese or Korean does not end on a line holding one
        character (and its punctuation): the previous line gives it its last unit, if
        it keeps two or more. The line only gets shorter, so it still fits."""
        if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
            return lines
        last = lines[-1][0]
        letters = [char for char in self.text[last.start : last.content_end] if char.isalnum()]
        if len(letters) != 1 or not (is_ideographic(letters[0]) or _is_hangul(letters[0])):
            return lines
        return [*lines[:-2], lines[-2][:-1], [lines[-2][-1], last]]


def _is_hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7A3


def _visual_line(units: Sequence[_Unit], base_level: int, text: str) -> Line:
    items: list[_Item] = []
    for position, unit in enumerate(units):
        items.extend(unit.content)
        if position < len(units) - 1:
            items.extend(unit.spaces)
    # Rule L1 needs nothing more: the line's trailing spaces were just left out.
    order = bidi.visual_order([item.level for item in items])
    # Neighbouring items in one face (and weight) are drawn as one run: gathered first,
    # then joined once.
    groups: list[tuple[float, list[_Item]]] = []
    x = 0.0
    for index in order:
        item = items[index]
        last = groups[-1][1][-1] if groups else None
        if (
            last is not None
            and last.run.face_name == item.run.face_name
            and last.synthetic_bold == item.synthetic_bold
        ):
            groups[-1][1].append(item)
        else:
            groups.append((x, [item]))
        x += item.width
    runs = [PlacedRun(start, _joined(group), group[0].synthetic_bold) for start, group in groups]
    return Line(tuple(runs), x, text)


def _joined(group: list[_Item]) -> ShapedRun:
    """The runs of neighbouring items in one face, as one run."""
    if len(group) == 1:
        return group[0].run
    shape_data = [data for item in group for data in item.run.text.__shapeData__]
    return ShapedRun(
        ShapedStr("".join(str(item.run.text) for item in group), shapeData=shape_data),
        sum(item.run.advance for item in group),
        group[-1].run.face_name,
    )


_ISOLATE_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_ISOLATE_CLOSER = "\u2069"  # PDI


def _isolates(spans: Sequence[Span]) -> list[Span]:
    """Spans with the text between an isolate character (LRI, RLI, FSI) and its PDI made
    isolated spans of their own: a value put into a sentence that way keeps its own
    direction, and cannot move the sentence's punctuation."""
    result: list[Span] = []
    for span in spans:
        if not any(char in span.text for char in _ISOLATE_OPENERS):
            result.append(span)
            continue
        inside = False
        piece: list[str] = []
        for char in span.text:
            if (char in _ISOLATE_OPENERS and not inside) or (char == _ISOLATE_CLOSER and inside):
                if piece:
                    result.append(Span("".join(piece), span.bold, span.isolate or inside))
                inside, piece = not inside, []
            else:
                piece.append(char)
        if piece:
            result.append(Span("".join(piece), span.bold, span.isolate or inside))
    return result


def _pieces(spans: Sequence[Span]) -> list[list[tuple[str, bool, bool]]]:
    """Normalised spans, cut into paragraphs at newlines, stripped of outer spaces; spaces
    that join a number to the word next to it made no-break (``bind_numbers``)."""
    paragraphs: list[list[tuple[str, bool, bool]]] = [[]]
    for span in _isolates(spans):
        text = normalize_text(span.text)
        parts = text.split("\n")
        for number, part in enumerate(parts):
            if number > 0:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, span.bold, span.isolate))
    for paragraph in paragraphs:
        while paragraph and not paragraph[0][0].lstrip(" "):
            paragraph.pop(0)
        if paragraph:
            text, bold, isolate = paragraph[0]
            paragraph[0] = (text.lstrip(" "), bold, isolate)
        while paragraph and not paragraph[-1][0].rstrip(" "):
            paragraph.pop()
        if paragraph:
            text, bold, isolate = paragraph[-1]
            paragraph[-1] = (text.rstrip(" "), bold, isolate)
    return [_bound(paragraph) for paragraph in paragraphs]


def _bound(paragraph: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """``bind_numbers`` over the whole paragraph (a number and its word are often in
    different spans: "за {minutes} минут"), cut back into the same pieces."""
    joined = "".join(text for text, _, _ in paragraph)
    bound = bind_numbers(joined)
    if bound == joined:
        return paragraph
    result, start = [], 0
    for text, bold, isolate in paragraph:
        result.append((bound[start : start + len(text)], bold, isolate))
        start += len(text)
    return result


class TextLayout:
    """The lines of some spans in one style, for any width (cached per width)."""

    def __init__(
        self,
        spans: Sequence[Span],
        style: TextStyle,
        *,
        rtl: bool = False,
        direction: Direction = Direction.AUTO,
        library: FontLibrary | None = None,
    ) -> None:
        self.style = style
        self.rtl = rtl
        library = library or font_library()
        fallback = bidi.RTL if rtl else bidi.LTR
        styled = [Span(span.text, span.bold or style.bold, span.isolate) for span in spans]
        self._paragraphs = [
            _Paragraph(pieces, style, direction, fallback, library) if pieces else None
            for pieces in _pieces(styled)
        ]
        self._cache: dict[float, list[Line]] = {}

    @property
    def is_empty(self) -> bool:
        return all(paragraph is None for paragraph in self._paragraphs)

    @property
    def text(self) -> str:
        """The laid-out text (normalised), paragraphs separated by newlines."""
        return "\n".join("" if para is None else para.text for para in self._paragraphs)

    def lines(self, width: float) -> list[Line]:
        key = round(width, 3)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lines: list[Line] = []
        for paragraph in self._paragraphs:
            if paragraph is None:
                lines.append(Line((), 0.0))
                continue
            for units in paragraph.lines(width):
                logical = paragraph.text[units[0].start : units[-1].content_end]
                lines.append(_visual_line(units, paragraph.base_level, logical))
        self._cache[key] = lines
        return lines

    def natural_width(self) -> float:
        """The width of the widest paragraph set on one line."""
        widest = 0.0
        for paragraph in self._paragraphs:
            if paragraph is not None:
                widest = max(
                    widest,
                    sum(unit.content_width + unit.space_width for unit in paragraph.units)
                    - (paragraph.units[-1].space_width if paragraph.units else 0.0),
                )
        return widest


def line_x(line: Line, width: float, align: Align, rtl: bool) -> float:
    """Left edge of ``line`` inside a box of ``width``."""
    if align is Align.CENTER:
        return (width - line.width) / 2
    at_right = (align is Align.START) == rtl
    return width - line.width if at_right else 0.0


def draw_lines(
    canvas: Canvas,
    lines: Sequence[Line],
    style: TextStyle,
    *,
    x: float,
    top: float,
    width: float,
    rtl: bool,
) -> None:
    """Draw ``lines`` in a box whose left edge is ``x`` and top is ``top``."""
    if not lines:
        return
    canvas.saveState()
    canvas.setFillGray(style.gray)
    canvas.setStrokeGray(style.gray)
    canvas.setLineWidth(style.size * SYNTHETIC_BOLD_STROKE)
    size = style.size
    drop = (style.leading - size) / 2 + size * BASELINE_DROP
    for number, line in enumerate(lines):
        if not line.runs:
            continue
        baseline = top - number * style.leading - drop
        left = x + line_x(line, width, style.align, rtl)
        text = canvas.beginText()
        # The glyphs are in visual order, and shaped: Arabic in its joined forms, Indic
        # vowel signs before their consonant, conjuncts as one glyph. Marked content with
        # the line's logical text lets copy and paste, search and screen readers get the
        # text as it was written.
        text._code.append(f"/Span <</ActualText {_pdf_text_string(line.text)}>> BDC")
        for placed in line.runs:
            text.setFont(placed.run.face_name, size)
            text.setTextOrigin(left + placed.x, baseline)
            text.setTextRenderMode(2 if placed.synthetic_bold else 0)
            _show(text, placed.run.text, size)
        text.setTextRenderMode(0)
        text._code.append("EMC")
        canvas.drawText(text)
    canvas.restoreState()


def _pdf_text_string(text: str) -> str:
    """``text`` as a PDF text string in UTF-16BE hex, byte order mark first."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _show(text: PDFTextObject, shaped: ShapedStr, size: float) -> None:
    """Write shaped glyphs into ``text`` (whose font is already set), as ReportLab's
    ``textOut`` does, in a third of its time: one ``TJ`` array per font subset, with a
    number only where a glyph is offset or its advance differs from its width. Runs with
    glyphs raised or lowered (some marks) go through ReportLab, which moves the baseline.
    """
    data = shaped.__shapeData__
    if any(glyph.y_offset for glyph in data):
        text.textOut(shaped)
        return
    canvas = text._canvas
    document = canvas._doc
    font = pdfmetrics.getFont(text._fontname)
    code = text._code
    position = 0
    pending = 0.0
    for subset, chunk in font.splitString(shaped, document):
        if subset != text._curSubset:
            name = font.getSubsetInternalName(subset, document)
            code.append(f"{name} {fp_str(size)} Tf {fp_str(text._leading)} TL")
            text._curSubset = subset
        parts: list[str] = []
        start = 0
        for index in range(len(chunk)):
            glyph = data[position + index]
            pending -= glyph.x_offset
            if abs(pending) > 1e-6:
                if index > start:
                    parts.append(f"({canvas._escape(chunk[start:index])})")
                parts.append(fp_str(pending))
                start, pending = index, 0.0
            pending += glyph.width - glyph.x_advance + glyph.x_offset
        parts.append(f"({canvas._escape(chunk[start:])})")
        position += len(chunk)
        code.append(
            f"({canvas._escape(chunk)}) Tj" if len(parts) == 1 else f"[{' '.join(parts)}] TJ"
        )
