"""The system locking the session or going to sleep locks the app: D-Bus signals (checked
on a private bus), Windows messages (read from a fake message), Qt's suspended state."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt

from companion.store.store import Store
from companion.ui.session import session_events
from companion.ui.session.lock import Locker
from companion.ui.session.session_events import (
    PBT_APMSUSPEND,
    SCREEN_LOCKED,
    SUSPENDING,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    SessionEvents,
    WindowsSessionFilter,
    login_session_path,
)
from tests.integration.lock_support import (  # noqa: F401
    clock_fixture,
    close_main_windows,
    locker_fixture,
    show_window,
)
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    """A D-Bus daemon of our own on a socket in the test folder; its address."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1", f"--address=unix:tmpdir={tmp_path}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        assert address.startswith("unix:"), "only a local socket"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_dbus_screen_saver_and_sleep_signals_are_heard(
    qtbot, private_bus: str, monkeypatch
) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    monkeypatch.setenv("XDG_SESSION_ID", "c2")
    listening = QDBusConnection.connectToBus(private_bus, "court-companion-test-listen")
    sending = QDBusConnection.connectToBus(private_bus, "court-companion-test-send")
    try:
        assert listening.isConnected() and sending.isConnected()
        assert sending.registerService(session_events.LOGIN_SERVICE)
        events = SessionEvents(listen=False)
        # The private bus stands in for both the session and the system bus.
        assert events.listen_on_dbus(listening, listening) == 6
        heard: list[str] = []
        events.locking.connect(heard.append)

        def emit(path: str, interface: str, name: str, *arguments: object) -> None:
            message = QDBusMessage.createSignal(path, interface, name)
            message.setArguments(list(arguments))
            assert sending.send(message)

        emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", False)
        emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
        qtbot.waitUntil(lambda: heard == [SCREEN_LOCKED])
        emit("/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True)
        qtbot.waitUntil(lambda: heard == [SCREEN_LOCKED] * 2)
        emit(session_events.LOGIN_PATH, session_events.LOGIN_MANAGER, "PrepareForSleep", True)
        qtbot.waitUntil(lambda: heard[-1:] == [SUSPENDING])
        emit("/org/freedesktop/login1/session/c3", session_events.LOGIN_SESSION, "Lock")
        emit("/org/freedesktop/login1/session/c2", session_events.LOGIN_SESSION, "Lock")
        qtbot.waitUntil(lambda: len(heard) == 4)
        assert heard == [SCREEN_LOCKED, SCREEN_LOCKED, SUSPENDING, SCREEN_LOCKED]
        events.stop()
    finally:
        QDBusConnection.disconnectFromBus("court-companion-test-listen")
        QDBusConnection.disconnectFromBus("court-companion-test-send")


def test_login_session_paths_follow_systemd_escaping() -> None:
    assert login_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert login_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert login_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"
    assert login_session_path("") == ""


class _Msg(ctypes.Structure):
    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("x", ctypes.c_int32),
        ("y", ctypes.c_int32),
    )


def test_windows_messages_for_lock_and_suspend_are_read() -> None:
    events = SessionEvents(listen=False)
    heard: list[str] = []
    events.locking.connect(heard.append)
    native = WindowsSessionFilter(events)

    def deliver(message: int, w_param: int, kind: bytes = b"windows_generic_MSG") -> object:
        msg = _Msg(None, message, w_param, 0, 0, 0, 0)
        return native.nativeEventFilter(QByteArray(kind), ctypes.addressof(msg))

    assert deliver(WM_WTSSESSION_CHANGE, 0x8) == (False, 0)  # unlock: nothing to do
    assert heard == []
    deliver(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    deliver(WM_POWERBROADCAST, PBT_APMSUSPEND)
    deliver(WM_POWERBROADCAST, 0x12)  # resume
    deliver(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, kind=b"xcb_generic_event_t")
    assert heard == [SCREEN_LOCKED, SUSPENDING]


def test_the_screen_saver_locks_the_app(qtbot, store: Store, locker: Locker) -> None:
    show_window(qtbot, store)
    assert not locker.is_locked
    locker.system.screen_saver(True)
    assert locker.is_locked and store.closed


def test_qt_suspension_locks_the_app(qtbot, store: Store, locker: Locker) -> None:
    """Qt's own "the application is suspended" state (mobile-style platforms, and some
    desktops on sleep) reaches the locker as SUSPENDING."""
    show_window(qtbot, store)
    locker.system.application_state_changed(Qt.ApplicationState.ApplicationInactive)
    assert not locker.is_locked, "losing focus is not a reason to lock"
    locker.system.application_state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert locker.is_locked and store.closed


def test_qt_suspended_state_is_a_reason_to_lock(qtbot) -> None:
    events = SessionEvents(listen=True)
    heard: list[str] = []
    events.locking.connect(heard.append)
    events.application_state_changed(Qt.ApplicationState.ApplicationInactive)
    events.application_state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert heard == [SUSPENDING]
    events.stop()
