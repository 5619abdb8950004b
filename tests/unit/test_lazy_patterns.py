"""``companion.lazy_patterns``: patterns a library compiles at import, compiled when used."""

from __future__ import annotations

import contextlib
import re
import threading

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


def test_two_threads_loading_libraries_at_once_give_re_compile_back() -> None:
    """Each swap waits for the other: neither gives back the other's stand-in."""
    compile_before = re.compile
    both_inside = threading.Barrier(2, timeout=0.2)

    def load(mark: str) -> None:
        with patterns_compiled_when_used(mark):
            with contextlib.suppress(threading.BrokenBarrierError):
                both_inside.wait()  # they cannot both be inside: the second waits
            re.compile(mark)

    threads = [threading.Thread(target=load, args=(mark,)) for mark in ("ONE", "TWO")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert re.compile is compile_before
    assert both_inside.broken  # the first timed out alone: the swaps did not overlap
