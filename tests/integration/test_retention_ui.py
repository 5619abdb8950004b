"""Retention review in the app: the setting, what is due, and a purge that happens only
after the second, explicit step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.domain.models import Case, CaseStatus, Person
from companion.i18n.languages import PSEUDO_TAG
from companion.i18n.pseudo import OPEN_BRACKET
from companion.store.audit import AuditAction
from companion.store.retention import RETENTION_SETTING
from companion.store.store import Store
from companion.ui.safety.records_safety import RecordsSafety
from companion.ui.safety.retention_dialog import RetentionDialog
from companion.ui.shell.language import switch_language
from companion.ui.shell.main_window import MainWindow
from companion.ui.widgets.prompts import ConfirmBox
from tests.integration.helpers.shown_texts import untranslated
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

PURGEABLE = "Zarathustrina"


def _window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _closed_case(store: Store, docket: str, people: list[int], days_ago: int) -> int:
    closed_on = dt.date.today() - dt.timedelta(days=days_ago)
    case = store.cases.add(
        Case(docket, "Court", status=CaseStatus.CLOSED, closed_on=closed_on, person_ids=people)
    )
    assert case.id is not None
    return case.id


def _office(store: Store) -> tuple[int, int, int]:
    gone = store.people.add(Person(PURGEABLE, "Purgeable", language="es"))
    stays = store.people.add(Person("Kept", "Person", language="fr"))
    assert gone.id is not None and stays.id is not None
    old = _closed_case(store, "OLD-1", [gone.id, stays.id], days_ago=800)
    _closed_case(store, "RECENT-2", [stays.id], days_ago=30)
    return old, gone.id, stays.id


def _dialog(qtbot, window: MainWindow) -> RetentionDialog:
    feature = next(f for f in window.features if isinstance(f, RecordsSafety))
    dialog = feature.open_retention()
    qtbot.waitExposed(dialog)
    return dialog


def test_retention_off_shows_nothing_due_and_says_where_to_turn_it_on(qtbot, store: Store) -> None:
    _office(store)
    window = _window(qtbot, store)
    dialog = _dialog(qtbot, window)
    assert "Retention is off" in dialog.setting.text() and "Preferences" in dialog.setting.text()
    assert dialog.table.rowCount() == 0 and not dialog.purge_button.isEnabled()
    assert not dialog.select_all_button.isEnabled()

    store.settings.set(RETENTION_SETTING, 12)  # as the preferences dialog does
    dialog.refresh()
    assert "12 months" in dialog.setting.text()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "OLD-1"
    assert dialog.table.item(0, 2).text() == "2"
    assert "12 months" in dialog.status.text()


def test_purge_through_the_review_screen(qtbot, store: Store) -> None:
    old_case, gone, stays = _office(store)
    store.settings.set(RETENTION_SETTING, 12)
    window = _window(qtbot, store)
    window.people.run_search()
    assert window.people.model.rowCount() == 2
    dialog = _dialog(qtbot, window)
    assert [c.case_id for c in dialog.candidates] == [old_case]
    assert not dialog.purge_button.isEnabled()  # nothing selected yet

    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    assert dialog.selected_case_ids() == [old_case]
    # Step one asks; refusing changes nothing.
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    [question] = _open(ConfirmBox)
    assert "cannot be undone" in question.text()
    assert question.defaultButton() is question.cancel_button
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert len(store.people.list()) == 2 and dialog.table.rowCount() == 1

    # Step two: confirmed, the case and the person with no other case are gone for good.
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    [question] = _open(ConfirmBox)
    assert question.confirm_button.text() == "Purge 1 case for good"
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(question.confirm_button, Qt.MouseButton.LeftButton)

    assert [p.id for p in store.people.list()] == [stays]
    assert store.people.search(PURGEABLE) == []
    remaining = store.db.execute("SELECT count(*) FROM cases WHERE id = ?", [old_case])
    assert remaining.fetchone()[0] == 0
    assert dialog.table.rowCount() == 0
    assert dialog.message.text() == "Purged cases: 1. Purged people: 1."
    [entry] = store.audit.entries(action=AuditAction.PURGED)
    assert (entry.record_kind, entry.record_id) == ("case", old_case)
    assert PURGEABLE not in repr(store.audit.entries())
    window.actions_.show_people.trigger()  # the list was marked stale and is read when shown
    assert window.people.model.person_ids() == [stays]
    assert gone not in window.people.model.person_ids()


def test_review_screen_speaks_the_interface_language(qtbot, store: Store) -> None:
    _office(store)
    store.settings.set(RETENTION_SETTING, 12)
    window = _window(qtbot, store)
    dialog = _dialog(qtbot, window)
    dialog.table.selectRow(0)
    dialog.ask_to_purge()
    [question] = _open(ConfirmBox)
    switch_language(PSEUDO_TAG)
    assert untranslated(dialog) == []
    assert untranslated(question) == []
    assert dialog.selected_case_ids() == [dialog.candidates[0].case_id]  # selection kept
    assert OPEN_BRACKET in dialog.setting.text()
    question.close()
