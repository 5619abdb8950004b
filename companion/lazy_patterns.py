"""Loading a library without compiling, at import, the patterns we never use.

Some libraries compile regular expressions when they are imported, for features Court
Companion never calls. A few of those patterns are slow to compile (they match letters
case-insensitively, or any character, over most of Unicode): each one costs a
noticeable part of a short command such as ``companion packet``. While such a library
loads inside ``patterns_compiled_when_used``, the patterns that contain one of the given
marks are compiled the first time they are used instead of at once. Every other pattern
compiles as usual, and a library version without the pattern simply loads as it is.

Used by ``companion.packets.platypus`` (ReportLab's layout classes) and
``companion.store.database`` (sqlite-utils).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class PatternCompiledWhenUsed:
    """Stands in for a compiled pattern; compiles it the first time it is used."""

    def __init__(self, compile_now: Callable[..., re.Pattern[str]], pattern: str, flags: int):
        self._compile_now = compile_now
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = self._compile_now(*self._source)
        return getattr(self._compiled, name)


#: One swap of ``re.compile`` at a time: two threads loading two such libraries at once
#: would each give back the other's stand-in, and leave it in place for good.
_SWAPPING = threading.RLock()


@contextmanager
def patterns_compiled_when_used(*marks: str) -> Iterator[None]:
    """While this runs, ``re.compile`` of a text pattern containing one of ``marks``
    gives a ``PatternCompiledWhenUsed``; ``re.compile`` is given back afterwards."""
    with _SWAPPING:
        compile_now = re.compile

        def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and any(mark in pattern for mark in marks):
                return PatternCompiledWhenUsed(compile_now, pattern, flags)
            return compile_now(pattern, flags)

        re.compile = compile_or_defer
        try:
            yield
        finally:
            re.compile = compile_now
