"""Shared fixtures: every test gets a fresh data folder, and Qt runs offscreen."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES

if TYPE_CHECKING:
    from companion.store.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs of the app started by tests go to a throwaway folder, not the user's log folder,
# removed when the test run ends.
if "COMPANION_LOG_DIR" not in os.environ:
    _LOG_DIR = tempfile.mkdtemp(prefix="companion-test-logs-")
    os.environ["COMPANION_LOG_DIR"] = _LOG_DIR
    atexit.register(shutil.rmtree, _LOG_DIR, ignore_errors=True)

TEST_PASSPHRASE = "plum orchard lantern 42"


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seal passphrases with a light Argon2id in this process: the real cost (about 0.5 s)
    would be paid at every store a test makes. Tests of the cost itself read
    ``DEFAULT_PASSPHRASE_COST``; app processes started by tests use the real cost."""
    from companion.store import kdf

    monkeypatch.setattr(kdf, "PASSPHRASE_COST", kdf.Argon2idCost(*QUICK_PASSPHRASE_COST_VALUES))


@pytest.fixture(autouse=True, scope="session")
def quick_memory() -> Iterator[None]:
    """SQLCipher without its memory security in this process: locking and wiping every
    allocation costs two system calls each time (tests/unit/test_memory_security.py
    checks that a real process has it on). For the whole session, before any fixture of
    a wider scope opens a store: once on, SQLCipher keeps it on in the process."""
    from companion.store import connection

    connection.MEMORY_SECURITY = False
    yield
    connection.MEMORY_SECURITY = True


@pytest.fixture(autouse=True)
def private_runtime_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A runtime folder of the test's own (``XDG_RUNTIME_DIR``, 0700, as a login session
    has): the viewer copies and the single-instance lock of one test never meet another's,
    nor the user's real ones. Outside ``tmp_path``, which stays the test's alone, and with
    a short path, as a socket's path may not be long."""
    from companion import user_runtime

    folder = tmp_path_factory.mktemp("run")
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    user_runtime.forget_chosen_folder()
    yield folder
    user_runtime.forget_chosen_folder()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    from companion.store.store import Store

    opened, _code = Store.create(data_dir, TEST_PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(data_dir: Path) -> Iterator[Store]:
    """A store holding the fictional demo office."""
    from companion.demo import create_demo_office

    opened = create_demo_office(data_dir, TEST_PASSPHRASE)
    yield opened
    opened.close()
