"""Ending a command-line process without Python's tidy-up of every module.

At exit Python frees every object of every module one by one: after a packet command
that is about 60 ms, a tenth of the whole command, spent on memory the system takes back
anyway. A command that has finished has closed its store and its files, so it can end at
once once the exit handlers have run, the logs are written and its output is flushed.

The app itself (Qt) ends the usual way: Qt saves its settings as its objects go.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import NoReturn

#: The exit code Python itself gives when the output could not be flushed at exit.
OUTPUT_LOST = 120


def leave(code: int) -> NoReturn:
    """Run the exit handlers, write the logs, flush the output, and end with ``code``."""
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed: nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the reader has gone
            code = code or OUTPUT_LOST
    os._exit(code)


def end(code: int) -> NoReturn:
    """End the process: at once for a command, the usual way if Qt was loaded."""
    if "PySide6.QtCore" in sys.modules:
        sys.exit(code)
    leave(code)
