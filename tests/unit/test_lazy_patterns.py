"""``companion.lazy_patterns``: patterns a library compiles at import, compiled when used."""

from __future__ import annotations

import re

import pytest

from companion.lazy_patterns import PatternCompiledWhenUsed, patterns_compiled_when_used


def test_only_patterns_with_a_mark_wait_and_they_match_as_compiled_ones_do() -> None:
    with patterns_compiled_when_used("SLOW", "ALSO"):
        marked = re.compile(r"(?i)SLOW(\d+)")
        other = re.compile(r"plain(\d+)")
        bytes_pattern = re.compile(rb"SLOW")
    assert isinstance(marked, PatternCompiledWhenUsed)
    assert isinstance(other, re.Pattern) and isinstance(bytes_pattern, re.Pattern)
    found = marked.search("it is slow42 today")
    assert found is not None and found.group(1) == "42"
    assert marked.sub("fast", "SLOW1 and slow2") == "fast and fast"
    assert marked.flags & re.IGNORECASE


def test_re_compile_is_given_back_even_when_the_import_fails() -> None:
    compile_before = re.compile
    with pytest.raises(ImportError), patterns_compiled_when_used("SLOW"):
        raise ImportError("a library that does not load")
    assert re.compile is compile_before
    assert isinstance(re.compile("SLOW"), re.Pattern)
