"""``companion.store.database``: sqlite-utils without compiling, at import, the
``CREATE VIRTUAL TABLE`` pattern of full-text helpers Court Companion never calls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.direct_imports import modules_importing

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import re
import companion.store.store
import sqlite_utils.db as db
pattern = db._virtual_table_using_re
print(type(pattern).__name__)
print(re.compile is re.__dict__["compile"] and re.compile.__module__)
found = pattern.match('create virtual table "people search" using fts5(name)')
print(found.group("dquoted_table").replace(" ", "_"), found.group("using"))
print(pattern.match("CREATE TABLE people (name)") is None)
print(type(pattern._compiled).__name__)
"""


def test_the_virtual_table_pattern_waits_until_used_and_then_works() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    deferred, compile_module, table, using, refuses, compiled = finished.stdout.split()
    assert deferred == "PatternCompiledWhenUsed"
    assert compile_module == "re"  # re.compile is given back once sqlite-utils has loaded
    assert (table, using) == ("people_search", "fts5")  # case-insensitive, as before
    assert (refuses, compiled) == ("True", "Pattern")


def test_every_module_takes_sqlite_utils_from_the_one_place_that_defers_the_pattern() -> None:
    assert (
        modules_importing("sqlite_utils", apart_from=ROOT / "companion" / "store" / "database.py")
        == []
    )
