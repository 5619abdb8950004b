"""Getting data in and out, as a main-window feature: File menu entries for the import
wizard, undoing the last import, the exports and the handoff in both directions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from companion.errors import CompanionError
from companion.imports.batches import last_batch, undo_last_import
from companion.store.store import Store
from companion.ui.exchange.export_dialogs import CalendarExportDialog, ExportDialog
from companion.ui.exchange.handoff_dialogs import HandoffExportDialog, HandoffImportDialog
from companion.ui.exchange.import_wizard import ImportWizard
from companion.ui.exchange.texts import describe_exchange_error
from companion.ui.i18n import _
from companion.ui.widgets.prompts import ConfirmBox, InfoBox, confirm, inform

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)


class Exchange:
    def __init__(self, window: Desk) -> None:
        self.window = window
        parent = window.widget()
        self.import_action = QAction(parent)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        parent.addAction(self.import_action)
        self.undo_import_action = QAction(parent)
        self.export_action = QAction(parent)
        self.calendar_action = QAction(parent)
        self.handoff_out_action = QAction(parent)
        self.handoff_in_action = QAction(parent)
        self.box: InfoBox | ConfirmBox | None = None
        menu = window.actions_.file_menu
        first = menu.actions()[0] if menu.actions() else None
        actions = [
            self.import_action,
            self.undo_import_action,
            self.export_action,
            self.calendar_action,
            self.handoff_out_action,
            self.handoff_in_action,
        ]
        menu.insertActions(first, actions)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        self.import_action.triggered.connect(self.open_import)
        self.undo_import_action.triggered.connect(self.ask_to_undo_import)
        self.export_action.triggered.connect(self.open_export)
        self.calendar_action.triggered.connect(self.open_calendar_export)
        self.handoff_out_action.triggered.connect(self.open_handoff_export)
        self.handoff_in_action.triggered.connect(self.open_handoff_import)

    def store(self) -> Store:
        return self.window.store

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.store(), self.window.widget())
        wizard.imported.connect(self.window.refresh_views)
        wizard.undone.connect(self.window.refresh_views)
        self._show(wizard)
        return wizard

    def ask_to_undo_import(self) -> InfoBox | ConfirmBox:
        if last_batch(self.store()) is None:
            self.box = inform(self.window.widget(), lambda: _("There is no import to undo."))
        else:
            self.box = confirm(
                self.window.widget(),
                lambda: _("Undo import"),
                lambda: _(
                    "Take the last import back out? What it added is removed and what it "
                    "changed is put back as it was."
                ),
                lambda: _("&Undo import"),
                self.undo_import,
            )
        return self.box

    def undo_import(self) -> None:
        try:
            undo_last_import(self.store())
        except CompanionError as error:
            log.info("undo import refused: %s", error.code)
            text = describe_exchange_error(error)
            self.box = inform(self.window.widget(), lambda: text)
            return
        self.window.refresh_views()
        self.box = inform(self.window.widget(), lambda: _("The last import was undone."))

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(self.store(), self.window.widget())
        self._show(dialog)
        return dialog

    def open_calendar_export(self) -> CalendarExportDialog:
        dialog = CalendarExportDialog(self.store(), self.window.widget())
        self._show(dialog)
        return dialog

    def open_handoff_export(self) -> HandoffExportDialog:
        person_id = self.window.selection().person_id
        dialog = HandoffExportDialog(self.store(), self.window.widget(), person_id)
        dialog.sealed.connect(self.window.refresh_views)
        self._show(dialog)
        return dialog

    def open_handoff_import(self) -> HandoffImportDialog:
        dialog = HandoffImportDialog(self.store(), self.window.widget())
        dialog.merged.connect(self.window.refresh_views)
        self._show(dialog)
        return dialog

    def retranslate(self) -> None:
        self.import_action.setText(_("&Import from a spreadsheet…"))
        self.import_action.setStatusTip(
            _(
                "People, cases and hearings from a CSV or Excel file, checked before "
                "anything is written"
            )
        )
        self.undo_import_action.setText(_("Undo last i&mport…"))
        self.export_action.setText(_("&Export…"))
        self.export_action.setStatusTip(_("People, hearings or a docket as CSV or Excel"))
        self.calendar_action.setText(_("Export to my calen&dar…"))
        self.handoff_out_action.setText(_("&Hand people over…"))
        self.handoff_out_action.setStatusTip(
            _("An encrypted file for a colleague's laptop, opened with a one-time code")
        )
        self.handoff_in_action.setText(_("Recei&ve a handoff…"))

    def closing(self) -> None:
        """Nothing to finish: every dialog writes in one step."""


def install(window: Desk) -> Exchange:
    return Exchange(window)
