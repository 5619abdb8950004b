"""Writing finished documents: all or nothing at the destination path."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from companion.errors import NotAFileToWriteError
from companion.packets.errors import OutputNotAFileError, OutputWriteError
from companion.regular_files import check_write_target

#: A temporary file this old is a leftover of a write that was killed (a write takes
#: milliseconds); one younger may be another process writing the same file right now.
LEFTOVER_AGE_SECONDS = 60.0


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files of earlier writes to ``target`` that were killed before
    their rename: each is a complete or partial copy of a packet, named for its file."""
    pattern = glob.escape(f".{target.name}.") + "*.part"
    now = time.time()
    for leftover in target.parent.glob(pattern):
        with contextlib.suppress(OSError):
            found = leftover.lstat()
            if stat.S_ISREG(found.st_mode) and now - found.st_mtime > LEFTOVER_AGE_SECONDS:
                leftover.unlink()


def write_pdf_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Either the complete file appears at ``path`` or (on any error) nothing changes there
    and ``OutputWriteError`` is raised. Temporary files an earlier, killed write to the
    same path left behind are removed first. Works for ``.ics`` files too. A device, a pipe or
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
    _remove_leftovers(target)
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
