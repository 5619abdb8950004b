"""Reading a file a person named, only when it is a regular file.

A device (``/dev/zero``), a named pipe, a socket or a folder given as a spreadsheet or
a handoff file would hang the reader or never end: it is refused with
``NotARegularFileError`` before a byte is read. The file is opened without blocking
and checked again once open, so one swapped in meanwhile is refused too, and never more
than ``limit`` bytes and one are read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from companion.errors import NotAFileToWriteError, NotARegularFileError

FOLDER = "folder"
DEVICE = "device"
PIPE = "pipe"
LINK = "link"


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return PIPE
    return DEVICE


def check_regular_file(path: Path) -> None:
    """Raise ``NotARegularFileError`` unless ``path`` (a link followed) is a regular file:
    for files too large to read whole (backups), checked before anything opens them."""
    kind = _kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotARegularFileError(str(path), kind)


def check_write_target(path: Path) -> None:
    """Raise ``NotAFileToWriteError`` if ``path`` exists and is a device, a pipe, a socket
    or a symbolic link (the link itself, not followed): writing there would replace it.
    A missing path, a regular file and a folder pass (a folder fails when written to)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = LINK if stat.S_ISLNK(mode) else _kind(mode)
    raise NotAFileToWriteError(str(path), kind or DEVICE)


def read_regular_file(path: Path, limit: int, too_large: Callable[[int], Exception]) -> bytes:
    """The bytes of ``path``; ``too_large(size)`` is raised for a file over ``limit``."""
    kind = _kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotARegularFileError(str(path), kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb", buffering=0) as opened:
        info = os.fstat(opened.fileno())
        kind = _kind(info.st_mode)
        if kind is not None:
            raise NotARegularFileError(str(path), kind)
        if info.st_size > limit:
            raise too_large(info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = opened.read(min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise too_large(len(data))
    return data
