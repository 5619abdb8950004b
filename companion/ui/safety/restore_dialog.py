"""Restore from a backup: pick one, unlock it with its passphrase, see what it holds, and
only then, after confirming, replace the open store with it.

Whoever restores must know the open store's own passphrase (or recovery code): the
backup's passphrase counts when it opens the store too; otherwise the dialog asks for the
store's. A backup sealed with other keys (made before a re-key, or another office's) is
flagged when checked, and the confirmation says that its passphrase and recovery code
come back (``companion.store.restore_consent``).

The store open now is first saved as a verified "before restore" backup
(``companion.store.restore.restore_backup``), so a restore can itself be undone.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
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

from companion.errors import CompanionError, CurrentSecretError
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
from companion.store.restore import RestoreRefusedError, restore_backup
from companion.store.restore_consent import CurrentStore, keys_differ, prove_current_store
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _
from companion.ui.safety.backup_keeper import busy_cursor
from companion.ui.safety.backup_texts import (
    describe_backup_error,
    describe_check_error,
    describe_restore_error,
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
        #: The open store, unlocked by the secret typed (None until one was proven).
        self.proven: CurrentStore | None = None
        #: The secret that proved it: the backup's passphrase, or the store's own.
        self.proven_with = ""
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

        # Asked only when the backup's passphrase does not open the store open now.
        self.store_passphrase_label = QLabel()
        self.store_passphrase = QLineEdit()
        self.store_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.store_passphrase_label.setBuddy(self.store_passphrase)
        self.store_passphrase_row = QWidget()
        store_row = QHBoxLayout(self.store_passphrase_row)
        store_row.setContentsMargins(0, 0, 0, 0)
        store_row.addWidget(self.store_passphrase_label)
        store_row.addWidget(self.store_passphrase, 1)
        self.store_passphrase_row.setVisible(False)

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
        layout.addWidget(self.store_passphrase_row)
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
        self.store_passphrase.textChanged.connect(self._store_passphrase_edited)
        # Enter there asks the question; the question's own default is "Do not restore".
        self.store_passphrase.returnPressed.connect(self.ask_to_restore)
        self.check_button.clicked.connect(self.check_backup)
        self.restore_button.clicked.connect(self.ask_to_restore)
        self.close_button.clicked.connect(self.reject)
        self.refresh()
        self.retranslate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is the passphrase fields' own (check, or ask); it reaches no button here.
        QDialog would otherwise click the default button of any window it owns, such as
        the "Do not restore" of the question Enter has just opened."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

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
        self.proven = None
        self.proven_with = ""
        self.summary.setVisible(False)
        self.other_store_note.clear_message()
        self.store_passphrase.clear()
        self.store_passphrase_row.setVisible(False)
        self._update_buttons()

    def _store_passphrase_edited(self) -> None:
        if self.proven is not None and self.proven_with != self.passphrase.text():
            self.proven = None
            self.proven_with = ""
        self._update_buttons()

    def _prove(self, secret: str) -> bool:
        """Whether ``secret`` opens the store open now (then remembered)."""
        try:
            with busy_cursor():
                proven = prove_current_store(self.store.folder, secret)
        except CurrentSecretError:
            return False
        self.proven = proven or CurrentStore(self.store.store_id, self.store.key_fingerprint)
        self.proven_with = secret
        return True

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
        try:
            proven = self._prove(self.passphrase.text())
        except BACKUP_ERRORS as error:
            self._show_failure(as_backup_error(error))
            self._forget_check()
            return None
        if proven:
            self.message.show_message(
                lambda: _("The passphrase opens this backup and it passed its integrity check.")
            )
        else:
            self.message.show_message(
                lambda: _(
                    "The passphrase opens this backup and it passed its integrity check. It "
                    "does not open the store open now: to restore over it, type that "
                    "store's own passphrase or its recovery code."
                )
            )
            self.store_passphrase_row.setVisible(True)
            self.store_passphrase.setFocus()
        self._show_other_keys_note(info)
        self._show_summary()
        self.summary.setVisible(True)
        self._update_buttons()
        return info

    def _other_office(self, info: BackupInfo) -> bool:
        return info.store_id != self.store.store_id

    def _older_keys(self, info: BackupInfo) -> bool:
        """A backup of this store sealed with other keys (made before a re-key)."""
        current = CurrentStore(self.store.store_id, self.store.key_fingerprint)
        return not self._other_office(info) and keys_differ(current, info)

    def _show_other_keys_note(self, info: BackupInfo) -> None:
        if self._other_office(info):
            self.other_store_note.show_message(
                lambda: _(
                    "This backup comes from a different store. Restoring it replaces "
                    "everything open now with that store's records."
                ),
                error=True,
            )
        elif self._older_keys(info):
            self.other_store_note.show_message(
                lambda: _(
                    "This backup was made before the store's key was changed. Restoring it "
                    "brings back the passphrase and the recovery code in use then."
                ),
                error=True,
            )

    def _show_summary(self) -> None:
        if self.checked is None:
            return
        self.made_on.setText(made_on_text(self.checked))
        self.reason.setText(reason_label(self.checked.reason))
        self.people.setText(formatting.number(self.checked.people))
        self.hearings.setText(formatting.number(self.checked.hearings))

    def _update_buttons(self) -> None:
        self.check_button.setEnabled(self.chosen is not None and bool(self.passphrase.text()))
        self.restore_button.setEnabled(
            self.checked is not None
            and (self.proven is not None or bool(self.store_passphrase.text()))
        )

    # --- restoring ----------------------------------------------------------------------------

    def ask_to_restore(self) -> ConfirmBox | None:
        checked = self.checked
        if checked is None:
            return None
        if self.proven is None:
            secret = self.store_passphrase.text()
            if not secret:
                return None
            try:
                proven = self._prove(secret)
            except BACKUP_ERRORS as error:
                self._show_failure(as_backup_error(error))
                return None
            if not proven:
                log.info("restore refused: the store's own secret is not right")
                self._show_failure(CurrentSecretError(str(self.store.folder)))
                self.store_passphrase.selectAll()
                self.store_passphrase.setFocus()
                return None
        if self._older_keys(checked):
            self.confirm_box = confirm(
                self,
                lambda: _("Restore a backup with older keys"),
                lambda: _(
                    "This backup was made on {date}, before the store's key was changed. "
                    "If you restore it, the passphrase and the recovery code in use then "
                    "open the store again, and the ones in use now stop working: anyone who "
                    "still knows the old ones can open it.\n\n"
                    "Replace the records open now with this backup ({people} people, "
                    "{hearings} hearings)? The records open now are backed up first."
                ).format(
                    date=made_on_text(checked),
                    people=formatting.number(checked.people),
                    hearings=formatting.number(checked.hearings),
                ),
                lambda: _("Restore with the old passphrase and recovery code"),
                self._confirmed,
                reject_label=lambda: _("Do not restore"),
            )
            return self.confirm_box
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
        if checked is None or self.proven is None:
            return None
        try:
            with busy_cursor():
                restored = restore_backup(
                    self.store.folder,
                    checked.path,
                    self.passphrase.text(),
                    current=self.store,
                    # The dialog said so in red when the backup was checked, above the
                    # button that asks for this confirmation, and the question named it.
                    allow_other_office=self._other_office(checked),
                    current_secret=self.proven_with,
                    allow_other_keys=self._older_keys(checked),
                )
        except BACKUP_ERRORS as error:
            failure = (
                error
                if isinstance(error, CompanionError)
                else RestoreRefusedError(f"{type(error).__name__}: {error}")
            )
            log.error("restore failed: %s", failure.code)
            if self.store.closed:
                self.reject()
                self.store_lost.emit(failure)
                return None
            self.message.show_message(
                lambda: _(
                    "Nothing was restored, and the records open now are unchanged. {reason}"
                ).format(reason=describe_restore_error(failure)),
                error=True,
            )
            return None
        self.passphrase.clear()
        self.store_passphrase.clear()
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
        self.store_passphrase_label.setText(_("Passphrase of the store open &now:"))
        self.store_passphrase.setAccessibleName(
            _("Passphrase or recovery code of the store open now")
        )
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
