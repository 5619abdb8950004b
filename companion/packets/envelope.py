"""Where a mailed letter's addresses go so that they show through a window envelope.

Two envelopes, chosen by the office's paper setting:

- Letter paper, US #10 window envelope (9.5 x 4.125 in): window 4.5 x 1.125 in, 7/8 in
  from the left and 1/2 in from the bottom. The sheet is folded in three (panels of
  11/3 in); the top panel faces the window, its fold at the envelope's bottom, and the
  sheet can slide 0.46 in up and 1 in sideways.
- A4, DL window envelope (220 x 110 mm, DIN 680): window 90 x 45 mm, 20 mm from the left
  and 15 mm from the *bottom*. The sheet is folded at 105 and 210 mm (DIN 5008 form B),
  so the top panel can slide 5 mm. The address zone of DIN 5008 form B (27.3 mm under a
  17.7 mm zone for the sender line, from 45 mm below the top edge) lies inside the window.

``visible`` is the part of the sheet that shows through the window wherever the sheet
sits in the envelope: everything printed there must carry no court or immigration word.
Coordinates are ReportLab points, measured from the sheet's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch, mm

from companion.packets.paper import PaperSize


@dataclass(frozen=True)
class Box:
    """A rectangle on the sheet: ``left`` and ``top`` from the sheet's top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class WindowLayout:
    """The envelope's window as seen on the folded sheet, and where we print inside it."""

    name: str
    visible: Box  # shows through the window wherever the sheet slides
    sender: Box  # the office's name and address (no court or immigration word)
    recipient: Box  # the witness's name and postal address
    folds: tuple[float, ...]  # fold positions from the top edge
    body_top: float  # where the letter's text starts, below the first fold


def _us_number_ten() -> WindowLayout:
    panel = 11 * inch / 3
    envelope_height, envelope_width, page_width = 4.125 * inch, 9.5 * inch, 8.5 * inch
    window_bottom, window_height = 0.5 * inch, 1.125 * inch
    window_left, window_width = 0.875 * inch, 4.5 * inch
    slide_up = envelope_height - panel
    slide_side = envelope_width - page_width
    # Fold at the envelope's bottom, the window is at its highest on the sheet; when the
    # sheet slides up, the window lies lower on it. Visible either way: the overlap.
    top_settled = panel - window_bottom - window_height
    visible = Box(
        left=window_left,
        top=top_settled + slide_up,
        width=window_width - slide_side,
        height=window_height - slide_up,
    )
    return WindowLayout(
        name="US #10",
        visible=visible,
        sender=Box(0.5 * inch, 0.5 * inch, 3.6 * inch, 0.9 * inch),
        recipient=Box(visible.left + 0.1 * inch, visible.top + 0.03 * inch, 3.2 * inch, 0.6 * inch),
        folds=(panel, 2 * panel),
        body_top=panel + 0.3 * inch,
    )


def _dl() -> WindowLayout:
    envelope_height, envelope_width, page_width = 110 * mm, 220 * mm, 210 * mm
    panel = 105 * mm
    window_bottom, window_height, window_left, window_width = 15 * mm, 45 * mm, 20 * mm, 90 * mm
    slide = envelope_height - panel
    slide_side = envelope_width - page_width
    # Sheet against the envelope's top: the window is at its lowest on the sheet; when the
    # sheet slides down, the window lies higher on it. Visible either way: the overlap.
    top_at_envelope_top = envelope_height - window_bottom - window_height
    visible = Box(
        left=window_left,
        top=top_at_envelope_top,
        width=window_width - slide_side,
        height=window_height - slide,
    )
    return WindowLayout(
        name="DL",
        visible=visible,
        sender=Box(25 * mm, 52 * mm, 75 * mm, 9 * mm),
        recipient=Box(25 * mm, 62.7 * mm, 75 * mm, 26 * mm),
        folds=(panel, 2 * panel),
        body_top=panel + 8 * mm,
    )


def window_layout(paper: PaperSize) -> WindowLayout:
    """The window envelope that goes with the office's paper."""
    return _dl() if paper is PaperSize.A4 else _us_number_ten()
