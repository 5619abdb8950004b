"""The import wizard's last pages: the dry run (what will be created, updated and
continued, and every row in error), then the import itself and what it did, with
*Undo import*. Both run their work off the interface thread."""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from companion.errors import CompanionError
from companion.imports.batches import apply_plan, undo_last_import
from companion.imports.plan import HearingPlan, Plan, build_plan
from companion.ui import formatting
from companion.ui.background import Progress, start_job
from companion.ui.exchange.import_state import DONE, ImportState
from companion.ui.exchange.texts import describe_exchange_error, row_reason
from companion.ui.i18n import _, ngettext
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import ConfirmBox, confirm
from companion.ui.widgets.tables import configure_table, fill_table

log = logging.getLogger(__name__)


def counts_text(plan: Plan) -> str:
    return _(
        "New people: {new_people}. Updated people: {updated_people}. New cases: "
        "{new_cases}. New hearings: {new_hearings}. Moved hearings: {moved_hearings}. "
        "Unchanged: {unchanged}."
    ).format(
        new_people=formatting.number(plan.new_people),
        updated_people=formatting.number(plan.updated_people),
        new_cases=formatting.number(plan.new_cases),
        new_hearings=formatting.number(plan.new_hearings),
        moved_hearings=formatting.number(plan.moved_hearings),
        unchanged=formatting.number(plan.unchanged),
    )


class PreviewPage(QWizardPage):
    """The dry run. *Import* (the commit button) is offered only when no row is in
    error, or staff chose to skip those rows."""

    plan_shown = Signal()

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setCommitPage(True)
        self._cancelled = threading.Event()
        self._running = False
        self.progress = QProgressBar()
        self.stop_button = QPushButton()
        self.stop_button.setAutoDefault(False)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hearings_label = QLabel()
        self.hearing_table = QTableWidget()
        self.hearing_table.setColumnCount(5)
        configure_table(self.hearing_table)
        self.hearings_label.setBuddy(self.hearing_table)
        self.doubtful_label = QLabel()
        self.doubtful_label.setWordWrap(True)
        self.doubtful = QListWidget()
        self.doubtful_label.setBuddy(self.doubtful)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.errors_label = QLabel()
        self.errors_label.setWordWrap(True)
        self.errors = QTableWidget()
        self.errors.setColumnCount(4)
        configure_table(self.errors)
        self.errors_label.setBuddy(self.errors)
        self.skip_bad_rows = QCheckBox()
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.counts)
        layout.addWidget(self.hearings_label)
        layout.addWidget(self.hearing_table, 3)
        layout.addWidget(self.doubtful_label)
        layout.addWidget(self.doubtful, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors, 2)
        layout.addWidget(self.skip_bad_rows)
        layout.addWidget(self.backup_note)
        layout.addWidget(self.message)
        self.stop_button.clicked.connect(self.stop)
        self.skip_bad_rows.toggled.connect(self.completeChanged)
        self.doubtful.itemChanged.connect(self._doubtful_changed)

    # --- the dry run ----------------------------------------------------------------------

    def initializePage(self) -> None:
        self.skip_bad_rows.setChecked(False)
        self.state.confirmed.clear()
        self.check()

    def cleanupPage(self) -> None:
        self.stop()

    def check(self) -> None:
        """Work out the plan again, off the interface thread."""
        table = self.state.table
        if table is None:
            return
        self.stop()
        self._cancelled = threading.Event()
        self._running = True
        self.state.plan = None
        self.message.clear_message()
        hidden: list[QWidget] = [self.hearings_label, self.hearing_table, self.errors_label]
        hidden += [self.errors, self.doubtful_label, self.doubtful, self.missing]
        for widget in [*hidden, self.skip_bad_rows]:
            widget.setVisible(False)
        self.counts.setText(_("Checking every row…"))
        self.progress.setRange(0, max(1, len(table.rows)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)
        self.completeChanged.emit()
        cancelled = self._cancelled
        store, mapping = self.state.store, self.state.mapping
        order, confirmed = self.state.date_order, dict(self.state.confirmed)

        def work(progress: Progress) -> Plan:
            return build_plan(store, table, mapping, order, confirmed, progress, cancelled.is_set)

        start_job(
            work,
            partial(self._checked, cancelled),
            partial(self._failed, cancelled),
            partial(self._progressed, cancelled),
        )

    def stop(self) -> None:
        """Stop a check under way (Stop, Back, or closing the wizard)."""
        self._cancelled.set()

    def _progressed(self, cancelled: threading.Event, done: int, total: int) -> None:
        if shiboken6.isValid(self) and not cancelled.is_set():
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    def _checked(self, cancelled: threading.Event, plan: Plan) -> None:
        if not shiboken6.isValid(self) or cancelled is not self._cancelled:
            return
        self._running = False
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self.state.plan = plan
        self._show(plan)
        self.completeChanged.emit()
        # The Stop button had the focus: hand it to what staff read next (Enter then
        # still reaches the Import button, never Back).
        (self.errors if plan.errors else self.hearing_table).setFocus()
        self.plan_shown.emit()

    def _failed(self, cancelled: threading.Event, error: Exception) -> None:
        if not shiboken6.isValid(self) or cancelled is not self._cancelled:
            return
        self._running = False
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        if not isinstance(error, CompanionError):
            raise error
        log.info("import check stopped: %s", error.code)
        self.counts.setText("")
        self.message.show_message(partial(describe_exchange_error, error), error=True)
        self.completeChanged.emit()

    # --- showing it -----------------------------------------------------------------------

    def _person_names(self, plan: Plan, hearing: HearingPlan) -> str:
        names = []
        for key in hearing.people:
            person = plan.people[key]
            names.append(
                " ".join(p for p in (person.given_name, person.family_name) if p)
                or person.native_name
            )
        return ", ".join(names)

    def _what_happens(self, hearing: HearingPlan) -> str:
        if hearing.moves_hearing_id is not None:
            try:
                old = self.state.store.hearings.get(hearing.moves_hearing_id)
            except CompanionError:
                return _("Moved here (continued)")
            return _("Moved from {date} (continued)").format(
                date=formatting.date_and_time(old.starts_at)
            )
        if hearing.hearing_id is not None:
            return _("Already here: unchanged")
        if hearing.case_id is None:
            return _("New case and hearing")
        return _("New hearing")

    def _show(self, plan: Plan) -> None:
        self._show_texts(plan)
        fill_table(
            self.hearing_table,
            [
                [
                    formatting.isolate(", ".join(str(row) for row in hearing.rows)),
                    hearing.docket_number,
                    formatting.date_and_time(hearing.starts_at),
                    self._person_names(plan, hearing),
                    self._what_happens(hearing)
                    if not hearing.in_past
                    else _("{what}. This hearing's date is in the past.").format(
                        what=self._what_happens(hearing)
                    ),
                ]
                for hearing in plan.hearings
            ],
        )
        self.hearings_label.setVisible(bool(plan.hearings))
        self.hearing_table.setVisible(bool(plan.hearings))
        fill_table(
            self.errors,
            [
                [
                    formatting.number(error.row),
                    formatting.isolate(error.column),
                    formatting.isolate(error.value),
                    row_reason(error.reason),
                ]
                for error in plan.errors
            ],
        )
        self.errors_label.setVisible(bool(plan.errors))
        self.errors.setVisible(bool(plan.errors))
        self.skip_bad_rows.setVisible(bool(plan.errors) and bool(plan.hearings))
        self._fill_doubtful(plan)

    def _fill_doubtful(self, plan: Plan) -> None:
        self.doubtful.blockSignals(True)
        self.doubtful.clear()
        for row, person_id in plan.doubtful:
            try:
                name = self.state.store.people.get(person_id).display_name
            except CompanionError:
                continue
            item = QListWidgetItem(
                _("Row {row} is the same person as {name} (record {id})").format(
                    row=row, name=name, id=person_id
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, [row, person_id])
            self.doubtful.addItem(item)
        for row, person_id in self.state.confirmed.items():
            try:
                name = self.state.store.people.get(person_id).display_name
            except CompanionError:
                continue
            item = QListWidgetItem(
                _("Row {row} is the same person as {name} (record {id})").format(
                    row=row, name=name, id=person_id
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, [row, person_id])
            self.doubtful.addItem(item)
        self.doubtful.blockSignals(False)
        shown = self.doubtful.count() > 0
        self.doubtful_label.setVisible(shown)
        self.doubtful.setVisible(shown)

    def _doubtful_changed(self, item: QListWidgetItem) -> None:
        data: Any = item.data(Qt.ItemDataRole.UserRole)
        row, person_id = int(data[0]), int(data[1])
        if item.checkState() == Qt.CheckState.Checked:
            self.state.confirmed[row] = person_id
        else:
            self.state.confirmed.pop(row, None)
        self.check()

    def _show_texts(self, plan: Plan) -> None:
        self.counts.setText(counts_text(plan))
        missing = []
        for hearing_id in plan.missing_hearing_ids:
            try:
                hearing = self.state.store.hearings.get(hearing_id)
            except CompanionError:
                continue
            missing.append(formatting.date_and_time(hearing.starts_at))
        self.missing.setText(
            ngettext(
                "A hearing of these cases is not in this file: {dates}. It will be kept; "
                "check it yourself.",
                "Hearings of these cases are not in this file: {dates}. They will be kept; "
                "check them yourself.",
                len(missing),
            ).format(dates="; ".join(missing))
            if missing
            else ""
        )
        self.missing.setVisible(bool(missing))
        rows = len({error.row for error in plan.errors})
        self.errors_label.setText(
            ngettext(
                "{count} row has errors. Nothing will be imported until it is fixed in the "
                "file, or you choose to skip it.",
                "{count} rows have errors. Nothing will be imported until they are fixed in "
                "the file, or you choose to skip them.",
                rows,
            ).format(count=formatting.number(rows))
        )

    def isComplete(self) -> bool:
        plan = self.state.plan
        if self._running or plan is None or not plan.hearings:
            return False
        return not plan.errors or self.skip_bad_rows.isChecked()

    def nextId(self) -> int:
        return DONE

    def retranslate(self) -> None:
        self.setTitle(_("What the import will do"))
        self.setSubTitle(_("Nothing has been written yet."))
        self.stop_button.setText(_("&Stop checking"))
        self.hearings_label.setText(_("&Hearings in the file:"))
        self.hearing_table.setHorizontalHeaderLabels(
            [_("Rows"), _("Docket number"), _("Date and time"), _("People"), _("What happens")]
        )
        self.doubtful_label.setText(
            _(
                "These rows have the name of someone already here, but no phone or date of "
                "birth to confirm it. Tick the ones that are the same &person; the others "
                "are imported as new people."
            )
        )
        self.errors.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Value"), _("Why")])
        self.skip_bad_rows.setText(_("S&kip the rows with errors and import the others"))
        self.backup_note.setText(
            _("Import makes a backup first, then writes everything in one step.")
        )
        plan = self.state.plan
        if plan is not None:
            self._show(plan)
        self.message.retranslate()


class DonePage(QWizardPage):
    """Writes the import off the interface thread, then says what it did; *Undo import*
    takes it back out."""

    imported = Signal(int)
    undone = Signal()

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._finished = False
        self.undo_box: ConfirmBox | None = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton()
        self.undo_button.setAutoDefault(False)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.undo_button.clicked.connect(self.ask_to_undo)
        self._undone = False

    def initializePage(self) -> None:
        plan = self.state.plan
        path = self.state.path
        if plan is None or path is None:
            return
        self._finished = False
        self._undone = False
        self.undo_button.setVisible(False)
        self.progress.setVisible(True)
        self.message.clear_message()
        self.summary.setText(_("Making a backup, then importing…"))
        self.state.writing = True
        self._set_cancel_enabled(False)
        store, mapping = self.state.store, self.state.mapping

        def work(_progress: Progress) -> int:
            return apply_plan(store, plan, path.name, mapping.name, skip_bad_rows=True)

        start_job(work, self._written, self._failed)

    def _set_cancel_enabled(self, enabled: bool) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(wizard.WizardButton.CancelButton).setEnabled(enabled)

    def _written(self, batch_id: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.state.writing = False
        self.state.batch_id = batch_id
        self._finished = True
        self.progress.setVisible(False)
        self.undo_button.setVisible(True)
        self.undo_button.setEnabled(True)
        self.retranslate()
        self.completeChanged.emit()
        self.imported.emit(batch_id)

    def _failed(self, error: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self.state.writing = False
        self._finished = True
        self.progress.setVisible(False)
        self._set_cancel_enabled(True)
        if not isinstance(error, CompanionError):
            raise error
        log.info("import failed: %s", error.code)
        self.summary.setText(_("Nothing was imported."))
        self.message.show_message(partial(describe_exchange_error, error), error=True)
        self.completeChanged.emit()

    def ask_to_undo(self) -> ConfirmBox:
        self.undo_box = confirm(
            self,
            lambda: _("Undo import"),
            lambda: _(
                "Take the last import back out? What it added is removed and what it "
                "changed is put back as it was."
            ),
            lambda: _("&Undo import"),
            self.undo,
        )
        return self.undo_box

    def undo(self) -> None:
        try:
            undo_last_import(self.state.store)
        except CompanionError as error:
            self.message.show_message(partial(describe_exchange_error, error), error=True)
            return
        self._undone = True
        self.undo_button.setEnabled(False)
        self.retranslate()
        self.undone.emit()

    def isComplete(self) -> bool:
        return self._finished

    def retranslate(self) -> None:
        self.setTitle(_("Import from a spreadsheet"))
        self.undo_button.setText(_("&Undo import"))
        plan = self.state.plan
        if self._undone:
            self.summary.setText(
                _("The import was undone: the records are as they were before it.")
            )
        elif self._finished and self.state.batch_id is not None and plan is not None:
            skipped = len({error.row for error in plan.errors})
            text = _("Imported. {counts} A backup was made first.").format(counts=counts_text(plan))
            if skipped:
                text += "\n" + ngettext(
                    "{count} row with errors was skipped.",
                    "{count} rows with errors were skipped.",
                    skipped,
                ).format(count=formatting.number(skipped))
            if plan.moved_hearings:
                text += "\n" + ngettext(
                    "{count} hearing moved: the people in it are due a call.",
                    "{count} hearings moved: the people in them are due a call.",
                    plan.moved_hearings,
                ).format(count=formatting.number(plan.moved_hearings))
            self.summary.setText(text)
        self.message.retranslate()
