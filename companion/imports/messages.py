"""Import errors and row reasons as translated sentences (the CLI and the wizard share them)."""

from __future__ import annotations

from companion.i18n.catalog import N_, Translator
from companion.imports import errors

FILE_REASONS = {
    errors.TOO_LARGE: N_("The file is larger than 50 MB. Split it into smaller files."),
    errors.EMPTY: N_("The file is empty."),
    errors.BINARY: N_("This is not a spreadsheet: save it as CSV or .xlsx and try again."),
    errors.HEADER_ONLY: N_("The file has a header row but no rows of data."),
    errors.CORRUPT_XLSX: N_("The .xlsx file is damaged and cannot be read."),
    errors.UNKNOWN_SHEET: N_("The workbook has no sheet named “{detail}”."),
    errors.DUPLICATE_HEADERS: N_("Two columns have the same header “{detail}”. Rename one."),
    errors.UNCLOSED_QUOTE: N_(
        "A quotation mark opened near row {detail} is never closed, so the rows cannot be "
        "told apart."
    ),
    errors.STRAY_BOM: N_(
        "Row {detail} holds a stray byte order mark: two files were probably joined. "
        "Remove it and try again."
    ),
    errors.UNREADABLE_ENCODING: N_("The file's text encoding cannot be read."),
    errors.TOO_MANY_ROWS: N_("The file has more than {detail} rows. Split it into smaller files."),
    errors.XLSX_TOO_LARGE: N_(
        "The .xlsx file unpacks to more than {detail} MB. Save it as CSV, or split it."
    ),
}

ROW_REASONS = {
    "date_order_ambiguous": N_(
        "this date fits both month-first and day-first; say which with --date-order"
    ),
    "required": N_("this value is required"),
    "unknown_courthouse": N_("no courthouse of this name is in the store"),
    "unknown_role": N_("not a role: write victim, witness or both"),
    "not_yes_or_no": N_("write yes or no"),
    "invalid_language": N_("not a language name or tag"),
    "chinese_script_unsaid": N_(
        "say which Chinese the person reads: write Chinese (Simplified) or zh-Hans, "
        "or Chinese (Traditional) or zh-Hant"
    ),
    "invalid_email": N_("not an email address"),
    "invalid_phone": N_("not a phone number"),
    "date_unreadable": N_("not a date"),
    "date_impossible": N_("no such date"),
    "time_unreadable": N_("not a time"),
    "time_impossible": N_("no such time"),
    "time_ambiguous": N_("add AM or PM"),
    "too_long": N_("this text is too long"),
}


def describe_file_error(error: errors.ImportFileError, t: Translator) -> str:
    template = FILE_REASONS.get(error.reason, FILE_REASONS[errors.BINARY])
    return t.gettext(template).format(detail=error.detail)


def describe_row_reason(reason: str, t: Translator) -> str:
    template = ROW_REASONS.get(reason)
    return t.gettext(template) if template else t.gettext("this value is not accepted")
