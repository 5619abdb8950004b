"""The audit trail in the app: views of a person's page are recorded, the screen filters
by action, dates and record number, and exports CSV (which is itself recorded)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from PySide6.QtCore import Qt

from companion.domain.models import Person
from companion.i18n.languages import PSEUDO_TAG
from companion.i18n.pseudo import OPEN_BRACKET
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.safety.audit_dialog import AuditDialog, local_day_bounds
from companion.ui.safety.audit_model import AuditColumn
from companion.ui.safety.records_safety import RecordsSafety
from companion.ui.shell.language import switch_language
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401


def _window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _feature(window: MainWindow) -> RecordsSafety:
    return next(f for f in window.features if isinstance(f, RecordsSafety))


def _views(store: Store) -> list[int | None]:
    entries = store.audit.entries(action=AuditAction.VIEWED_PERSON)
    return [entry.record_id for entry in reversed(entries)]


def test_opening_a_person_page_is_recorded_once_per_view(qtbot, store: Store) -> None:
    office = add_hearing(store)
    other = store.people.add(Person("Second", "Person", language="fr"))
    assert other.id is not None
    window = _window(qtbot, store)
    assert _views(store) == []

    window.open_person(office.person_id)
    assert _views(store) == [office.person_id]
    window.refresh_views()  # reading the same person again is not a new view
    assert _views(store) == [office.person_id]

    window.open_person(other.id)  # another person while the page is in front
    assert _views(store) == [office.person_id, other.id]

    window.show_people_list()
    assert _views(store) == [office.person_id, other.id]
    window.people.run_search()
    window.people.select_person(office.person_id)
    window.actions_.open_person.trigger()
    assert _views(store) == [office.person_id, other.id, office.person_id]
    [entry, *_] = store.audit.entries(action=AuditAction.VIEWED_PERSON)
    assert entry.record_kind == "person" and "Rosa" not in repr(entry)


def _dialog(qtbot, store: Store) -> AuditDialog:
    window = _window(qtbot, store)
    dialog = _feature(window).open_audit()
    qtbot.waitExposed(dialog)
    return dialog


def _shown(dialog: AuditDialog, column: AuditColumn) -> list[str]:
    model = dialog.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_screen_lists_entries_and_filters_them(qtbot, store: Store) -> None:
    office = add_hearing(store)
    store.people.delete(office.person_id)
    store.audit.record(AuditAction.VIEWED_PERSON, "person", 4242)
    dialog = _dialog(qtbot, store)

    assert _shown(dialog, AuditColumn.ACTION) == ["Viewed person", "Moved to Trash"]
    assert _shown(dialog, AuditColumn.RECORD) == ["Person 4242", f"Person {office.person_id}"]
    assert dialog.count_label.text() == "2 entries"

    dialog.set_action(AuditAction.DELETED)
    assert _shown(dialog, AuditColumn.RECORD) == [f"Person {office.person_id}"]
    assert dialog.count_label.text() == "1 entry"
    dialog.set_action(None)

    qtbot.keyClicks(dialog.record_filter, "4242")
    assert _shown(dialog, AuditColumn.ACTION) == ["Viewed person"]
    dialog.record_filter.clear()

    today = dt.date.today()
    dialog.set_date_range(today - dt.timedelta(days=7), today - dt.timedelta(days=1))
    assert dialog.model.rowCount() == 0
    dialog.set_date_range(today, today)
    assert dialog.model.rowCount() == 2
    dialog.set_date_range(None, None)
    assert dialog.model.rowCount() == 2


def test_local_days_become_utc_bounds_for_the_store() -> None:
    since, until = local_day_bounds(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    assert since is not None and until is not None
    local_start = dt.datetime(2026, 3, 1).astimezone()
    assert since == local_start.astimezone(dt.UTC).replace(tzinfo=None)
    # The store keeps what is before ``until`` plus a day: the next local midnight.
    next_start = dt.datetime(2026, 3, 2).astimezone().astimezone(dt.UTC).replace(tzinfo=None)
    assert until + dt.timedelta(days=1) == next_start
    assert local_day_bounds(None, None) == (None, None)


def test_export_writes_csv_of_the_entries_shown_and_is_recorded(
    qtbot, store: Store, tmp_path: Path
) -> None:
    office = add_hearing(store, given_name="Zebulonia", family_name="Quartermaine")
    store.people.delete(office.person_id)
    store.audit.record(AuditAction.VIEWED_PERSON, "person", office.person_id)
    dialog = _dialog(qtbot, store)
    dialog.set_action(AuditAction.DELETED)

    target = tmp_path / "audit.csv"
    assert dialog.export_to(target) == 1
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["id", "at", "os_user", "staff_name", "action", "record_kind", "record_id"]
    assert [(row[4], row[5], row[6]) for row in rows[1:]] == [
        ("deleted", "person", str(office.person_id))
    ]
    assert "Zebulonia" not in target.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.partial"))

    [exported] = store.audit.entries(action=AuditAction.EXPORTED)
    assert exported.detail == "rows=1"
    dialog.set_action(AuditAction.EXPORTED)
    assert _shown(dialog, AuditColumn.RECORD) == ["Audit trail"]
    assert _shown(dialog, AuditColumn.DETAILS) == ["1 entry exported"]
    assert "1 entry" in dialog.message.text()


def test_export_to_an_unwritable_place_says_so_and_records_nothing(
    qtbot, store: Store, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, store)
    assert dialog.export_to(tmp_path / "no such folder" / "audit.csv") is None
    assert dialog.message.is_error and "Could not write the file" in dialog.message.text()
    assert store.audit.entries(action=AuditAction.EXPORTED) == []


def test_screen_follows_a_language_change(qtbot, store: Store) -> None:
    store.audit.record(AuditAction.PURGED, "case", 7, detail="people=2")
    dialog = _dialog(qtbot, store)
    assert _shown(dialog, AuditColumn.DETAILS) == ["2 people purged with the case"]
    switch_language(PSEUDO_TAG)
    assert OPEN_BRACKET in dialog.windowTitle()
    assert OPEN_BRACKET in str(dialog.model.headerData(0, Qt.Orientation.Horizontal))
    assert all(OPEN_BRACKET in text for text in _shown(dialog, AuditColumn.DETAILS))
    assert all(OPEN_BRACKET in text for text in _shown(dialog, AuditColumn.ACTION))
    assert OPEN_BRACKET in dialog.action_filter.itemText(0)
    switch_language("ar")
    assert dialog.isRightToLeft()
