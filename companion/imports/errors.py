"""Typed, untranslated errors of importing; ``companion.messages`` words them."""

from __future__ import annotations

from companion.errors import CompanionError

TOO_LARGE = "too_large"
EMPTY = "empty"
BINARY = "binary"
HEADER_ONLY = "header_only"
CORRUPT_XLSX = "corrupt_xlsx"
UNKNOWN_SHEET = "unknown_sheet"
DUPLICATE_HEADERS = "duplicate_headers"
UNCLOSED_QUOTE = "unclosed_quote"
STRAY_BOM = "stray_bom"
UNREADABLE_ENCODING = "unreadable_encoding"
XLSX_TOO_LARGE = "xlsx_too_large"
TOO_MANY_ROWS = "too_many_rows"


class ImportFileError(CompanionError):
    """The whole file cannot be read as a table; ``reason`` says why, ``detail`` names the
    header, sheet or row concerned."""

    code = "import_file"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class ImportCancelled(CompanionError):
    code = "import_cancelled"


class NothingToUndoError(CompanionError):
    code = "nothing_to_undo"


class UnknownMappingError(CompanionError):
    code = "unknown_mapping"

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class RowsHaveErrorsError(CompanionError):
    """Some rows have errors and staff did not choose to skip them: nothing was written."""

    code = "import_rows_have_errors"

    def __init__(self, rows: int) -> None:
        super().__init__(rows)
        self.rows = rows
