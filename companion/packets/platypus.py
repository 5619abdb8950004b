"""ReportLab's page layout classes (platypus), loaded without costs we never use.

When ReportLab's paragraph module is imported, it compiles two patterns for its own
``Paragraph`` class: one that finds web addresses to hyphenate (about 40 ms: it matches
letters case-insensitively over most of Unicode) and one that splits Chinese, Japanese
and Korean text into characters (about 5 ms). Court Companion lays out its text itself
and never uses that class, so while platypus loads, those two patterns are compiled
when first used instead of at once (``companion.lazy_patterns``).

Every module of Court Companion takes platypus from here
(``tests/unit/test_platypus_import.py`` checks it).
"""

from __future__ import annotations

import sys

from companion.lazy_patterns import patterns_compiled_when_used

#: A piece found only in ReportLab's web-address pattern (the shape of a punycode domain).
WEB_ADDRESS_PATTERN_MARK = "xn--[a-z0-9]{1,59}"
#: ReportLab's pattern that splits text at each CJK character (``reportlab.lib.textsplit``).
CJK_SPLIT_PATTERN_MARK = "([\u2e80-\uffff])"

if "reportlab.platypus" not in sys.modules:
    with patterns_compiled_when_used(WEB_ADDRESS_PATTERN_MARK, CJK_SPLIT_PATTERN_MARK):
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
