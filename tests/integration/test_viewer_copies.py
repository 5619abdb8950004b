"""Viewer copies of a packet (the only witness data outside the store) never outlive the
app: deleted at SIGTERM and SIGINT, and swept at the next start after a SIGKILL."""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.demo import create_demo_office
from companion.store.store import Store
from companion.viewer_copies import viewer_folder
from tests.conftest import TEST_PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

ROOT = Path(__file__).resolve().parents[2]
#: Generous: an app start, an unlock (Argon2id) and a packet render on a busy machine.
START_TIMEOUT_S = 180.0


def _environment() -> dict[str, str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("COMPANION_PASSPHRASE", None)
    return environment


def _app_with_a_viewer_copy(data_dir: Path) -> tuple[subprocess.Popen[str], Path]:
    """The app, unlocked, with a packet open in the (stand-in) PDF viewer."""
    helper = "tests.integration.helpers.viewer_session"
    child = subprocess.Popen(
        [sys.executable, "-m", helper, str(data_dir), TEST_PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_environment(),
    )
    assert child.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and child.poll() is None:
        readable, _, _ = select.select([child.stdout], [], [], deadline - time.monotonic())
        if readable:
            line = child.stdout.readline()
            if line.startswith("copy "):
                return child, Path(line.removeprefix("copy ").strip())
    child.kill()
    raise AssertionError("the app never opened a viewer copy")


@pytest.fixture
def office(data_dir: Path) -> Path:
    create_demo_office(data_dir, TEST_PASSPHRASE).close()
    return data_dir


def test_a_viewer_copy_is_private_and_in_the_runtime_folder(
    office: Path, private_runtime_folder: Path
) -> None:
    child, copy = _app_with_a_viewer_copy(office)
    try:
        assert copy.read_bytes().startswith(b"%PDF")
        assert copy.is_relative_to(private_runtime_folder)
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
        assert "María" not in copy.name
    finally:
        child.kill()
        child.wait()


def test_a_copy_left_by_a_killed_app_is_swept_at_the_next_start_before_unlock(
    office: Path,
) -> None:
    child, copy = _app_with_a_viewer_copy(office)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert copy.exists(), "SIGKILL lets nothing run: the copy is left behind"
    interrupted = copy.with_name("hearing-packet-1-interrupted.pdf.part")
    interrupted.write_bytes(b"%PDF-1.4 half written")

    restarted = subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(office)],
        cwd=ROOT,
        env=_environment(),
    )
    try:
        folder = viewer_folder(office)
        deadline = time.monotonic() + START_TIMEOUT_S
        while any(folder.iterdir()) and restarted.poll() is None:
            assert time.monotonic() < deadline, "the leftovers were not swept"
            time.sleep(0.05)
        assert list(folder.iterdir()) == []
        assert restarted.poll() is None, "swept while the unlock screen waits for a passphrase"
        restarted.send_signal(signal.SIGTERM)
        assert restarted.wait(timeout=60) == 0  # the unlock screen gave up: a clean quit
    finally:
        if restarted.poll() is None:
            restarted.kill()
            restarted.wait()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_delete_the_copy_and_close_the_store(
    office: Path, number: signal.Signals
) -> None:
    child, copy = _app_with_a_viewer_copy(office)
    assert copy.exists()
    child.send_signal(number)
    assert child.wait(timeout=60) == 128 + number
    assert not copy.exists()
    assert list(copy.parent.iterdir()) == []
    Store.open(office, TEST_PASSPHRASE).close()  # closed as at Quit: it opens
