"""The warm-up after unlocking renders the next hearing's packet, so the first preview
finds its text already laid out and its fonts loaded."""

from __future__ import annotations

from pathlib import Path

from companion.demo import create_demo_office
from companion.packets.flowables import shared_layout
from companion.packets.fonts import ARABIC, CJK, LATIN, font_library
from companion.packets.from_store import packet_for
from companion.packets.renderer import render_packet
from companion.packets.warmup import likely_first_packet, warm_up


def test_warm_up_prepares_the_next_hearings_packet(tmp_path: Path) -> None:
    store = create_demo_office(tmp_path / "demo", "warm up test 2026")
    try:
        content = likely_first_packet(store)
        assert content is not None
        entry = next(entry for entry in store.agenda.upcoming(14) if entry.people)
        assert (content.hearing_id, content.person_name) == (
            entry.hearing_id,
            packet_for(store, entry.hearing_id, entry.people[0].id).person_name,
        )
        warm_up(content)
        assert {LATIN, ARABIC, CJK} <= set(font_library().loaded)
        before = shared_layout.cache_info()
        render_packet(content)
        after = shared_layout.cache_info()
        assert after.misses == before.misses  # every text block was laid out already
        assert after.hits > before.hits
    finally:
        store.close()
