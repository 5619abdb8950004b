"""Unlocking the store while a command loads what it will need.

Most of an unlock is the key derivation (Argon2id), which runs in C and lets Python run
beside it. A command that prints packets spends about as long again loading the store's
modules, the PDF engine and its fonts, in Python. So the derivation starts on a worker
thread as soon as the passphrase is known (``companion.store.keys.unlock_ahead``), the
loading runs on this thread meanwhile, and the unlock that follows takes the derived key
instead of deriving it again.

The worker imports nothing (what it runs is loaded before it starts): two threads
importing the same module at once can trip Python's import-lock deadlock detection
(``tests/unit/test_cli_unlocking.py`` checks it).

Python's cycle collector is paused meanwhile. Loading some 300 modules makes classes,
functions and tables by the hundred thousand, none of them garbage, and each new
batch of them made the collector walk the growing heap again (about 15 ms of a packet
command). Once loaded, they are moved straight to the collector's oldest generation
(``gc.freeze`` then ``gc.unfreeze``) instead of staying in its youngest: the first
collections after the unlock walked every one of them again (a youngest-generation pass
of 17 ms, then a middle one of 12 ms, both while the packet is laid out, after the key is
there and nothing else can run). Once the store is open, the collector runs again as
usual; the oldest generation is walked only by its rare full passes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from companion.store import keys

if TYPE_CHECKING:
    from companion.store.store import Store


def open_while(folder: Path, passphrase: str, prepare: Callable[[], object]) -> Store:
    """Open the store in ``folder`` with ``passphrase``, running ``prepare()`` while the
    passphrase's key is derived.

    Raises what ``prepare`` raised, or else what the unlock raised (a wrong passphrase,
    a damaged store).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        keys.unlock_ahead(folder, passphrase)
        prepare()
        gc.freeze()
        from companion.store.store import Store

        return Store.open(folder, passphrase)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
