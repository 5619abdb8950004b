"""The import wizard's first pages: the file, how it was read, which column holds what,
and the order of the dates when the file cannot tell."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from companion.errors import CompanionError, ValidationError
from companion.imports import values
from companion.imports.errors import ImportFileError
from companion.imports.mapping import (
    FIELDS,
    Mapping,
    completed,
    guess_mapping,
    load_mapping,
    mapping_names,
    save_mapping,
)
from companion.imports.questions import ambiguous_date_columns, first_table
from companion.imports.reading import Cell, Table, read_table
from companion.ui import formatting
from companion.ui.exchange.import_state import DATE_ORDER, PREVIEW, PREVIEW_ROWS, ImportState
from companion.ui.exchange.path_field import PathField
from companion.ui.exchange.texts import (
    delimiter_name,
    describe_exchange_error,
    encoding_name,
    field_name,
)
from companion.ui.i18n import _, ngettext
from companion.ui.safety.backup_keeper import busy_cursor
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.tables import configure_table, fill_table

#: Combo data for a column left out; every other item's data is its field's name.
LEFT_OUT = ""


def cell_text(value: Cell) -> str:
    """A cell as the file holds it, kept in its own direction (a phone number's "+"
    stays in front in a right-to-left interface)."""
    return formatting.isolate(_cell_text(value))


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def same_field_text(first: str, second: str, target: str) -> str:
    return _("The columns “{first}” and “{second}” are both set to {field}. Choose one.").format(
        first=first, second=second, field=field_name(target)
    )


def wrapped_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class FilePage(QWizardPage):
    """Which file: a path typed, pasted, or chosen. Reading it is the check: a file that
    is not a readable table is refused here, with the one reason."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.explanation = wrapped_label()
        self.path_label = QLabel()
        self.path_field = PathField(
            lambda: _("Choose a spreadsheet"),
            lambda: _("Spreadsheets (*.csv *.txt *.tsv *.xlsx)"),
        )
        self.path_label.setBuddy(self.path_field.line_edit)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.path_label)
        layout.addWidget(self.path_field)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.path_field.changed.connect(self._edited)

    def _edited(self) -> None:
        self.message.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.path_field.path() is not None

    def validatePage(self) -> bool:
        path = self.path_field.path()
        if path is None:
            return False
        if not path.is_file():
            self.message.show_message(
                lambda: _("There is no file at {path}.").format(path=formatting.isolate(str(path))),
                error=True,
            )
            return False
        try:
            with busy_cursor():
                table = first_table(path)
        except ImportFileError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            return False
        except OSError as error:
            detail = error.strerror or type(error).__name__
            self.message.show_message(
                lambda: _("Could not read {path}: {detail}").format(
                    path=formatting.isolate(str(path)), detail=detail
                ),
                error=True,
            )
            return False
        self.state.path = path
        self.state.table = table
        return True

    def retranslate(self) -> None:
        self.setTitle(_("Choose the spreadsheet"))
        self.explanation.setText(
            _(
                "Choose a CSV or Excel (.xlsx) file exported from your case system or kept "
                "by your office. One row is one person's part in one hearing. Nothing is "
                "written until the last step."
            )
        )
        self.path_label.setText(_("&File:"))
        self.path_field.retranslate()
        self.message.retranslate()


class FormatPage(QWizardPage):
    """How the file was read, and its first rows as they are: the sheet can be changed."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.encoding_caption, self.encoding = QLabel(), QLabel()
        self.delimiter_caption, self.delimiter = QLabel(), QLabel()
        self.sheet_label = QLabel()
        self.sheet = QComboBox()
        self.sheet_label.setBuddy(self.sheet)
        self.rows_caption, self.rows = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.encoding_caption, self.encoding)
        form.addRow(self.delimiter_caption, self.delimiter)
        form.addRow(self.sheet_label, self.sheet)
        form.addRow(self.rows_caption, self.rows)
        self.form = form
        self.first_rows_label = QLabel()
        self.table = QTableWidget()
        configure_table(self.table, stretch_last=False)
        self.first_rows_label.setBuddy(self.table)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.first_rows_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)

    def initializePage(self) -> None:
        self.message.clear_message()
        self._show()

    def _show(self) -> None:
        table = self.state.table
        if table is None:
            return
        is_workbook = table.encoding == "xlsx"
        self.form.setRowVisible(self.delimiter, not is_workbook)
        self.form.setRowVisible(self.sheet, is_workbook)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in table.sheets:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(0, self.sheet.findData(table.sheet)))
        self.sheet.blockSignals(False)
        self.table.setColumnCount(len(table.headers))
        self.table.setHorizontalHeaderLabels(table.headers)
        fill_table(
            self.table, [[cell_text(cell) for cell in row] for row in table.rows[:PREVIEW_ROWS]]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.retranslate()

    def _sheet_chosen(self) -> None:
        path, table = self.state.path, self.state.table
        name = str(self.sheet.currentData() or "")
        if path is None or table is None:
            return
        if name == table.sheet:  # back to the sheet read last
            self.message.clear_message()
            self.completeChanged.emit()
            return
        try:
            with busy_cursor():
                self.state.table = read_table(path, name)
        except ImportFileError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            self.completeChanged.emit()
            return
        self.message.clear_message()
        self._show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.state.table is not None and not self.message.is_error

    def retranslate(self) -> None:
        self.setTitle(_("How the file was read"))
        self.setSubTitle(_("Check that the names and dates below look right."))
        self.encoding_caption.setText(_("Text encoding:"))
        self.delimiter_caption.setText(_("Columns separated by:"))
        self.sheet_label.setText(_("&Sheet:"))
        self.rows_caption.setText(_("Rows of data:"))
        self.first_rows_label.setText(_("First &rows of the file:"))
        table = self.state.table
        if table is not None:
            self.encoding.setText(encoding_name(table.encoding))
            self.delimiter.setText(delimiter_name(table.delimiter))
            self.rows.setText(formatting.number(len(table.rows)))
        self.message.retranslate()


class ColumnsPage(QWizardPage):
    """One chooser per column, guessed from its header (or from a saved mapping), and the
    first rows under the fields they will fill. The mapping can be saved under a name."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.explanation = wrapped_label()
        self.saved_label = QLabel()
        self.saved = QComboBox()
        self.saved_label.setBuddy(self.saved)
        self.choosers: dict[str, QComboBox] = {}
        self.headers: dict[str, QLabel] = {}
        self.choosers_widget = QWidget()
        self.choosers_form = QFormLayout(self.choosers_widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.choosers_widget)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choosers_scroll = scroll
        self.to_notes = QCheckBox()
        self.save_label = QLabel()
        self.save_name = QLineEdit()
        self.save_label.setBuddy(self.save_name)
        self.preview_label = QLabel()
        self.preview = QTableWidget()
        configure_table(self.preview, stretch_last=False)
        self.preview_label.setBuddy(self.preview)
        self.message = MessageLabel()
        top = QFormLayout()
        top.addRow(self.saved_label, self.saved)
        bottom = QFormLayout()
        bottom.addRow(self.save_label, self.save_name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(top)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.to_notes)
        layout.addLayout(bottom)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.message)
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        self.to_notes.toggled.connect(self._changed)

    # --- building -----------------------------------------------------------------------

    def initializePage(self) -> None:
        table = self.state.table
        if table is None:
            return
        self.message.clear_message()
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem("", "")
        for name in mapping_names(self.state.store.db):
            self.saved.addItem(name, name)
        self.saved.blockSignals(False)
        mapping = self.state.mapping
        if set(mapping.columns) != set(table.headers):
            mapping = guess_mapping(table.headers)
        self._build(table, mapping)

    def _build(self, table: Table, mapping: Mapping) -> None:
        while self.choosers_form.rowCount():
            self.choosers_form.removeRow(0)
        self.choosers.clear()
        self.headers.clear()
        for header in table.headers:
            if not header:
                continue
            label = QLabel(header)
            label.setTextFormat(Qt.TextFormat.PlainText)
            chooser = QComboBox()
            chooser.addItem("", LEFT_OUT)
            for name in FIELDS:
                chooser.addItem("", name)
            chooser.setCurrentIndex(max(0, chooser.findData(mapping.columns.get(header) or "")))
            chooser.currentIndexChanged.connect(self._changed)
            label.setBuddy(chooser)
            self.choosers_form.addRow(label, chooser)
            self.choosers[header] = chooser
            self.headers[header] = label
        self.to_notes.blockSignals(True)
        self.to_notes.setChecked(mapping.unknown_to_notes)
        self.to_notes.blockSignals(False)
        self.saved.blockSignals(True)
        self.saved.setCurrentIndex(max(0, self.saved.findData(mapping.name)))
        self.saved.blockSignals(False)
        self.save_name.setText(mapping.name)
        self.state.mapping = mapping
        self.retranslate()

    def _saved_chosen(self) -> None:
        table = self.state.table
        if table is None:
            return
        name = str(self.saved.currentData() or "")
        if name:
            mapping = completed(load_mapping(self.state.store.db, name), table.headers)
        else:
            mapping = guess_mapping(table.headers)
        self._build(table, mapping)

    def _changed(self) -> None:
        self.message.clear_message()
        self.state.mapping = self.mapping()
        self._fill_preview()

    def mapping(self) -> Mapping:
        columns: dict[str, str | None] = {header: None for header in self.state.mapping.columns}
        for header, chooser in self.choosers.items():
            columns[header] = str(chooser.currentData() or "") or None
        return Mapping(
            columns,
            self.to_notes.isChecked(),
            self.state.mapping.name,
            self.state.mapping.date_order,
        )

    def _fill_preview(self) -> None:
        table = self.state.table
        if table is None:
            return
        mapping = self.state.mapping
        shown = [
            (index, header)
            for index, header in enumerate(table.headers)
            if mapping.columns.get(header) or (header and mapping.unknown_to_notes)
        ]
        titles = [
            _("{field} ({header})").format(
                field=field_name(mapping.columns.get(header) or "notes"), header=header
            )
            for _index, header in shown
        ]
        self.preview.setColumnCount(len(shown))
        self.preview.setHorizontalHeaderLabels(titles)
        fill_table(
            self.preview,
            [[cell_text(row[index]) for index, _h in shown] for row in table.rows[:PREVIEW_ROWS]],
        )
        self.preview.horizontalHeader().setStretchLastSection(False)

    # --- leaving ------------------------------------------------------------------------

    def validatePage(self) -> bool:
        table = self.state.table
        if table is None:
            return False
        mapping = self.mapping()
        seen: dict[str, str] = {}
        for header, target in mapping.columns.items():
            if target and target != "notes":
                if target in seen:
                    self.message.show_message(
                        partial(same_field_text, seen[target], header, target), error=True
                    )
                    return False
                seen[target] = header
        name = self.save_name.text().strip()
        if name:
            try:
                save_mapping(self.state.store.db, name, mapping)
            except CompanionError as error:
                self.message.show_message(partial(describe_exchange_error, error), error=True)
                return False
            mapping.name = name
        self.state.mapping = mapping
        self.state.ambiguous = ambiguous_date_columns(table, mapping)
        self.state.date_order = None
        if self.state.ambiguous and mapping.date_order:
            # Answered when this mapping was saved: not asked again.
            self.state.date_order = mapping.date_order
            self.state.ambiguous = []
        return True

    def nextId(self) -> int:
        return DATE_ORDER if self.state.ambiguous else PREVIEW

    def retranslate(self) -> None:
        self.setTitle(_("Which column holds what"))
        self.explanation.setText(
            _(
                "Each column of the file was matched to what it holds by its header. "
                "Change any that are wrong; a column set to “Left out” is not imported."
            )
        )
        self.saved_label.setText(_("Saved &mapping:"))
        self.saved.setItemText(0, _("Guessed from the headers"))
        for chooser in self.choosers.values():
            chooser.setItemText(0, _("Left out"))
            for index, name in enumerate(FIELDS, start=1):
                chooser.setItemText(index, field_name(name))
        self.to_notes.setText(_("Put the columns left out in each person's &notes"))
        self.save_label.setText(_("&Save this mapping as:"))
        self.save_name.setPlaceholderText(_("A name, for next week's export (optional)"))
        self.preview_label.setText(_("First &rows under these columns:"))
        self._fill_preview()
        self.message.retranslate()


ORDER_NAMES = {
    "mdy": lambda: _("&Month first (month/day/year)"),
    "dmy": lambda: _("&Day first (day/month/year)"),
    "ymd": lambda: _("&Year first (year/month/day)"),
}


class DateOrderPage(QWizardPage):
    """Asked once when a date column fits both month-first and day-first in every row."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.question = wrapped_label()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        self.meanings: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        for order in values.ORDERS:
            button = QRadioButton()
            meaning = QLabel()
            meaning.setIndent(24)
            self.group.addButton(button)
            self.choices[order] = button
            self.meanings[order] = meaning
            layout.addWidget(button)
            layout.addWidget(meaning)
            button.toggled.connect(self._chosen)
            button.installEventFilter(self)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.group.setExclusive(False)
        for button in self.choices.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.state.date_order = None
        self.retranslate()
        # Nothing is chosen for staff, but the keys start on the first choice: arrows move
        # between the choices and Enter takes the one with the focus.
        QTimer.singleShot(0, self._focus_first)

    def _focus_first(self) -> None:
        if self.isVisible():
            next(iter(self.choices.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(watched, QRadioButton)
            and watched in self.choices.values()
        ):
            watched.setChecked(True)
            wizard = self.wizard()
            if wizard is not None:
                wizard.next()
            return True
        return super().eventFilter(watched, event)

    def _chosen(self) -> None:
        for order, button in self.choices.items():
            if button.isChecked():
                self.state.date_order = order
                if self.isVisible() and not button.hasFocus():
                    # A mnemonic chose it: Enter now takes this choice, not the focused one.
                    button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.state.date_order is not None

    def validatePage(self) -> bool:
        mapping = self.state.mapping
        if mapping.name and self.state.date_order:
            # Kept with the saved mapping: next week's export is not asked again.
            mapping.date_order = self.state.date_order
            try:
                save_mapping(self.state.store.db, mapping.name, mapping)
            except CompanionError:
                mapping.date_order = None  # asked again next time; the import goes on
        return True

    def nextId(self) -> int:
        return PREVIEW

    def _sample(self) -> str:
        for column in self.state.ambiguous:
            if column.samples:
                return column.samples[0]
        return ""

    def retranslate(self) -> None:
        self.setTitle(_("Which order are the dates in?"))
        columns = ", ".join(f"“{column.header}”" for column in self.state.ambiguous)
        samples = ", ".join(sample for column in self.state.ambiguous for sample in column.samples)
        self.question.setText(
            ngettext(
                "Every date in the column {columns} could be month first or day first "
                "(for example {samples}). Which order does this file use?",
                "Every date in the columns {columns} could be month first or day first "
                "(for example {samples}). Which order does this file use?",
                len(self.state.ambiguous),
            ).format(columns=columns, samples=samples)
        )
        sample = self._sample()
        for order, button in self.choices.items():
            button.setText(ORDER_NAMES[order]())
            meaning = ""
            if sample:
                try:
                    day = values.read_date(sample, order, "hearing_date")
                except ValidationError:
                    meaning = _("{sample} would not be a date").format(sample=sample)
                else:
                    meaning = _("{sample} would be {date}").format(
                        sample=sample, date=formatting.full_date(day)
                    )
            self.meanings[order].setText(meaning)
