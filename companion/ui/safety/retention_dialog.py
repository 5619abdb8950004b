"""Retention review: the retention setting, the closed cases past it, and purging them.

The setting itself is changed in Preferences (``preferences_dialog``); this screen says
what it is.

Purging is explicit and confirmed: staff select cases, press Purge, and confirm in a
second step. The store deletes the cases, their hearings and every person with no other
case (``secure_delete`` on, then a vacuum), and writes audit entries with numbers only.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.store.retention import PurgeCandidate
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.widgets.messages import MessageLabel
from companion.ui.widgets.prompts import ConfirmBox, confirm
from companion.ui.widgets.tables import configure_table, fill_table

log = logging.getLogger(__name__)


class RetentionDialog(QDialog):
    """``changed`` is emitted after a purge, so the main window reads its views again."""

    changed = Signal()

    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.candidates: list[PurgeCandidate] = []
        self.confirm_box: ConfirmBox | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.setting = QLabel()
        self.setting.setWordWrap(True)
        bold = self.setting.font()
        bold.setBold(True)
        self.setting.setFont(bold)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.table = QTableWidget()
        self.table.setColumnCount(3)
        configure_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.message = MessageLabel()
        self.select_all_button = QPushButton()
        self.purge_button = QPushButton()
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.setting)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(680, 460)

        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.select_all_button.clicked.connect(self.table.selectAll)
        self.purge_button.clicked.connect(self.ask_to_purge)
        self.close_button.clicked.connect(self.accept)
        self.refresh()
        self.retranslate()

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the setting and what is due again."""
        self.candidates = self.store.retention.due(self.today)
        self._fill()
        self._show_setting()
        self._show_status()
        self._update_buttons()

    def _fill(self) -> None:
        fill_table(
            self.table,
            [
                [
                    candidate.docket_number,
                    formatting.medium_date(candidate.closed_on),
                    formatting.number(len(candidate.person_ids)),
                ]
                for candidate in self.candidates
            ],
            [candidate.case_id for candidate in self.candidates],
        )

    def selected_case_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.candidates[row].case_id for row in rows if row < len(self.candidates)]

    def select_cases(self, case_ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, candidate in enumerate(self.candidates):
            if candidate.case_id in case_ids:
                selection.select(self.table.model().index(row, 0), flags)

    def _update_buttons(self) -> None:
        self.select_all_button.setEnabled(bool(self.candidates))
        self.purge_button.setEnabled(bool(self.selected_case_ids()))

    # --- the setting ----------------------------------------------------------------------

    def _show_setting(self) -> None:
        months = self.store.retention.months()
        if months is None:
            text = _("Retention is off. Turn it on in File ▸ Preferences.")
        else:
            text = ngettext(
                "Closed cases are due for purging {months} month after they closed (set in "
                "File ▸ Preferences).",
                "Closed cases are due for purging {months} months after they closed (set in "
                "File ▸ Preferences).",
                months,
            ).format(months=formatting.number(months))
        self.setting.setText(text)

    def _show_status(self) -> None:
        months = self.store.retention.months()
        if months is None:
            text = _("While retention is off, no case is ever due for purging.")
        elif not self.candidates:
            text = ngettext(
                "No closed case has been closed for more than {months} month.",
                "No closed case has been closed for more than {months} months.",
                months,
            ).format(months=formatting.number(months))
        else:
            text = ngettext(
                "These closed cases were closed more than {months} month ago. Select the ones "
                "to purge.",
                "These closed cases were closed more than {months} months ago. Select the ones "
                "to purge.",
                months,
            ).format(months=formatting.number(months))
        self.status.setText(text)

    # --- purging --------------------------------------------------------------------------

    def ask_to_purge(self) -> ConfirmBox | None:
        case_ids = self.selected_case_ids()
        if not case_ids:
            return None
        count = len(case_ids)
        self.confirm_box = confirm(
            self,
            lambda: _("Purge for good"),
            lambda: ngettext(
                "Delete {count} closed case for good, with its hearings and every person "
                "who has no other case?\n\nThis cannot be undone. The audit trail keeps "
                "only the case numbers.",
                "Delete {count} closed cases for good, with their hearings and every person "
                "who has no other case?\n\nThis cannot be undone. The audit trail keeps "
                "only the case numbers.",
                count,
            ).format(count=formatting.number(count)),
            lambda: ngettext(
                "Purge {count} case for good", "Purge {count} cases for good", count
            ).format(count=formatting.number(count)),
            lambda: self._confirmed(case_ids),
            reject_label=lambda: _("Keep them"),
        )
        return self.confirm_box

    def _confirmed(self, case_ids: list[int]) -> None:
        self.purge(case_ids)

    def purge(self, case_ids: list[int]) -> tuple[int, int] | None:
        try:
            cases, people = self.store.retention.purge(case_ids)
        except CompanionError as error:
            self.message.show_error(error)
            return None
        log.info("purged %d cases from the review screen", cases)
        self.message.show_message(
            lambda: _("Purged cases: {cases}. Purged people: {people}.").format(
                cases=formatting.number(cases), people=formatting.number(people)
            )
        )
        self.refresh()
        self.changed.emit()
        return cases, people

    # --- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Retention review"))
        self.setAccessibleName(_("Retention review"))
        self.explanation.setText(
            _(
                "Closed cases can be purged a set number of months after they were closed. "
                "Purging deletes a case, its hearings and every person with no other case, "
                "for good. Backups made earlier still hold them until those backups are deleted "
                "or rotated away."
            )
        )
        self._show_setting()
        self._show_status()
        self.table.setHorizontalHeaderLabels([_("Docket number"), _("Closed on"), _("People")])
        self.table.setAccessibleName(_("Closed cases due for purging"))
        self._fill_keeping_selection()
        self.message.retranslate()
        self.select_all_button.setText(_("Select &all"))
        self.purge_button.setText(_("&Purge selected…"))
        self.purge_button.setAccessibleName(_("Purge the selected cases for good"))
        self.close_button.setText(_("&Close"))

    def _fill_keeping_selection(self) -> None:
        chosen = self.selected_case_ids()
        self.table.blockSignals(True)
        self._fill()
        self.select_cases(chosen)
        self.table.blockSignals(False)
