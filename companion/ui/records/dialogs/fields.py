"""Input widgets the dialogs share: enum combos, date and time fields, zones, languages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Generic, Protocol, TypeVar
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from companion.errors import ValidationError
from companion.i18n.formatting import format_date, format_hearing_datetime, format_time
from companion.i18n.languages import LANGUAGES, find_languages, language_label
from companion.i18n.parsing import (
    date_example,
    format_date_input,
    parse_date,
    parse_time,
    time_example,
)
from companion.paths import resource_path
from companion.ui.fonts import FAMILY_FILES
from companion.ui.i18n import _, current
from companion.ui.widgets.chooser_keys import attach_chooser, describe_chooser


class LabelledChoice(Protocol):
    """A string enum member with a catalog-marked label (``LabelledEnum``, or the
    outreach enums such as ``ContactOutcome``)."""

    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


E = TypeVar("E", bound=LabelledChoice)

# Bundled faces that cover the scripts witnesses' names are written in, in fallback order.
_NATIVE_FONT_FILES = FAMILY_FILES


@lru_cache(maxsize=1)
def _native_font_families() -> tuple[str, ...]:
    """The bundled families for names in any script, loaded into Qt unless already there
    (the app loads them at start; a dialog opened on its own, as in tests, does it here)."""
    known = set(QFontDatabase.families())
    for family, file_name in _NATIVE_FONT_FILES.items():
        path = resource_path("fonts", file_name)
        if family not in known and path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                known.update(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(family for family in _NATIVE_FONT_FILES if family in known)


def native_name_font(base: QFont) -> QFont:
    """``base`` with the bundled faces first (Arabic, Chinese, Ethiopic, Devanagari...),
    so names in any bundled script show.

    Qt falls back per character to the next family that has the glyph.
    """
    font = QFont(base)
    families = list(_native_font_families())
    if families:
        font.setFamilies([*families, *base.families()])
    return font


class EnumCombo(QComboBox, Generic[E]):
    """A combo box over the members of a labelled enum, showing their translated labels."""

    def __init__(self, members: Sequence[E], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = list(members)
        for member in self._members:
            self.addItem(member.label, member.value)

    def current_member(self) -> E:
        return self._members[max(self.currentIndex(), 0)]

    def set_member(self, member: E) -> None:
        self.setCurrentIndex(self._members.index(member))

    def set_value(self, value: object) -> None:
        """Choose the member whose stored value is ``value``; anything else changes nothing."""
        for index, member in enumerate(self._members):
            if member.value == value:
                self.setCurrentIndex(index)

    def retranslate(self) -> None:
        for index, member in enumerate(self._members):
            self.setItemText(index, _(member.label))


def _interface_tag() -> str:
    return current().language.tag


class DateField(QWidget):
    """A date typed as people write it in the interface language ("12/15/2026",
    "Dec 15", "15/12/2026", "2026年12月15日"; ``companion.i18n.parsing``), a button that
    opens a calendar, and beside them what the typed text means ("Tuesday, December 15,
    2026"), so staff see what will be stored before they save. Nothing typed is cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit()
        self.line_edit.setMinimumWidth(self.line_edit.fontMetrics().horizontalAdvance("0") * 14)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        self._menu.aboutToShow.connect(self._show_typed_date)
        self.pick_button = QToolButton()
        self.pick_button.setText("…")
        self.pick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick_button.setMenu(self._menu)
        # Not a Tab stop: "12/15/2026", Tab, "2:30 PM" must reach the time field (the
        # space would press the button); the field opens the calendar with Alt+Down or F4.
        attach_chooser(self.line_edit, self.pick_button, self.open_calendar)
        self.meaning = QLabel()
        self.meaning.setObjectName("dateMeaning")
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit)
        row.addWidget(self.pick_button)
        row.addWidget(self.meaning, 1)
        self.line_edit.textChanged.connect(self._show_meaning)
        # No focus proxy: a proxy placed after its own children in the focus chain sent
        # Tab from the calendar button back into the text field, a keyboard trap.

    def text(self) -> str:
        return self.line_edit.text()

    def date(self, field: str = "date") -> dt.date:
        """The date typed, or the ``ValidationError`` that says why it is not one."""
        return parse_date(self.line_edit.text(), _interface_tag(), field)

    def set_date(self, day: dt.date) -> None:
        self.line_edit.setText(format_date_input(day, _interface_tag()))

    def _typed_date(self) -> dt.date | None:
        try:
            return self.date()
        except ValidationError:
            return None

    def _show_meaning(self) -> None:
        day = self._typed_date()
        self.meaning.setText(format_date(day, _interface_tag(), "full") if day else "")

    def _show_typed_date(self) -> None:
        day = self._typed_date()
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def open_calendar(self) -> None:
        """The calendar below the field, with the keyboard in it (Enter picks the day)."""
        self._menu.popup(self.pick_button.mapToGlobal(self.pick_button.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        self.set_date(dt.date(day.year(), day.month(), day.day()))
        self._menu.hide()
        self.line_edit.setFocus()

    def retranslate(self, accessible_name: str) -> None:
        example = date_example(_interface_tag())
        self.line_edit.setPlaceholderText(_("Like {example}").format(example=example))
        self.line_edit.setAccessibleName(accessible_name)
        describe_chooser(self.line_edit, self.pick_button, _("Choose the date on a calendar"))
        self._show_meaning()


class TimeEdit(QLineEdit):
    """A clock time typed as people write it ("2:30 PM", "14:30", "1430", "14 h 30",
    "오후 2:30"; ``companion.i18n.parsing``). Nothing typed is cut. ``meaning`` is a label
    to put beside it: it shows the time the text means, in the interface language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        width = self.fontMetrics().horizontalAdvance("00:00 PM")
        self.setMinimumWidth(width * 2)
        self.setMaximumWidth(width * 3)
        self.meaning = QLabel()
        self.meaning.setObjectName("timeMeaning")
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        self.textChanged.connect(self._show_meaning)

    def time(self, field: str = "time") -> dt.time:
        """The time typed, or the ``ValidationError`` that says why it is not one."""
        return parse_time(self.text(), _interface_tag(), field)

    def set_time(self, clock: dt.time | None) -> None:
        self.setText(format_time(clock, _interface_tag()) if clock is not None else "")

    def _show_meaning(self) -> None:
        try:
            clock = self.time()
        except ValidationError:
            self.meaning.setText("")
            return
        self.meaning.setText(format_time(clock, _interface_tag()))

    def retranslate(self, accessible_name: str) -> None:
        example = time_example(_interface_tag())
        self.setPlaceholderText(_("Like {example}").format(example=example))
        self.setToolTip(_("A time like {example}").format(example=example))
        self.setAccessibleName(accessible_name)
        self._show_meaning()


def time_line_edit() -> TimeEdit:
    """A time field (``TimeEdit``)."""
    return TimeEdit()


def retranslate_time_edit(edit: TimeEdit, accessible_name: str) -> None:
    edit.retranslate(accessible_name)


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


class TimezoneCombo(QComboBox):
    """An editable list of IANA zones; typing any part of a name (``york``) finds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.addItems(list(_zone_names()))
        self.setCurrentIndex(-1)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def zone_name(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


# What a typed language tag looks like ("vi", "es-MX", "zh-Hant"), as opposed to a name.
_TAG_LIKE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class LanguageCombo(QComboBox):
    """The languages Court Companion prints in, each by its name in the interface language
    and its own ("Vietnamese · Tiếng Việt"); any other BCP-47 tag (``so``, ``es-MX``) can
    be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for language in LANGUAGES:
            self.addItem(language.tag, language.tag)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.retranslate()

    def retranslate(self) -> None:
        """The names in the interface language now; what was typed or chosen stays."""
        typed = self.currentText()
        chosen = self.currentIndex() >= 0 and typed == self.itemText(self.currentIndex())
        interface = current().language.tag
        for index, language in enumerate(LANGUAGES):
            self.setItemText(index, language_label(language, interface))
            self.setItemData(index, language.tag, Qt.ItemDataRole.ToolTipRole)
        if not chosen:
            self.setEditText(typed)

    def tag(self) -> str:
        """The tag chosen or typed (validation judges whether it is a real one).

        A typed language tag is kept as typed ("es-MX", "so"); a typed name is looked up
        by ``find_languages``: its name in the interface language, its own name with or
        without accents, or its English name, whole or from the start of a word ("viet",
        "vietnamita", "tieng viet"), when it names one language only.
        """
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            return str(self.itemData(index))
        if _TAG_LIKE.fullmatch(text):
            return text
        found = find_languages(text, current().language.tag)
        return found[0].tag if len(found) == 1 else text

    def set_tag(self, tag: str) -> None:
        index = self.findData(tag)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(tag)


def format_local_start(starts_at: dt.datetime) -> str:
    """A hearing's start as the courthouse's clock shows it, in the interface language,
    with the zone's name (the laptop may be in another zone)."""
    zone_name = getattr(starts_at.tzinfo, "key", None) or starts_at.strftime("%Z")
    when = format_hearing_datetime(starts_at, current().language.tag)
    return _("{when} ({zone})").format(when=when, zone=zone_name)
