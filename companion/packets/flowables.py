"""ReportLab flowables for packets: multilingual text blocks, list markers, QR codes,
writing lines and the invisible marker that starts each packet of a batch."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import segno

from companion.packets.platypus import Flowable
from companion.packets.textlayout import (
    BASELINE_DROP,
    Direction,
    Line,
    Span,
    TextLayout,
    TextStyle,
    draw_lines,
)


class Marker(enum.Enum):
    """What sits in a block's start-side indent: a bullet or a check box beside the
    first line, or a bar along every line."""

    BULLET = "bullet"
    CHECKBOX = "checkbox"
    BAR = "bar"


@lru_cache(maxsize=4096)
def shared_layout(
    spans: tuple[Span, ...], style: TextStyle, rtl: bool, direction: Direction
) -> TextLayout:
    """The layout of these spans, made once: a docket repeats the same guidance and
    checklist in every packet of a language, and a preview is drawn again and again.
    Layouts never change once made (their lines are kept per width)."""
    return TextLayout(spans, style, rtl=rtl, direction=direction)


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph of plain-text spans in any script, wrapped, shaped and bidi-ordered.

    ``rtl`` is the page direction (which side is the start); the text's own base
    direction is ``direction`` (by default its first strong character).
    """

    def __init__(
        self,
        spans: Sequence[Span] | str,
        style: TextStyle,
        *,
        rtl: bool = False,
        direction: Direction = Direction.AUTO,
        marker: Marker | None = None,
        keep_with_next: bool = False,
        _layout: TextLayout | None = None,
        _lines: list[Line] | None = None,
        _first: bool = True,
    ) -> None:
        super().__init__()
        if isinstance(spans, str):
            spans = [Span(spans)]
        self.style = style
        self.rtl = rtl
        self.marker = marker if _first or marker is Marker.BAR else None
        self.layout = _layout or shared_layout(tuple(spans), style, rtl, direction)
        self._fixed_lines = _lines
        self._first = _first
        self.keepWithNext = keep_with_next
        self.lines: list[Line] = []

    @property
    def is_empty(self) -> bool:
        return self.layout.is_empty

    def _text_width(self, available: float) -> float:
        return max(available - self.style.indent, self.style.size)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        if self._fixed_lines is not None:
            self.lines = self._fixed_lines
        else:
            self.lines = self.layout.lines(self._text_width(availWidth))
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int((availHeight + 1e-6) // self.style.leading)
        total = len(self.lines)
        # Never leave a single line behind or carry one over: short blocks move whole,
        # longer ones keep at least two lines on each side.
        if total < 4 or fits < 2 or fits >= total:
            return []
        fits = min(fits, total - 2)
        head = self._part(self.lines[:fits], first=self._first)
        tail = self._part(self.lines[fits:], first=False)
        return [head, tail]

    def _part(self, lines: list[Line], *, first: bool) -> TextBlock:
        style = self.style if first else self.style.derive(space_before=0.0)
        part = TextBlock(
            [],
            style,
            rtl=self.rtl,
            marker=self.marker,
            _layout=self.layout,
            _lines=lines,
            _first=first,
        )
        return part

    def getSpaceBefore(self) -> float:
        return self.style.space_before

    def getSpaceAfter(self) -> float:
        return self.style.space_after

    def draw(self) -> None:
        indent = self.style.indent
        text_width = self._text_width(self.width)
        x = 0.0 if self.rtl else indent
        draw_lines(
            self.canv, self.lines, self.style, x=x, top=self.height, width=text_width, rtl=self.rtl
        )
        if self.marker is not None and self.lines:
            self._draw_marker()

    def _draw_marker(self) -> None:
        style = self.style
        size = style.size
        baseline = self.height - (style.leading - size) / 2 - size * BASELINE_DROP
        canvas = self.canv
        canvas.saveState()
        canvas.setFillGray(style.gray)
        canvas.setStrokeGray(style.gray)
        slot = min(style.indent, size * 1.6)
        if self.marker is Marker.BAR:
            width = max(1.5, size * 0.18)
            x = self.width - slot * 0.3 if self.rtl else slot * 0.3
            canvas.setLineWidth(width)
            canvas.line(x, 0, x, self.height)
        elif self.marker is Marker.BULLET:
            radius = size * 0.16
            centre = slot * 0.45
            cx = self.width - centre if self.rtl else centre
            canvas.circle(cx, baseline + size * 0.3, radius, stroke=0, fill=1)
        else:
            side = size * 0.8
            left = (self.width - slot * 0.1 - side) if self.rtl else slot * 0.1
            canvas.setLineWidth(max(0.8, size * 0.06))
            canvas.rect(left, baseline - size * 0.08, side, side, stroke=1, fill=0)
        canvas.restoreState()


class QRCodeFlowable(Flowable):  # type: ignore[misc]
    """A QR code drawn as vector squares (sharp at any printer resolution)."""

    def __init__(self, qr: segno.QRCode, size: float) -> None:
        super().__init__()
        self.qr = qr
        self.size = size
        self.border = 4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.height = self.size
        return self.size, self.size

    def draw(self) -> None:
        matrix: Sequence[Sequence[int]] = self.qr.matrix
        modules = len(matrix) + 2 * self.border
        step = self.size / modules
        canvas = self.canv
        canvas.saveState()
        canvas.setFillGray(0.0)
        path = canvas.beginPath()
        for row_number, row in enumerate(matrix):
            y = self.size - (row_number + self.border + 1) * step
            column = 0
            while column < len(row):
                if row[column]:
                    start = column
                    while column < len(row) and row[column]:
                        column += 1
                    path.rect((start + self.border) * step, y, (column - start) * step, step)
                else:
                    column += 1
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines for the witness's own notes, filling the rest of the frame."""

    def __init__(self, spacing: float, *, gray: float = 0.55, max_lines: int = 40) -> None:
        super().__init__()
        self.spacing = spacing
        self.gray = gray
        self.max_lines = max_lines
        self.count = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.count = max(1, min(self.max_lines, int(availHeight // self.spacing)))
        self.height = self.count * self.spacing
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeGray(self.gray)
        canvas.setLineWidth(0.6)
        for number in range(self.count):
            y = self.height - (number + 1) * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class PacketStart(Flowable):  # type: ignore[misc]
    """Invisible; tells the canvas that a new packet begins on this page."""

    def __init__(self, decoration: Any, on_start: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.decoration = decoration
        self.on_start = on_start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        if self.on_start is not None:
            self.on_start()
        self.canv.begin_packet(self.decoration)
