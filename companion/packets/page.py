"""Page geometry and what every page carries: header, footer, blank-page note.

A dropped page should reveal as little as possible: the witness's name is printed on the
first page only (in the content); the header of every later page shows initials and
the court date, the footer "page X of Y", the disclaimer and the translation status.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from companion.packets.content import PaperSize
from companion.packets.flowables import shared_layout
from companion.packets.language import LanguageContext
from companion.packets.textlayout import Align, Direction, Span, TextLayout, draw_lines


@dataclass(frozen=True)
class PageGeometry:
    """Page size and the bands inside the margins: header, content frame, footer."""

    page_size: tuple[float, float]
    margin: float = 16 * mm
    header_height: float = 9 * mm
    footer_height: float = 15 * mm
    gap: float = 3 * mm

    @property
    def width(self) -> float:
        return self.page_size[0]

    @property
    def height(self) -> float:
        return self.page_size[1]

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the content frame."""
        bottom = self.margin + self.footer_height + self.gap
        top = self.height - self.margin - self.header_height - self.gap
        return self.margin, bottom, self.content_width, top - bottom

    @classmethod
    def for_paper(cls, paper: PaperSize, *, large_print: bool = False) -> PageGeometry:
        size = A4 if paper is PaperSize.A4 else LETTER
        if large_print:
            return cls(size, header_height=10 * mm, footer_height=19 * mm)
        return cls(size)


class PacketPageDecoration:
    """Header and footer of one packet's pages."""

    def __init__(
        self,
        geometry: PageGeometry,
        language: LanguageContext,
        *,
        initials: str,
        date_text: str,
    ) -> None:
        self.geometry = geometry
        self.language = language
        self.initials = initials
        self.date_text = date_text

    def draw(self, canvas: Canvas, number: int, count: int, *, blank: bool) -> None:
        if number > 1:
            self._header(canvas)
        self._footer(canvas, number, count)
        if blank:
            self._blank_note(canvas)

    def header_spans(self) -> list[Span]:
        """What the header of pages after the first says: initials and date, never a name."""
        t = self.language
        return t.fill(
            t.gettext("{initials} · court date {date}"),
            initials=self.initials,
            date=self.date_text,
        )

    def _header(self, canvas: Canvas) -> None:
        t = self.language
        geometry = self.geometry
        style = t.styles.header
        layout = shared_layout(tuple(self.header_spans()), style, t.rtl, Direction.AUTO)
        lines = layout.lines(geometry.content_width)[:1]
        top = geometry.height - geometry.margin
        draw_lines(
            canvas,
            lines,
            style,
            x=geometry.margin,
            top=top,
            width=geometry.content_width,
            rtl=t.rtl,
        )
        rule_y = top - geometry.header_height
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.5)
        canvas.line(geometry.margin, rule_y, geometry.width - geometry.margin, rule_y)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, number: int, count: int) -> None:
        t = self.language
        geometry = self.geometry
        style = t.styles.footer
        top = geometry.margin + geometry.footer_height
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.5)
        canvas.line(geometry.margin, top, geometry.width - geometry.margin, top)
        canvas.restoreState()
        page_label = t.fill(
            t.gettext("Page {number} of {count}"),
            number=t.format_number(number),
            count=t.format_number(count),
        )
        page_layout = shared_layout(
            tuple(page_label), style.derive(bold=True), t.rtl, Direction.AUTO
        )
        page_width = page_layout.natural_width() + 1.0
        disclaimer: list[Span] = [
            Span(t.gettext("General information, not legal advice. Not a message from the court."))
        ]
        if t.draft:
            disclaimer.append(Span("\n"))
            disclaimer.append(
                Span(t.gettext("Draft translation: not yet checked by a qualified translator."))
            )
        text_width = geometry.content_width - page_width - 4 * mm
        text_top = top - 1.5 * mm
        draw_lines(
            canvas,
            shared_layout(tuple(disclaimer), style, t.rtl, Direction.AUTO).lines(text_width),
            style,
            x=geometry.margin + (page_width + 4 * mm if t.rtl else 0.0),
            top=text_top,
            width=text_width,
            rtl=t.rtl,
        )
        page_style = style.derive(bold=True, align=Align.END)
        draw_lines(
            canvas,
            page_layout.lines(page_width),
            page_style,
            x=geometry.margin + (0.0 if t.rtl else geometry.content_width - page_width),
            top=text_top,
            width=page_width,
            rtl=t.rtl,
        )

    def _blank_note(self, canvas: Canvas) -> None:
        t = self.language
        geometry = self.geometry
        style = t.styles.body.derive(align=Align.CENTER, gray=0.4)
        layout = TextLayout(
            [Span(t.gettext("This page is intentionally left blank."))], style, rtl=t.rtl
        )
        lines = layout.lines(geometry.content_width)
        top = geometry.height / 2 + len(lines) * style.leading / 2
        draw_lines(
            canvas,
            lines,
            style,
            x=geometry.margin,
            top=top,
            width=geometry.content_width,
            rtl=t.rtl,
        )
