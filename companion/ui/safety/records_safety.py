"""Keeping records safe, as a main-window feature: the audit trail screen, backups (on
demand, daily while open, on close), restore from a backup, and the retention review.

File menu: Audit trail…, Retention review…, Back up now…, Restore from backup….
Opening a person's page is written to the audit trail as "viewed person".

After a restore the store is a new object: a new main window is shown on it in place
of this one (``companion.ui.shell.window_session``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from companion.errors import CompanionError
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.safety.audit_dialog import AuditDialog
from companion.ui.safety.backup_keeper import BackupFailureBox, BackupKeeper, keep_until_dismissed
from companion.ui.safety.person_view_audit import PersonViewAudit
from companion.ui.safety.restore_dialog import RestoreDialog
from companion.ui.safety.retention_dialog import RetentionDialog
from companion.ui.shell.window_session import replace_main_window
from companion.ui.widgets.prompts import InfoBox, inform

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)


class RecordsSafety:
    def __init__(self, window: Desk) -> None:
        self.window = window
        self.audit_action = QAction(window.widget())
        self.retention_action = QAction(window.widget())
        self.backup_action = QAction(window.widget())
        self.restore_action = QAction(window.widget())
        self._add_to_file_menu()
        self.audit_action.triggered.connect(self.open_audit)
        self.retention_action.triggered.connect(self.open_retention)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.open_restore)
        self.backups = BackupKeeper(window.widget(), self.store)
        self.person_views = PersonViewAudit(window.people_stack, window.person_page, self.store)
        self.restored_box: InfoBox | None = None
        self.lost_box: BackupFailureBox | None = None

    def store(self) -> Store:
        """The window's store, read each time (it is replaced after a restore)."""
        return self.window.store

    def _add_to_file_menu(self) -> None:
        """Above Quit: the audit and retention screens, then backup and restore."""
        menu = self.window.actions_.file_menu
        actions = menu.actions()
        quit_action = self.window.actions_.quit
        place = actions.index(quit_action) if quit_action in actions else len(actions)
        above = actions[place - 1] if place > 0 else None
        before_quit = above if above is not None and above.isSeparator() else quit_action
        menu.insertSeparator(before_quit)
        menu.insertActions(before_quit, [self.audit_action, self.retention_action])
        menu.insertSeparator(before_quit)
        menu.insertActions(before_quit, [self.backup_action, self.restore_action])

    # --- screens ----------------------------------------------------------------------------

    def open_audit(self) -> AuditDialog:
        dialog = AuditDialog(self.store(), self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_retention(self) -> RetentionDialog:
        dialog = RetentionDialog(self.store(), self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.window.refresh_views)
        dialog.open()
        return dialog

    def open_restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self.store(), self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored)
        dialog.store_lost.connect(self._store_lost)
        dialog.open()
        return dialog

    def back_up_now(self) -> InfoBox | None:
        return self.backups.back_up_now()

    # --- after a restore --------------------------------------------------------------------

    def _restored(self, store: Store) -> None:
        new_window = replace_main_window(self.window, store)
        self.restored_box = inform(
            new_window.widget(),
            lambda: _(
                "The backup was restored. The records that were open before were backed up "
                "first; restore that backup to undo this."
            ),
        )

    def _store_lost(self, error: CompanionError) -> BackupFailureBox:
        """The restore failed after the open store was closed: say so, and close. The
        message is a window of its own, so it stays after the main window has gone."""
        box = BackupFailureBox(
            error,
            None,
            title=lambda: _("Restore failed"),
            headline=lambda: _(
                "The restore failed. Court Companion will close now; start it again and "
                "unlock to continue. A backup of the records open before was made first."
            ),
        )
        self.lost_box = box
        keep_until_dismissed(box)
        box.open()
        self.window.widget().close()
        return box

    # --- feature ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.audit_action.setText(_("A&udit trail…"))
        self.audit_action.setStatusTip(
            _("Who viewed, printed, exported, deleted or restored which record, and when")
        )
        self.retention_action.setText(_("Rete&ntion review…"))
        self.retention_action.setStatusTip(_("Closed cases past the retention period"))
        self.backup_action.setText(_("&Back up now…"))
        self.backup_action.setStatusTip(_("Write and verify an encrypted backup now"))
        self.restore_action.setText(_("Re&store from backup…"))
        self.restore_action.setStatusTip(
            _("Replace the records with a backup; the records open now are backed up first")
        )

    def closing(self) -> None:
        self.backups.back_up_on_close()


def install(window: Desk) -> RecordsSafety:
    return RecordsSafety(window)
