"""A block printed only where the page has room for it: the witness's notes lines.

``IfRoom`` lays out its flowables one under the other in the space left on the page; if
less than ``min_height`` is left, it takes no space and prints nothing (the packet is not
made a page longer for a few ruled lines). A last flowable that fills the space it is
given (``WritingLines``) gets all that is left.
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.packets.platypus import Flowable


class IfRoom(Flowable):  # type: ignore[misc]
    def __init__(self, content: Sequence[Flowable], min_height: float) -> None:
        super().__init__()
        self.content = list(content)
        self.min_height = min_height
        self.placed: list[tuple[Flowable, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.placed = []
        if availHeight < self.min_height:
            self.height = 0.0
            return availWidth, 0.0
        used = 0.0
        for number, flowable in enumerate(self.content):
            before = flowable.getSpaceBefore() if number else 0.0
            _w, height = flowable.wrap(availWidth, max(availHeight - used - before, 0.0))
            used += before
            self.placed.append((flowable, used))
            used += height + flowable.getSpaceAfter()
        self.height = min(used, availHeight)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # all of it fits where it is, or none of it is printed

    def draw(self) -> None:
        for flowable, top in self.placed:
            flowable.drawOn(self.canv, 0, self.height - top - flowable.height)
