"""Shared fixtures: every test gets a fresh data folder, and Qt runs offscreen."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from companion.store.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs of the app started by tests go to a throwaway folder, not the user's log folder.
os.environ.setdefault("COMPANION_LOG_DIR", tempfile.mkdtemp(prefix="companion-test-logs-"))

TEST_PASSPHRASE = "plum orchard lantern 42"


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
