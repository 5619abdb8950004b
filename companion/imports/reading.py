"""A CSV or ``.xlsx`` file as a table of header names and rows of cells.

CSV: any of the common delimiters (comma, semicolon, tab, pipe); UTF-8 with or without a
byte order mark, UTF-16 (Excel's "Unicode text") and Windows-1252, told apart from the
bytes. ``.xlsx``: read with openpyxl, dates and times as Python values, the sheet chosen.
Anything that is not a readable table is refused whole, with one ``ImportFileError``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from companion.imports import errors
from companion.regular_files import read_regular_file

MAX_BYTES = 50 * 1024 * 1024
#: Rows of data a file may hold (ten times the 10,000 the import is measured with).
MAX_ROWS = 100_000
#: What the parts of an .xlsx may add up to once unpacked (10,000 rows take about 10 MB).
MAX_UNPACKED_XLSX_BYTES = 100 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")

Cell = str | int | float | dt.datetime | dt.date | dt.time | None


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    #: The file's encoding ("utf-8", "utf-8-sig", "utf-16", "cp1252") or "xlsx".
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    #: Each row's number as a spreadsheet shows it (the header is row 1).
    numbers: list[int] = field(default_factory=list)


def read_table(path: Path, sheet: str | None = None) -> Table:
    data = read_regular_file(
        path, MAX_BYTES, lambda size: errors.ImportFileError(errors.TOO_LARGE, str(size))
    )
    if not data.strip():
        raise errors.ImportFileError(errors.EMPTY)
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(data, sheet)
    else:
        text, encoding = decode(data)
        table = _read_csv(text)
        table.encoding = encoding
    return _checked(table)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read as."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:  # a UTF-8 mark, then bytes that are not
            raise errors.ImportFileError(errors.UNREADABLE_ENCODING) from error
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise errors.ImportFileError(errors.UNREADABLE_ENCODING) from error
    else:
        if b"\x00" in data:
            raise errors.ImportFileError(errors.BINARY)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError as error:  # one of the five bytes cp1252 leaves out
                raise errors.ImportFileError(errors.UNREADABLE_ENCODING) from error
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in text or controls > 8:
        raise errors.ImportFileError(errors.BINARY)
    return text, encoding


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the common one it holds most of, outside quotes."""
    header = text.split("\n", 1)[0]
    counts = {candidate: 0 for candidate in DELIMITERS}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, each with its end (a StringIO of the whole
    file would hold it again, four bytes a character)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _read_csv(text: str) -> Table:
    # Mixed line endings (CRLF, LF, a lone CR) all end a line; inside quotes they stay.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text)
    # A cell may be as large as the file (the plan reports one too long for its field);
    # the csv module's own limit (128 KiB) would call it an unclosed quote.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    rows: list[list[Cell]] = []
    try:
        for values in reader:
            rows.append([*values])
            _check_count(rows)
    except csv.Error as error:
        raise errors.ImportFileError(errors.UNCLOSED_QUOTE, str(reader.line_num)) from error
    if text.count('"') % 2:
        raise errors.ImportFileError(errors.UNCLOSED_QUOTE, str(len(rows)))
    for number, cells in enumerate(rows, start=1):
        if any(isinstance(value, str) and "\ufeff" in value for value in cells):
            raise errors.ImportFileError(errors.STRAY_BOM, str(number))
    while rows and not any(str(value).strip() for value in rows[-1]):
        rows.pop()
    if not rows:
        raise errors.ImportFileError(errors.EMPTY)
    headers = [str(value) for value in rows[0]]
    return Table(headers, rows[1:], delimiter=delimiter)


def _check_count(rows: list[list[Cell]]) -> None:
    """Refuse a file of more rows than an office's export has, before it fills the memory
    (50 MB of short rows is two million of them: a gigabyte once read)."""
    if len(rows) > MAX_ROWS + 1:  # the header row is not counted
        raise errors.ImportFileError(errors.TOO_MANY_ROWS, f"{MAX_ROWS:,}")


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    import openpyxl

    # A small .xlsx can unpack to gigabytes (a sheet or its shared strings repeated
    # millions of times): the sizes its parts declare are added up before any is read,
    # and reading never unpacks more than a part declares.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise errors.ImportFileError(errors.CORRUPT_XLSX) from error
    if unpacked > MAX_UNPACKED_XLSX_BYTES:
        raise errors.ImportFileError(
            errors.XLSX_TOO_LARGE, str(MAX_UNPACKED_XLSX_BYTES // (1024 * 1024))
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise errors.ImportFileError(errors.CORRUPT_XLSX) from error
    try:
        names = list(book.sheetnames)
        chosen = sheet or names[0]
        if chosen not in names:
            raise errors.ImportFileError(errors.UNKNOWN_SHEET, chosen)
        rows: list[list[Cell]] = []
        for values in book[chosen].iter_rows(values_only=True):
            rows.append([_cell(value) for value in values])
            _check_count(rows)
    finally:
        book.close()
    while rows and not any(_filled(value) for value in rows[-1]):
        rows.pop()
    if not rows:
        raise errors.ImportFileError(errors.EMPTY)
    headers = ["" if value is None else str(value) for value in rows[0]]
    return Table(headers, rows[1:], encoding="xlsx", sheet=chosen, sheets=names)


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.datetime | dt.date | dt.time):
        return value
    return str(value)


def _filled(value: Cell) -> bool:
    return value is not None and str(value).strip() != ""


def _checked(table: Table) -> Table:
    headers = [header.strip() for header in table.headers]
    while headers and not headers[-1]:
        headers.pop()
    seen: set[str] = set()
    for header in headers:
        key = header.casefold()
        if key and key in seen:
            raise errors.ImportFileError(errors.DUPLICATE_HEADERS, header)
        seen.add(key)
    kept = [
        (number, row)
        for number, row in enumerate(table.rows, start=2)
        if any(_filled(value) for value in row)
    ]
    if not kept:
        raise errors.ImportFileError(errors.HEADER_ONLY)
    table.headers = headers
    table.numbers = [number for number, _ in kept]
    rows = [row for _, row in kept]
    table.rows = [(row + [None] * len(headers))[: len(headers)] for row in rows]
    return table
