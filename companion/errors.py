"""Typed errors raised by the core.

The core never formats a sentence for the user. Each error carries a stable
``code`` and the data a message needs; ``companion.ui`` and ``companion.cli``
turn them into translated text (see ``companion.i18n.messages``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class CompanionError(Exception):
    """Base for every error the user can be told about."""

    code = "error"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)


class ValidationError(CompanionError):
    """One field of a record is wrong. ``field`` names it; ``reason`` says how."""

    code = "validation"

    def __init__(self, field: str, reason: str, value: object = None) -> None:
        super().__init__(field, reason)
        self.field = field
        self.reason = reason
        self.value = value

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class ValidationErrors(CompanionError):
    """Several fields of one record are wrong at once."""

    code = "validation_many"

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(str(error) for error in self.errors)

    def for_field(self, field: str) -> ValidationError | None:
        return next((error for error in self.errors if error.field == field), None)


class UnsupportedLanguageError(CompanionError):
    code = "unsupported_language"

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class NotFoundError(CompanionError):
    """A record with this id does not exist (or is in the Trash)."""

    code = "not_found"

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(kind, record_id)
        self.kind = kind
        self.record_id = record_id


class StoreError(CompanionError):
    code = "store"


class NoStoreError(StoreError):
    """The data folder has no store yet (or does not exist)."""

    code = "no_store"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class StoreExistsError(StoreError):
    code = "store_exists"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class WrongPassphraseError(StoreError):
    code = "wrong_passphrase"

    def __init__(self, retry_after_seconds: float = 0.0) -> None:
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class WrongRecoveryCodeError(StoreError):
    code = "wrong_recovery_code"


class WeakPassphraseError(StoreError):
    """A new passphrase was refused. ``reason`` is a code of
    ``companion.store.passphrase_policy`` (``too_short``, ``too_common``, ``dates``...);
    ``score`` is the strength estimate, 0 to 4."""

    code = "weak_passphrase"

    def __init__(self, reason: str, minimum_length: int = 0, score: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.minimum_length = minimum_length
        self.score = score


class StoreNewerError(StoreError):
    """The store was written by a newer Court Companion; we leave it untouched."""

    code = "store_newer"

    def __init__(self, store_version: int, app_version: int) -> None:
        super().__init__(store_version, app_version)
        self.store_version = store_version
        self.app_version = app_version


class StoreDamagedError(StoreError):
    code = "store_damaged"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotAStoreError(StoreError):
    code = "not_a_store"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class KeyFileError(NotAStoreError):
    """The key file cannot be used as it is. Nothing was derived from it.

    ``reason`` says what is wrong: ``missing``, ``unreadable`` (the system refuses to read
    it; ``detail`` says why), ``not_a_file`` (a folder or a pipe in its place), or
    ``damaged`` (malformed, as a file damaged or changed by hand is; ``detail`` names the
    field). ``path`` is the key file's own path.
    """

    code = "key_file"

    def __init__(self, path: str, detail: str, reason: str = "damaged") -> None:
        super().__init__(path)
        self.detail = detail
        self.reason = reason


class KeyCostError(KeyFileError):
    """The key file asks for a key derivation outside the accepted bounds (too costly, as a
    planted file may ask, or too weak). ``parameter`` names the cost (``argon2id m``...),
    ``value`` is what the file asks, ``minimum`` and ``maximum`` what is accepted."""

    code = "key_cost"

    def __init__(self, path: str, parameter: str, value: int, minimum: int, maximum: int) -> None:
        super().__init__(path, f"{parameter}={value}", reason="cost")
        self.parameter = parameter
        self.value = value
        self.minimum = minimum
        self.maximum = maximum


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only folder); nothing already stored was changed."""

    code = "store_write"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class StoreLockedError(StoreError):
    code = "store_locked"


class InUseError(CompanionError):
    """A record cannot go to the Trash while others still depend on it."""

    code = "in_use"

    def __init__(self, kind: str, record_id: int, dependants: int) -> None:
        super().__init__(kind, record_id, dependants)
        self.kind = kind
        self.record_id = record_id
        self.dependants = dependants


@dataclass(frozen=True)
class FieldConflict:
    """One field of a stale edit: the value the editor wanted, and the one now stored."""

    field: str
    yours: object
    theirs: object


class StaleEditError(CompanionError):
    """The record changed after the editor read it; nothing was saved, the newer values stay.

    ``read_version`` is the ``row_version`` the editor read, ``current_version`` the one
    stored now. ``conflicts`` lists every field where the edit and the stored record
    differ, first field first; ``field``, ``yours`` and ``theirs`` are the first of them.
    """

    code = "stale_edit"

    def __init__(
        self,
        kind: str,
        record_id: int,
        read_version: int,
        current_version: int,
        conflicts: list[FieldConflict],
    ) -> None:
        super().__init__(kind, record_id, read_version, current_version, conflicts)
        self.kind = kind
        self.record_id = record_id
        self.read_version = read_version
        self.current_version = current_version
        self.conflicts = conflicts

    @property
    def field(self) -> str:
        return self.conflicts[0].field if self.conflicts else ""

    @property
    def yours(self) -> object:
        return self.conflicts[0].yours if self.conflicts else None

    @property
    def theirs(self) -> object:
        return self.conflicts[0].theirs if self.conflicts else None

    def __str__(self) -> str:
        fields = ", ".join(conflict.field for conflict in self.conflicts)
        return (
            f"{self.kind} {self.record_id} changed (version {self.read_version} read, "
            f"{self.current_version} stored): {fields}"
        )


class AppendOnlyError(CompanionError):
    """History entries are never changed or removed; a correction is a new entry."""

    code = "append_only"

    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


class StoreInUseError(StoreError):
    """Another process has the store open (or is restoring it); nothing was changed."""

    code = "store_in_use"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class FolderProblemError(StoreError):
    """A folder cannot be written, and the reason is the disk or the folder, not the data.

    ``reason`` is one of ``disk_full``, ``read_only``, ``no_permission``, ``not_a_folder``.
    """

    code = "folder_problem"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


class BackupNewerError(StoreError):
    """A backup was made by a newer Court Companion; restoring it was refused."""

    code = "backup_newer"

    def __init__(self, backup_version: int, app_version: int) -> None:
        super().__init__(backup_version, app_version)
        self.backup_version = backup_version
        self.app_version = app_version


class OtherOfficeError(StoreError):
    """The backup belongs to another store (another office); restoring it needs consent."""

    code = "other_office"

    def __init__(self, backup_store_id: str, current_store_id: str) -> None:
        super().__init__(backup_store_id, current_store_id)
        self.backup_store_id = backup_store_id
        self.current_store_id = current_store_id


class CurrentSecretError(StoreError):
    """A restore over a store needs that store's own passphrase (or recovery code), and
    the secret given opens neither; nothing was changed. ``path`` is the data folder."""

    code = "current_secret"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class BackupKeysDifferError(StoreError):
    """The backup is of this store but sealed with another database key (made before a
    re-key): restoring it would bring back the passphrase and recovery code of its time,
    so it needs consent. ``made_at`` is when the backup was made."""

    code = "backup_keys_differ"

    def __init__(self, made_at: dt.datetime) -> None:
        super().__init__(made_at)
        self.made_at = made_at


class RestoredButNotOpenedError(StoreError):
    """The backup was put in place, but opening it afterwards failed."""

    code = "restored_not_opened"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class HandoffCodeError(CompanionError):
    """The code typed for a handoff file does not open it."""

    code = "handoff_code"


class HandoffFileError(CompanionError):
    """A handoff file is not one, is damaged, or was changed after it was sealed."""

    code = "handoff_file"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotAFileToWriteError(CompanionError):
    """A file to write (a packet, an export) names a device, a pipe or a symbolic link:
    replacing it would replace the device or the link itself, so it is refused before a
    byte is written. ``kind`` is "device", "pipe" (a named pipe or a socket) or "link"."""

    code = "not_a_file_to_write"

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(path, kind)
        self.path = path
        self.kind = kind


class NotARegularFileError(CompanionError):
    """A file to read (a spreadsheet, a handoff) is a folder, a device or a pipe: reading
    it would hang or never end, so it is refused before a byte is read. ``kind`` is
    "folder", "device" or "pipe" (a named pipe or a socket)."""

    code = "not_a_regular_file"

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(path, kind)
        self.path = path
        self.kind = kind
