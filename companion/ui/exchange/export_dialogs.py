"""Exports from the desk: people, hearings or a docket as CSV or Excel, and hearings of a
period as a calendar file (.ics) for the advocate's own calendar.

Both say, before anything is saved, that the file will hold personal data; both write it
readable by the computer's user only (0600). The calendar names people by their initials
unless staff ask for names, with a warning. The work is ``companion.exchange``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, ValidationError
from companion.exchange.calendar_export import export_calendar
from companion.exchange.spreadsheet import ExportFormat, ExportKind, export_table
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.exchange.path_field import PathField
from companion.ui.exchange.texts import describe_exchange_error
from companion.ui.i18n import _, current, ngettext
from companion.ui.records.dialogs.fields import DateField
from companion.ui.safety.backup_keeper import busy_cursor
from companion.ui.widgets.guarded_dialog import GuardedDialog
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import ConfirmBox, confirm

DEFAULT_DAYS = 30
_WARNING_STYLE = "color: #7a4100; font-weight: bold;"


def personal_data_warning() -> str:
    return _(
        "This file will hold names and other personal data. It is saved so that only you "
        "can read it on this computer. Keep it safe, and delete it when it is no longer "
        "needed."
    )


def warning_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(_WARNING_STYLE)
    return label


def file_error_text(path: Path, error: OSError) -> str:
    return _("Could not write {path}: {detail}. Nothing was left there.").format(
        path=formatting.isolate(str(path)), detail=error.strerror or type(error).__name__
    )


class _SaveDialog(GuardedDialog):
    """What both exports share: the period, the file, the warning, Save and Close.
    Enter saves; Escape closes (asking first about changes not saved); an existing file
    is replaced only when staff say so."""

    def __init__(self, parent: QWidget | None, today: dt.date | None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        first = today or dt.date.today()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.warning = warning_label()
        self.first_label = QLabel()
        self.first_day = DateField()
        self.first_day.set_date(first)
        self.first_label.setBuddy(self.first_day.line_edit)
        self.last_label = QLabel()
        self.last_day = DateField()
        self.last_day.set_date(first + dt.timedelta(days=DEFAULT_DAYS))
        self.last_label.setBuddy(self.last_day.line_edit)
        self.path_label = QLabel()
        self.path_field = self._path_field()
        self.path_label.setBuddy(self.path_field.line_edit)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self.replace_box: ConfirmBox | None = None
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.path_field.changed.connect(self.message.clear_message)

    def _path_field(self) -> PathField:
        raise NotImplementedError

    def _days(self) -> tuple[dt.date, dt.date]:
        first = self.first_day.date("from")
        last = self.last_day.date("to")
        if last < first:
            raise ValidationError("to", "before_start", self.last_day.text())
        return first, last

    def save(self) -> None:
        self.message.clear_message()
        path = self.path_field.path()
        if path is None:
            self.message.show_message(lambda: _("Choose where to save the file."), error=True)
            self.path_field.setFocus()
            return
        try:
            self._check()
        except CompanionError as error:
            self.message.show_error(error)
            return
        if path.exists():
            self.replace_box = confirm(
                self,
                lambda: _("Replace the file?"),
                lambda: _("{path} already exists. Replace it?").format(
                    path=formatting.isolate(str(path))
                ),
                lambda: _("&Replace"),
                partial(self.write, path),
            )
            return
        self.write(path)

    def _check(self) -> None:
        """Raise the ``CompanionError`` that says why the choices cannot be saved."""

    def write(self, path: Path) -> None:
        try:
            with busy_cursor():
                done = self._write(path)
        except CompanionError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            return
        except OSError as error:
            self.message.show_message(partial(file_error_text, path, error), error=True)
            return
        self.message.show_message(done)
        self.remember_state()  # saved: Escape now closes without asking

    def _write(self, path: Path) -> Callable[[], str]:
        """Write the file; returns what to say about it."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.first_label.setText(_("&First day:"))
        self.last_label.setText(_("&Last day:"))
        self.path_label.setText(_("Save &as:"))
        self.path_field.retranslate()
        self.save_button.setText(_("&Save"))
        self.close_button.setText(_("Close"))
        self.message.retranslate()


class ExportDialog(_SaveDialog):
    """People, hearings or a docket as a CSV or Excel file."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent, today)
        self.store = store
        self.kind_label = QLabel()
        self.kind = QComboBox()
        for kind in ExportKind:
            self.kind.addItem("", kind.value)
        self.kind_label.setBuddy(self.kind)
        self.format_label = QLabel()
        self.file_format = QComboBox()
        for file_format in ExportFormat:
            self.file_format.addItem("", file_format.value)
        self.format_label.setBuddy(self.file_format)
        self.form.addRow(self.kind_label, self.kind)
        self.form.addRow(self.first_label, self.first_day)
        self.form.addRow(self.last_label, self.last_day)
        self.form.addRow(self.format_label, self.file_format)
        self.form.addRow(self.path_label, self.path_field)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.file_format.currentIndexChanged.connect(self._format_chosen)
        self.resize(620, 360)
        self._kind_chosen()
        self.retranslate()

    def _path_field(self) -> PathField:
        return PathField(
            lambda: _("Save the export as"),
            lambda: _("CSV files (*.csv);;Excel workbooks (*.xlsx)"),
            saving=True,
            suffix=".csv",
        )

    def chosen_kind(self) -> ExportKind:
        return ExportKind(str(self.kind.currentData()))

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(str(self.file_format.currentData()))

    def _kind_chosen(self) -> None:
        dated = self.chosen_kind() is not ExportKind.PEOPLE
        for widget in (self.first_day, self.last_day, self.first_label, self.last_label):
            widget.setEnabled(dated)

    def _format_chosen(self) -> None:
        suffix = "." + self.chosen_format().value
        self.path_field.suffix = suffix
        path = self.path_field.path()
        if path is not None and path.suffix.lower() in (".csv", ".xlsx"):
            self.path_field.set_path(path.with_suffix(suffix))

    def _check(self) -> None:
        if self.chosen_kind() is not ExportKind.PEOPLE:
            self._days()

    def _write(self, path: Path) -> Callable[[], str]:
        first: dt.date | None = None
        last: dt.date | None = None
        if self.chosen_kind() is not ExportKind.PEOPLE:
            first, last = self._days()
        result = export_table(
            self.store, self.chosen_kind(), self.chosen_format(), path, first, last
        )
        return lambda: ngettext(
            "Saved {count} row to {path}.", "Saved {count} rows to {path}.", result.rows
        ).format(count=result.rows, path=formatting.isolate(str(result.path)))

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Export"))
        self.explanation.setText(
            _(
                "Save people, or the hearings of some days, as a spreadsheet. A docket is "
                "the hearings of those days without the cancelled ones."
            )
        )
        self.kind_label.setText(_("&What:"))
        self.kind.setItemText(0, _("People"))
        self.kind.setItemText(1, _("Hearings"))
        self.kind.setItemText(2, _("Docket"))
        self.format_label.setText(_("F&ormat:"))
        self.file_format.setItemText(0, _("CSV (comma separated)"))
        self.file_format.setItemText(1, _("Excel workbook (.xlsx)"))
        self.warning.setText(personal_data_warning())


class CalendarExportDialog(_SaveDialog):
    """Hearings of a period as one .ics file: initials unless names are asked for."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent, today)
        self.store = store
        self.names = QCheckBox()
        self.form.addRow(self.first_label, self.first_day)
        self.form.addRow(self.last_label, self.last_day)
        self.form.addRow("", self.names)
        self.form.addRow(self.path_label, self.path_field)
        self.names.toggled.connect(self._names_toggled)
        self.resize(620, 340)
        self.retranslate()
        self._names_toggled()

    def _path_field(self) -> PathField:
        return PathField(
            lambda: _("Save the calendar as"),
            lambda: _("Calendar files (*.ics)"),
            saving=True,
            suffix=".ics",
        )

    def _names_toggled(self) -> None:
        self.warning.setVisible(self.names.isChecked())

    def _check(self) -> None:
        self._days()

    def _write(self, path: Path) -> Callable[[], str]:
        first, last = self._days()
        result = export_calendar(
            self.store, first, last, path, current(), names=self.names.isChecked()
        )
        return lambda: ngettext(
            "Saved {count} hearing to {path}.", "Saved {count} hearings to {path}.", result.events
        ).format(count=result.events, path=formatting.isolate(str(result.path)))

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Export to my calendar"))
        self.explanation.setText(
            _(
                "Save the hearings of some days as a calendar file (.ics) to open in your "
                "own calendar. People are shown by their initials."
            )
        )
        self.names.setText(_("Show people's full &names instead of initials"))
        self.warning.setText(
            _(
                "Full names will be in the calendar file and in every calendar it is added "
                "to. A work calendar is often synced to a phone or shared with others."
            )
        )
