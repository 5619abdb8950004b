"""Packet figures for `make bench`: one packet warm, a docket of 200, and packet sizes."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from companion.demo import create_demo_office
from companion.packets.content import PacketContent
from companion.packets.from_store import PacketChoice, packet_for
from companion.packets.renderer import render_docket, render_packet

Row = tuple[str, str, str, str]


def packet_rows() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="companion-bench-packets-") as temporary:
        store = create_demo_office(Path(temporary) / "demo", "benchmark packets 2026")
        entries = [entry for entry in store.agenda.upcoming(40) if entry.people]
        by_language: dict[str, PacketContent] = {}
        for entry in entries:
            person = entry.people[0]
            content = packet_for(store, entry.hearing_id, person.id)
            by_language.setdefault(content.language, content)
        spanish = by_language["es"]
        render_packet(spanish)  # warm: fonts registered, catalogs loaded
        times = []
        for _ in range(10):
            began = time.perf_counter()
            render_packet(spanish)
            times.append(time.perf_counter() - began)
        warm = statistics.median(times) * 1000
        contents = [packet_for(store, e.hearing_id, e.people[0].id) for e in entries]
        docket = (contents * (200 // len(contents) + 1))[:200]
        began = time.perf_counter()
        render_docket(docket, now=None)
        docket_seconds = time.perf_counter() - began
        sizes = {
            tag: len(render_packet(by_language[tag])) // 1024 for tag in ("ar", "zh-Hans", "es")
        }
        english = packet_for(
            store, entries[0].hearing_id, entries[0].people[0].id, PacketChoice(language="en")
        )
        render_packet(english)
        store.close()
    return [
        (
            "One packet, warm (Spanish)",
            f"{warm:.0f} ms",
            "target <= 150 ms",
            "ok" if warm <= 150 else "MISSED",
        ),
        (
            "Docket of 200 packets",
            f"{docket_seconds:.1f} s",
            "target <= 30 s",
            "ok" if docket_seconds <= 30 else "MISSED",
        ),
        *(
            (
                f"Packet size ({tag})",
                f"{size} KB",
                "target <= 300 KB",
                "ok" if size <= 300 else "MISSED",
            )
            for tag, size in sizes.items()
        ),
    ]
