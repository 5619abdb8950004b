"""The audit trail as a table model: when, who, what, which record, and details.

Entries hold ids, never names. Stored codes (actions, record kinds, backup reasons) are
shown in the interface language; times in this computer's time zone.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from companion.i18n.catalog import N_
from companion.store.audit import AuditAction, AuditEntry
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.outreach.audit_texts import outreach_details
from companion.ui.safety.backup_texts import reason_label

Index = QModelIndex | QPersistentModelIndex

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: The record kind written with an export of the audit trail itself.
AUDIT_TRAIL_KIND = "audit_trail"

RECORD_TEMPLATES: dict[str, str] = {
    "person": N_("Person {id}"),
    "case": N_("Case {id}"),
    "hearing": N_("Hearing {id}"),
    "courthouse": N_("Courthouse {id}"),
}

RECORD_KINDS: dict[str, str] = {
    AUDIT_TRAIL_KIND: N_("Audit trail"),
    # companion.exchange.attendance_csv.REPORT_EXPORT_KIND: figures only, no record.
    "attendance_report": N_("Attendance record"),
}


class AuditColumn(enum.IntEnum):
    WHEN = 0
    STAFF = 1
    ACTION = 2
    RECORD = 3
    DETAILS = 4


def staff_text(entry: AuditEntry) -> str:
    if entry.staff_name and entry.os_user:
        return _("{staff} (computer user {user})").format(
            staff=entry.staff_name, user=entry.os_user
        )
    return entry.staff_name or entry.os_user


def record_text(entry: AuditEntry) -> str:
    template = RECORD_TEMPLATES.get(entry.record_kind)
    if template is not None and entry.record_id is not None:
        return _(template).format(id=entry.record_id)
    kind = RECORD_KINDS.get(entry.record_kind)
    if kind is not None:
        return _(kind)
    if entry.record_id is not None:
        return f"{entry.record_kind} {entry.record_id}".strip()
    return entry.record_kind


def _count_in(detail: str, prefix: str = "") -> int | None:
    text = detail.removeprefix(prefix)
    return int(text) if text.isdigit() else None


def details_text(entry: AuditEntry) -> str:
    """The stored detail of known actions in words; anything else as stored."""
    detail = entry.detail
    outreach = outreach_details(entry)
    if outreach is not None:
        return outreach
    if entry.action is AuditAction.BACKED_UP:
        return reason_label(detail)
    if entry.action is AuditAction.RESTORED_BACKUP:
        try:
            made = dt.datetime.fromisoformat(detail)
        except ValueError:
            return detail
        return _("Backup made on {date}").format(date=formatting.date_and_time(made.astimezone()))
    if entry.action is AuditAction.PURGED:
        people = _count_in(detail, "people=")
        if people is not None:
            return ngettext(
                "{count} person purged with the case", "{count} people purged with the case", people
            ).format(count=formatting.number(people))
    if entry.action is AuditAction.EMPTIED_TRASH:
        removed = _count_in(detail)
        if removed is not None:
            return ngettext(
                "{count} record deleted for good", "{count} records deleted for good", removed
            ).format(count=formatting.number(removed))
    if entry.action is AuditAction.EXPORTED:
        rows = _count_in(detail, "rows=")
        if rows is not None:
            return ngettext("{count} entry exported", "{count} entries exported", rows).format(
                count=formatting.number(rows)
            )
    return detail


class AuditModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditColumn) - 1)
        if self._entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._entries) - 1, len(AuditColumn) - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            AuditColumn.WHEN: _("When"),
            AuditColumn.STAFF: _("Staff"),
            AuditColumn.ACTION: _("Action"),
            AuditColumn.RECORD: _("Record"),
            AuditColumn.DETAILS: _("Details"),
        }
        return titles[AuditColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = AuditColumn(index.column())
        if column == AuditColumn.WHEN:
            return formatting.stored_timestamp(entry.at)
        if column == AuditColumn.STAFF:
            return staff_text(entry)
        if column == AuditColumn.ACTION:
            return _(entry.action.label)
        if column == AuditColumn.RECORD:
            return record_text(entry)
        return details_text(entry)
