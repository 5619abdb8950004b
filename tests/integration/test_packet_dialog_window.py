"""Packets from the main window: the Hearing menu, the agenda, the person page."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from companion.domain.models import Case, Courthouse, Person
from companion.store.store import Store
from companion.ui.packets.docket_dialog import DocketDialog
from companion.ui.packets.packet_actions import PacketActions, next_hearing_id
from companion.ui.packets.packet_dialog import PacketDialog
from companion.ui.shell.main_window import MainWindow
from companion.ui.widgets.prompts import InfoBox
from tests.integration.packet_ui_support import answer_save_dialog, hearing_of, open_windows
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

RENDER_TIMEOUT_MS = 20000


def _window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _feature(window: MainWindow) -> PacketActions:
    (feature,) = [f for f in window.features if isinstance(f, PacketActions)]
    return feature


def _packet_dialog(qtbot) -> PacketDialog:
    qtbot.waitUntil(lambda: bool(open_windows(PacketDialog)))
    (dialog,) = open_windows(PacketDialog)
    return dialog


def test_hearing_menu_offers_the_packet_actions(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    feature = _feature(window)
    menu_actions = window.actions_.hearing_menu.actions()
    for action in (feature.print_packet, feature.save_calendar, feature.docket_packets):
        assert action in menu_actions and action.text()
    assert feature.print_packet.shortcut() == QKeySequence("Ctrl+P")
    assert feature.print_packet in window.agenda.table.actions()
    assert feature.print_packet in window.person_page.hearings.actions()


def test_print_packet_for_the_hearing_selected_in_the_agenda(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    feature = _feature(window)
    hearing_id, person_id = hearing_of(demo_store, "María")
    assert window.agenda.select_hearing(hearing_id)
    assert feature.print_packet.isEnabled() and feature.save_calendar.isEnabled()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.agenda.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    dialog = _packet_dialog(qtbot)
    assert (dialog.hearing_id, dialog.person_id) == (hearing_id, person_id)
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=RENDER_TIMEOUT_MS)
    dialog.close()


def test_person_page_button_prints_the_next_hearing_and_history_shows_it(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_store)
    feature = _feature(window)
    hearing_id, person_id = hearing_of(demo_store, "Ahmad")
    window.open_person(person_id)
    assert feature.page_button.isVisible() and feature.page_button.isEnabled()

    feature.page_button.click()

    dialog = _packet_dialog(qtbot)
    assert (dialog.hearing_id, dialog.person_id) == (hearing_id, person_id)
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=RENDER_TIMEOUT_MS)
    answer_save_dialog(monkeypatch, tmp_path / "packet.pdf")
    with qtbot.waitSignal(dialog.recorded):
        dialog.save_button.click()
    history = window.person_page.history
    kinds = [history.item(row, 1).text() for row in range(history.rowCount())]
    assert "Hearing packet saved" in kinds


def test_a_person_without_upcoming_hearings_is_told_so(qtbot, store: Store) -> None:
    courthouse = store.courthouses.add(
        Courthouse("Test Courthouse", "1 Test Street", "America/New_York", "US-NY")
    )
    person = store.people.add(Person("Nadia", "Test-Nohearing", language="fr"))
    store.cases.add(Case("TEST-0002", "Test Court", person_ids=[person.id]))
    assert courthouse.id is not None and person.id is not None
    assert next_hearing_id(store, person.id) is None
    window = _window(qtbot, store)
    window.open_person(person.id)

    _feature(window).print_packet.trigger()

    qtbot.waitUntil(lambda: bool(open_windows(InfoBox)))
    assert "no upcoming hearing" in open_windows(InfoBox)[0].text()
    assert open_windows(PacketDialog) == []


def test_save_calendar_file_from_the_agenda(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_store)
    hearing_id, _person_id = hearing_of(demo_store, "Ahmad")
    assert window.agenda.select_hearing(hearing_id)
    target = tmp_path / "date.ics"
    answer_save_dialog(monkeypatch, target)

    _feature(window).save_calendar.trigger()

    (event,) = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == demo_store.hearings.get(hearing_id).starts_at
    assert "Ahmad" not in str(event["summary"])  # the event names nobody


def test_docket_packets_opens_its_dialog(qtbot, demo_store: Store) -> None:
    window = _window(qtbot, demo_store)
    _feature(window).docket_packets.trigger()
    qtbot.waitUntil(lambda: bool(open_windows(DocketDialog)))
