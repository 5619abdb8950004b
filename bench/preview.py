"""Child process for `make bench`: the first packet preview after unlocking, against the
next ones, in the render path the packet dialog uses.

``python -m bench.preview DIR HEARING PERSON LANG`` opens the store in DIR (passphrase
from ``COMPANION_PASSPHRASE``), does what the app does right after unlocking (renders
the next hearing's packet in the background, ``companion.packets.warmup``; here in the
foreground, as it is done by the time anyone opens a packet), then times the preview of
PERSON's packet for HEARING in LANG: ``packet_for`` (the dialog's thread) and
``render_work`` (the worker's). It prints one JSON line: seconds to unlock, seconds of
the warm-up, of the first preview, and the median of five more previews.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    folder, hearing, person, language = Path(argv[0]), int(argv[1]), int(argv[2]), argv[3]
    began = time.perf_counter()
    from companion.store.store import Store

    store = Store.open(folder, os.environ["COMPANION_PASSPHRASE"])
    unlocked = time.perf_counter() - began

    from companion.packets.warmup import likely_first_packet, warm_up

    began = time.perf_counter()
    warm_up(likely_first_packet(store))
    warming = time.perf_counter() - began

    from companion.packets.from_store import PacketChoice, packet_for
    from companion.ui.packets.packet_dialog import render_work

    def preview() -> float:
        began = time.perf_counter()
        content = packet_for(store, hearing, person, PacketChoice(language=language))
        rendered = render_work(content, lambda: True)
        assert rendered is not None and rendered.data.startswith(b"%PDF")
        return time.perf_counter() - began

    first = preview()
    warm = statistics.median(preview() for _ in range(5))
    store.close()
    print(json.dumps({"unlock": unlocked, "warm_up": warming, "first": first, "warm": warm}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
