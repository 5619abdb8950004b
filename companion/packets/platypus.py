"""ReportLab's page layout classes (platypus), loaded without a cost we never use.

When ReportLab's paragraph module is imported, it compiles a pattern that finds web
addresses for its own ``Paragraph`` class to hyphenate. That one pattern takes about
40 ms to compile (it matches letters case-insensitively over most of Unicode): a tenth
of a whole ``companion packet`` command. Court Companion lays out its text itself and
never uses that class, so while platypus loads, that pattern is compiled when it is
first used instead of at once. Every other pattern compiles as usual, and a ReportLab
without that pattern simply loads as it is.

Every module of Court Companion takes platypus from here
(``tests/unit/test_platypus_import.py`` checks it).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: A piece found only in ReportLab's web-address pattern (the shape of a punycode domain).
WEB_ADDRESS_PATTERN_MARK = "xn--[a-z0-9]{1,59}"


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


@contextmanager
def _web_address_pattern_compiled_when_used() -> Iterator[None]:
    compile_now = re.compile

    def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and WEB_ADDRESS_PATTERN_MARK in pattern:
            return PatternCompiledWhenUsed(compile_now, pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_or_defer
    try:
        yield
    finally:
        re.compile = compile_now


if "reportlab.platypus" not in sys.modules:
    with _web_address_pattern_compiled_when_used():
        import reportlab.platypus  # noqa: F401

from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "BaseDocTemplate",
    "CondPageBreak",
    "Flowable",
    "Frame",
    "HRFlowable",
    "KeepTogether",
    "PageBreak",
    "PageTemplate",
    "SimpleDocTemplate",
    "Spacer",
    "Table",
    "TableStyle",
]
