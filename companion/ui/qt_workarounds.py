"""Work-arounds for defects of the Qt binding we ship. Applied when ``companion.ui`` loads.

PySide6 6.12.0 takes a reference to ``None`` away whenever a Qt call returns nothing
(``QLabel.setText``, ``QWidget.parent()`` of a window, ...). On Python 3.12 and later
``None`` is immortal and nothing happens; on Python 3.11 its count runs down and, after
some thousands of calls, Python aborts with "none_dealloc: deallocating None" — the app
would crash mid-session. We pin 6.11, which does not have the defect; should an affected
binding still be installed, ``None`` is made as good as immortal here, as Python 3.12
does: we add 2**40 references once, which no session can use up.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

NONE_GRANT = 1 << 40


def qt_loses_none_references() -> bool:
    """True when a Qt call that returns nothing takes a reference to ``None`` with it."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("")
    return sys.getrefcount(None) < before - 50


def keep_none_alive() -> bool:
    """Make ``None`` effectively immortal where it is not already; returns whether it had to."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not qt_loses_none_references():
        return False
    import ctypes  # only here: loading it costs every start a millisecond

    # CPython keeps an object's reference count in its first machine word.
    ctypes.c_ssize_t.from_address(id(None)).value += NONE_GRANT
    log.info("raised None's reference count: the Qt binding loses references to None")
    return True
