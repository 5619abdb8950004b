"""Words the exchange screens share: what a column can hold, how a file was read, and the
import's typed errors as sentences in the interface language."""

from __future__ import annotations

from companion.errors import CompanionError
from companion.i18n.catalog import N_
from companion.imports.errors import (
    ImportFileError,
    NothingToUndoError,
    RowsHaveErrorsError,
    UnknownMappingError,
)
from companion.imports.messages import describe_file_error, describe_row_reason
from companion.messages import describe
from companion.ui.i18n import _, current, ngettext

#: What each import field is called in the column chooser (``companion.imports.mapping``).
FIELD_NAMES: dict[str, str] = {
    "external_id": N_("ID in the other system"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "full_name": N_("Full name"),
    "native_name": N_("Name in own script"),
    "date_of_birth": N_("Date of birth"),
    "role": N_("Role"),
    "language": N_("Preferred language"),
    "needs_interpreter": N_("Needs an interpreter"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "docket_number": N_("Docket number"),
    "court": N_("Court"),
    "hearing_date": N_("Hearing date"),
    "hearing_time": N_("Hearing time"),
    "hearing_type": N_("Hearing type"),
    "courthouse": N_("Courthouse"),
    "courtroom": N_("Courtroom"),
    "must_testify": N_("Must testify"),
    "notes": N_("Notes"),
}

ENCODINGS: dict[str, str] = {
    "utf-8": N_("Unicode (UTF-8)"),
    "utf-8-sig": N_("Unicode (UTF-8 with a byte order mark)"),
    "utf-16": N_("Unicode (UTF-16, as Excel saves “Unicode text”)"),
    "cp1252": N_("Western European (Windows-1252)"),
    "xlsx": N_("Excel workbook"),
}

DELIMITERS: dict[str, str] = {
    ",": N_("Comma"),
    ";": N_("Semicolon"),
    "\t": N_("Tab"),
    "|": N_("Vertical bar"),
}


def field_name(field: str) -> str:
    return _(FIELD_NAMES[field])


def encoding_name(encoding: str) -> str:
    return _(ENCODINGS[encoding]) if encoding in ENCODINGS else encoding


def delimiter_name(delimiter: str) -> str:
    return _(DELIMITERS[delimiter]) if delimiter in DELIMITERS else delimiter


def row_reason(reason: str) -> str:
    return describe_row_reason(reason, current())


def describe_exchange_error(error: CompanionError) -> str:
    """An import, export or handoff error as one sentence in the interface language."""
    if isinstance(error, ImportFileError):
        return describe_file_error(error, current())
    if isinstance(error, RowsHaveErrorsError):
        return ngettext(
            "{count} row has errors. Nothing was imported.",
            "{count} rows have errors. Nothing was imported.",
            error.rows,
        ).format(count=error.rows)
    if isinstance(error, NothingToUndoError):
        return _("There is no import to undo.")
    if isinstance(error, UnknownMappingError):
        return _("There is no saved mapping named “{name}”.").format(name=error.name)
    if error.code == "import_cancelled":
        return _("The check was stopped. Nothing was imported.")
    return describe(error, current())
