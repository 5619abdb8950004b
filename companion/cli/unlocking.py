"""Unlocking the store while a command loads what it will need.

Most of an unlock is the key derivation (Argon2id), which runs in C and lets Python run
beside it. A command that prints packets spends about as long again loading the PDF
engine and parsing its fonts, in Python. Doing the two at once, on two threads, lets
the second core do one while the first does the other, instead of one after the other.

The two must not import the same modules at the same time (Python's import locks would
take that for a deadlock): the store's modules are imported before the unlock starts,
and what the unlock imports on its way (the key derivation and the cipher) is nothing
the packet engine imports (``tests/unit/test_cli_unlocking.py`` checks it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.store.store import Store


def open_while(open_store: Callable[[], Store], prepare: Callable[[], object]) -> Store:
    """``open_store()`` on a worker thread while ``prepare()`` runs on this one.

    Returns the open store, or raises what ``open_store`` raised (a wrong passphrase, a
    damaged store) once ``prepare`` is done. If ``prepare`` fails, the store, once open,
    is closed again and its error raised.
    """
    opened: list[Store] = []
    failed: list[BaseException] = []

    def unlock() -> None:
        try:
            opened.append(open_store())
        except BaseException as error:  # handed to the main thread, raised there
            failed.append(error)

    worker = threading.Thread(target=unlock, name="unlock")
    worker.start()
    try:
        prepare()
    except BaseException:
        worker.join()
        for store in opened:
            store.close()
        raise
    worker.join()
    if failed:
        raise failed[0]
    return opened[0]
