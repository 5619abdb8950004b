"""Hostile and broken spreadsheets: bad encodings, huge cells, an .xlsx that unpacks to
hundreds of megabytes. Each is refused with one clear reason, or read with the
offending cell reported on its row (and quoted only in part), never a crash."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from companion.domain.models import Courthouse
from companion.imports import errors
from companion.imports.mapping import guess_mapping
from companion.imports.plan import SHOWN_VALUE_LENGTH, build_plan
from companion.imports.reading import MAX_ROWS, MAX_UNPACKED_XLSX_BYTES, read_table
from companion.store.store import Store

HEADER = "Victim First Name,Victim Last Name,Case Number,Court Date,Time\n"
DAY = (dt.date.today() + dt.timedelta(days=40)).isoformat()


def _refused(path: Path) -> str:
    with pytest.raises(errors.ImportFileError) as caught:
        read_table(path)
    return caught.value.reason


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8
        + HEADER.encode()
        + f"Ana,\xff\xfeRuiz,CR-1,{DAY},9:30 AM\n".encode("latin-1"),
        HEADER.encode() + f"Ana,Ru\x81iz,CR-1,{DAY},9:30 AM\n".encode("latin-1"),
        codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le") + b"A",
    ],
    ids=["utf8-mark-then-bad-bytes", "cp1252-undefined-byte", "utf16-odd-length"],
)
def test_unreadable_encodings_are_named_as_such(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert _refused(path) == errors.UNREADABLE_ENCODING


def test_a_cell_of_megabytes_is_a_row_error_quoted_in_part(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Attack Hall (fictional)", "1 Sample Road", "America/Chicago"))
    huge = "x" * 3_000_000
    path = tmp_path / "export.csv"
    path.write_text(
        HEADER + f'Ana,"{huge}",CR-1,{DAY},9:30 AM\n' + f"Bo,Sample,CR-2,{DAY},10:30 AM\n",
        encoding="utf-8",
    )
    table = read_table(path)  # the csv module alone stops at 128 KiB and says "quote"
    plan = build_plan(store, table, guess_mapping(table.headers))
    [error] = plan.errors
    assert (error.row, error.column, error.reason) == (2, "Victim Last Name", "too_long")
    assert len(error.value) == SHOWN_VALUE_LENGTH and error.value.startswith("xxx")
    assert [p.given_name for p in plan.people.values()] == ["Bo"]


def test_over_long_name_docket_and_courtroom_are_row_errors(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Attack Hall (fictional)", "1 Sample Road", "America/Chicago"))
    path = tmp_path / "export.csv"
    path.write_text(
        "Victim First Name,Victim Last Name,Case Number,Court Date,Time,Dept\n"
        f"{'N' * 201},Sample,CR-1,{DAY},9:30 AM,1\n"
        f"Ana,Sample,{'D' * 201},{DAY},9:30 AM,1\n"
        f"Bo,Sample,CR-3,{DAY},9:30 AM,{'R' * 201}\n"
        f"Cy,Sample,CR-4,{DAY},9:30 AM,2\n",
        encoding="utf-8",
    )
    table = read_table(path)
    plan = build_plan(store, table, guess_mapping(table.headers))
    assert [(e.row, e.column, e.reason) for e in plan.errors] == [
        (2, "Victim First Name", "too_long"),
        (3, "Case Number", "too_long"),
        (4, "Dept", "too_long"),
    ]
    assert plan.new_people == 1


def _shared_strings_bomb(path: Path, strings: int) -> None:
    """A valid workbook whose shared-strings part repeats one string ``strings`` times:
    well under a megabyte on disk, hundreds of megabytes unpacked."""
    book = openpyxl.Workbook()
    book.active.append(["Victim First Name", "Victim Last Name", "Case Number"])
    book.active.append(["Ana", "Sample", "CR-1"])
    plain = io.BytesIO()
    book.save(plain)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
                    b"</Types>",
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9" />'
                    b"</Relationships>",
                )
            bomb.writestr(info.filename, data)
        with bomb.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            thousand = (b"<si><t>" + b"A" * 40 + b"</t></si>") * 1000
            for _ in range(strings // 1000):
                part.write(thousand)
            part.write(b"</sst>")


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _shared_strings_bomb(path, strings=MAX_UNPACKED_XLSX_BYTES // 40)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(errors.ImportFileError) as caught:
        read_table(path)
    assert caught.value.reason == errors.XLSX_TOO_LARGE
    assert caught.value.detail == str(MAX_UNPACKED_XLSX_BYTES // (1024 * 1024))


def test_a_small_workbook_with_shared_strings_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    _shared_strings_bomb(path, strings=2000)
    table = read_table(path)
    assert table.headers == ["Victim First Name", "Victim Last Name", "Case Number"]


def test_more_rows_than_an_export_holds_is_refused_while_reading(tmp_path: Path) -> None:
    """Two million short rows fit in 50 MB and take a gigabyte once read: the reading
    stops at the row after the limit."""
    path = tmp_path / "export.csv"
    row = f"Ana,Sample,CR-1,{DAY},9:30 AM\n"
    path.write_text(HEADER + row * (MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(errors.ImportFileError) as caught:
        read_table(path)
    assert caught.value.reason == errors.TOO_MANY_ROWS
    path.write_text(HEADER + row * MAX_ROWS, encoding="utf-8")
    assert len(read_table(path).rows) == MAX_ROWS
