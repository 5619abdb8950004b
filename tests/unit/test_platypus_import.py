"""``companion.packets.platypus``: ReportLab's layout classes without compiling, at
import, the web-address and CJK-splitting patterns of a Paragraph class Court Companion
never uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.direct_imports import modules_importing

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import re, sys
import companion.packets.renderer
import reportlab.platypus.paragraph as paragraph
print(type(paragraph.uri_pat).__name__)
print(re.compile is re.__dict__["compile"] and re.compile.__module__)
print(bool(paragraph.uri_pat.match("https://example.org/a/b")))
print(paragraph.uri_pat.match("not an address") is None)
print(type(paragraph.uri_pat._compiled).__name__)
import reportlab.lib.textsplit as textsplit
print(type(textsplit.rx).__name__)
print(textsplit.rx.sub(r"\\1|", "中文ab").replace("|", "/"))
"""


def test_the_web_address_pattern_waits_until_used_and_then_works() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    deferred, compile_module, matches, refuses, compiled, cjk_deferred, cjk_split = (
        finished.stdout.split()
    )
    assert deferred == cjk_deferred == "PatternCompiledWhenUsed"
    assert compile_module == "re"  # re.compile is given back once platypus has loaded
    assert (matches, refuses, compiled) == ("True", "True", "Pattern")
    assert cjk_split == "中/文/ab"


def test_every_module_takes_platypus_from_the_one_place_that_defers_the_pattern() -> None:
    assert (
        modules_importing(
            "reportlab.platypus", apart_from=ROOT / "companion" / "packets" / "platypus.py"
        )
        == []
    )
