"""Right after unlocking, get the packet engine ready in the background, so that the
first packet preview comes about as fast as the next ones (``companion.packets.warmup``)."""

from __future__ import annotations

import logging

from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui.background import start_job

log = logging.getLogger(__name__)


def warm_up_packets(store: Store) -> None:
    """Render, on the job thread, the packet most likely to be printed first; the bytes
    are thrown away. Nothing is shown, written or recorded, whatever happens."""
    from companion.packets.warmup import likely_first_packet, warm_up

    try:
        content = likely_first_packet(store)  # reads the store: on this thread
    except CompanionError as error:
        log.debug("no packet warm-up: %s", error.code)
        return
    start_job(
        lambda _progress: warm_up(content),
        lambda _result: None,
        lambda error: log.debug("packet warm-up failed: %s", type(error).__name__),
    )
