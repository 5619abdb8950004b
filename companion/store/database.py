"""sqlite-utils, loaded without compiling a pattern we never use.

When sqlite-utils is imported, it compiles a pattern that reads ``CREATE VIRTUAL TABLE``
statements, for its full-text search helpers. It matches letters case-insensitively
over most of Unicode, and takes about 10 ms to compile: a noticeable part of a short
command such as ``companion packet``. Court Companion makes its own search tables and
never calls those helpers, so that pattern is compiled when first used instead
(``companion.lazy_patterns``).

Every module of Court Companion takes sqlite-utils from here
(``tests/unit/test_sqlite_utils_import.py`` checks it).
"""

from __future__ import annotations

import sys

from companion.lazy_patterns import patterns_compiled_when_used

#: A piece found only in sqlite-utils' pattern for ``CREATE VIRTUAL TABLE`` statements.
VIRTUAL_TABLE_PATTERN_MARK = r"CREATE\s+VIRTUAL\s+TABLE"

if "sqlite_utils" not in sys.modules:
    with patterns_compiled_when_used(VIRTUAL_TABLE_PATTERN_MARK):
        import sqlite_utils  # noqa: F401

from sqlite_utils import Database, Migrations  # noqa: E402

__all__ = ["Database", "Migrations"]
