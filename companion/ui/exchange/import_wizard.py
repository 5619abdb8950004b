"""Import people, cases and hearings from a spreadsheet, one step at a time, keyboard first.

Choose the file; see how it was read (encoding, delimiter, sheet); check which column
holds what (guessed from the headers, saved for next week's export); say which order the
dates are in when the file cannot tell; read the dry run (what will be created, updated
and continued, and every row in error, by row and column); import. The check and the
import run off the interface thread. Nothing is written before *Import*, nothing at all
while rows are in error (unless staff choose to skip them), and the import is one
transaction after a backup: the last page can take it back out (*Undo import*).

The work is ``companion.imports``; these pages only ask and show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from companion.store.store import Store
from companion.ui.exchange.import_pages import ColumnsPage, DateOrderPage, FilePage, FormatPage
from companion.ui.exchange.import_run_pages import DonePage, PreviewPage
from companion.ui.exchange.import_state import (
    COLUMNS,
    DATE_ORDER,
    DONE,
    FILE,
    FORMAT,
    PREVIEW,
    ImportState,
)
from companion.ui.i18n import _


class ImportWizard(QWizard):
    """``plan_ready`` fires when a dry run has been shown; ``imported`` carries the batch
    id once the import is written; ``undone`` fires when it was taken back out."""

    plan_ready = Signal()
    imported = Signal(int)
    undone = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ImportState(store)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.file_page = FilePage(self.state)
        self.format_page = FormatPage(self.state)
        self.columns_page = ColumnsPage(self.state)
        self.date_order_page = DateOrderPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.done_page = DonePage(self.state)
        self.preview_page.plan_shown.connect(self.plan_ready)
        self.done_page.imported.connect(self.imported)
        self.done_page.undone.connect(self.undone)
        for page_id, page in (
            (FILE, self.file_page),
            (FORMAT, self.format_page),
            (COLUMNS, self.columns_page),
            (DATE_ORDER, self.date_order_page),
            (PREVIEW, self.preview_page),
            (DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(FILE)
        self.resize(860, 600)  # fits a 1366×768 laptop at 125% (1092×614)
        self.retranslate()

    def reject(self) -> None:
        """Escape or Cancel: not while the import is being written (it is one
        transaction, and stops only by finishing or failing whole)."""
        if self.state.writing:
            return
        self.preview_page.stop()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from a spreadsheet"))
        Button = QWizard.WizardButton
        self.setButtonText(Button.BackButton, _("< &Back"))
        self.setButtonText(Button.NextButton, _("&Next >"))
        self.setButtonText(Button.CommitButton, _("&Import"))
        self.setButtonText(Button.FinishButton, _("&Close"))
        self.setButtonText(Button.CancelButton, _("Cancel"))
        for page_id in self.pageIds():
            page = self.page(page_id)
            retranslate = getattr(page, "retranslate", None)
            if retranslate is not None:
                retranslate()
