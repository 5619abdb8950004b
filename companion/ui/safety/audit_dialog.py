"""The audit trail screen: who did what to which record, filtered, and exported as CSV.

The trail holds record numbers, never names. Exporting it is itself recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.store.audit import AuditAction, entries_to_csv
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.safety.audit_model import AUDIT_TRAIL_KIND, AuditColumn, AuditModel
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.tables import configure_table

log = logging.getLogger(__name__)

#: The most entries the screen reads at once (the newest first).
SHOWN_LIMIT = 5000


def utc_day_start(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` on this computer's clock, as a UTC time without a zone.

    The store compares its timestamps (``2026-03-01T05:00:00Z``) as text, so the plain
    ISO form of this value is exactly the start of the local day among them.
    """
    local_midnight = dt.datetime.combine(day, dt.time()).astimezone()
    return local_midnight.astimezone(dt.UTC).replace(tzinfo=None)


def local_day_bounds(
    first: dt.date | None, last: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """``since`` and ``until`` for ``AuditTrail.entries`` covering whole local days.

    ``entries`` keeps what is before ``until`` plus one day, so ``until`` is the start of
    the day after ``last`` less one day (which is right across a clock change too).
    """
    since = utc_day_start(first) if first is not None else None
    until = None
    if last is not None:
        until = utc_day_start(last + dt.timedelta(days=1)) - dt.timedelta(days=1)
    return since, until


def _date_of(edit: QDateEdit) -> dt.date:
    chosen = edit.date()
    return dt.date(chosen.year(), chosen.month(), chosen.day())


class AuditDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)

        self.action_label = QLabel()
        self.action_filter = QComboBox()
        self.action_filter.addItem("", None)
        for action in AuditAction:
            self.action_filter.addItem("", action.value)
        self.action_label.setBuddy(self.action_filter)
        today = QDate.currentDate()
        self.from_check = QCheckBox()
        self.from_date = QDateEdit(today.addDays(-30))
        self.to_check = QCheckBox()
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.record_label = QLabel()
        self.record_filter = QLineEdit()
        self.record_filter.setValidator(QIntValidator(1, 2_000_000_000, self.record_filter))
        self.record_filter.setClearButtonEnabled(True)
        self.record_label.setBuddy(self.record_filter)

        filters = QGridLayout()
        filters.addWidget(self.action_label, 0, 0)
        filters.addWidget(self.action_filter, 0, 1)
        filters.addWidget(self.record_label, 0, 2)
        filters.addWidget(self.record_filter, 0, 3)
        filters.addWidget(self.from_check, 1, 0)
        filters.addWidget(self.from_date, 1, 1)
        filters.addWidget(self.to_check, 1, 2)
        filters.addWidget(self.to_date, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        self.model = AuditModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table)
        self.count_label = QLabel()
        self.message = MessageLabel()
        self.export_button = QPushButton()
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(860, 520)

        self.action_filter.currentIndexChanged.connect(self.refresh)
        self.record_filter.textChanged.connect(self.refresh)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for check in (self.from_check, self.to_check):
            check.toggled.connect(self.refresh)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        self.close_button.clicked.connect(self.accept)
        self.refresh()
        self.retranslate()

    # --- filters ----------------------------------------------------------------------------

    def chosen_action(self) -> AuditAction | None:
        value = self.action_filter.currentData()
        return AuditAction(value) if value else None

    def chosen_record_id(self) -> int | None:
        text = self.record_filter.text().strip()
        return int(text) if text.isdigit() else None

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Filter on whole local days from ``first`` to ``last`` (None: no limit)."""
        for check, edit, day in (
            (self.from_check, self.from_date, first),
            (self.to_check, self.to_date, last),
        ):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            check.setChecked(day is not None)

    def set_action(self, action: AuditAction | None) -> None:
        index = self.action_filter.findData(action.value if action is not None else None)
        self.action_filter.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        first = _date_of(self.from_date) if self.from_check.isChecked() else None
        last = _date_of(self.to_date) if self.to_check.isChecked() else None
        since, until = local_day_bounds(first, last)
        entries = self.store.audit.entries(
            action=self.chosen_action(),
            since=since,
            until=until,
            record_id=self.chosen_record_id(),
            limit=SHOWN_LIMIT,
        )
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self._show_count()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if count >= SHOWN_LIMIT:
            text = _(
                "Showing the newest {count} entries. Narrow the filters to see older ones."
            ).format(count=formatting.number(count))
        else:
            text = ngettext("{count} entry", "{count} entries", count).format(
                count=formatting.number(count)
            )
        self.count_label.setText(text)

    # --- export -----------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        suggested = f"audit-trail-{dt.date.today().isoformat()}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit trail"), suggested, _("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int | None:
        """Write the entries shown to ``path`` as CSV, then record the export. Returns how
        many entries were written, or None if the file could not be written."""
        entries = self.model.entries()
        partial = path.with_name(path.name + ".partial")
        try:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                handle.write(entries_to_csv(entries))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            log.error("audit export failed: %s", type(error).__name__)
            detail = error.strerror or type(error).__name__
            self.message.show_message(
                lambda: _("Could not write the file: {detail}").format(detail=detail),
                error=True,
            )
            return None
        count = len(entries)
        self.store.audit.record(AuditAction.EXPORTED, AUDIT_TRAIL_KIND, detail=f"rows={count}")
        log.info("exported %d audit entries", count)
        self.message.show_message(
            lambda: ngettext(
                "Exported {count} entry to {path}.", "Exported {count} entries to {path}.", count
            ).format(count=formatting.number(count), path=path)
        )
        self.refresh()
        return count

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Audit trail"))
        self.setAccessibleName(_("Audit trail"))
        self.explanation.setText(
            _(
                "Every view, print, export, deletion, restore and purge, with who did it and "
                "when. The trail names records by number only, never by name, and cannot "
                "be changed."
            )
        )
        self.action_label.setText(_("&Action:"))
        self.action_filter.setItemText(0, _("All actions"))
        for index, action in enumerate(AuditAction, start=1):
            self.action_filter.setItemText(index, _(action.label))
        self.record_label.setText(_("Record &number:"))
        self.record_filter.setPlaceholderText(_("Any"))
        self.from_check.setText(_("&From:"))
        self.to_check.setText(_("&To:"))
        self.from_date.setAccessibleName(_("First day shown"))
        self.to_date.setAccessibleName(_("Last day shown"))
        self.table.setAccessibleName(_("Audit trail entries"))
        self.model.retranslate()
        self.table.resizeColumnToContents(AuditColumn.WHEN)
        self._show_count()
        self.message.retranslate()
        self.export_button.setText(_("&Export…"))
        self.export_button.setAccessibleName(_("Export the entries shown as a CSV file"))
        self.close_button.setText(_("&Close"))
