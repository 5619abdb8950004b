"""Spreadsheet and calendar exports: escaped formula cells, private files, moved and
cancelled hearings, initials unless names are asked for."""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook

from companion.domain.models import HearingStatus
from companion.exchange.calendar_export import export_calendar
from companion.exchange.spreadsheet import (
    ExportFormat,
    ExportKind,
    escape_cell,
    export_table,
)
from companion.i18n.catalog import translator
from companion.store.store import Store

WIDE_FIRST = dt.date(2020, 1, 1)
WIDE_LAST = dt.date(2035, 12, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+15555550100", "'+15555550100"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("María", "María"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_escape_cell(value: str, expected: str) -> None:
    assert escape_cell(value) == expected


def _rename_first_person(store: Store, given: str) -> int:
    person_id = int(store.people.scalar("SELECT min(id) FROM people"))
    person = store.people.get(person_id)
    person.given_name = given
    store.people.update(person)
    return person_id


def test_csv_export_escapes_formulas_and_is_private(demo_store: Store, tmp_path: Path) -> None:
    _rename_first_person(demo_store, '=HYPERLINK("http://x.invalid","go")')
    path = tmp_path / "people.csv"
    result = export_table(demo_store, ExportKind.PEOPLE, ExportFormat.CSV, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["uid", "given_name", "family_name"]
    assert (
        len(rows) - 1
        == result.rows
        == demo_store.people.scalar("SELECT count(*) FROM people WHERE deleted_at IS NULL")
    )
    given_names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x.invalid","go")' in given_names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
    uids = {row[0] for row in rows[1:]}
    assert uids == {
        row["uid"]
        for row in demo_store.people.rows("SELECT uid FROM people WHERE deleted_at IS NULL")
    }


def test_xlsx_export_holds_text_not_formulas(demo_store: Store, tmp_path: Path) -> None:
    _rename_first_person(demo_store, "=1+1")
    path = tmp_path / "people.xlsx"
    export_table(demo_store, ExportKind.PEOPLE, ExportFormat.XLSX, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sheet = load_workbook(path).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=1+1" in [cell.value for cell in cells]


def test_hearings_export_shows_moved_and_cancelled(demo_store: Store, tmp_path: Path) -> None:
    hearing_id = int(
        demo_store.hearings.scalar(
            "SELECT min(id) FROM hearings WHERE status = 'scheduled' AND deleted_at IS NULL"
        )
    )
    old = demo_store.hearings.get(hearing_id)
    new_start = old.starts_at + dt.timedelta(days=21)
    moved = demo_store.hearings.continue_hearing(hearing_id, new_start)
    cancelled_id = int(
        demo_store.hearings.scalar(
            "SELECT min(id) FROM hearings WHERE status = 'scheduled' AND id NOT IN (?, ?)",
            [hearing_id, moved.id],
        )
    )
    demo_store.hearings.set_status(cancelled_id, HearingStatus.CANCELLED)
    path = tmp_path / "hearings.csv"
    export_table(demo_store, ExportKind.HEARINGS, ExportFormat.CSV, path, WIDE_FIRST, WIDE_LAST)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    by_uid = {row["hearing_uid"]: row for row in rows}
    old_row = by_uid[old.uid]
    assert old_row["status"] == "continued"
    assert old_row["moved_to"].startswith(new_start.strftime("%Y-%m-%dT%H:%M"))
    assert by_uid[demo_store.hearings.get(cancelled_id).uid]["status"] == "cancelled"

    docket = tmp_path / "docket.csv"
    export_table(demo_store, ExportKind.DOCKET, ExportFormat.CSV, docket, WIDE_FIRST, WIDE_LAST)
    docket_uids = {
        row["hearing_uid"]
        for row in csv.DictReader(io.StringIO(docket.read_text(encoding="utf-8-sig")))
    }
    assert demo_store.hearings.get(cancelled_id).uid not in docket_uids
    assert moved.uid in docket_uids


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_export_ics_initials_unless_names(demo_store: Store, tmp_path: Path) -> None:
    t = translator("en")
    people = demo_store.people.rows(
        "SELECT given_name, family_name FROM people WHERE deleted_at IS NULL"
    )
    family_names = {row["family_name"] for row in people}
    plain = tmp_path / "plain.ics"
    result = export_calendar(demo_store, WIDE_FIRST, WIDE_LAST, plain, t)
    assert stat.S_IMODE(plain.stat().st_mode) == 0o600
    summaries = [str(event["SUMMARY"]) for event in _events(plain)]
    assert len(summaries) == result.events > 0
    assert not any(name in summary for name in family_names for summary in summaries)
    assert any("M.D." in summary for summary in summaries)  # María Demo-López

    named = tmp_path / "named.ics"
    export_calendar(demo_store, WIDE_FIRST, WIDE_LAST, named, t, names=True)
    named_summaries = " ".join(str(event["SUMMARY"]) for event in _events(named))
    assert "María Demo-López" in named_summaries


def test_export_ics_moved_and_cancelled(demo_store: Store, tmp_path: Path) -> None:
    hearing_id = int(
        demo_store.hearings.scalar("SELECT min(id) FROM hearings WHERE status = 'scheduled'")
    )
    old = demo_store.hearings.get(hearing_id)
    moved = demo_store.hearings.continue_hearing(hearing_id, old.starts_at + dt.timedelta(days=7))
    cancelled_id = int(
        demo_store.hearings.scalar(
            "SELECT min(id) FROM hearings WHERE status = 'scheduled' AND id != ?", [moved.id]
        )
    )
    cancelled = demo_store.hearings.set_status(cancelled_id, HearingStatus.CANCELLED)
    path = tmp_path / "cal.ics"
    export_calendar(demo_store, WIDE_FIRST, WIDE_LAST, path, translator("en"))
    events = {str(event["UID"]): event for event in _events(path)}
    moved_event = events[f"{old.calendar_uid}@court-companion.invalid"]
    assert int(moved_event["SEQUENCE"]) == old.sequence + 1
    assert moved_event.decoded("DTSTART") == old.starts_at + dt.timedelta(days=7)
    cancelled_event = events[f"{cancelled.calendar_uid}@court-companion.invalid"]
    assert str(cancelled_event["STATUS"]) == "CANCELLED"
