"""The operating system saying that the session is locking or the machine is suspending.

Qt has no portable signal for either, so each platform is asked in its own way:

* **Linux and other desktops with D-Bus.** On the session bus, ``ActiveChanged(true)``
  of the screen savers of freedesktop.org (KDE, Xfce), GNOME, Cinnamon and MATE; on
  the system bus, logind's ``PrepareForSleep(true)`` and the ``Lock`` signal of this
  login session. D-Bus is reached through its local socket only.
* **Windows.** ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK`` (after the window is
  registered with ``WTSRegisterSessionNotification``) and ``WM_POWERBROADCAST`` with
  ``PBT_APMSUSPEND``, read by a native event filter.
* **macOS.** Qt does not pass these notifications on and reading them needs
  Objective-C bindings we do not ship. The idle timer still locks, and because it also
  watches the wall clock, the first check after the Mac wakes locks the app when
  the sleep was longer than the idle limit.
* **Everywhere.** Qt's ``ApplicationSuspended`` state (reported by mobile platforms).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SCREEN_LOCKED = "screen_locked"
SUSPENDING = "suspending"

#: Screen savers that announce ``ActiveChanged(bool)`` on the session bus.
SCREEN_SAVER_INTERFACES = (
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.cinnamon.ScreenSaver",
    "org.mate.ScreenSaver",
)
LOGIN_SERVICE = "org.freedesktop.login1"
LOGIN_PATH = "/org/freedesktop/login1"
LOGIN_MANAGER = "org.freedesktop.login1.Manager"
LOGIN_SESSION = "org.freedesktop.login1.Session"

# Windows messages (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


def login_session_path(session_id: str) -> str:
    """The object path logind gives a session id (systemd's bus label escaping)."""
    if not session_id:
        return ""
    label = "".join(
        char
        if char.isascii() and (char.isalpha() or (char.isdigit() and index > 0))
        else "".join(f"_{byte:02x}" for byte in char.encode("utf-8"))
        for index, char in enumerate(session_id)
    )
    return f"{LOGIN_PATH}/session/{label}"


class _Message(ctypes.Structure):
    """The start of a Windows ``MSG``: the parts the filter reads."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    )


class WindowsSessionFilter(QAbstractNativeEventFilter):
    """Reads Windows messages for a locked session or a machine going to sleep."""

    def __init__(self, events: SessionEvents) -> None:
        super().__init__()
        self.events = events

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        kind = bytes(eventType.data() if isinstance(eventType, QByteArray) else eventType)
        if kind == b"windows_generic_MSG" and message:
            msg = _Message.from_address(int(message))
            if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
                self.events.report(SCREEN_LOCKED)
            elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
                self.events.report(SUSPENDING)
        return False, 0


class SessionEvents(QObject):
    """Emits ``locking(reason)`` when the system locks the session or is about to sleep."""

    locking = Signal(str)

    def __init__(self, parent: QObject | None = None, listen: bool = True) -> None:
        super().__init__(parent)
        self.windows_filter: WindowsSessionFilter | None = None
        self.dbus_connections: list[object] = []
        self._watching_state = False
        if not listen:
            return
        application = QCoreApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self.application_state_changed)
            self._watching_state = True
        if sys.platform == "win32":
            self._listen_on_windows()
        elif sys.platform != "darwin":
            self.listen_on_dbus()

    def report(self, reason: str) -> None:
        log.info("the system reports %s", reason)
        self.locking.emit(reason)

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.report(SUSPENDING)

    # --- D-Bus ----------------------------------------------------------------------

    def listen_on_dbus(self, session_bus: object = None, system_bus: object = None) -> int:
        """Subscribe to the screen savers and logind; returns how many subscriptions took.

        The buses default to the user's session bus and the system bus; tests pass a
        private bus. Missing buses (no desktop session, a container) are skipped.
        """
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt build without D-Bus
            return 0
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        subscribed = 0
        if isinstance(session, QDBusConnection) and session.isConnected():
            for interface in SCREEN_SAVER_INTERFACES:
                subscribed += self._subscribe(
                    session, "", "", interface, "ActiveChanged", "screen_saver(bool)"
                )
            self.dbus_connections.append(session)
        if isinstance(system, QDBusConnection) and system.isConnected():
            subscribed += self._subscribe(
                system,
                LOGIN_SERVICE,
                LOGIN_PATH,
                LOGIN_MANAGER,
                "PrepareForSleep",
                "prepare_for_sleep(bool)",
            )
            path = login_session_path(os.environ.get("XDG_SESSION_ID", ""))
            if path:
                subscribed += self._subscribe(
                    system, LOGIN_SERVICE, path, LOGIN_SESSION, "Lock", "session_lock()"
                )
            self.dbus_connections.append(system)
        log.info("listening for session lock and sleep on D-Bus (%d subscriptions)", subscribed)
        return subscribed

    def _subscribe(
        self, bus: object, service: str, path: str, interface: str, name: str, slot: str
    ) -> int:
        """1 if the bus took the subscription. (PySide's stubs want the slot as bytes, but
        only the string that ``SLOT()`` returns works.)"""
        connect = getattr(bus, "connect")  # noqa: B009
        return int(bool(connect(service, path, interface, name, self, SLOT(slot))))

    @Slot(bool)
    def screen_saver(self, active: bool) -> None:
        if active:
            self.report(SCREEN_LOCKED)

    @Slot(bool)
    def prepare_for_sleep(self, starting: bool) -> None:
        if starting:
            self.report(SUSPENDING)

    @Slot()
    def session_lock(self) -> None:
        self.report(SCREEN_LOCKED)

    # --- Windows --------------------------------------------------------------------

    def _listen_on_windows(self) -> None:
        application = QCoreApplication.instance()
        if application is None:
            return
        self.windows_filter = WindowsSessionFilter(self)
        application.installNativeEventFilter(self.windows_filter)

    def watch_window(self, window: QWidget) -> None:
        """Ask Windows to send this window the session's lock notifications."""
        if sys.platform != "win32":
            return
        try:
            wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined,unused-ignore]
            wtsapi.WTSRegisterSessionNotification(
                ctypes.c_void_p(int(window.winId())), NOTIFY_FOR_THIS_SESSION
            )
        except (OSError, AttributeError) as error:
            log.warning("cannot watch for the session lock: %s", type(error).__name__)

    def stop(self) -> None:
        application = QCoreApplication.instance()
        if self.windows_filter is not None and application is not None:
            application.removeNativeEventFilter(self.windows_filter)
            self.windows_filter = None
        if self._watching_state and isinstance(application, QGuiApplication):
            self._watching_state = False
            with contextlib.suppress(RuntimeError, TypeError):
                application.applicationStateChanged.disconnect(self.application_state_changed)
        self.dbus_connections.clear()
