"""Getting the packet engine ready while staff look at the agenda, so that the first
preview after unlocking comes about as fast as the next ones.

A first render pays for loading the PDF engine's modules, parsing the fonts, reading the
catalogs and guidance of the packet's language, and shaping its text. Right after the
store opens, the app renders, in the background, the packet most likely to be printed
first (the next hearing's first witness); the bytes are thrown away, nothing is
written and nothing is recorded.
"""

from __future__ import annotations

from companion.packets.content import PacketContent
from companion.store.store import Store


def likely_first_packet(store: Store, days: int = 14) -> PacketContent | None:
    """The packet of the first witness of the next hearing with one (``None``: none in
    the next ``days`` days). Reads the store: call it where the store may be used."""
    from companion.packets.from_store import packet_for

    for entry in store.agenda.upcoming(days):
        if entry.people:
            return packet_for(store, entry.hearing_id, entry.people[0].id)
    return None


def warm_up(content: PacketContent | None) -> None:
    """Load the engine and the fonts of the twelve languages, and render ``content`` once,
    throwing the bytes away (safe on a worker thread: it touches no store)."""
    from companion.packets.fonts import ARABIC, CJK, LATIN, font_library
    from companion.packets.renderer import packet_missing_glyphs, render_packet

    library = font_library()
    for family in (LATIN, ARABIC, CJK):
        library.family(family)
    if content is not None:
        render_packet(content)
        packet_missing_glyphs(content)
