"""What an import has to ask staff before its dry run: which sheet of a workbook holds the
table, and which order a date column's numbers are in, when every row fits both
month-first and day-first (03/04/2026).

The plan (``companion.imports.plan``) refuses such dates row by row unless it is given
the order; a wizard asks once, up front, with this.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from companion.imports import errors, values
from companion.imports.mapping import Mapping
from companion.imports.reading import Table, read_table

#: The fields whose columns hold dates, in the order a question lists them.
DATE_FIELDS = ("hearing_date", "date_of_birth")
SAMPLES = 3
#: A date written as three numbers (the shape the plan asks the order of).
_NUMBERS_ONLY = re.compile(r"\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\s*")


@dataclass(frozen=True)
class AmbiguousColumn:
    header: str
    #: A few of the column's dates, as the file writes them.
    samples: tuple[str, ...]


def ambiguous_date_columns(table: Table, mapping: Mapping) -> list[AmbiguousColumn]:
    """The date columns whose order cannot be told from their rows (the file's own
    dates, Excel's dates and serial numbers are never ambiguous)."""
    found: list[AmbiguousColumn] = []
    for wanted in DATE_FIELDS:
        headers = [header for header in table.headers if mapping.columns.get(header) == wanted]
        if not headers:
            continue
        index = table.headers.index(headers[0])
        texts = [
            values.split_date_time(str(row[index]))[0]
            for row in table.rows
            if row[index] is not None
            and not isinstance(row[index], dt.date | dt.time | int | float)
            and str(row[index]).strip()
        ]
        if values.date_order(texts) is None:
            samples = tuple(text for text in texts if _NUMBERS_ONLY.fullmatch(text))[:SAMPLES]
            found.append(AmbiguousColumn(headers[0], samples))
    return found


def first_table(path: Path) -> Table:
    """The file's table; for a workbook whose first sheet holds no rows (a cover note),
    the first sheet that does, with every sheet's name for staff to choose another.
    A file no sheet of which is a table is refused as its first sheet was."""
    try:
        return read_table(path)
    except errors.ImportFileError as error:
        if error.reason not in (errors.EMPTY, errors.HEADER_ONLY) or path.suffix.lower() not in (
            ".xlsx",
            ".xlsm",
        ):
            raise
        first_error = error
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        names = list(book.sheetnames)
    finally:
        book.close()
    for name in names[1:]:
        try:
            return read_table(path, name)
        except errors.ImportFileError:
            continue
    raise first_error
