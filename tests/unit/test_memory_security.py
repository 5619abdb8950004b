"""A store opened by a real process has SQLCipher's memory security on: every
allocation locked in memory (never swapped to disk) and wiped when freed. The tests'
own process turns it off for speed (tests/conftest.py), so this runs in a child."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from companion.store.store import Store
store, _code = Store.create(Path(sys.argv[1]), "plum orchard lantern 42")
print(store.db.execute("PRAGMA cipher_memory_security").fetchone()[0])
store.close()
"""


def test_a_store_opened_by_a_real_process_locks_and_wipes_its_memory(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert finished.stdout.strip() == "1"


def test_this_test_process_runs_without_it(tmp_path: Path) -> None:
    from companion.store.store import Store

    store, _code = Store.create(tmp_path / "store", "plum orchard lantern 42")
    try:
        assert store.db.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
    finally:
        store.close()
