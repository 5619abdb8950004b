"""The reminder schedule in Preferences: when people are due for a reminder call.

It belongs to the office and lives in the encrypted store, where the call list reads it
(``store.outreach.schedule()``). The days are typed as a list ("7, 2, 1"), in any digits
and with any list separator of the interface languages.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from companion.errors import ValidationError
from companion.outreach.schedule import ReminderSchedule, validate_schedule
from companion.ui import formatting
from companion.ui.i18n import _

#: Commas (Latin, Arabic, CJK), the CJK enumeration mark, semicolons and spaces.
_SEPARATORS = re.compile(r"[\s,،、，;；]+")
DAYS_FIELD = "days"


def parse_days(text: str) -> tuple[int, ...]:
    """The whole days typed, largest first, each once; ``ValidationError`` on anything
    that is not a whole number of days from 1 to 365."""
    days = []
    for part in _SEPARATORS.split(text.strip()):
        if not part:
            continue
        if not part.isdecimal():
            raise ValidationError(DAYS_FIELD, "not_days", part)
        days.append(int(part))  # int() reads every script's decimal digits
    return validate_schedule(ReminderSchedule(tuple(days))).days_before


def days_text(days: tuple[int, ...]) -> str:
    return ", ".join(formatting.number(day) for day in days)


class ReminderScheduleBox(QGroupBox):
    def __init__(self, schedule: ReminderSchedule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = schedule
        self.when_scheduled = QCheckBox()
        self.when_scheduled.setChecked(schedule.when_scheduled)
        self.days_label = QLabel()
        self.days = QLineEdit(days_text(schedule.days_before))
        self.days.setMaxLength(80)
        self.days_label.setBuddy(self.days)
        self.when_moved = QCheckBox()
        self.when_moved.setChecked(schedule.when_moved_or_cancelled)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        grid = QGridLayout(self)
        grid.addWidget(self.when_scheduled, 0, 0, 1, 2)
        grid.addWidget(self.days_label, 1, 0)
        grid.addWidget(self.days, 1, 1)
        grid.addWidget(self.when_moved, 2, 0, 1, 2)
        grid.addWidget(self.hint, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def schedule(self) -> ReminderSchedule:
        """The schedule as set, or the ``ValidationError(s)`` that say why the days are not."""
        days = parse_days(self.days.text())
        return ReminderSchedule(days, self.when_scheduled.isChecked(), self.when_moved.isChecked())

    def changed(self, schedule: ReminderSchedule) -> bool:
        return validate_schedule(self.loaded) != schedule

    def retranslate(self) -> None:
        self.setTitle(_("Reminder calls"))
        self.when_scheduled.setText(_("Call when a hearing is sc&heduled"))
        self.days_label.setText(_("And this many da&ys before it:"))
        self.days.setAccessibleName(_("Days before the hearing to call"))
        self.days.setPlaceholderText(_("For example 7, 2, 1"))
        self.when_moved.setText(_("Call at once when a hearing is &moved or cancelled"))
        self.hint.setText(
            _(
                "Whole days from 1 to 365, separated by commas. A person is due for a call "
                "when a step is reached and nobody has reached them since; after no answer, "
                "again the next working day. This applies to the whole office."
            )
        )
