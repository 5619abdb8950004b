"""What can be told about a data folder before anyone types a secret, by reading only.

A wrong file can often be recognised without the key: a missing or unreadable key file,
an empty database file, or a plain (unencrypted) SQLite file where the encrypted store
should be. Saying so at once spares staff typing the passphrase into a dead end, and
nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from companion.errors import NoStoreError, NotAStoreError, StoreDamagedError
from companion.store import keys
from companion.store.files import DATABASE_FILE_NAME
from companion.store.restore_swap import journal_exists
from companion.store.storage_errors import not_a_folder

#: The first bytes of every unencrypted SQLite file; an SQLCipher file starts with salt.
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def store_exists(folder: Path) -> bool:
    """Whether ``folder`` holds a store (or what is left of one), as opposed to nothing.

    A folder with an interrupted restore's journal holds one: opening it rolls it back."""
    return (
        (folder / keys.KEY_FILE_NAME).exists()
        or (folder / DATABASE_FILE_NAME).exists()
        or journal_exists(folder)
    )


def check_database_file(path: Path) -> None:
    """Raise if ``path`` cannot be our encrypted database, as far as its first bytes tell."""
    if not path.exists():
        raise NoStoreError(str(path.parent))
    if path.stat().st_size == 0:
        raise StoreDamagedError("0 bytes")
    with path.open("rb") as handle:
        header = handle.read(len(PLAIN_SQLITE_HEADER))
    if header == PLAIN_SQLITE_HEADER:
        raise NotAStoreError(str(path))


def check_store_files(folder: Path) -> None:
    """Raise the typed error that explains why the store in ``folder`` cannot open.

    Returns quietly when the files look like a store; the passphrase may still be
    wrong, or the database damaged further in (``Store.open`` finds that out).
    """
    key_path = folder / keys.KEY_FILE_NAME
    database_path = folder / DATABASE_FILE_NAME
    if not folder.is_dir():
        raise not_a_folder(folder) or NoStoreError(str(folder))
    if not store_exists(folder):
        raise NoStoreError(str(folder))
    if journal_exists(folder):
        return  # a restore was interrupted: opening the store puts the previous one back
    if not key_path.exists():
        if database_path.exists():
            check_database_file(database_path)  # a plain SQLite file is said as such
        raise keys.missing_key_file(key_path)
    keys.KeyFile.load(folder)
    check_database_file(database_path)
