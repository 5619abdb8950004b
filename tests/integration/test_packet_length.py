"""How long a packet is: the default topics keep an English packet to six pages, and a
short packet is page 1 and the checklist."""

from __future__ import annotations

import io

import pypdf
import pytest

from companion.domain.models import HearingStatus
from companion.guidance import DEFAULT_PACKET_TOPICS
from companion.packets.from_store import PacketChoice, packets_for_hearing
from companion.packets.renderer import render_packet
from companion.store.store import Store


def _page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _scheduled(store: Store) -> list[int]:
    return [
        int(row[0])
        for row in store.db.execute(
            "SELECT id FROM hearings WHERE status = ? AND deleted_at IS NULL ORDER BY id",
            [HearingStatus.SCHEDULED.value],
        ).fetchall()
    ]


def test_the_default_english_packet_has_at_most_six_pages(demo_store: Store) -> None:
    hearings = _scheduled(demo_store)
    assert len(hearings) >= 8
    for hearing_id in hearings:
        for content in packets_for_hearing(demo_store, hearing_id, PacketChoice(language="en")):
            assert len(content.guidance) == len(DEFAULT_PACKET_TOPICS) + 1  # + jurisdiction
            assert _page_count(render_packet(content)) <= 6, hearing_id


def test_staff_can_still_add_every_topic(demo_store: Store) -> None:
    from companion.guidance import TOPIC_IDS

    hearing_id = _scheduled(demo_store)[0]
    [content] = packets_for_hearing(
        demo_store, hearing_id, PacketChoice(language="en", topics=TOPIC_IDS)
    )
    assert len(content.guidance) == len(TOPIC_IDS) + 1
    assert _page_count(render_packet(content)) > 6


@pytest.mark.parametrize(
    ("language", "second", "large"),
    [
        ("en", None, False),
        ("es", None, True),
        ("ko", None, True),
        ("ar", "en", False),
        ("zh-Hant", "en", False),
    ],
)
def test_a_short_packet_is_two_pages(
    demo_store: Store, language: str, second: str | None, large: bool
) -> None:
    hearing_id = _scheduled(demo_store)[0]
    choice = PacketChoice(language=language, second_language=second, large_print=large, short=True)
    [content] = packets_for_hearing(demo_store, hearing_id, choice)
    assert content.guidance == ()
    assert _page_count(render_packet(content)) == 2
