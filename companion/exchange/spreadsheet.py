"""People, hearings or a docket as a CSV or ``.xlsx`` file.

- Every row carries the record's ``uid``, the same on every laptop.
- A cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is written with a leading apostrophe.
- The file is written atomically with mode 0600: it holds names.
- A continued hearing shows its status and the date it moved to.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from companion.exchange.period import entries_in_days
from companion.private_files import write_private_output
from companion.store.store import Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportKind(enum.StrEnum):
    PEOPLE = "people"
    HEARINGS = "hearings"
    DOCKET = "docket"


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def escape_cell(value: object) -> str:
    """``value`` as text a spreadsheet shows as typed, never runs."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


PEOPLE_COLUMNS = (
    "uid",
    "given_name",
    "family_name",
    "native_name",
    "role",
    "language",
    "needs_interpreter",
    "phone",
    "email",
)
HEARING_COLUMNS = (
    "hearing_uid",
    "starts_at",
    "status",
    "moved_to",
    "hearing_type",
    "courthouse",
    "courtroom",
    "docket_number",
    "case_uid",
    "person_uid",
    "person",
    "must_testify",
    "attendance",
)


def people_rows(store: Store) -> list[list[object]]:
    rows = store.people.rows(
        "SELECT p.id, p.uid, p.given_name, p.family_name, p.native_name, p.role, p.language, "
        "p.needs_interpreter FROM people p WHERE p.deleted_at IS NULL "
        "ORDER BY p.family_name, p.given_name, p.id"
    )
    contacts: dict[tuple[int, str], str] = {}
    for contact in store.people.rows(
        "SELECT person_id, kind, value FROM contact_methods WHERE deleted_at IS NULL "
        "ORDER BY person_id, position, id"
    ):
        contacts.setdefault((contact["person_id"], contact["kind"]), contact["value"])
    return [
        [
            row["uid"],
            row["given_name"],
            row["family_name"],
            row["native_name"],
            row["role"],
            row["language"],
            "yes" if row["needs_interpreter"] else "no",
            contacts.get((row["id"], "phone"), ""),
            contacts.get((row["id"], "email"), ""),
        ]
        for row in rows
    ]


def _moved_to(store: Store) -> dict[int, str]:
    """For each continued hearing, the local start of the hearing it was continued to."""
    return {
        row["continued_from_id"]: f"{row['local_start']} {row['timezone']}"
        for row in store.hearings.rows(
            "SELECT continued_from_id, local_start, timezone FROM hearings "
            "WHERE continued_from_id IS NOT NULL AND deleted_at IS NULL ORDER BY id"
        )
    }


def hearing_rows(store: Store, first: dt.date, last: dt.date) -> list[list[object]]:
    """One row per person in each hearing from ``first`` to ``last`` (local days); a
    hearing with nobody yet has one row without a person."""
    moved = _moved_to(store)
    rows: list[list[object]] = []
    for entry in entries_in_days(store, first, last):
        hearing = [
            entry.hearing_uid,
            entry.starts_at.strftime("%Y-%m-%d %H:%M %Z"),
            entry.status.value,
            moved.get(entry.hearing_id, ""),
            entry.hearing_type.value,
            entry.courthouse_name,
            entry.courtroom,
            entry.docket_number,
            entry.case_uid,
        ]
        if not entry.people:
            rows.append([*hearing, "", "", "", ""])
        for person in entry.people:
            rows.append(
                [
                    *hearing,
                    person.uid,
                    person.display_name,
                    "yes" if person.must_testify else "no",
                    person.attendance.value,
                ]
            )
    return rows


def table_bytes(
    header: Sequence[str], rows: Sequence[Sequence[object]], file_format: ExportFormat
) -> bytes:
    """The table as the file's bytes; every cell escaped."""
    cells = [[escape_cell(value) for value in row] for row in rows]
    if file_format is ExportFormat.CSV:
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(cells)
        # With a BOM, so that Excel reads the names in every script as UTF-8.
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    sheet.append(list(header))
    for row in cells:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_table(
    store: Store,
    kind: ExportKind,
    file_format: ExportFormat,
    path: Path,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> ExportResult:
    """Write the export to ``path`` (0600, atomically) and record it in the audit trail.

    ``hearings`` and ``docket`` need ``first`` and ``last`` (days, both included);
    ``docket`` leaves out cancelled hearings, as the day's list in court does."""
    from companion.store.audit import AuditAction

    rows: list[list[object]]
    if kind is ExportKind.PEOPLE:
        header: Sequence[str] = PEOPLE_COLUMNS
        rows = people_rows(store)
    else:
        if first is None or last is None:
            raise ValueError("hearings and docket exports need a period")
        header = HEARING_COLUMNS
        rows = hearing_rows(store, first, last)
        if kind is ExportKind.DOCKET:
            rows = [row for row in rows if row[2] != "cancelled"]
    write_private_output(path, table_bytes(header, rows, file_format))
    store.audit.record(
        AuditAction.EXPORTED, kind.value, None, f"{file_format.value}: {len(rows)} rows"
    )
    return ExportResult(path=path, rows=len(rows))
