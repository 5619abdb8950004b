"""The office's attendance record as a CSV file: figures only, no names, no record ids.

One row per group of each breakdown, after a ``total`` row; every row repeats the period,
so rows from several exports can be put in one sheet. Cells are escaped as in every
export (a cell a spreadsheet would run as a formula gets a leading apostrophe), and the
file is written atomically with mode 0600, like the other exports.
"""

from __future__ import annotations

from pathlib import Path

from companion.exchange.spreadsheet import ExportFormat, ExportResult, table_bytes
from companion.private_files import write_private_output
from companion.store.attendance_report import AttendanceReport
from companion.store.audit import AuditAction
from companion.store.store import Store

REPORT_COLUMNS = (
    "from",
    "to",
    "breakdown",
    "group",
    "appearances",
    "attended",
    "missed",
    "not_yet_known",
    "attendance_rate",
)

#: What the audit trail names as exported.
REPORT_EXPORT_KIND = "attendance_report"


def _rate(attended: int, missed: int) -> str:
    """Attended out of those with a recorded outcome, to four places; empty when none is."""
    known = attended + missed
    return f"{attended / known:.4f}" if known else ""


def report_rows(report: AttendanceReport) -> list[list[object]]:
    """The report's figures as table rows (``REPORT_COLUMNS``)."""
    period = [report.start.isoformat(), report.end.isoformat()]
    return [
        [
            *period,
            breakdown,
            group,
            appearances,
            attended,
            missed,
            appearances - attended - missed,
            _rate(attended, missed),
        ]
        for breakdown, group, appearances, attended, missed in report.csv_rows()
    ]


def export_attendance_report(store: Store, report: AttendanceReport, path: Path) -> ExportResult:
    """Write ``report`` to ``path`` as CSV (0600, atomically) and record the export."""
    rows = report_rows(report)
    write_private_output(path, table_bytes(REPORT_COLUMNS, rows, ExportFormat.CSV))
    store.audit.record(
        AuditAction.EXPORTED,
        REPORT_EXPORT_KIND,
        None,
        f"csv: {len(rows)} rows, {report.start.isoformat()} to {report.end.isoformat()}",
    )
    return ExportResult(path=path, rows=len(rows))
