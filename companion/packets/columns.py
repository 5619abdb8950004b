"""Two columns side by side in the content frame, the first on the page's start side."""

from __future__ import annotations

from collections.abc import Sequence

from companion.packets.language import LanguageContext
from companion.packets.parts import RendererParts
from companion.packets.platypus import Flowable, Table, TableStyle


def side_by_side(
    renderer: RendererParts,
    t: LanguageContext,
    first: Sequence[Flowable],
    second: Sequence[Flowable],
    *,
    padding: float,
    widths: tuple[float, float] = (0.5, 0.5),
) -> Table:
    """Two columns (by default of equal width), the first on the page's start side.

    ``widths`` are fractions of the available width, start column first."""
    first_width, second_width = widths
    column_widths = [f"{second_width * 100}%", f"{first_width * 100}%"]
    if not t.rtl:
        column_widths.reverse()
    row = [list(second), list(first)] if t.rtl else [list(first), list(second)]
    table = Table([row], colWidths=column_widths, hAlign="CENTER")
    start, end = (1, 0) if t.rtl else (0, 1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                # The gutter, on the end side of the start column.
                ("RIGHTPADDING" if not t.rtl else "LEFTPADDING", (start, 0), (start, 0), padding),
                ("LEFTPADDING" if not t.rtl else "RIGHTPADDING", (end, 0), (end, 0), 0),
            ]
        )
    )
    return table
