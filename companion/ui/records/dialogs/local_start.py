"""A hearing's start as typed: date and time on the courthouse's clock, zone named beside."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from companion.domain.models import Courthouse
from companion.domain.validation import local_datetime
from companion.ui.i18n import _
from companion.ui.records.dialogs.common import InputProblems
from companion.ui.records.dialogs.fields import DateField, retranslate_time_edit, time_line_edit


class LocalStartFields:
    """The date field, and a row with the time field and the zone's name.

    Errors name the fields ``date`` and ``time`` (a time skipped by a clock change
    is a ``time`` error).
    """

    def __init__(self) -> None:
        self.date = DateField()
        self.time = time_line_edit()
        self.zone_label = QLabel()
        self.zone = ""
        self.time_row = QWidget()
        row = QHBoxLayout(self.time_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.time)
        row.addWidget(self.time.meaning)
        row.addSpacing(12)
        row.addWidget(self.zone_label, 1)

    def set_start(self, starts_at: dt.datetime) -> None:
        self.date.set_date(starts_at.date())
        self.time.set_time(starts_at.time())

    def set_zone(self, zone: str) -> None:
        self.zone = zone
        self.retranslate()

    def read(self, problems: InputProblems, courthouse: Courthouse | None) -> dt.datetime | None:
        """The aware start, or ``None`` with the reasons noted in ``problems``."""
        day = problems.take(lambda: self.date.date("date"))
        clock = problems.take(lambda: self.time.time("time"))
        if day is None or clock is None or courthouse is None:
            return None
        return problems.take(lambda: local_datetime(day, clock, courthouse.timezone, "time"))

    def retranslate(self) -> None:
        self.date.retranslate(_("Date"))
        retranslate_time_edit(self.time, _("Time"))
        if self.zone:
            self.zone_label.setText(_("local time in {zone}").format(zone=self.zone))
        else:
            self.zone_label.setText(_("local time at the courthouse"))
