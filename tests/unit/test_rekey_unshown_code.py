"""A re-key's new recovery code survives a kill before it was shown: kept sealed under the
new key beside the key file, offered at the next unlock until the caller says it was
shown, and dropped when the re-key never took effect or another store replaced this one."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from companion.domain.models import Person
from companion.private_files import write_private_file
from companion.store import keys
from companion.store.backups import make_backup
from companion.store.rekey import JOURNAL_FILE_NAME, rekey_database
from companion.store.store import Store, repair_store_modes
from companion.store.unshown_code import PENDING_CODE_FILE_NAME, PENDING_CODE_PART_NAME
from tests.conftest import TEST_PASSPHRASE

NEW_PASSPHRASE = "violet harbour compass 7"
LATER_PASSPHRASE = "fresh winter passphrase 3"


class _Killed(BaseException):
    """Stands for the process dying at this point."""


def _office(folder: Path) -> str:
    store, code = Store.create(folder, TEST_PASSPHRASE)
    store.people.add(Person("Ana", "Sample", language="es"))
    store.close()
    return code


def _rekey_killed(folder: Path, at: str | None) -> str:
    """Re-key the store in ``folder`` with a code of our own and die at the statement
    ``at`` (None: after the new key file is in force, before anything was shown)."""
    store = Store.open(folder, TEST_PASSPHRASE)
    code = keys.new_recovery_code()

    def execute(sql: str) -> object:
        if at is not None and at in sql:
            raise _Killed()
        return store.db.execute(sql)

    if at is None:
        rekey_database(folder, execute, store.database_key, store._key_file, NEW_PASSPHRASE, code)
    else:
        with pytest.raises(_Killed):
            rekey_database(
                folder, execute, store.database_key, store._key_file, NEW_PASSPHRASE, code
            )
    store.db.conn.close()  # no checkpoint, no goodbye: as a killed process leaves it
    store._folder_hold.release()  # type: ignore[union-attr]
    return code


def test_a_code_never_shown_is_offered_at_each_unlock_until_it_is_marked_shown(
    data_dir: Path,
) -> None:
    old_code = _office(data_dir)
    new_code = _rekey_killed(data_dir, None)
    assert new_code != old_code
    assert not (data_dir / JOURNAL_FILE_NAME).exists(), "the new key file is in force"

    first = Store.open(data_dir, NEW_PASSPHRASE)
    assert first.unshown_recovery_code == new_code
    assert first.people.count() == 1
    first.close()
    second = Store.open(data_dir, NEW_PASSPHRASE)  # not marked shown: offered again
    assert second.unshown_recovery_code == new_code
    second.recovery_code_shown()
    assert second.unshown_recovery_code is None
    second.close()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()

    third = Store.open(data_dir, NEW_PASSPHRASE)
    assert third.unshown_recovery_code is None
    third.close()
    # The code offered is the one that now opens the store.
    Store.open_with_recovery(data_dir, new_code, LATER_PASSPHRASE).close()


def test_the_code_is_offered_when_an_interrupted_rekey_is_completed_at_unlock(
    data_dir: Path,
) -> None:
    old_code = _office(data_dir)
    new_code = _rekey_killed(data_dir, "wal_checkpoint")  # the database already changed
    assert (data_dir / JOURNAL_FILE_NAME).exists()

    # The old recovery code still finishes the re-key, and is then told the new one.
    reopened = Store.open_with_recovery(data_dir, old_code, LATER_PASSPHRASE)
    assert reopened.unshown_recovery_code == new_code
    reopened.recovery_code_shown()
    reopened.close()
    Store.open_with_recovery(data_dir, new_code, "another winter passphrase 5").close()


def test_a_rekey_rolled_back_at_unlock_leaves_no_pending_code(data_dir: Path) -> None:
    old_code = _office(data_dir)
    _rekey_killed(data_dir, "rekey")  # killed before the database changed
    assert (data_dir / PENDING_CODE_FILE_NAME).exists()

    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    assert reopened.unshown_recovery_code is None
    reopened.close()
    assert not (data_dir / JOURNAL_FILE_NAME).exists()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()
    Store.open_with_recovery(data_dir, old_code, LATER_PASSPHRASE).close()


def test_a_pending_code_of_another_store_is_deleted_unread(data_dir: Path, tmp_path: Path) -> None:
    """As after a restore replaced the store: the file beside it is not this key's."""
    _office(data_dir)
    other = tmp_path / "other-office"
    _office(other)
    _rekey_killed(other, None)
    shutil.copyfile(other / PENDING_CODE_FILE_NAME, data_dir / PENDING_CODE_FILE_NAME)

    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    assert reopened.unshown_recovery_code is None
    reopened.close()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()


def test_a_half_written_pending_file_is_swept_at_unlock(data_dir: Path) -> None:
    _office(data_dir)
    (data_dir / PENDING_CODE_PART_NAME).write_bytes(b'{"format": 1, "no')
    Store.open(data_dir, TEST_PASSPHRASE).close()
    assert not (data_dir / PENDING_CODE_PART_NAME).exists()


def test_the_pending_file_is_private_and_holds_no_code_in_plain_text(data_dir: Path) -> None:
    _office(data_dir)
    new_code = _rekey_killed(data_dir, None)
    path = data_dir / PENDING_CODE_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert new_code.encode() not in raw
    assert new_code.replace("-", "").encode() not in raw
    assert set(json.loads(raw)) == {"format", "nonce", "ciphertext"}

    path.chmod(0o644)  # as a copy or an unzip may leave it
    repair_store_modes(data_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_backup_never_carries_the_pending_file(data_dir: Path) -> None:
    _office(data_dir)
    new_code = _rekey_killed(data_dir, None)
    store = Store.open(data_dir, NEW_PASSPHRASE)
    assert store.unshown_recovery_code == new_code
    try:
        info = make_backup(store)
    finally:
        store.close()
    with zipfile.ZipFile(info.path) as archive:
        names = archive.namelist()
    assert "companion.db" in names and "keys.json" in names
    assert not [name for name in names if "pending" in name or "recovery" in name]
    assert (data_dir / PENDING_CODE_FILE_NAME).exists(), "still waiting to be shown"


def test_change_passphrase_keeps_the_code_until_the_caller_says_it_was_shown(
    data_dir: Path,
) -> None:
    _office(data_dir)
    store = Store.open(data_dir, TEST_PASSPHRASE)
    code = store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE, rekey=True)
    assert code is not None
    assert (data_dir / PENDING_CODE_FILE_NAME).exists()
    store.recovery_code_shown()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()
    store.close()
    reopened = Store.open(data_dir, NEW_PASSPHRASE)
    assert reopened.unshown_recovery_code is None
    reopened.close()


def test_a_plain_passphrase_change_makes_no_pending_code(data_dir: Path) -> None:
    _office(data_dir)
    store = Store.open(data_dir, TEST_PASSPHRASE)
    assert store.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE) is None
    store.close()
    assert not (data_dir / PENDING_CODE_FILE_NAME).exists()


@pytest.mark.parametrize(
    "name", [f"{JOURNAL_FILE_NAME}.tmp", "keys.json.tmp", f"{PENDING_CODE_FILE_NAME}.tmp"]
)
def test_a_half_written_key_file_is_swept_when_the_folder_is_held_alone(
    data_dir: Path, name: str
) -> None:
    _office(data_dir)
    keys_before = (data_dir / "keys.json").read_bytes()
    (data_dir / name).write_bytes(b'{"format": 1, "half')
    Store.open(data_dir, TEST_PASSPHRASE).close()
    assert not (data_dir / name).exists()
    assert (data_dir / "keys.json").read_bytes() == keys_before


def test_a_half_written_key_file_is_kept_while_another_process_holds_the_folder(
    data_dir: Path,
) -> None:
    _office(data_dir)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from companion.store.store import Store; "
            f"s = Store.open(Path(sys.argv[1]), {TEST_PASSPHRASE!r}); print('held', flush=True); "
            "sys.stdin.read(); s.close()",
            str(data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    part = data_dir / f"{JOURNAL_FILE_NAME}.tmp"
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        part.write_bytes(b'{"format": 1, "half')  # as the other process might be writing
        Store.open(data_dir, TEST_PASSPHRASE).close()
        assert part.exists()
    finally:
        holder.communicate("", timeout=60)
    Store.open(data_dir, TEST_PASSPHRASE).close()
    assert not part.exists()


def test_the_file_this_process_is_writing_is_not_swept(data_dir: Path) -> None:
    _office(data_dir)
    part = data_dir / f"{JOURNAL_FILE_NAME}.tmp"
    seen: list[bool] = []
    real_fsync = os.fsync

    def fsync_then_open_again(descriptor: int) -> None:
        real_fsync(descriptor)
        if part.exists() and not seen:
            Store.open(data_dir, TEST_PASSPHRASE).close()  # a second open meanwhile
            seen.append(part.exists())

    store = Store.open(data_dir, TEST_PASSPHRASE)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "fsync", fsync_then_open_again)
            write_private_file(data_dir / JOURNAL_FILE_NAME, b"{}")
    finally:
        store.close()
    (data_dir / JOURNAL_FILE_NAME).unlink()
    assert seen == [True]
