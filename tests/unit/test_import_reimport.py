"""Import, re-import with moved dates (continuances), and undo back to the state before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from companion.domain.models import AttendanceStatus, Courthouse, HearingStatus
from companion.imports.batches import apply_plan, undo_last_import
from companion.imports.mapping import guess_mapping
from companion.imports.plan import build_plan
from companion.imports.reading import read_table
from companion.store.store import Store

HEADER = "Victim ID,Victim First Name,Victim Last Name,Cell,Case Number,Court Date,Time,Dept\n"
PEOPLE = [
    ("V-1", "Ana", "Fictional", "+1 202-555-0101", "CR-1"),
    ("V-2", "Bo", "Sample", "+1 202-555-0102", "CR-2"),
    ("V-3", "Chen", "Example", "+1 202-555-0103", "CR-3"),
    ("V-4", "Dana", "Testcase", "+1 202-555-0104", "CR-4"),
]
RECORD_TABLES = (
    "people",
    "contact_methods",
    "courthouses",
    "cases",
    "case_people",
    "hearings",
    "attendance",
    "person_history",
    "attendance_outcomes",
    "person_external_ids",
)


def _export(path: Path, days: list[int]) -> Path:
    start = dt.date.today() + dt.timedelta(days=30)
    lines = [HEADER]
    for (ext, given, family, phone, docket), offset in zip(PEOPLE, days, strict=True):
        day = start + dt.timedelta(days=offset)
        lines.append(f"{ext},{given},{family},{phone},{docket},{day:%m/%d/%Y},9:30 AM,12\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(store.db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        for table in RECORD_TABLES
    }


def _import(store: Store, path: Path) -> int:
    table = read_table(path)
    plan = build_plan(store, table, guess_mapping(table.headers), date_order="mdy")
    assert plan.errors == []
    return apply_plan(store, plan, path.name)


def test_three_moved_dates_are_three_continuances_and_undo_restores(
    store: Store, tmp_path: Path
) -> None:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    _import(store, _export(tmp_path / "week1.csv", [0, 1, 2, 3]))
    assert store.db.execute("SELECT count(*) FROM people").fetchone()[0] == 4
    assert store.db.execute("SELECT count(*) FROM hearings").fetchone()[0] == 4
    before = _tables(store)

    week2 = read_table(_export(tmp_path / "week2.csv", [10, 11, 12, 3]))
    plan = build_plan(store, week2, guess_mapping(week2.headers), date_order="mdy")
    assert (plan.new_people, plan.updated_people) == (0, 0)  # same people, same details
    assert (plan.moved_hearings, plan.new_hearings, plan.unchanged) == (3, 0, 1)
    apply_plan(store, plan, "week2.csv")

    statuses = [row[0] for row in store.db.execute("SELECT status FROM hearings ORDER BY id")]
    assert statuses.count(HearingStatus.CONTINUED.value) == 3
    new_ones = store.db.execute(
        "SELECT id, continued_from_id FROM hearings WHERE continued_from_id IS NOT NULL"
    ).fetchall()
    assert len(new_ones) == 3
    due = store.db.execute(
        "SELECT count(DISTINCT a.person_id) FROM attendance a JOIN hearings h "
        "ON h.id = a.hearing_id WHERE h.continued_from_id IS NOT NULL AND a.status = ?",
        [AttendanceStatus.UNKNOWN.value],
    ).fetchone()[0]
    assert due == 3

    undo_last_import(store)
    assert _tables(store) == before


def test_reimporting_the_same_file_rewrites_nothing(store: Store, tmp_path: Path) -> None:
    """An unchanged file changes no record: no row_version is raised (which would read as
    an edit on this laptop and make a false conflict in a handoff), and no one is counted
    as updated."""
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    first = _export(tmp_path / "week1.csv", [0, 1, 2, 3])
    _import(store, first)
    versions = store.db.execute("SELECT uid, row_version, updated_at FROM people").fetchall()
    before = _tables(store)
    again = read_table(first)
    plan = build_plan(store, again, guess_mapping(again.headers), date_order="mdy")
    assert plan.summary()["new_people"] == 0
    assert plan.summary()["updated_people"] == 0
    assert plan.summary()["unchanged"] == 4
    apply_plan(store, plan, first.name)
    assert store.db.execute("SELECT uid, row_version, updated_at FROM people").fetchall() == (
        versions
    )
    assert _tables(store) == before


def test_a_new_phone_makes_a_person_updated(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    first = _export(tmp_path / "week1.csv", [0, 1, 2, 3])
    _import(store, first)
    changed = tmp_path / "week2.csv"
    changed.write_text(
        first.read_text("utf-8").replace("+1 202-555-0102", "+1 202-555-0199"), "utf-8"
    )
    table = read_table(changed)
    plan = build_plan(store, table, guess_mapping(table.headers), date_order="mdy")
    assert (plan.new_people, plan.updated_people) == (0, 1)


def test_undo_of_first_import_empties_the_records(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    before = _tables(store)
    _import(store, _export(tmp_path / "week1.csv", [0, 1, 2, 3]))
    undo_last_import(store)
    assert _tables(store) == before
    assert store.check() == []


def test_missing_hearing_is_listed_not_deleted(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    _import(store, _export(tmp_path / "week1.csv", [0, 1, 2, 3]))
    path = tmp_path / "week2.csv"
    start = dt.date.today() + dt.timedelta(days=30)
    path.write_text(
        HEADER + f"V-1,Ana,Fictional,+1 202-555-0101,CR-1,{start:%m/%d/%Y},9:30 AM,12\n"
        f"V-1,Ana,Fictional,+1 202-555-0101,CR-1,{start + dt.timedelta(days=60):%m/%d/%Y},"
        "10:00 AM,12\n",
        encoding="utf-8",
    )
    table = read_table(path)
    plan = build_plan(store, table, guess_mapping(table.headers), date_order="mdy")
    assert (plan.unchanged, plan.new_hearings, plan.moved_hearings) == (1, 1, 0)
    assert plan.missing_hearing_ids == []
    # CR-2's hearing is not in this file, but CR-2 is not either: not listed.
    path.write_text(HEADER + f"V-2,Bo,Sample,+1 202-555-0102,CR-2,{start:%m/%d/%Y},9:30 AM,12\n")
    table = read_table(path)
    plan = build_plan(store, table, guess_mapping(table.headers), date_order="mdy")
    assert plan.new_hearings == 1 or plan.moved_hearings == 1
