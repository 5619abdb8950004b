"""Restore from a backup: pick one, unlock it with its passphrase, see what it holds, and
only then, after confirming, replace the open store with it.

The store open now is first saved as a verified "before restore" backup
(``companion.store.restore.restore_backup``), so a restore can itself be undone.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.store.backups import (
    SUFFIX,
    BackupFailedError,
    BackupInfo,
    backup_folder,
    inspect_backup,
    list_backups,
    read_manifest,
)
from companion.store.connection import DatabaseError
from companion.store.restore import restore_backup
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _
from companion.ui.safety.backup_keeper import busy_cursor
from companion.ui.safety.backup_texts import (
    describe_backup_error,
    describe_check_error,
    reason_label,
)
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import ConfirmBox, confirm
from companion.ui.widgets.tables import configure_table, fill_table

log = logging.getLogger(__name__)


#: What checking or restoring a backup can raise: the store's own errors, and what reading
#: a damaged or unreachable file raises.
BACKUP_ERRORS: tuple[type[Exception], ...] = (
    CompanionError,
    OSError,
    DatabaseError,
    zipfile.BadZipFile,
)


def as_backup_error(error: Exception) -> CompanionError:
    """A store error as it is; a damaged or unreadable file as a failed backup check."""
    if isinstance(error, CompanionError):
        return error
    return BackupFailedError(f"{type(error).__name__}: {error}")


def made_on_text(info: BackupInfo) -> str:
    return formatting.date_and_time(info.created_at.astimezone())


class RestoreDialog(QDialog):
    """``restored`` carries the restored, open store; the old one is closed by then.

    ``store_lost`` carries the error when a restore failed after the open store had
    already been closed (the app cannot go on with it).
    """

    restored = Signal(object)
    store_lost = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.folder = backup_folder(store)
        self.backups: list[BackupInfo] = []
        self.chosen: BackupInfo | None = None
        self.checked: BackupInfo | None = None
        self.confirm_box: ConfirmBox | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget()
        self.table.setColumnCount(4)
        configure_table(self.table)
        self.choose_file_button = QPushButton()
        self.choose_file_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)

        self.passphrase_label = QLabel()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase)
        self.check_button = QPushButton()
        self.check_button.setAutoDefault(False)  # Enter is the dialog's main action
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_label)
        passphrase_row.addWidget(self.passphrase, 1)
        passphrase_row.addWidget(self.check_button)

        self.summary = QWidget()
        summary_form = QFormLayout(self.summary)
        summary_form.setContentsMargins(0, 0, 0, 0)
        # Values next to their captions, whichever way the text and the layout run.
        summary_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.made_on_caption, self.made_on = QLabel(), QLabel()
        self.reason_caption, self.reason = QLabel(), QLabel()
        self.people_caption, self.people = QLabel(), QLabel()
        self.hearings_caption, self.hearings = QLabel(), QLabel()
        for caption, value in (
            (self.made_on_caption, self.made_on),
            (self.reason_caption, self.reason),
            (self.people_caption, self.people),
            (self.hearings_caption, self.hearings),
        ):
            bold = value.font()
            bold.setBold(True)
            value.setFont(bold)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            summary_form.addRow(caption, value)
        self.summary.setVisible(False)
        self.other_store_note = MessageLabel()
        self.message = MessageLabel()

        self.restore_button = QPushButton()
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        self.close_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.chosen_label, 1)
        file_row.addWidget(self.choose_file_button)
        layout.addLayout(file_row)
        layout.addLayout(passphrase_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.other_store_note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(760, 560)

        # Enter in the passphrase field checks the backup (returnPressed) and nothing
        # else: no button may take it as well (the file chooser would open over the
        # result, and Enter must never restore).
        for button in (
            self.choose_file_button,
            self.check_button,
            self.restore_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
            button.setDefault(False)

        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.choose_file_button.clicked.connect(self.choose_file)
        self.passphrase.textChanged.connect(self._passphrase_edited)
        self.passphrase.returnPressed.connect(self.check_backup)
        self.check_button.clicked.connect(self.check_backup)
        self.restore_button.clicked.connect(self.ask_to_restore)
        self.close_button.clicked.connect(self.reject)
        self.refresh()
        self.retranslate()

    # --- choosing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = list_backups(self.folder, self.store.database_key)
        self._fill()
        if self.backups:
            # The newest backup this store made itself; a file that merely claims a
            # late date (copied in, or planted) is listed but not chosen for staff.
            genuine = [row for row, info in enumerate(self.backups) if info.authentic]
            self._select_row(genuine[0] if genuine else 0)
        self._update_buttons()

    def _fill(self) -> None:
        fill_table(
            self.table,
            [
                [
                    made_on_text(info),
                    reason_label(info.reason),
                    formatting.number(info.people),
                    formatting.number(info.hearings),
                ]
                for info in self.backups
            ],
            list(range(len(self.backups))),
        )

    def _select_row(self, row: int) -> None:
        # Not ``selectRow``: right to left, before the table is shown, it selects nothing.
        index = self.table.model().index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.backups):
            self._set_chosen(self.backups[rows[0].row()])

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a backup"),
            str(self.folder),
            _("Court Companion backups (*{suffix})").format(suffix=SUFFIX),
        )
        if path:
            self.choose_backup(Path(path))

    def choose_backup(self, path: Path) -> bool:
        """Choose a backup file from anywhere (a USB drive, a share). False if it is not one."""
        try:
            info = read_manifest(path)
        except CompanionError as error:
            self._show_failure(error)
            return False
        self.table.clearSelection()
        self._set_chosen(info)
        return True

    def _show_failure(
        self,
        error: CompanionError,
        describe: Callable[[CompanionError], str] = describe_backup_error,
    ) -> None:
        self.message.show_message(lambda: describe(error), error=True)

    def _set_chosen(self, info: BackupInfo) -> None:
        self.chosen = info
        self._forget_check()
        self.message.clear_message()
        self._show_chosen()

    def _show_chosen(self) -> None:
        if self.chosen is None:
            self.chosen_label.setText(_("No backup chosen yet."))
        else:
            self.chosen_label.setText(_("Chosen: {name}").format(name=self.chosen.path.name))

    # --- checking -----------------------------------------------------------------------------

    def _passphrase_edited(self) -> None:
        if self.checked is not None:
            self._forget_check()
        self._update_buttons()

    def _forget_check(self) -> None:
        self.checked = None
        self.summary.setVisible(False)
        self.other_store_note.clear_message()
        self._update_buttons()

    def check_backup(self) -> BackupInfo | None:
        """Unlock the chosen backup with the passphrase typed and count what it holds."""
        if self.chosen is None or not self.passphrase.text():
            return None
        try:
            with busy_cursor():
                info = inspect_backup(
                    self.chosen.path, self.passphrase.text(), data_folder=self.store.folder
                )
        except BACKUP_ERRORS as error:
            failure = as_backup_error(error)
            log.info("backup check failed: %s", failure.code)
            self._show_failure(failure, describe_check_error)
            self._forget_check()
            return None
        self.checked = info
        log.info("backup checked: %d people, %d hearings", info.people, info.hearings)
        self.message.show_message(
            lambda: _("The passphrase opens this backup and it passed its integrity check.")
        )
        if info.store_id != self.store.store_id:
            self.other_store_note.show_message(
                lambda: _(
                    "This backup comes from a different store. Restoring it replaces "
                    "everything open now with that store's records."
                ),
                error=True,
            )
        self._show_summary()
        self.summary.setVisible(True)
        self._update_buttons()
        return info

    def _show_summary(self) -> None:
        if self.checked is None:
            return
        self.made_on.setText(made_on_text(self.checked))
        self.reason.setText(reason_label(self.checked.reason))
        self.people.setText(formatting.number(self.checked.people))
        self.hearings.setText(formatting.number(self.checked.hearings))

    def _update_buttons(self) -> None:
        self.check_button.setEnabled(self.chosen is not None and bool(self.passphrase.text()))
        self.restore_button.setEnabled(self.checked is not None)

    # --- restoring ----------------------------------------------------------------------------

    def ask_to_restore(self) -> ConfirmBox | None:
        checked = self.checked
        if checked is None:
            return None
        self.confirm_box = confirm(
            self,
            lambda: _("Restore this backup"),
            lambda: _(
                "Replace the records open now with the backup made on {date} "
                "({people} people, {hearings} hearings)?\n\n"
                "The records open now are backed up first, so you can undo this by "
                "restoring that backup. From now on, unlock with the passphrase this "
                "backup was made with."
            ).format(
                date=made_on_text(checked),
                people=formatting.number(checked.people),
                hearings=formatting.number(checked.hearings),
            ),
            lambda: _("Restore this backup"),
            self._confirmed,
            reject_label=lambda: _("Do not restore"),
        )
        return self.confirm_box

    def _confirmed(self) -> None:
        self.restore_now()

    def restore_now(self) -> Store | None:
        checked = self.checked
        if checked is None:
            return None
        try:
            with busy_cursor():
                restored = restore_backup(
                    self.store.folder,
                    checked.path,
                    self.passphrase.text(),
                    current=self.store,
                    # The dialog said so in red when the backup was checked, above the
                    # button that asks for this confirmation.
                    allow_other_office=checked.store_id != self.store.store_id,
                )
        except BACKUP_ERRORS as error:
            failure = as_backup_error(error)
            log.error("restore failed: %s", failure.code)
            if self.store.closed:
                self.reject()
                self.store_lost.emit(failure)
                return None
            self.message.show_message(
                lambda: _(
                    "Nothing was restored, and the records open now are unchanged. {reason}"
                ).format(reason=describe_backup_error(failure)),
                error=True,
            )
            return None
        self.passphrase.clear()
        log.info("restored a backup; store %s is open", restored.store_id)
        self.accept()
        self.restored.emit(restored)
        return restored

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        self.setAccessibleName(_("Restore from backup"))
        self.explanation.setText(
            _(
                "Choose a backup and type the passphrase it was made with. You will see "
                "when it was made and what it holds before anything changes."
            )
        )
        self.folder_label.setText(_("Backups in {folder}:").format(folder=self.folder))
        self.table.setHorizontalHeaderLabels([_("Made on"), _("Kind"), _("People"), _("Hearings")])
        self.table.setAccessibleName(_("Backups in the backups folder"))
        self._fill_keeping_selection()
        self._show_chosen()
        self.choose_file_button.setText(_("Choose another &file…"))
        self.passphrase_label.setText(_("&Passphrase of the backup:"))
        self.check_button.setText(_("&Check backup"))
        self.made_on_caption.setText(_("Made on:"))
        self.reason_caption.setText(_("Kind:"))
        self.people_caption.setText(_("People:"))
        self.hearings_caption.setText(_("Hearings:"))
        self._show_summary()
        self.other_store_note.retranslate()
        self.message.retranslate()
        self.restore_button.setText(_("&Restore…"))
        self.restore_button.setAccessibleName(_("Restore the checked backup"))
        self.close_button.setText(_("&Close"))

    def _fill_keeping_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else None
        self.table.blockSignals(True)
        self._fill()
        if row is not None:
            self._select_row(row)
        self.table.blockSignals(False)
