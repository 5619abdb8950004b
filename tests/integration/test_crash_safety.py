"""Acknowledged writes survive a hard kill (SIGKILL) at random moments, 50 times over."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

KILLS = 50


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_acknowledged_writes_survive_sigkill(data_dir: Path) -> None:
    Store.create(data_dir, TEST_PASSPHRASE)[0].close()
    rng = random.Random(20261129)
    acknowledged: set[int] = set()
    root = Path(__file__).resolve().parents[2]
    for _ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.helpers.crash_writer",
                str(data_dir),
                TEST_PASSPHRASE,
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.005, 0.12)
        while time.monotonic() < deadline:
            readable, _, _ = select.select(
                [child.stdout], [], [], max(0.0, deadline - time.monotonic())
            )
            if readable:
                line = child.stdout.readline()
                if line.strip().isdigit():
                    acknowledged.add(int(line))
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Lines the child wrote before it died were acknowledged too.
        for line in child.stdout.read().splitlines():
            if line.strip().isdigit():
                acknowledged.add(int(line))

        store = Store.open(data_dir, TEST_PASSPHRASE)
        try:
            assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            present = {row[0] for row in store.db.execute("SELECT id FROM people").fetchall()}
            missing = acknowledged - present
            assert not missing, f"acknowledged but lost: {sorted(missing)[:5]}"
        finally:
            store.close()
    assert len(acknowledged) > KILLS
