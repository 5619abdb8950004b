"""Handing people over to a colleague's laptop, and receiving them there.

Making the file: choose the people, seal them in a ``.cchandoff`` file, and read the
one-time code off the screen, in large type, to give by phone or in person. The code is
shown once and kept nowhere: closing the window forgets it.

Receiving: the file and the code; a wrong code is refused with a message and nothing
changes. Then a preview: what will be added, what is already here, and the records that
differ on the two laptops (conflicts), which keep this laptop's copy for a person to
compare and correct. *Merge* writes it in one step. The work is
``companion.exchange.handoff``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.exchange.handoff import (
    Conflict,
    MergePlan,
    export_handoff,
    import_handoff,
    preview_handoff,
    read_handoff,
)
from companion.i18n.catalog import N_
from companion.messages import field_label
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.exchange.export_dialogs import personal_data_warning, warning_label
from companion.ui.exchange.path_field import PathField
from companion.ui.exchange.texts import describe_exchange_error
from companion.ui.i18n import _, current, ngettext
from companion.ui.records.dialogs.fields import native_name_font
from companion.ui.safety.backup_keeper import busy_cursor
from companion.ui.widgets.guarded_dialog import NOT_FORM_DATA, GuardedDialog
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.tables import configure_table, fill_table

#: What each table of a handoff file holds, as staff call it.
RECORD_KINDS: dict[str, str] = {
    "people": N_("People"),
    "contact_methods": N_("Contacts"),
    "courthouses": N_("Courthouses"),
    "cases": N_("Cases"),
    "case_people": N_("People in cases"),
    "hearings": N_("Hearings"),
    "attendance": N_("Attendance"),
    "person_history": N_("History entries"),
    "attendance_outcomes": N_("Attendance outcomes"),
}
CODE_POINT_SIZE = 26


def record_kind(table: str) -> str:
    return _(RECORD_KINDS[table]) if table in RECORD_KINDS else table


def fields_text(fields: list[str]) -> str:
    return ", ".join(field_label(field, current()) for field in fields)


def names_text(names: list[str]) -> str:
    """People's names in a sentence, each kept in its own writing direction."""
    return ", ".join(formatting.isolate(name) for name in names)


def payload_names(payload: dict[str, Any], uids: list[str]) -> list[str]:
    """The names of the people with these uids, as the handoff file gives them."""
    wanted = set(uids)
    names = []
    for row in payload.get("tables", {}).get("people", []):
        if isinstance(row, dict) and row.get("uid") in wanted:
            parts = [str(row.get(key) or "") for key in ("given_name", "family_name")]
            name = " ".join(part for part in parts if part) or str(row.get("native_name") or "")
            names.append(name)
    return names


class PeopleList(QListWidget):
    """The people to tick. Space ticks only a person who is shown: never one the Find
    field has hidden."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            item = self.currentItem()
            if item is None or item.isHidden():
                event.accept()
                return
        super().keyPressEvent(event)


# --- making a handoff file --------------------------------------------------------------------


class HandoffExportDialog(GuardedDialog):
    """Choose people and where to save; *Seal* writes the file and shows the code."""

    sealed = Signal()

    def __init__(
        self, store: Store, parent: QWidget | None = None, person_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.code_dialog: HandoffCodeDialog | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.filter_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setProperty(NOT_FORM_DATA, True)  # a filter: Escape need not ask about it
        self.filter_label.setBuddy(self.filter)
        self.people_label = QLabel()
        self.people = PeopleList()
        self.people.setFont(native_name_font(self.people.font()))
        self.people_label.setBuddy(self.people)
        for summary in store.people.list():
            item = QListWidgetItem(summary.display_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = summary.id == person_id
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.people.addItem(item)
        if self.people.count():
            self.people.setCurrentRow(0)
        self.ticked = QLabel()
        self.ticked.setWordWrap(True)
        self.ticked.setTextFormat(Qt.TextFormat.PlainText)
        self.mark = QCheckBox()
        self.path_label = QLabel()
        self.path_field = PathField(
            lambda: _("Save the handoff file as"),
            lambda: _("Handoff files (*.cchandoff)"),
            saving=True,
            suffix=".cchandoff",
        )
        self.path_label.setBuddy(self.path_field.line_edit)
        self.warning = warning_label()
        self.message = MessageLabel()
        self.seal_button = QPushButton()
        self.seal_button.setDefault(True)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.filter_label, self.filter)
        form.addRow(self.people_label, self.people)
        form.addRow("", self.ticked)
        form.addRow("", self.mark)
        form.addRow(self.path_label, self.path_field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.seal_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(620, 560)
        self.filter.textChanged.connect(self._filter)
        self.people.itemChanged.connect(self._show_ticked)
        self.seal_button.clicked.connect(self.seal)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()

    def _filter(self, text: str) -> None:
        wanted = text.casefold().strip()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
        current = self.people.currentItem()
        if current is None or current.isHidden():
            visible = [
                row for row in range(self.people.count()) if not self.people.item(row).isHidden()
            ]
            # Never leave the current row on a hidden person: Space would tick them unseen.
            self.people.setCurrentRow(visible[0] if visible else -1)

    def chosen_names(self) -> list[str]:
        return [
            self.people.item(row).text()
            for row in range(self.people.count())
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _show_ticked(self) -> None:
        names = self.chosen_names()
        if names:
            self.ticked.setText(
                ngettext(
                    "Ticked ({count}): {names}", "Ticked ({count}): {names}", len(names)
                ).format(count=formatting.number(len(names)), names=names_text(names))
            )
        else:
            self.ticked.setText(_("No one is ticked yet."))

    def chosen_people(self) -> list[int]:
        chosen = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def seal(self) -> HandoffCodeDialog | None:
        self.message.clear_message()
        people = self.chosen_people()
        if not people:
            self.message.show_message(lambda: _("Tick at least one person."), error=True)
            self.people.setFocus()
            return None
        path = self.path_field.path()
        if path is None:
            self.message.show_message(lambda: _("Choose where to save the file."), error=True)
            self.path_field.setFocus()
            return None
        try:
            with busy_cursor():
                result = export_handoff(
                    self.store, people, path, mark_handed_over=self.mark.isChecked()
                )
        except CompanionError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            return None
        except OSError as error:
            detail = error.strerror or type(error).__name__
            self.message.show_message(
                lambda: _("Could not write {path}: {detail}. Nothing was left there.").format(
                    path=formatting.isolate(str(path)), detail=detail
                ),
                error=True,
            )
            return None
        self.sealed.emit()
        dialog = HandoffCodeDialog(
            result.code, result.people, result.path, self.parentWidget(), self.chosen_names()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.code_dialog = dialog
        self.accept()
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(_("Hand people over"))
        self.explanation.setText(
            _(
                "Seal the people you tick, with their cases, hearings, contacts and history, "
                "in one encrypted file for a colleague's laptop. A code to open it is shown "
                "once, after the file is saved."
            )
        )
        self.filter_label.setText(_("&Find:"))
        self.filter.setPlaceholderText(_("Type part of a name"))
        self.people_label.setText(_("&People:"))
        self.mark.setText(_("&Note in their history that they were handed over"))
        self.path_label.setText(_("Save &as:"))
        self.path_field.retranslate()
        self.warning.setText(personal_data_warning())
        self.seal_button.setText(_("&Seal handoff file"))
        self.close_button.setText(_("Close"))
        self._show_ticked()
        self.message.retranslate()


class HandoffCodeDialog(QDialog):
    """The one-time code, large and spaced, shown this once. Nothing keeps it: the label
    is emptied when the window closes."""

    def __init__(
        self,
        code: str,
        people: int,
        path: Path,
        parent: QWidget | None = None,
        names: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.people = people
        self.names = names or []
        self.sealed_names = QLabel()
        self.sealed_names.setWordWrap(True)
        self.sealed_names.setTextFormat(Qt.TextFormat.PlainText)
        self.sealed_names.setFont(native_name_font(self.sealed_names.font()))
        self.path = path
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setTextFormat(Qt.TextFormat.PlainText)
        self.code = QLabel(code)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(CODE_POINT_SIZE)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.code.setFont(font)
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The code reads left to right in every language.
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.done_button = QPushButton()
        self.done_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.saved)
        layout.addWidget(self.sealed_names)
        layout.addWidget(self.code)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        self.resize(640, 300)
        self.done_button.clicked.connect(self.accept)
        self.finished.connect(self._forget)
        self.retranslate()

    def _forget(self) -> None:
        self.code.clear()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Handoff code"))
        self.saved.setText(
            ngettext(
                "Sealed {count} person in {path}.",
                "Sealed {count} people in {path}.",
                self.people,
            ).format(count=formatting.number(self.people), path=formatting.isolate(str(self.path)))
        )
        self.sealed_names.setVisible(bool(self.names))
        self.sealed_names.setText(
            _(
                "Sealed: {names}. If someone is missing or should not be there, "
                "do not give the code."
            ).format(names=names_text(self.names))
        )
        self.advice.setText(
            _(
                "Give this code to your colleague by phone or in person, never with the "
                "file. It is shown only this once and is not kept anywhere."
            )
        )
        self.done_button.setText(_("I have given or noted the &code"))


# --- receiving one ----------------------------------------------------------------------------


class CodeField(QLineEdit):
    """Enter here checks the code (``returnPressed``) and does nothing else: the key is
    not passed on to the dialog, whose default button may be Merge by then."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class HandoffImportDialog(QDialog):
    """The file and its code; *Check* shows what would merge; *Merge* writes it."""

    merged = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.payload: dict[str, Any] | None = None
        self.plan: MergePlan | None = None
        self.names_added: list[str] = []
        self.finished_merge = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.path_label = QLabel()
        self.path_field = PathField(
            lambda: _("Choose a handoff file"), lambda: _("Handoff files (*.cchandoff)")
        )
        self.path_label.setBuddy(self.path_field.line_edit)
        self.code_label = QLabel()
        self.code = CodeField()
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_label.setBuddy(self.code)
        self.check_button = QPushButton()
        self.check_button.setAutoDefault(False)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.check_button)
        form = QFormLayout()
        form.addRow(self.path_label, self.path_field)
        form.addRow(self.code_label, code_row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.new_people = QLabel()
        self.new_people.setWordWrap(True)
        self.new_people.setTextFormat(Qt.TextFormat.PlainText)
        self.new_people.setFont(native_name_font(self.new_people.font()))
        self.new_label = QLabel()
        self.new_records = QTableWidget()
        self.new_records.setColumnCount(2)
        configure_table(self.new_records)
        self.new_label.setBuddy(self.new_records)
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.conflicts = QTableWidget()
        self.conflicts.setColumnCount(3)
        configure_table(self.conflicts)
        self.conflicts.setFont(native_name_font(self.conflicts.font()))
        self.conflicts_label.setBuddy(self.conflicts)
        self.message = MessageLabel()
        self.merge_button = QPushButton()
        self.merge_button.setEnabled(False)
        # Enter merges once Merge has the focus (after Check), never from the code field.
        self.merge_button.setAutoDefault(True)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.new_people)
        layout.addWidget(self.new_label)
        layout.addWidget(self.new_records, 1)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(buttons)
        self.resize(720, 600)  # fits a 1366×768 laptop at 125% (1092×614)
        self._show_plan()
        self.path_field.changed.connect(self._edited)
        self.code.textChanged.connect(self._edited)
        self.code.returnPressed.connect(self.check)
        self.check_button.clicked.connect(self.check)
        self.merge_button.clicked.connect(self.merge)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()

    def _edited(self) -> None:
        if self.finished_merge:
            return
        self.payload = None
        self.plan = None
        self.names_added = []
        self.message.clear_message()
        self._show_plan()

    def check(self) -> None:
        """Open the file with the code typed, and show what a merge would do."""
        if self.finished_merge:
            return
        self.message.clear_message()
        path = self.path_field.path()
        if path is None:
            self.message.show_message(lambda: _("Choose the handoff file."), error=True)
            self.path_field.setFocus()
            return
        if not self.code.text().strip():
            self.message.show_message(
                lambda: _("Type the code your colleague gave you."), error=True
            )
            self.code.setFocus()
            return
        try:
            with busy_cursor():
                payload = read_handoff(path, self.code.text())
                plan = preview_handoff(self.store, payload)
        except CompanionError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            self.code.setFocus()
            self.code.selectAll()
            return
        except OSError as error:
            detail = error.strerror or type(error).__name__
            self.message.show_message(
                lambda: _("Could not read {path}: {detail}").format(
                    path=formatting.isolate(str(path)), detail=detail
                ),
                error=True,
            )
            return
        self.payload, self.plan = payload, plan
        self._show_plan()
        # After the Enter that checked has been handled, so that it cannot merge too.
        QTimer.singleShot(0, self._focus_merge)

    def _focus_merge(self) -> None:
        if shiboken6.isValid(self) and self.merge_button.isEnabled():
            self.merge_button.setFocus()

    def merge(self) -> None:
        if self.payload is None or self.finished_merge:
            return
        try:
            with busy_cursor():
                self.plan = import_handoff(self.store, self.payload)
        except CompanionError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            return
        self.finished_merge = True
        self.payload = None
        self._show_plan()
        self.message.show_message(lambda: _("Merged in one step and recorded in the audit trail."))
        self.close_button.setFocus()
        self.merged.emit()

    def _conflict_record(self, conflict: Conflict) -> str:
        """The local record a conflict is about, as staff know it."""
        table = conflict.table
        try:
            if table == "people":
                row = self.store.people.row(
                    "SELECT given_name, family_name, native_name FROM people WHERE uid = ?",
                    [conflict.uid],
                )
                if row is not None:
                    name = " ".join(p for p in (row["given_name"], row["family_name"]) if p)
                    return name or str(row["native_name"])
            if table == "cases":
                docket = self.store.people.scalar(
                    "SELECT docket_number FROM cases WHERE uid = ?", [conflict.uid]
                )
                return str(docket)
            if table == "courthouses":
                name = self.store.people.scalar(
                    "SELECT name FROM courthouses WHERE uid = ?", [conflict.uid]
                )
                return str(name)
        except CompanionError:
            pass
        return conflict.uid

    def _show_plan(self) -> None:
        plan = self.plan
        shown = plan is not None
        for widget in (self.summary, self.new_people, self.new_label, self.new_records):
            widget.setVisible(shown)
        conflicts = shown and bool(plan and plan.conflicts)
        self.conflicts_label.setVisible(conflicts)
        self.conflicts.setVisible(conflicts)
        self.merge_button.setEnabled(shown and not self.finished_merge)
        if plan is None:
            return
        self.summary.setText(
            _(
                "New: {people} people, {records} records in all. Already here: {unchanged}. "
                "Conflicts (this laptop's record kept): {conflicts}."
            ).format(
                people=formatting.number(plan.new_people),
                records=formatting.number(sum(len(uids) for uids in plan.new.values())),
                unchanged=formatting.number(sum(plan.unchanged.values())),
                conflicts=formatting.number(len(plan.conflicts)),
            )
        )
        self._show_new_people(plan)
        fill_table(
            self.new_records,
            [
                [record_kind(table), formatting.number(len(uids))]
                for table, uids in plan.new.items()
                if uids
            ],
        )
        fill_table(
            self.conflicts,
            [
                [
                    record_kind(conflict.table),
                    self._conflict_record(conflict),
                    fields_text(conflict.fields),
                ]
                for conflict in plan.conflicts
            ],
        )

    def _show_new_people(self, plan: MergePlan) -> None:
        """Name the people the file adds, so that staff can catch a wrong person."""
        if self.payload is not None:
            self.names_added = payload_names(self.payload, plan.new.get("people", []))
        names = self.names_added
        if not names:
            self.new_people.setVisible(False)
            return
        text = _("Added: {names}") if self.finished_merge else _("People to be added: {names}")
        self.new_people.setText(text.format(names=names_text(names)))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Receive a handoff"))
        self.explanation.setText(
            _(
                "Open a handoff file from a colleague's laptop with the code they gave you. "
                "You see what it adds before anything is written."
            )
        )
        self.path_label.setText(_("&File:"))
        self.path_field.retranslate()
        self.code_label.setText(_("&Code:"))
        self.code.setPlaceholderText(_("For example 7QK2-M9XD-…"))
        self.check_button.setText(_("C&heck"))
        self.new_label.setText(_("&To be added:"))
        self.new_records.setHorizontalHeaderLabels([_("Records"), _("How many")])
        self.conflicts_label.setText(
            _(
                "These records differ on the two laptops. This laptop's copy is kept; "
                "compare them with your colleague and correct by hand what should change:"
            )
        )
        self.conflicts.setHorizontalHeaderLabels([_("Record"), _("Which"), _("Differs in")])
        self.merge_button.setText(_("&Merge"))
        self.close_button.setText(_("Close"))
        self._show_plan()
        self.message.retranslate()
