"""One instance per data folder: a second launch signals the first and never opens the store."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from companion.logs import LOG_FILE_NAME
from companion.store.store import Store
from companion.ui.session.single_instance import SingleInstance, server_name, socket_address
from companion.ui.shell import app as app_module
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

SECOND_LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from companion.ui.session.single_instance import SingleInstance
app = QCoreApplication([])
print("first" if SingleInstance(Path(sys.argv[1])).start() else "already running")
"""

SECOND_LAUNCH_REPORTING_TRIES = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from companion.ui.session.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
ask = instance._ask_running_instance
def ask_and_report():
    answered = ask()
    print("answered" if answered else "no answer yet", flush=True)
    return answered
instance._ask_running_instance = ask_and_report
print("first" if instance.start() else "already running", flush=True)
"""

HOLD_THE_FOLDER = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from companion.ui.session.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print("holding" if instance.start() else "refused", flush=True)
time.sleep(60)
"""


def _start(script: str, folder: Path) -> subprocess.Popen[str]:
    """Another launch, in its own process, on ``folder``."""
    return subprocess.Popen(
        [sys.executable, "-c", script, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_second_instance_on_the_same_folder_signals_the_first(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.start()
    first.listen()
    try:
        # The same folder, spelled differently, is the same folder.
        second = SingleInstance(folder / ".." / "office")
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert not second.start()
        assert second.server is None

        # Another folder has its own instance.
        elsewhere = SingleInstance(tmp_path / "other")
        assert elsewhere.start()
        elsewhere.stop()
    finally:
        first.stop()


def test_a_second_process_is_told_the_app_already_runs(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.start()
    first.listen()
    asked: list[bool] = []
    first.activation_requested.connect(lambda: asked.append(True))
    try:
        process = _start(SECOND_LAUNCH, folder)
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30000)
        assert process.stdout is not None
        assert process.stdout.read().strip() == "already running"
        qtbot.waitUntil(lambda: asked == [True], timeout=5000)
    finally:
        first.stop()


def test_a_socket_left_by_a_crash_does_not_block_the_next_start(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    stale = QLocalServer()
    assert stale.listen(socket_address(server_name(folder)))
    # A crashed app leaves its socket file, but nobody answers on it any more.
    stale.setParent(None)
    socket_path = Path(stale.fullServerName())
    stale.close()
    if sys.platform != "win32":
        socket_path.touch()
    fresh = SingleInstance(folder)
    assert fresh.start()
    fresh.listen()
    assert fresh.server is not None and fresh.server.isListening()
    fresh.stop()


def test_a_second_launch_waits_for_a_first_that_is_still_starting(qtbot, tmp_path: Path) -> None:
    """The first holds the folder at once but listens only after its first paint: a launch
    in between keeps asking until it is heard."""
    folder = tmp_path / "office"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.start()
    asked: list[bool] = []
    first.activation_requested.connect(lambda: asked.append(True))
    try:
        process = _start(SECOND_LAUNCH_REPORTING_TRIES, folder)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "no answer yet"
        first.listen()
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30000)
        lines = process.stdout.read().split()
        assert lines[-3:] == ["answered", "already", "running"] and "first" not in lines
        qtbot.waitUntil(lambda: asked == [True], timeout=5000)
    finally:
        first.stop()


def test_the_folder_is_free_again_after_stop_or_a_crash(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.start()
    first.stop()
    again = SingleInstance(folder)
    assert again.start()
    again.stop()

    holder = _start(HOLD_THE_FOLDER, folder)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    holder.kill()  # a crash: no chance to let go of the lock
    holder.wait(timeout=30)
    after_crash = SingleInstance(folder)
    assert after_crash.start()
    after_crash.stop()


def test_second_launch_exits_without_opening_the_store(
    qtbot, tmp_path: Path, data_dir: Path, monkeypatch
) -> None:
    monkeypatch.setenv("COMPANION_LOG_DIR", str(tmp_path / "logs"))
    handlers = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    Store.create(data_dir, "plum orchard lantern 42")[0].close()
    first = SingleInstance(data_dir)
    assert first.start()
    first.listen()
    opened: list[Path] = []
    monkeypatch.setattr(app_module, "open_store", lambda folder, **_: opened.append(folder))
    monkeypatch.setattr(app_module.sys, "excepthook", app_module.sys.excepthook)
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert app_module.run_app(data_dir) == 0
        assert opened == [], "the second launch never opens the store"
        assert (tmp_path / "logs" / LOG_FILE_NAME).exists(), "logs go to the log folder"
    finally:
        first.stop()
        for handler in logging.getLogger().handlers:
            if handler not in handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()
        logging.getLogger().setLevel(level)


def test_lock_and_socket_live_in_the_private_runtime_folder_not_the_shared_one(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing in the shared temporary folder shows (by its owner) who runs the app, and
    no other account can plant a lock or a socket where the app looks for them."""
    from PySide6.QtCore import QDir

    from companion import user_runtime

    # A runtime folder with a path as short as a login session's (/run/user/1000): a
    # socket's path has at most 108 bytes, and pytest's own folders are longer.
    private_runtime_folder = Path(tempfile.mkdtemp(prefix="cc-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(private_runtime_folder))
    user_runtime.forget_chosen_folder()
    shared = Path(QDir.tempPath())
    before = set(shared.glob("court-companion-*"))
    folder = tmp_path / "office"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.start()
    first.listen()
    try:
        assert first.server is not None and first.server.isListening()
        ours = private_runtime_folder / "court-companion"
        assert sorted(path.suffix for path in ours.iterdir()) == [".lock", ".socket"]
        if os.name == "posix":
            assert ours.stat().st_mode & 0o777 == 0o700 and ours.stat().st_uid == os.getuid()
        assert set(shared.glob("court-companion-*")) == before
        assert str(folder) not in first.address and os.environ.get("USER", "@") not in first.address
    finally:
        first.stop()
        shutil.rmtree(private_runtime_folder, ignore_errors=True)
