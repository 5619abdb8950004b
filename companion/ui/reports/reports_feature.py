"""The Reports tab: the outcomes still to record after hearings (View ▸ Outcomes to
record, Ctrl+6) and the office's attendance record with its charts (View ▸ Attendance
record, Ctrl+7).

The attendance record (and Qt Charts with it) is built the first time it is shown, so
opening the main window does not pay for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from companion.errors import CompanionError
from companion.ui.i18n import _
from companion.ui.reports.outcomes_view import OutcomesView
from companion.ui.widgets.prompts import show_error

if TYPE_CHECKING:
    from companion.ui.reports.report_view import AttendanceReportView
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)

SHOW_OUTCOMES_SHORTCUT = "Ctrl+6"
SHOW_RECORD_SHORTCUT = "Ctrl+7"
STATUS_MILLISECONDS = 10000


class ReportsPage(QWidget):
    """The tab: outcomes to record, and the attendance record."""

    def __init__(self, outcomes: OutcomesView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes = outcomes
        self.record_holder = QWidget()
        self.record_layout = QVBoxLayout(self.record_holder)
        self.record_layout.setContentsMargins(0, 0, 0, 0)
        self.record: AttendanceReportView | None = None
        self.pages = QTabWidget()
        self.pages.addTab(self.outcomes, "")
        self.pages.addTab(self.record_holder, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)


class ReportsFeature:
    def __init__(self, window: Desk) -> None:
        self.window = window
        self.outcomes = OutcomesView(window.store, fill=False)
        self.page = ReportsPage(self.outcomes)
        window.tabs.addTab(self.page, "")
        actions = window.actions_

        self.show_outcomes = QAction(window.widget())
        self.show_outcomes.setShortcut(QKeySequence(SHOW_OUTCOMES_SHORTCUT))
        self.show_record = QAction(window.widget())
        self.show_record.setShortcut(QKeySequence(SHOW_RECORD_SHORTCUT))
        for action in (self.show_outcomes, self.show_record):
            window.widget().addAction(action)
            actions.view_menu.addAction(action)

        self.show_outcomes.triggered.connect(self.open_outcomes)
        self.show_record.triggered.connect(self.open_record)
        self.page.pages.currentChanged.connect(lambda _index: self._page_changed())
        window.tabs.currentChanged.connect(lambda _index: self._page_changed())
        self.outcomes.edit_requested.connect(self.edit_attendance)
        self.outcomes.changed.connect(window.refresh_views)
        self.outcomes.status_message.connect(self._say)
        self.retranslate()

    # --- showing ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.window.widget().statusBar().showMessage(text, STATUS_MILLISECONDS)

    def _page_changed(self) -> None:
        """Read the figures again whenever the tab comes in front (an attendance may have
        been recorded elsewhere meanwhile)."""
        if self.window.tabs.currentWidget() is not self.page:
            return
        if self.page.pages.currentWidget() is self.outcomes:
            self.outcomes.refresh()
        else:
            self.record_view().show_report()

    def record_view(self) -> AttendanceReportView:
        if self.page.record is None:
            from companion.ui.reports.report_view import AttendanceReportView

            view = AttendanceReportView(self.window.store)
            view.status_message.connect(self._say)
            self.page.record_layout.addWidget(view)
            self.page.record = view
        return self.page.record

    def open_outcomes(self) -> None:
        self.window.tabs.setCurrentWidget(self.page)
        self.page.pages.setCurrentWidget(self.outcomes)
        self.outcomes.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_record(self) -> AttendanceReportView:
        view = self.record_view()
        self.window.tabs.setCurrentWidget(self.page)
        self.page.pages.setCurrentWidget(self.page.record_holder)
        view.first_day.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return view

    def edit_attendance(self, person_id: int, hearing_id: int) -> None:
        from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog

        try:
            dialog = AttendanceDialog(
                self.window.store, person_id, hearing_id, parent=self.window.widget()
            )
        except CompanionError as error:
            show_error(self.window.widget(), error)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._attendance_saved)
        dialog.open()

    def _attendance_saved(self) -> None:
        log.info("attendance saved from the outcomes list")
        self.outcomes.refresh()
        self.window.refresh_views()
        self.outcomes.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- Feature ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.window.tabs.setTabText(self.window.tabs.indexOf(self.page), _("Reports"))
        self.page.pages.setTabText(0, _("Outcomes to record"))
        self.page.pages.setTabText(1, _("Attendance record"))
        self.show_outcomes.setText(_("&Outcomes to record"))
        self.show_outcomes.setStatusTip(
            _("Past hearings where it is not yet recorded whether the person came")
        )
        self.show_record.setText(_("&Attendance record"))
        self.show_record.setStatusTip(
            _("The office's attendance figures for a period, with charts, and their export")
        )
        self.outcomes.retranslate()
        if self.page.record is not None:
            self.page.record.retranslate()

    def closing(self) -> None:
        """Nothing to keep: every outcome is stored when its key is pressed."""


def install(window: Desk) -> ReportsFeature:
    return ReportsFeature(window)
