"""Writing finished documents: all or nothing at the destination path."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from companion.errors import NotAFileToWriteError
from companion.packets.errors import OutputNotAFileError, OutputWriteError
from companion.regular_files import check_write_target


def write_pdf_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Either the complete file appears at ``path`` or (on any error) nothing changes there
    and ``OutputWriteError`` is raised. Works for ``.ics`` files too. A device, a pipe or
    a symbolic link at ``path`` is refused (``OutputNotAFileError``) before anything is
    written: the rename would replace it.
    """
    target = Path(path)
    try:
        check_write_target(target)
    except NotAFileToWriteError as error:
        raise OutputNotAFileError(error.path, error.kind) from error
    except OSError as error:
        raise OutputWriteError(str(target), error.strerror or str(error)) from error
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputWriteError(str(target), error.strerror or str(error)) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return target
