"""Typed errors of the guidance library (see ``companion.errors`` for the convention)."""

from __future__ import annotations

from companion.errors import CompanionError


class GuidanceNotFoundError(CompanionError):
    """No topic with this id (jurisdictions never raise this: they fall back to ``US``)."""

    code = "guidance_not_found"

    def __init__(self, doc_id: str) -> None:
        super().__init__(doc_id)
        self.doc_id = doc_id

    def __str__(self) -> str:
        return f"no guidance topic {self.doc_id!r}"


class GuidanceFormatError(CompanionError):
    """A guidance file breaks the format. ``line`` is 1-based in the file, 0 if unknown."""

    code = "guidance_format"

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(path, line, reason)
        self.path = path
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"
