"""What the backup screens say: why a backup was made, and what went wrong, translated."""

from __future__ import annotations

from companion.errors import CompanionError
from companion.i18n.catalog import N_
from companion.messages import describe
from companion.store.backups import AUTOMATIC, BackupFailedError, NotABackupError
from companion.ui.i18n import _, current

BEFORE_RESTORE = "before-restore"
MANUAL = "manual"

REASON_LABELS: dict[str, str] = {
    AUTOMATIC: N_("Automatic"),
    MANUAL: N_("Made on demand"),
    BEFORE_RESTORE: N_("Made before a restore"),
}


def reason_label(reason: str) -> str:
    """Why a backup was made, in the interface language (the stored code if unknown)."""
    label = REASON_LABELS.get(reason)
    return _(label) if label is not None else reason


def describe_backup_error(error: CompanionError) -> str:
    """What to say when making a backup failed, or a file is not a backup."""
    if isinstance(error, BackupFailedError):
        return _(
            "Nothing of this attempt was kept, and your earlier backups are untouched. "
            "Check that the backups folder is reachable and has free space, then try "
            "again. Details: {detail}"
        ).format(detail=error.detail)
    if error.code == "no_backup_file":
        return describe(error, current())
    if isinstance(error, NotABackupError):
        return _("{path} is not a Court Companion backup, or it is damaged.").format(
            path=error.path
        )
    return describe(error, current())


def describe_check_error(error: CompanionError) -> str:
    """What to say when a chosen backup could not be opened or failed its check."""
    if isinstance(error, BackupFailedError):
        return _(
            "This backup is damaged: it did not pass its integrity check ({detail}). "
            "Choose another backup."
        ).format(detail=error.detail)
    return describe_backup_error(error)


def describe_restore_error(error: CompanionError) -> str:
    """What to say when a checked backup was not restored after all."""
    if isinstance(error, BackupFailedError):  # a restore's own checks, or reading the file
        return _(
            "This backup did not pass the checks made before a restore ({detail}). Choose "
            "another backup."
        ).format(detail=error.detail)
    return describe_backup_error(error)
