"""Unlocking the store while a packet command loads the PDF engine (``companion.cli.unlocking``)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading

import pytest

from companion.cli.unlocking import open_while
from companion.errors import WrongPassphraseError
from companion.store import kdf, keys
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE


def test_a_wrong_passphrase_is_raised_once_the_engine_has_loaded(store: Store) -> None:
    folder, prepared = store.folder, []
    store.close()
    with pytest.raises(WrongPassphraseError):
        open_while(folder, "not the passphrase", lambda: prepared.append(1))
    assert prepared == [1]


def test_a_failed_preparation_is_raised_and_leaves_the_store_closed(store: Store) -> None:
    folder = store.folder
    store.close()

    def prepare() -> None:
        raise ImportError("no engine")

    with pytest.raises(ImportError):
        open_while(folder, TEST_PASSPHRASE, prepare)
    kdf.forget_ahead()
    Store.open(folder, TEST_PASSPHRASE).close()  # nothing holds the folder


#: In a fresh process, opens the store as ``companion packet`` does (the packet engine and
#: its fonts loading while the key is derived) and prints, for each import, the thread
#: that made it.
PROBE = """
import argparse, json, sys, threading
from pathlib import Path
imports = []
def heard(event, arguments):
    if event == "import":
        imports.append([threading.current_thread().name, arguments[0]])
sys.addaudithook(heard)
import companion.cli.main
from companion.cli.unlocking import open_while
asked = argparse.Namespace(lang="zh-Hant", second_lang="ar")
store = open_while(
    Path(sys.argv[1]), sys.argv[2],
    lambda: companion.cli.main._load_packet_engine_and_fonts(asked),
)
store.close()
print(json.dumps(imports))
"""


def test_the_key_derivation_thread_imports_nothing(store: Store) -> None:
    """Two threads importing the same module at once can trip Python's import-lock
    deadlock detection: the worker must find everything it runs already loaded."""
    folder = store.folder
    store.close()
    finished = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), TEST_PASSPHRASE],
        capture_output=True,
        text=True,
        check=True,
    )
    imports = json.loads(finished.stdout.strip().splitlines()[-1])
    threads = {thread for thread, _ in imports}
    modules = {module for _, module in imports}
    assert "reportlab" in modules and "argon2.low_level" in modules
    assert threads == {"MainThread"}


def test_the_key_is_derived_once_on_a_worker_while_this_thread_prepares(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, derived_on, prepared_on = store.folder, [], []
    store.close()
    cost_type = type(kdf.PASSPHRASE_COST)
    derive_now = cost_type.derive_now

    def counted(self: kdf.KdfCost, secret: bytes, salt: bytes) -> bytes:
        derived_on.append(threading.current_thread())
        return derive_now(self, secret, salt)  # type: ignore[arg-type]

    monkeypatch.setattr(cost_type, "derive_now", counted)
    opened = open_while(
        folder, TEST_PASSPHRASE, lambda: prepared_on.append(threading.current_thread())
    )
    try:
        assert opened.check() == []
    finally:
        opened.close()
    assert prepared_on == [threading.main_thread()]
    assert len(derived_on) == 1 and derived_on[0] is not threading.main_thread()


def test_a_key_file_changed_after_the_derivation_started_is_opened_with_its_own_key(
    store: Store,
) -> None:
    """The passphrase is changed (new salt) between the start of the derivation and the
    unlock: the unlock derives again rather than use a key for the old file."""
    folder = store.folder
    store.close()
    keys.unlock_ahead(folder, TEST_PASSPHRASE)
    reopened = Store.open(folder, TEST_PASSPHRASE)
    reopened.change_passphrase(TEST_PASSPHRASE, "a different passphrase 2026 ok")
    reopened.close()
    keys.unlock_ahead(folder, TEST_PASSPHRASE)  # the old passphrase, the new file
    with pytest.raises(WrongPassphraseError):
        Store.open(folder, TEST_PASSPHRASE)
    Store.open(folder, "a different passphrase 2026 ok").close()
    kdf.forget_ahead()


def test_the_cycle_collector_pauses_while_loading_and_runs_again_after(store: Store) -> None:
    folder = store.folder
    store.close()
    during: list[bool] = []
    assert gc.isenabled()
    opened = open_while(folder, TEST_PASSPHRASE, lambda: during.append(gc.isenabled()))
    opened.close()
    assert during == [False] and gc.isenabled()


def test_the_cycle_collector_runs_again_after_a_failed_unlock(store: Store) -> None:
    folder = store.folder
    store.close()
    with pytest.raises(WrongPassphraseError):
        open_while(folder, "not the passphrase", lambda: None)
    assert gc.isenabled()


def test_a_collector_someone_else_paused_stays_paused(store: Store) -> None:
    folder = store.folder
    store.close()
    gc.disable()
    try:
        open_while(folder, TEST_PASSPHRASE, lambda: None).close()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_loads_during_the_unlock_goes_straight_to_the_oldest_generation(
    store: Store,
) -> None:
    """Left in the youngest generation, everything loaded while the key was derived was
    walked again by the first collections after the unlock, while the packet was laid
    out (about 30 ms of a packet command)."""
    folder = store.folder
    store.close()
    loaded: list[list[int]] = []

    def prepare() -> None:
        loaded.extend([number] for number in range(20_000))  # lists: always tracked

    open_while(folder, TEST_PASSPHRASE, prepare).close()
    marker = loaded[-1]
    assert gc.get_count()[0] < 20_000
    assert any(found is marker for found in gc.get_objects(generation=2))
    assert not any(found is marker for found in gc.get_objects(generation=0))
    assert gc.get_freeze_count() == 0  # nothing is kept out of the collector for good
