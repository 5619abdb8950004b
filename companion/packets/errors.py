"""Typed errors of the packet engine (translated by the UI and the CLI, like all core errors)."""

from __future__ import annotations

from companion.errors import CompanionError


class RenderCancelled(CompanionError):
    """The user cancelled a docket batch; nothing was returned or written."""

    code = "render_cancelled"

    def __init__(self, done: int, total: int) -> None:
        super().__init__(done, total)
        self.done = done
        self.total = total


class OutputWriteError(CompanionError):
    """The PDF (or .ics) could not be written to ``path``; nothing is left there."""

    code = "output_write"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail


class OutputNotAFileError(OutputWriteError):
    """The path to write is a device, a pipe or a symbolic link; nothing was written.
    ``kind`` is "device", "pipe" or "link"."""

    code = "not_a_file_to_write"

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(path, kind)
        self.kind = kind
