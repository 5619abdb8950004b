"""The import wizard's pages for the gallery (``make screenshots`` and the every-language
tests): small spreadsheets written beside the fictional demo office, and steps that walk
the wizard to each page the way staff would, waiting for its work off the interface
thread.

The spreadsheets are as fictional as the demo office: "Demo-" family names and phone
numbers in the 555-01xx range kept for fiction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from companion.store.store import Store

#: Longest wait for a dry run or an import of a few rows.
WAIT_MS = 60_000
PREVIEW_FILE = "demo-weekly-export.csv"
SUMMARY_FILE = "demo-new-referrals.csv"
DATE_ORDER_FILE = "demo-day-first-dates.csv"
HEADER = (
    "Victim First Name,Victim Last Name,Cell,Case Number,Court Location,Court Date,Court Time\n"
)


def _folder(store: Store) -> Path:
    folder = store.folder.parent / "gallery-spreadsheets"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def _first_scheduled(store: Store) -> tuple[str, str, dt.datetime, str, str, str]:
    """The first scheduled hearing with someone in it: docket, courthouse, start, and the
    person's given name, family name and phone."""
    row = store.db.execute(
        "SELECT c.docket_number, ch.name, h.id, a.person_id FROM hearings h "
        "JOIN cases c ON c.id = h.case_id JOIN courthouses ch ON ch.id = h.courthouse_id "
        "JOIN attendance a ON a.hearing_id = h.id "
        "WHERE h.status = 'scheduled' AND h.deleted_at IS NULL ORDER BY h.starts_at_utc LIMIT 1"
    ).fetchone()
    hearing = store.hearings.get(int(row[2]))
    person = store.people.get(int(row[3]))
    phone = next((c.value for c in person.contacts if c.kind.value == "phone"), "")
    return str(row[0]), str(row[1]), hearing.starts_at, person.given_name, person.family_name, phone


def preview_spreadsheet(store: Store) -> Path:
    """Two new people, a demo hearing moved a week later, and a row with a bad phone."""
    docket, courthouse, start, given, family, phone = _first_scheduled(store)
    later = (start + dt.timedelta(days=7)).date().isoformat()
    soon = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    text = HEADER + (
        f"Rosa,Demo-Ortega,202-555-0161,DEMO-IMPORT-1,{courthouse},{soon},9:30 AM\n"
        f"Tomás,Demo-Reyes,202-555-0162,DEMO-IMPORT-1,{courthouse},{soon},9:30 AM\n"
        f"{given},{family},{phone},{docket},{courthouse},{later},{start:%H:%M}\n"
        f"Amina,Demo-Yusuf,not a number,DEMO-IMPORT-2,{courthouse},{soon},1:00 PM\n"
    )
    return _write(_folder(store) / PREVIEW_FILE, text)


def summary_spreadsheet(store: Store) -> Path:
    """Two new people on a new case: what the summary page says after importing them."""
    _docket, courthouse, *_rest = _first_scheduled(store)
    soon = (dt.date.today() + dt.timedelta(days=21)).isoformat()
    text = HEADER + (
        f"Lucía,Demo-Navarro,202-555-0171,DEMO-IMPORT-3,{courthouse},{soon},10:00 AM\n"
        f"Samuel,Demo-Okafor,202-555-0172,DEMO-IMPORT-3,{courthouse},{soon},10:00 AM\n"
    )
    return _write(_folder(store) / SUMMARY_FILE, text)


def date_order_spreadsheet(store: Store) -> Path:
    """Dates that fit both month first and day first in every row."""
    _docket, courthouse, *_rest = _first_scheduled(store)
    text = HEADER + (
        f"Rosa,Demo-Ortega,202-555-0161,DEMO-IMPORT-1,{courthouse},03/04/2027,9:30 AM\n"
        f"Tomás,Demo-Reyes,202-555-0162,DEMO-IMPORT-2,{courthouse},05/06/2027,10:00 AM\n"
    )
    return _write(_folder(store) / DATE_ORDER_FILE, text)


def _wait(signal: Any) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start(WAIT_MS)
    loop.exec()
    timer.stop()
    signal.disconnect(loop.quit)


def _walk(widget: QWidget, path: Path, page: int) -> Any:
    from companion.ui.exchange.import_state import PREVIEW
    from companion.ui.exchange.import_wizard import ImportWizard

    if not isinstance(widget, ImportWizard):
        raise TypeError(f"{type(widget).__name__} is not the import wizard")
    if widget.currentId() == -1:  # not shown yet: a wizard starts when it is shown
        widget.restart()
    widget.file_page.path_field.set_path(path)
    while widget.currentId() != page:
        before = widget.currentId()
        if before == PREVIEW and widget.state.plan is None:
            _wait(widget.plan_ready)
        widget.next()
        if widget.currentId() == before:
            raise LookupError(f"the import wizard stayed on page {before}")
    if page == PREVIEW and widget.state.plan is None:
        _wait(widget.plan_ready)
    return widget


def on_page(page_name: str) -> Any:
    """A step: the wizard on the page named (FILE, FORMAT, COLUMNS, PREVIEW) with the
    preview spreadsheet chosen."""

    def step(widget: QWidget, store: Store) -> None:
        from companion.ui.exchange import import_state

        _walk(widget, preview_spreadsheet(store), int(getattr(import_state, page_name)))

    return step


def sealed_handoff(widget: QWidget, store: Store) -> None:
    """The receive dialog after *Check*, on a handoff file of one demo person."""
    from companion.exchange.handoff import export_handoff
    from companion.ui.exchange.handoff_dialogs import HandoffImportDialog

    if not isinstance(widget, HandoffImportDialog):
        raise TypeError(f"{type(widget).__name__} is not the receive-handoff dialog")
    person = store.people.list()[0].id
    result = export_handoff(store, [person], _folder(store) / "demo-colleague.cchandoff")
    widget.path_field.set_path(result.path)
    widget.code.setText(result.code)
    widget.check()


def on_date_order_page(widget: QWidget, store: Store) -> None:
    from companion.ui.exchange.import_state import DATE_ORDER

    _walk(widget, date_order_spreadsheet(store), DATE_ORDER)


def imported(widget: QWidget, store: Store) -> None:
    """The last page after a real import of two fictional people into the demo office.
    An earlier import of the same file (another language's screenshot) is undone first,
    so each language shows the same summary."""
    from companion.imports.batches import last_batch, undo_last_import
    from companion.ui.exchange.import_state import DONE, PREVIEW

    batch = last_batch(store)
    if batch is not None:
        name = store.db.execute(
            "SELECT file_name FROM import_batches WHERE id = ?", [batch]
        ).fetchone()[0]
        if name == SUMMARY_FILE:
            undo_last_import(store)
    wizard = _walk(widget, summary_spreadsheet(store), PREVIEW)
    wizard.next()
    if wizard.currentId() != DONE:
        raise LookupError("the import wizard did not start the import")
    if wizard.state.batch_id is None:
        _wait(wizard.imported)
