"""Showing a command's result once its work is done.

Printing the result is separate from doing the work: when standard output cannot take
the result (a full disk, a reader that has gone), the change is already made, so the
command must never say "Nothing was changed". ``show`` raises ``ResultNotShownError``,
which the command line says as "done, but the result could not be shown". A closed
standard output (``sys.stdout`` is None) takes nothing and is no error: the work was
done and nobody asked to see it.
"""

from __future__ import annotations

import sys
from typing import TextIO

from companion.cli.terminal_text import for_terminal


class ResultNotShownError(Exception):
    """The command's work was done, but its result could not be written out."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def flush(stream: TextIO | None) -> None:
    """Flush ``stream`` unless it is closed (None: the process started without it)."""
    if stream is not None:
        stream.flush()


def reason_of(error: BaseException) -> str:
    """Why writing failed, as the system says it."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def show(text: str) -> None:
    """Print ``text`` on standard output (its control characters made visible, see
    ``terminal_text``) and flush it; ``ResultNotShownError`` if it could not be written."""
    if sys.stdout is None:
        return
    try:
        print(for_terminal(text))
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise ResultNotShownError(reason_of(error)) from error


def say_on_stderr(line: str) -> bool:
    """Print ``line`` on standard error; whether it got out (an error line that cannot be
    written has nowhere else to go)."""
    if sys.stderr is None:
        return False
    try:
        print(for_terminal(line), file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True
