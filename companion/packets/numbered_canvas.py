"""A canvas that draws each page's header and footer once the page count is known.

Pages are kept until ``save()``. Consecutive pages that belong to one packet (the
``PacketStart`` flowable tells the canvas where a packet begins) are numbered "page X of
Y" within that packet. For duplex printing, a packet with an odd number of pages gets a
blank last page (with its footer), so every packet of a batch starts on a front side.
"""

from __future__ import annotations

from typing import Any, Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


class PageDecoration(Protocol):
    """Draws what every page of one packet carries besides its content."""

    def draw(self, canvas: Canvas, number: int, count: int, *, blank: bool) -> None: ...


class PacketCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, duplex: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplex = duplex
        self._pending_pages: list[tuple[dict[str, Any], PageDecoration | None]] = []
        self._decoration: PageDecoration | None = None

    def _make_preamble(self) -> None:
        """Each page's opening operators, without ReportLab's initial font: every piece
        of text sets its own (bundled) font, so the default Helvetica would be listed in
        each page's resources, unembedded and unused, which print preflight and PDF/A
        checks flag."""
        self._preamble = "1 0 0 1 0 0 cm" if self.bottomup else f"1 0 0 -1 0 {self._pagesize[1]} cm"

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        """Select a font, except ReportLab's standard Type 1 fonts: a platypus table
        selects its default cell font (Helvetica) before each cell, though our cells are
        flowables that set their own bundled font. Selecting it would list it, unused."""
        if psfontname in pdfmetrics.standardFonts:
            self._fontsize = size
            if leading is not None:
                self._leading = leading
            return
        super().setFont(psfontname, size, leading)

    def begin_packet(self, decoration: PageDecoration) -> None:
        self._decoration = decoration

    def showPage(self) -> None:
        self._pending_pages.append((dict(self.__dict__), self._decoration))
        self._startPage()

    def _groups(self) -> list[tuple[PageDecoration | None, list[dict[str, Any]]]]:
        groups: list[tuple[PageDecoration | None, list[dict[str, Any]]]] = []
        for state, decoration in self._pending_pages:
            if groups and groups[-1][0] is decoration:
                groups[-1][1].append(state)
            else:
                groups.append((decoration, [state]))
        return groups

    def page_counts(self) -> list[int]:
        """Pages per packet as they will be saved (blank duplex pages included)."""
        return [self._count(len(states)) for _, states in self._groups()]

    def _count(self, pages: int) -> int:
        return pages + 1 if self.duplex and pages % 2 else pages

    def save(self) -> None:
        for decoration, states in self._groups():
            count = self._count(len(states))
            for number, state in enumerate(states, start=1):
                self.__dict__.update(state)
                if decoration is not None:
                    decoration.draw(self, number, count, blank=False)
                Canvas.showPage(self)
            if count > len(states) and decoration is not None:
                decoration.draw(self, count, count, blank=True)
                Canvas.showPage(self)
        self._pending_pages = []
        Canvas.save(self)
