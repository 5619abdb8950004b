"""The office's attendance record for a period: totals, and the attendance rate by
language, by calls made before the hearing, by packet given and by needs met, as charts.

Figures only: no name and no record number is shown or exported. The figures come from
``store.reports`` (``companion.store.attendance_report``); the CSV export from
``companion.exchange.attendance_csv``.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, ValidationError
from companion.exchange.attendance_csv import export_attendance_report
from companion.exchange.spreadsheet import ExportResult
from companion.i18n.languages import language_for_tag, language_name_in
from companion.store.attendance_report import AttendanceReport, Tally
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, current, ngettext
from companion.ui.packets.packet_files import ask_save_path
from companion.ui.records.dialogs.fields import DateField
from companion.ui.reports.report_charts import BreakdownChart, ChartGroup, rate_text
from companion.ui.widgets.messages import MessageLabel

log = logging.getLogger(__name__)

#: The period shown first: the last three months, to today.
DEFAULT_DAYS = 90

CONTACT_KEYS = ("0", "1", "2", "3+")
PACKET_KEYS = ("yes", "no")
NEEDS_KEYS = ("none", "all_met", "some_open")


def language_group_name(tag: str) -> str:
    language = language_for_tag(tag)
    if language is None:
        return tag
    return language_name_in(language, current().language.tag)


def contacts_group_name(key: str) -> str:
    if key == "3+":
        return _("{count} or more contacts").format(count=formatting.number(3))
    count = int(key)
    if count == 0:
        return _("No contact")
    return ngettext("{count} contact", "{count} contacts", count).format(
        count=formatting.number(count)
    )


def packet_group_name(key: str) -> str:
    return _("Packet given") if key == "yes" else _("No packet")


def needs_group_name(key: str) -> str:
    names = {
        "none": _("No needs recorded"),
        "all_met": _("All needs met"),
        "some_open": _("Some needs not met"),
    }
    return names[key]


def _in_order(tallies: dict[str, Tally], keys: tuple[str, ...]) -> list[tuple[str, Tally]]:
    return [(key, tallies[key]) for key in keys if key in tallies]


def language_groups(report: AttendanceReport) -> list[ChartGroup]:
    """Most people first, then by name."""
    named = [
        ChartGroup(language_group_name(tag), tally) for tag, tally in report.by_language.items()
    ]
    return sorted(named, key=lambda group: (-group.tally.hearings, group.name))


def contacts_groups(report: AttendanceReport) -> list[ChartGroup]:
    return [
        ChartGroup(contacts_group_name(key), tally)
        for key, tally in _in_order(report.by_contacts, CONTACT_KEYS)
    ]


def packet_groups(report: AttendanceReport) -> list[ChartGroup]:
    return [
        ChartGroup(packet_group_name(key), tally)
        for key, tally in _in_order(report.by_packet, PACKET_KEYS)
    ]


def needs_groups(report: AttendanceReport) -> list[ChartGroup]:
    return [
        ChartGroup(needs_group_name(key), tally)
        for key, tally in _in_order(report.by_needs, NEEDS_KEYS)
    ]


def report_file_name(start: dt.date, end: dt.date) -> str:
    # Translators: a suggested file name. Keep the ending (.csv) and use no slashes.
    return _("attendance-{start}-to-{end}.csv").format(start=start.isoformat(), end=end.isoformat())


class AttendanceReportView(QWidget):
    """Choose the days, press Enter (or Show): the figures and charts follow."""

    #: Something to say in the window's status bar.
    status_message = Signal(str)

    def __init__(
        self, store: Store, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.report: AttendanceReport | None = None
        last = today or dt.date.today()

        self.first_label = QLabel()
        self.first_day = DateField()
        self.first_day.set_date(last - dt.timedelta(days=DEFAULT_DAYS))
        self.first_label.setBuddy(self.first_day.line_edit)
        self.last_label = QLabel()
        self.last_day = DateField()
        self.last_day.set_date(last)
        self.last_label.setBuddy(self.last_day.line_edit)
        self.show_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        self.message = MessageLabel()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.hearings_total = QLabel()
        self.outcomes_total = QLabel()
        self.rate_total = QLabel()
        for label in (self.hearings_total, self.outcomes_total, self.rate_total):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.rate_total.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.rate_total.setFont(font)

        self.by_language = BreakdownChart()
        self.by_contacts = BreakdownChart()
        self.by_packet = BreakdownChart()
        self.by_needs = BreakdownChart()

        period = QFormLayout()
        period.addRow(self.first_label, self.first_day)
        period.addRow(self.last_label, self.last_day)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        period.addRow(buttons)
        top = QHBoxLayout()
        top.addLayout(period, 1)
        totals = QVBoxLayout()
        totals.addWidget(self.rate_total)
        totals.addWidget(self.outcomes_total)
        totals.addWidget(self.hearings_total)
        totals.addStretch(1)
        top.addLayout(totals, 1)

        grid = QGridLayout()
        grid.addWidget(self.by_language, 0, 0)
        grid.addWidget(self.by_contacts, 0, 1)
        grid.addWidget(self.by_packet, 1, 0)
        grid.addWidget(self.by_needs, 1, 1)
        charts = QWidget()
        charts.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.explanation)
        layout.addWidget(scroll, 1)

        self.first_day.line_edit.returnPressed.connect(self.show_report)
        self.last_day.line_edit.returnPressed.connect(self.show_report)
        self.show_button.clicked.connect(self.show_report)
        self.export_button.clicked.connect(self.choose_export_file)
        self.retranslate()
        self.show_report()

    # --- the figures ----------------------------------------------------------------------

    def charts(self) -> dict[str, BreakdownChart]:
        return {
            "language": self.by_language,
            "contacts": self.by_contacts,
            "packet": self.by_packet,
            "needs": self.by_needs,
        }

    def period(self) -> tuple[dt.date, dt.date]:
        """The days typed, or the ``ValidationError`` that says why they are not a period."""
        start = self.first_day.date("from")
        end = self.last_day.date("to")
        if end < start:
            raise ValidationError("to", "before_start", self.last_day.text())
        return start, end

    def show_report(self) -> AttendanceReport | None:
        """Read the figures for the days typed; on a bad date say why and keep the last."""
        self.message.clear_message()
        try:
            start, end = self.period()
            report = self.store.reports.report(start, end)
        except CompanionError as error:
            self.message.show_error(error)
            return None
        self.report = report
        log.info("attendance record shown: %d appearances", report.appearances)
        self._show_figures()
        self.export_button.setEnabled(True)
        return report

    def _show_figures(self) -> None:
        report = self.report
        if report is None:
            self.hearings_total.clear()
            self.outcomes_total.clear()
            self.rate_total.clear()
            return
        self.hearings_total.setText(
            ngettext(
                "{count} hearing with people who must testify, from {start} to {end}",
                "{count} hearings with people who must testify, from {start} to {end}",
                report.hearings,
            ).format(
                count=formatting.number(report.hearings),
                start=formatting.isolate(formatting.medium_date(report.start)),
                end=formatting.isolate(formatting.medium_date(report.end)),
            )
        )
        self.outcomes_total.setText(
            _(
                "People who had to testify: {total}. Attended: {attended}. Missed: {missed}. "
                "Not yet known: {unknown}."
            ).format(
                total=formatting.number(report.appearances),
                attended=formatting.number(report.attended),
                missed=formatting.number(report.missed),
                unknown=formatting.number(report.unknown),
            )
        )
        whole = Tally(report.appearances, report.attended, report.missed)
        self.rate_total.setText(_("Attendance rate: {rate}").format(rate=rate_text(whole)))
        self.by_language.show_groups(language_groups(report))
        self.by_contacts.show_groups(contacts_groups(report))
        self.by_packet.show_groups(packet_groups(report))
        self.by_needs.show_groups(needs_groups(report))

    # --- export ---------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self.report is None:
            return
        path = ask_save_path(
            self,
            _("Export the attendance record"),
            report_file_name(self.report.start, self.report.end),
            _("CSV files (*.csv)"),
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> ExportResult | None:
        """Write the figures shown to ``path`` as CSV (0600); None if it could not be written."""
        if self.report is None:
            return None
        try:
            result = export_attendance_report(self.store, self.report, path)
        except OSError as error:
            log.error("attendance record export failed: %s", type(error).__name__)
            detail = error.strerror or type(error).__name__
            self.message.show_message(
                lambda: _("Could not write the file: {detail}").format(detail=detail),
                error=True,
            )
            return None
        except CompanionError as error:
            self.message.show_error(error)
            return None
        log.info("exported the attendance record: %d rows", result.rows)
        self.status_message.emit(
            _("Exported the attendance record to {path}.").format(path=result.path)
        )
        return result

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.first_label.setText(_("Fro&m:"))
        self.first_day.retranslate(_("First day"))
        self.last_label.setText(_("&To:"))
        self.last_day.retranslate(_("Last day"))
        self.show_button.setText(_("&Show"))
        self.show_button.setAccessibleName(_("Show the attendance record for these days"))
        self.export_button.setText(_("Ex&port as CSV…"))
        self.export_button.setAccessibleName(_("Export the figures as a CSV file"))
        self.explanation.setText(
            _(
                "Counts people who had to testify at hearings that went ahead (not continued "
                "or cancelled). The rate is attended out of those whose outcome is recorded. "
                "Contacts are the calls, texts, letters and visits logged before the hearing. "
                "Figures only: no names."
            )
        )
        self.by_language.set_title(_("By language"))
        self.by_contacts.set_title(_("By contacts before the hearing"))
        self.by_packet.set_title(_("By packet given"))
        self.by_needs.set_title(_("By needs met"))
        for chart in self.charts().values():
            chart.retranslate()
        self.message.retranslate()
        self._show_figures()
