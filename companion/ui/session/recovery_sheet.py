"""The printable recovery-code sheet, for the printer or for a PDF file.

The sheet holds the code and what to do with it, in the interface language. It
names no person and no office.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from companion.ui import formatting
from companion.ui.i18n import _, current


def sheet_texts(code: str, created: dt.date) -> list[tuple[str, str]]:
    """The sheet as (kind, text) pairs: kind is ``title``, ``code`` or ``text``."""
    return [
        ("title", _("Court Companion: recovery code")),
        ("code", code),
        (
            "text",
            _(
                "If the passphrase is ever forgotten, this code opens the store and lets you "
                "choose a new passphrase. Without the passphrase or this code, nobody can read "
                "the records, not even you."
            ),
        ),
        (
            "text",
            _(
                "Keep this sheet locked away, apart from the laptop. Anyone who has both the "
                "laptop and this code can read every record."
            ),
        ),
        (
            "text",
            _(
                "If you saved it as a PDF file, do not keep the file on this laptop: move it "
                "to a USB stick kept in a safe place, and delete it here."
            ),
        ),
        ("text", _("Created on {date}.").format(date=formatting.full_date(created))),
    ]


def sheet_html(code: str, created: dt.date) -> str:
    """The sheet as escaped HTML for ``QTextDocument`` (no markup in the catalog)."""
    direction = "rtl" if current().language.rtl else "ltr"
    blocks: list[str] = []
    for kind, text in sheet_texts(code, created):
        escaped = html.escape(text)
        if kind == "title":
            blocks.append(f'<h1 dir="{direction}">{escaped}</h1>')
        elif kind == "code":
            blocks.append(
                '<p dir="ltr" align="center" style="font-family: monospace; font-size: 20pt; '
                f'font-weight: bold; margin: 24px 0; white-space: nowrap;">{escaped}</p>'
            )
        else:
            blocks.append(f'<p dir="{direction}" style="font-size: 12pt;">{escaped}</p>')
    return "<html><body>" + "".join(blocks) + "</body></html>"


def sheet_document(code: str, created: dt.date | None = None) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(12)
    document.setDefaultFont(font)
    document.setHtml(sheet_html(code, created or dt.date.today()))
    return document


def _page_setup(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # QTextDocument.print_ adds its own 2 cm margin
            QPageLayout.Unit.Millimeter,
        )
    )


def save_sheet_pdf(code: str, target: Path, created: dt.date | None = None) -> None:
    """Write the sheet as a one-page PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    _page_setup(printer)
    printer.setDocName(_("Court Companion: recovery code"))
    sheet_document(code, created).print_(printer)


def print_sheet(code: str, parent: QWidget | None) -> bool:
    """Ask which printer, then print the sheet. False if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _page_setup(printer)
    printer.setDocName(_("Court Companion: recovery code"))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print the recovery code"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    sheet_document(code).print_(printer)
    return True
