"""Record uids: UUID version 7 (RFC 9562) made by ``companion.store.identity``."""

from __future__ import annotations

import time
import uuid

import pytest

from companion.store import identity
from companion.store.identity import _Uuid7


def test_a_uid_is_version_7_with_the_rfc_variant_and_todays_milliseconds() -> None:
    before = time.time_ns() // 1_000_000
    made = _Uuid7()()
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after
    assert str(made)[14] == "7"  # the version digit, where every reader looks for it


def test_uids_made_one_after_another_always_sort_in_that_order_and_never_repeat() -> None:
    generate = _Uuid7()
    made = [generate() for _ in range(20_000)]  # many in each millisecond
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_a_clock_that_goes_back_still_gives_increasing_uids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generate = _Uuid7()
    monkeypatch.setattr(identity.time, "time_ns", lambda: 2_000_000_000_000_000_000)
    later = generate()
    monkeypatch.setattr(identity.time, "time_ns", lambda: 1_000_000_000_000_000_000)
    assert generate() > later


def test_a_full_counter_moves_the_time_part_on_by_one_millisecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generate = _Uuid7()
    monkeypatch.setattr(identity.time, "time_ns", lambda: 1_765_000_000_000_000_000)
    made = [generate() for _ in range(4_097)]  # more than a 12-bit counter holds
    assert made == sorted(made)
    assert {uid.int >> 80 for uid in made} == {1_765_000_000_000, 1_765_000_000_001}


def test_new_uid_is_the_text_form() -> None:
    text = identity.new_uid()
    assert uuid.UUID(text).version == 7 and text == str(uuid.UUID(text))
