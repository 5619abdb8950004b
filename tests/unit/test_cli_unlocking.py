"""Unlocking the store while a packet command loads the PDF engine (``companion.cli.unlocking``)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from companion.cli.unlocking import open_while
from companion.errors import WrongPassphraseError
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE


def test_the_store_opens_on_another_thread_while_the_engine_loads(store: Store) -> None:
    folder, threads = store.folder, []
    store.close()

    def open_store() -> Store:
        threads.append(threading.current_thread())
        return Store.open(folder, TEST_PASSPHRASE)

    def prepare() -> None:
        threads.append(threading.current_thread())

    opened = open_while(open_store, prepare)
    try:
        assert not opened.closed and opened.check() == []
    finally:
        opened.close()
    assert threading.main_thread() in threads and len(set(threads)) == 2


def test_a_wrong_passphrase_is_raised_once_the_engine_has_loaded(store: Store) -> None:
    folder, prepared = store.folder, []
    store.close()
    with pytest.raises(WrongPassphraseError):
        open_while(lambda: Store.open(folder, "not the passphrase"), lambda: prepared.append(1))
    assert prepared == [1]


def test_a_failed_preparation_closes_the_store_it_opened(store: Store) -> None:
    folder, opened = store.folder, []
    store.close()

    def open_store() -> Store:
        opened.append(Store.open(folder, TEST_PASSPHRASE))
        return opened[0]

    def prepare() -> None:
        raise ImportError("no engine")

    with pytest.raises(ImportError):
        open_while(open_store, prepare)
    assert opened and opened[0].closed


#: Imports, in a fresh process, the modules ``companion.cli.main`` has loaded before the
#: unlock starts, then does one of the two things ``open_while`` runs side by side, and
#: prints the modules that this loaded.
PROBE = """
import json, sys
from pathlib import Path
import companion.cli.main
from companion.store.preflight import check_store_files
from companion.store.store import Store
folder = Path(sys.argv[2])
check_store_files(folder)
before = set(sys.modules)
if sys.argv[1] == "unlock":
    Store.open(folder, sys.argv[3]).close()
else:
    import argparse
    asked = argparse.Namespace(lang="zh-Hant", second_lang="ar")
    companion.cli.main._load_packet_engine_and_fonts(asked)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _loaded_by(what: str, folder: Path) -> set[str]:
    finished = subprocess.run(
        [sys.executable, "-c", PROBE, what, str(folder), TEST_PASSPHRASE],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(finished.stdout.strip().splitlines()[-1]))


def test_the_unlock_and_the_engine_import_nothing_in_common(store: Store) -> None:
    """Two threads importing the same module at once can trip Python's import-lock
    deadlock detection: what the unlock loads on its way must be apart from the engine."""
    folder = store.folder
    store.close()
    unlock, engine = _loaded_by("unlock", folder), _loaded_by("engine", folder)
    assert "argon2" in unlock and "reportlab" in engine
    assert unlock & engine == set()
