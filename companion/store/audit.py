"""The audit trail: an append-only record of who did what to which record, and when.

Entries hold record ids, never names, so the trail itself reveals as little as possible.
The table refuses updates and deletes at the database level (triggers). Each entry has
a ``uid`` like every record, so a trail merged from several laptops keeps them apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import getpass
import io
from dataclasses import dataclass

from companion.i18n.catalog import N_
from companion.store.database import Database
from companion.store.identity import new_uid


class AuditAction(enum.StrEnum):
    VIEWED_PERSON = "viewed_person"
    PRINTED_PACKET = "printed_packet"
    SAVED_PACKET = "saved_packet"
    EXPORTED = "exported"
    DELETED = "deleted"
    RESTORED = "restored"
    EMPTIED_TRASH = "emptied_trash"
    CHANGED_PASSPHRASE = "changed_passphrase"
    USED_RECOVERY_CODE = "used_recovery_code"
    BACKED_UP = "backed_up"
    RESTORED_BACKUP = "restored_backup"
    PURGED = "purged"
    LOGGED_CONTACT = "logged_contact"
    CHANGED_NEED = "changed_need"
    CHANGED_SCHEDULE = "changed_schedule"
    CHANGED_DO_NOT_CONTACT = "changed_do_not_contact"
    REKEYED = "rekeyed"
    IMPORTED_HANDOFF = "imported_handoff"
    IMPORTED = "imported"
    UNDID_IMPORT = "undid_import"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.VIEWED_PERSON: N_("Viewed person"),
    AuditAction.PRINTED_PACKET: N_("Printed packet"),
    AuditAction.SAVED_PACKET: N_("Saved packet"),
    AuditAction.EXPORTED: N_("Exported"),
    AuditAction.DELETED: N_("Moved to Trash"),
    AuditAction.RESTORED: N_("Restored from Trash"),
    AuditAction.EMPTIED_TRASH: N_("Emptied Trash"),
    AuditAction.CHANGED_PASSPHRASE: N_("Changed passphrase"),
    AuditAction.USED_RECOVERY_CODE: N_("Used the recovery code"),
    AuditAction.BACKED_UP: N_("Made a backup"),
    AuditAction.RESTORED_BACKUP: N_("Restored a backup"),
    AuditAction.PURGED: N_("Purged"),
    AuditAction.LOGGED_CONTACT: N_("Logged a contact"),
    AuditAction.CHANGED_NEED: N_("Changed a need"),
    AuditAction.CHANGED_SCHEDULE: N_("Changed the reminder schedule"),
    AuditAction.CHANGED_DO_NOT_CONTACT: N_("Changed “do not contact”"),
    AuditAction.REKEYED: N_("Replaced the encryption key and the recovery code"),
    AuditAction.IMPORTED_HANDOFF: N_("Imported a handoff from another laptop"),
    AuditAction.IMPORTED: N_("Imported a spreadsheet"),
    AuditAction.UNDID_IMPORT: N_("Undid an import"),
}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    os_user: str
    staff_name: str
    action: AuditAction
    record_kind: str
    record_id: int | None
    detail: str
    uid: str = ""


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class AuditTrail:
    """Writes and reads the trail. ``staff_name`` is the optional name staff give at unlock."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.os_user = _os_user()
        self.staff_name = ""

    def record(
        self,
        action: AuditAction,
        record_kind: str = "",
        record_id: int | None = None,
        detail: str = "",
    ) -> None:
        """Append one entry: inside a caller's transaction it joins it, else it commits at once."""
        self.db.execute(
            "INSERT INTO audit_log "
            "(uid, os_user, staff_name, action, record_kind, record_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                new_uid(),
                self.os_user,
                self.staff_name,
                action.value,
                record_kind,
                record_id,
                detail,
            ],
        )

    def entries(
        self,
        action: AuditAction | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        record_id: int | None = None,
        limit: int = 5000,
    ) -> list[AuditEntry]:
        sql = "SELECT * FROM audit_log WHERE 1 = 1"
        params: list[object] = []
        if action is not None:
            sql += " AND action = ?"
            params.append(action.value)
        if since is not None:
            sql += " AND at >= ?"
            params.append(since.isoformat())
        if until is not None:
            sql += " AND at < ?"
            params.append((until + dt.timedelta(days=1)).isoformat())
        if record_id is not None:
            sql += " AND record_id = ?"
            params.append(record_id)
        sql += f" ORDER BY id DESC LIMIT {int(limit)}"
        cursor = self.db.execute(sql, params)
        names = [column[0] for column in cursor.description]
        found = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            found.append(
                AuditEntry(
                    id=row["id"],
                    at=row["at"],
                    os_user=row["os_user"],
                    staff_name=row["staff_name"],
                    action=AuditAction(row["action"]),
                    record_kind=row["record_kind"],
                    record_id=row["record_id"],
                    detail=row["detail"],
                    uid=row["uid"],
                )
            )
        return found


def entries_to_csv(entries: list[AuditEntry]) -> str:
    """CSV for export: ids and actions only, as stored (no names)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at", "os_user", "staff_name", "action", "record_kind", "record_id"])
    for entry in entries:
        writer.writerow(
            [
                entry.id,
                entry.at,
                entry.os_user,
                entry.staff_name,
                entry.action.value,
                entry.record_kind,
                "" if entry.record_id is None else entry.record_id,
            ]
        )
    return out.getvalue()
