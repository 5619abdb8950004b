"""A ``.partial`` file left by a killed backup in the data folder's own ``backups/`` is
removed at the next open by a process that has the folder to itself, at once; one in a
backups folder elsewhere (shared by other laptops) only once it is an hour old, and one
this process is writing itself never."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.store import folder_lock
from companion.store.store import Store
from companion.store.work_folder import in_progress, sweep, tidy
from tests.conftest import TEST_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _killed_backup(folder: Path) -> Path:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.integration.helpers.backup_killer",
            str(folder),
            TEST_PASSPHRASE,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    [partial] = (folder / "backups").glob("*.partial")
    return partial


@pytest.fixture
def closed_store(data_dir: Path) -> Path:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.close()
    return data_dir


def test_a_killed_backups_partial_file_is_removed_at_the_next_open_at_once(
    closed_store: Path,
) -> None:
    partial = _killed_backup(closed_store)
    assert partial.stat().st_size > 0  # the encrypted copy, written just now
    Store.open(closed_store, TEST_PASSPHRASE).close()
    assert not partial.exists()
    assert list((closed_store / "backups").iterdir()) == []


def test_it_is_kept_while_another_process_has_the_store_open(closed_store: Path) -> None:
    partial = _killed_backup(closed_store)
    other = folder_lock._FolderLock(closed_store.resolve())  # another process's hold
    other.take_shared(wait_seconds=0)
    try:
        Store.open(closed_store, TEST_PASSPHRASE).close()
        assert partial.exists()
    finally:
        other.release_shared()
    Store.open(closed_store, TEST_PASSPHRASE).close()
    assert not partial.exists()


def test_the_backup_this_process_is_writing_is_not_swept(closed_store: Path) -> None:
    writing = closed_store / "backups" / "court-companion-now-manual.ccbackup.partial"
    writing.parent.mkdir(mode=0o700, exist_ok=True)
    writing.write_bytes(b"half an archive")
    with in_progress(writing):
        tidy(closed_store)
        assert writing.exists()
    tidy(closed_store)
    assert not writing.exists()


def test_a_fresh_partial_file_in_a_shared_backups_folder_is_left_for_an_hour(
    closed_store: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    fresh = usb / "court-companion-other-laptop-manual.ccbackup.partial"
    fresh.write_bytes(b"another laptop's backup, being written")
    stale = usb / "court-companion-old-manual.ccbackup.partial"
    stale.write_bytes(b"left long ago")
    two_hours_ago = stale.stat().st_mtime - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    sweep(closed_store, (usb,))
    assert fresh.exists() and not stale.exists()
