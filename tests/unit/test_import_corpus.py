"""The corpus of awkward files (tests/data/import/): each imports exactly what it should,
or is refused, with nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from companion.domain.models import Courthouse
from companion.imports import errors
from companion.imports.batches import apply_plan
from companion.imports.errors import RowsHaveErrorsError
from companion.imports.mapping import guess_mapping
from companion.imports.plan import build_plan
from companion.imports.reading import MAX_BYTES, read_table
from companion.store.store import Store

CORPUS = Path(__file__).parents[1] / "data" / "import"
TABLES = ("people", "contact_methods", "cases", "case_people", "hearings", "attendance")

# file -> (people, cases, hearings, attendance rows), read from each file by hand.
IMPORTS: dict[str, tuple[int, int, int, int]] = {
    "utf8_comma.csv": (2, 2, 2, 2),
    "utf8_bom_semicolon.csv": (2, 2, 2, 2),
    "utf16_tab_excel.txt": (2, 2, 2, 2),
    "cp1252_comma.csv": (2, 2, 2, 2),
    "pipe_delimited.csv": (1, 1, 1, 1),
    "dmy_detected.csv": (2, 2, 2, 2),
    "mdy_detected.csv": (2, 2, 2, 2),
    "excel_serial_dates.csv": (2, 2, 2, 2),
    "twelve_hour_times.csv": (3, 3, 3, 3),
    "twenty_four_hour_times.csv": (3, 3, 3, 3),
    "several_scripts.csv": (5, 5, 5, 5),
    "duplicates.csv": (1, 2, 2, 2),
    "spanish_headers.csv": (2, 1, 1, 2),
    "export_names.csv": (2, 2, 2, 2),
    "combined_date_time.csv": (2, 2, 2, 2),
    "quotes_and_newlines.csv": (1, 1, 1, 1),
    "mixed_line_endings.csv": (3, 3, 3, 3),
    "unknown_columns.csv": (1, 1, 1, 1),
    "workbook_serial_numbers.xlsx": (1, 1, 1, 1),
}

REFUSED: dict[str, str] = {
    "empty.csv": errors.EMPTY,
    "blank_lines_only.csv": errors.EMPTY,
    "header_only.csv": errors.HEADER_ONLY,
    "binary.csv": errors.BINARY,
    "corrupt.xlsx": errors.CORRUPT_XLSX,
    "duplicate_headers.csv": errors.DUPLICATE_HEADERS,
    "stray_bom.csv": errors.STRAY_BOM,
    "unclosed_quote.csv": errors.UNCLOSED_QUOTE,
    "workbook_two_sheets.xlsx": errors.HEADER_ONLY,  # its first sheet is a cover note
}


@pytest.fixture
def one_court(store: Store) -> Store:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    return store


def _counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _contents(store: Store) -> dict[str, list[Any]]:
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def test_the_corpus_has_every_file_listed() -> None:
    listed = set(IMPORTS) | set(REFUSED) | {"ambiguous_dates.csv", "bad_rows.csv"}
    assert {path.name for path in CORPUS.iterdir()} == listed
    assert len(listed) >= 25


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_file_imports_what_it_holds(one_court: Store, name: str) -> None:
    table = read_table(CORPUS / name)
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert plan.errors == []
    apply_plan(one_court, plan, name)
    counts = _counts(one_court)
    people, cases, hearings, attendance = IMPORTS[name]
    assert (counts["people"], counts["cases"], counts["hearings"], counts["attendance"]) == (
        people,
        cases,
        hearings,
        attendance,
    )
    assert one_court.check() == []


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_broken_file_is_refused_whole(name: str) -> None:
    with pytest.raises(errors.ImportFileError) as raised:
        read_table(CORPUS / name)
    assert raised.value.reason == REFUSED[name]


def test_a_file_over_50_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(errors.ImportFileError) as raised:
        read_table(big)
    assert raised.value.reason == errors.TOO_LARGE


def test_the_chosen_sheet_is_read(one_court: Store) -> None:
    table = read_table(CORPUS / "workbook_two_sheets.xlsx", sheet="Hearings")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert plan.errors == []
    starts = sorted(hearing.starts_at.replace(tzinfo=None) for hearing in plan.hearings)
    assert starts == [dt.datetime(2027, 6, 1, 9, 30), dt.datetime(2027, 6, 2, 14, 0)]


def test_ambiguous_dates_ask_once_and_the_answer_is_used(one_court: Store) -> None:
    table = read_table(CORPUS / "ambiguous_dates.csv")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert {(e.row, e.column, e.reason) for e in plan.errors} == {
        (2, "Court Date", "date_order_ambiguous"),
        (3, "Court Date", "date_order_ambiguous"),
    }
    for order, first in (("mdy", dt.date(2027, 3, 4)), ("dmy", dt.date(2027, 4, 3))):
        plan = build_plan(one_court, table, guess_mapping(table.headers), date_order=order)
        assert plan.errors == []
        assert min(hearing.starts_at.date() for hearing in plan.hearings) == first


def test_values_as_offices_write_them(one_court: Store) -> None:
    table = read_table(CORPUS / "excel_serial_dates.csv")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert sorted(h.starts_at.date() for h in plan.hearings) == [
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 16),
    ]
    table = read_table(CORPUS / "twelve_hour_times.csv")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert sorted(h.starts_at.time() for h in plan.hearings) == [
        dt.time(9, 0),
        dt.time(12, 15),
        dt.time(14, 30),
    ]
    table = read_table(CORPUS / "spanish_headers.csv")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    people = sorted(plan.people.values(), key=lambda person: person.given_name)
    assert [
        (p.given_name, p.language, p.role.value, p.needs_interpreter, p.phone) for p in people
    ] == [
        ("María", "es", "victim", True, "+12025550116"),
        ("Pedro", "es", "witness", False, "+12025550117"),
    ]
    table = read_table(CORPUS / "cp1252_comma.csv")
    assert table.encoding == "cp1252"
    assert [row[1] for row in table.rows] == ["Peña", "Müller"]


def test_bad_rows_are_listed_and_nothing_is_written(one_court: Store) -> None:
    before = _contents(one_court)
    table = read_table(CORPUS / "bad_rows.csv")
    plan = build_plan(one_court, table, guess_mapping(table.headers))
    assert {(e.row, e.column, e.reason) for e in plan.errors} == {
        (3, "Cell", "invalid_phone"),
        (4, "Court Date", "date_impossible"),
        (5, "Victim First Name", "required"),
        (6, "Time", "time_impossible"),
    }
    assert _contents(one_court) == before
    # Staff may choose to skip them: only the good row is imported.
    with pytest.raises(RowsHaveErrorsError):
        apply_plan(one_court, plan, "bad_rows.csv")
    assert _contents(one_court) == before
    apply_plan(one_court, plan, "bad_rows.csv", skip_bad_rows=True)
    assert _counts(one_court)["people"] == 1


def test_unknown_columns_go_to_notes_when_asked(one_court: Store) -> None:
    table = read_table(CORPUS / "unknown_columns.csv")
    mapping = guess_mapping(table.headers)
    assert mapping.columns["Officer Badge"] is None
    mapping.unknown_to_notes = True
    plan = build_plan(one_court, table, mapping)
    (person,) = plan.people.values()
    assert person.notes == ["Officer Badge: 4471", "Defendant Name: Sample Defendant"]
