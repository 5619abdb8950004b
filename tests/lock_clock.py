"""A clock for ``folder_lock`` that never sleeps: waiting for a held folder advances it and
is recorded, so a test can tell "refused at once" from "refused after waiting" without
timing anything."""

from __future__ import annotations

import pytest

from companion.store import folder_lock


class LockClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def lock_clock(monkeypatch: pytest.MonkeyPatch) -> LockClock:
    """Give ``folder_lock`` a ``LockClock`` in place of the ``time`` module."""
    clock = LockClock()
    monkeypatch.setattr(folder_lock, "time", clock)
    return clock
