"""A restore can neither lose a writer's work nor leave a store that does not open.

Each test runs the restore, or the process it races with, in a real child process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.domain.models import Person
from companion.errors import StoreInUseError
from companion.store import backups
from companion.store.restore import restore
from companion.store.restore_swap import JOURNAL_NAME
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _names(folder: Path) -> list[str]:
    store = Store.open(folder, TEST_PASSPHRASE)
    try:
        assert store.check() == []
        return sorted(person.given_name for person in store.people.list())
    finally:
        store.close()


@pytest.fixture
def old_store_and_backup(tmp_path: Path) -> tuple[Path, Path]:
    """A closed store holding Before and After, and a backup of it holding only Before."""
    folder = tmp_path / "template"
    store, _code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Before", "Sample", language="es"))
    backup = backups.make_backup(store, folder=tmp_path / "usb").path
    store.people.add(Person("After", "Sample", language="es"))
    store.close()
    return folder, backup


@contextlib.contextmanager
def _writer(folder: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the store open, committing a row after row (``crash_writer``)
    and printing each id once committed; killed when the block ends."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.helpers.crash_writer",
            str(folder),
            TEST_PASSPHRASE,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "ready"
        yield writer
    finally:
        if writer.poll() is None:
            writer.send_signal(signal.SIGKILL)
        writer.wait()


def _run_killer(folder: Path, backup: Path, step: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.integration.helpers.restore_killer",
            str(folder),
            str(backup),
            TEST_PASSPHRASE,
            step,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_a_restore_killed_at_any_step_leaves_the_old_store_or_the_new_one(
    old_store_and_backup: tuple[Path, Path], tmp_path: Path
) -> None:
    template, backup = old_store_and_backup
    finished = tmp_path / "finished"
    shutil.copytree(template, finished)
    run = _run_killer(finished, backup, "none")
    assert run.returncode == 0, run.stderr
    steps = run.stdout.split()
    # Every rename and fsync of the swap is a step, the commit (the journal's removal) last.
    assert {"journal-renamed", "moved-old-companion.db", "moved-old-keys.json"} <= set(steps)
    assert {"moved-new-companion.db", "moved-new-keys.json", "new-fsynced"} <= set(steps)
    assert steps[-2:] == ["journal-removed", "committed"]
    assert _names(finished) == ["Before"]

    commit = steps.index("journal-removed")
    for number, step in enumerate(steps):
        folder = tmp_path / f"killed-{number}"
        shutil.copytree(template, folder)
        killed = _run_killer(folder, backup, step)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        expected = ["Before"] if number >= commit else ["After", "Before"]
        assert _names(folder) == expected, step
        assert not (folder / JOURNAL_NAME).exists()
        if step not in (steps[0], steps[commit - 1], steps[commit]):
            continue
        # Whatever happened, the store as it was before the restore can be had again.
        safety = [
            info
            for info in backups.list_backups(folder / "backups")
            if info.reason == "before-restore"
        ]
        assert len(safety) == 1 and safety[0].people == 2, step
        undone = restore(folder, safety[0].path, TEST_PASSPHRASE)
        assert sorted(p.given_name for p in undone.store.people.list()) == ["After", "Before"]
        undone.store.close()


def test_a_restore_is_refused_while_another_process_writes_and_no_write_is_lost(
    old_store_and_backup: tuple[Path, Path],
) -> None:
    folder, backup = old_store_and_backup
    with _writer(folder) as writer:
        assert writer.stdout is not None
        acknowledged = {int(writer.stdout.readline()) for _ in range(5)}
        with pytest.raises(StoreInUseError):
            restore(folder, backup, TEST_PASSPHRASE)
        acknowledged |= {int(writer.stdout.readline()) for _ in range(5)}
    for line in writer.stdout.read().splitlines():
        if line.strip().isdigit():
            acknowledged.add(int(line))
    store = Store.open(folder, TEST_PASSPHRASE)
    try:
        present = {row[0] for row in store.db.execute("SELECT id FROM people").fetchall()}
        names = {p.given_name for p in store.people.list()}
    finally:
        store.close()
    assert acknowledged <= present
    assert {"Before", "After"} <= names
    assert not list((folder / "backups").glob("*before-restore*"))


def test_a_second_process_waits_for_no_one_once_the_writer_is_gone(
    old_store_and_backup: tuple[Path, Path],
) -> None:
    """A writer killed outright lets go of the lock: the restore then goes ahead."""
    folder, backup = old_store_and_backup
    with _writer(folder) as writer:
        writer.send_signal(signal.SIGKILL)
    assert writer.stdout is not None
    writer.stdout.close()
    result = restore(folder, backup, TEST_PASSPHRASE)
    assert [p.given_name for p in result.store.people.list()] == ["Before"]
    result.store.close()


def test_a_rekey_is_refused_while_another_process_has_the_store_open(
    old_store_and_backup: tuple[Path, Path],
) -> None:
    """Re-encrypting under a new key would leave another window writing with the old one:
    it waits for the store to be the only one open, and nothing changes meanwhile."""
    folder, _backup = old_store_and_backup
    key_file_before = (folder / "keys.json").read_bytes()
    with _writer(folder):
        store = Store.open(folder, TEST_PASSPHRASE)
        try:
            with pytest.raises(StoreInUseError):
                store.change_passphrase(TEST_PASSPHRASE, "a brand new passphrase 2031", rekey=True)
        finally:
            store.close()
    assert (folder / "keys.json").read_bytes() == key_file_before
    Store.open(folder, TEST_PASSPHRASE).close()
