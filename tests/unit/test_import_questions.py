"""What the import wizard asks before its dry run: the date order of an ambiguous column
(and only then), and the sheet of a workbook that holds the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.imports import errors, values
from companion.imports.mapping import guess_mapping
from companion.imports.questions import AmbiguousColumn, ambiguous_date_columns, first_table
from companion.imports.reading import read_table

CORPUS = Path(__file__).parents[1] / "data" / "import"


def test_a_column_fitting_both_orders_is_asked_about_with_its_dates() -> None:
    table = read_table(CORPUS / "ambiguous_dates.csv")
    found = ambiguous_date_columns(table, guess_mapping(table.headers))
    assert found == [AmbiguousColumn("Court Date", ("03/04/2027", "05/06/2027"))]


@pytest.mark.parametrize(
    "name", ["dmy_detected.csv", "mdy_detected.csv", "excel_serial_dates.csv", "utf8_comma.csv"]
)
def test_a_column_whose_order_shows_is_not_asked_about(name: str) -> None:
    table = read_table(CORPUS / name)
    assert ambiguous_date_columns(table, guess_mapping(table.headers)) == []


def test_a_date_column_left_out_is_not_asked_about() -> None:
    table = read_table(CORPUS / "ambiguous_dates.csv")
    mapping = guess_mapping(table.headers)
    mapping.columns["Court Date"] = None
    assert ambiguous_date_columns(table, mapping) == []


def test_a_workbook_opens_on_its_first_sheet_with_rows() -> None:
    table = first_table(CORPUS / "workbook_two_sheets.xlsx")
    assert table.sheet == "Hearings"
    assert table.sheets == ["Notes", "Hearings"]
    assert len(table.rows) == 2


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.csv", errors.EMPTY), ("header_only.csv", errors.HEADER_ONLY)],
)
def test_a_file_with_no_table_is_refused_as_before(name: str, reason: str) -> None:
    with pytest.raises(errors.ImportFileError) as raised:
        first_table(CORPUS / name)
    assert raised.value.reason == reason


def test_a_column_whose_rows_prove_different_orders_is_not_asked_about(tmp_path: Path) -> None:
    """12/21/2026 proves month first: the question (“could be month first or day
    first”) would be untrue. The one row that proves the other order is refused alone."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        "First Name,Last Name,Case Number,Court Date\n"
        "Ana,Fictional,CR-1,03/04/2027\n"
        "Bo,Sample,CR-2,12/21/2027\n"
        "Chen,Example,CR-3,11/30/2027\n"
        "Dana,Testcase,CR-4,25/12/2027\n",
        "utf-8",
    )
    table = read_table(path)
    assert ambiguous_date_columns(table, guess_mapping(table.headers)) == []
    assert values.date_order(["03/04/2027", "12/21/2027", "11/30/2027", "25/12/2027"]) == "mdy"
    assert values.date_order(["03/04/2027", "21/12/2027", "25/12/2027", "12/30/2027"]) == "dmy"
