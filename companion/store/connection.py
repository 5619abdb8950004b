"""Opening the SQLCipher database with a raw key, with the pragmas every connection needs."""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3

from companion.errors import FolderProblemError, NotAStoreError, StoreDamagedError, StoreError
from companion.private_files import create_private_file
from companion.store.database import Database
from companion.store.storage_errors import reason_of_disk_error

# SQLCipher raises its own exception classes, not the standard library's sqlite3 ones.
DatabaseError = sqlcipher3.dbapi2.DatabaseError
OperationalError = sqlcipher3.dbapi2.OperationalError
IntegrityError = sqlcipher3.dbapi2.IntegrityError


#: SQLCipher's memory security: all memory SQLite allocates is locked (never written to
#: swap) and wiped when freed, at the price of two system calls per allocation. On in
#: every app and command process (and in the processes tests start); the tests turn it
#: off in their own process (tests/conftest.py), as they lower the key derivation's
#: cost: it more than doubled the suite's time. Once on, SQLCipher keeps it on for the
#: life of the process.
MEMORY_SECURITY = True


def connect(path: Path, key: bytes) -> Database:
    """Open (or create) the encrypted database at ``path``.

    Raises ``NotAStoreError`` when the key does not open the file: SQLCipher cannot tell
    a wrong key from a file that is not a store, and the key file has already been
    checked by the time we get here.
    """
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False)
    except DatabaseError as error:
        raise _opening_error(path, error) from error
    try:
        quiet(conn)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if MEMORY_SECURITY:
            conn.execute("PRAGMA cipher_memory_security = ON")
        # Reading the schema is the first thing that needs the key to be right.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except DatabaseError as error:
        conn.close()
        raise _opening_error(path, error) from error
    return Database(conn, execute_plugins=False)


def _opening_error(path: Path, error: Exception) -> StoreError:
    """The typed error for a database that would not open: "damaged" only when it is."""
    message = str(error).lower()
    if "not a database" in message or "encrypted" in message:
        return NotAStoreError(str(path))
    disk_reason = reason_of_disk_error(message)
    if disk_reason is not None:
        return FolderProblemError(str(path.parent), disk_reason)
    if not _can_write(path):
        return FolderProblemError(str(path.parent), "no_permission")
    return StoreDamagedError(type(error).__name__)


def _can_write(path: Path) -> bool:
    """Whether this process may change ``path`` and add files beside it (``-wal``, ``-shm``)."""
    try:
        folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
        return folder_ok and (not path.exists() or os.access(path, os.W_OK))
    except (OSError, ValueError):
        return False


def quiet(conn: sqlcipher3.Connection) -> None:
    """Keep SQLCipher from printing its own lines on stderr (a wrong key, a damaged page;
    three lines for a page that fails its HMAC): the command line prints one line per
    error, and the error is raised anyway. The level is process-wide."""
    conn.execute("PRAGMA cipher_log_level = NONE")


def damaged_pages(db: Database) -> list[str]:
    """Pages whose authentication code does not match their content; empty when none.

    SQLCipher seals every page with an HMAC, so any byte changed on disk (a bad sector, a
    copy cut short, stray writes) shows here. It reads each page once without walking the
    tables, so it is quick enough to run at every unlock; ``integrity_problems`` is the
    thorough, slower check for ``companion check`` and backups.
    """
    return [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check").fetchall()]


def integrity_problems(db: Database) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` report; empty when all is well."""
    problems = damaged_pages(db)
    if problems:
        return problems  # SQLite's own checks would stop at the first damaged page
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if problems == ["ok"]:
        problems = []
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
    return problems


def copy_database(source: Database, target_path: Path, key: bytes) -> None:
    """A consistent, encrypted copy of a live database, through SQLite's backup API.

    The copy is made private (0600) before SQLite writes it, whatever the umask: it holds
    every record, encrypted or not."""
    create_private_file(target_path)
    target = sqlcipher3.connect(str(target_path))
    try:
        quiet(target)
        target.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        source.conn.backup(target)
        target.commit()
    finally:
        target.close()
