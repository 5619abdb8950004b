"""Every text a dialog shows comes from the catalog and follows a language switch,
without losing what the user typed or the messages on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from companion.domain.models import Attendance, Case, Courthouse, Hearing, Person
from companion.i18n.languages import PSEUDO_TAG, SOURCE_TAG
from companion.i18n.pseudo import OPEN_BRACKET
from companion.store.store import Store
from companion.ui import i18n
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.records.dialogs.case_dialog import CaseDialog
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from companion.ui.records.dialogs.fields import EnumCombo, LanguageCombo, TimezoneCombo
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog

# Record data shown as it is, not translated.
DATA = {
    "Fictional Hall of Justice",
    "FAM-77  ·  Fictional Family Court",
    "Wei Zhang  ·  张伟",
    "…",
}


@pytest.fixture
def interface_language() -> Iterator[Callable[[str], object]]:
    yield i18n.set_current
    i18n.set_current(SOURCE_TAG)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    courthouse = store.courthouses.add(
        Courthouse("Fictional Hall of Justice", "2 Sample Street", "America/New_York", "US-NY")
    )
    person = store.people.add(Person("Wei", "Zhang", native_name="张伟", language="zh-Hans"))
    assert person.id is not None and courthouse.id is not None
    case = store.cases.add(Case("FAM-77", "Fictional Family Court", person_ids=[person.id]))
    assert case.id is not None
    start = dt.datetime(2027, 1, 12, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    hearing = store.hearings.add(Hearing(case.id, courthouse.id, start), [Attendance(person.id, 0)])
    assert hearing.id is not None
    return {
        "person": person.id,
        "case": case.id,
        "hearing": hearing.id,
        "courthouse": courthouse.id,
    }


def _all_dialogs(store: Store, ids: dict[str, int]) -> list[RecordDialog]:
    return [
        PersonDialog(store, ids["person"]),
        PersonDialog(store),
        CourthouseDialog(store, ids["courthouse"]),
        CaseDialog(store, ids["case"]),
        CaseDialog(store, person_id=ids["person"]),
        HearingDialog(store, ids["hearing"]),
        HearingDialog(store, case_id=ids["case"]),
        ContinueHearingDialog(store, ids["hearing"]),
        AttendanceDialog(store, ids["person"], ids["hearing"]),
    ]


def _shown_texts(dialog: RecordDialog) -> list[tuple[str, str]]:
    """(what, text) for every interface text the dialog shows or announces."""
    texts = [("window title", dialog.windowTitle())]
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if widget.objectName() in {"dateMeaning", "timeMeaning"}:
            continue  # a typed date or time, formatted by CLDR in the interface language
        name = type(widget).__name__
        if widget.accessibleName():
            texts.append((f"{name} accessible name", widget.accessibleName()))
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append((f"{name} label", widget.text()))
        elif isinstance(widget, QLabel) and widget.text():
            texts.append((f"{name} text", widget.text()))
        if isinstance(widget, QAbstractButton) and widget.text():
            texts.append((f"{name} text", widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((f"{name} title", widget.title()))
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            texts.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, EnumCombo):
            texts.extend((f"{name} item", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append((f"{name} header", header.text() if header else ""))
    return [(what, text) for what, text in texts if text not in DATA]


def test_every_shown_text_goes_through_the_catalog(
    qtbot: QtBot,
    store: Store,
    ids: dict[str, int],
    interface_language: Callable[[str], object],
) -> None:
    interface_language(PSEUDO_TAG)
    for dialog in _all_dialogs(store, ids):
        qtbot.addWidget(dialog)
        dialog.show()
        untranslated = [
            (what, text) for what, text in _shown_texts(dialog) if OPEN_BRACKET not in text
        ]
        assert untranslated == [], type(dialog).__name__


def test_switching_language_keeps_input_and_retranslates_messages(
    qtbot: QtBot,
    store: Store,
    ids: dict[str, int],
    interface_language: Callable[[str], object],
) -> None:
    dialog = HearingDialog(store, case_id=ids["case"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.start.date.line_edit, "2026-02-31")
    qtbot.keyClicks(dialog.courtroom, "5C")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    english = dialog.error_text("date")
    assert "not a real date" in english

    interface_language(PSEUDO_TAG)
    dialog.retranslate()
    assert dialog.start.date.text() == "2026-02-31" and dialog.courtroom.text() == "5C"
    pseudo = dialog.error_text("date")
    assert OPEN_BRACKET in pseudo and "2026-02-31" in pseudo
    assert OPEN_BRACKET in dialog.save_button.text()

    interface_language(SOURCE_TAG)
    dialog.retranslate()
    assert dialog.error_text("date") == english
    assert dialog.save_button.text() == "Save"
    assert len(store.hearings.for_case(ids["case"])) == 1


def test_zone_and_language_combos_keep_record_data_untranslated(
    qtbot: QtBot, store: Store, interface_language: Callable[[str], object]
) -> None:
    interface_language(PSEUDO_TAG)
    dialog = PersonDialog(store)
    qtbot.addWidget(dialog)
    languages = dialog.findChild(LanguageCombo)
    assert languages is not None
    assert "Arabic · العربية" in [languages.itemText(i) for i in range(languages.count())]
    courthouse = CourthouseDialog(store)
    qtbot.addWidget(courthouse)
    zones = courthouse.findChild(TimezoneCombo)
    assert zones is not None and zones.findText("America/New_York") >= 0
    assert isinstance(zones, QComboBox)
