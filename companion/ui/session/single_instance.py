"""One running app per data folder: a second launch brings the first one forward and quits.

Two parts, so that neither slows the first window down:

* **A lock file** (``QLockFile``, in a folder private to this user), held by the first
  instance for as long as it runs. Taking it is a single file operation. Qt recognises a
  lock left by an app that crashed (its process is gone) and takes it over.
* **A local socket** (``QLocalServer``: a Unix domain socket, or a named pipe on
  Windows), opened by the first instance once its first window has painted. A second
  launch that finds the lock held connects, says ``activate`` and exits without opening
  the store; the first answers by showing its window (or its lock screen). If the first
  is still starting, the second keeps trying for a few seconds.

Both live in this user's private runtime folder (``companion.user_runtime``: checked to
be owned by the user and 0700, so no other account can plant a lock or a socket there to
stop the app from starting). Their names come from a hash of the user's name and the
resolved data folder, so they reveal neither; nothing is put in the shared temporary
folder, where a file's owner shows who runs the app. (On Windows the socket is a named
pipe, open to this user only.) Nothing here reaches the network.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QDir, QLockFile, QObject, Signal

from companion.user_runtime import private_runtime_folder

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
WRITE_TIMEOUT_MS = 1000
#: Longest path a Unix domain socket may have (108 bytes on Linux, 104 on macOS), with room.
MAX_SOCKET_PATH_BYTES = 100
#: How long a second launch keeps trying to reach a first one that is still starting.
STARTING_GRACE_SECONDS = 5.0
_RETRY_SECONDS = 0.05


def _user() -> str:
    import getpass  # only here: most starts never need it before the first window

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir`` (the same for every way of spelling it)."""
    identity = f"{_user()}\0{data_dir.expanduser().resolve()}".encode()
    digest = QCryptographicHash.hash(identity, QCryptographicHash.Algorithm.Sha256)
    return f"court-companion-{bytes(digest.toHex().data()).decode('ascii')[:32]}"


def lock_path(name: str) -> Path:
    """Where the lock file for the socket ``name`` lives: this user's private runtime folder."""
    return private_runtime_folder() / f"{name}.lock"


def socket_address(name: str) -> str:
    """What ``QLocalServer.listen`` gets: on Linux and macOS a path in the private runtime
    folder; on Windows (named pipes have no folder) the name itself. Should that path be
    too long for a socket, the name alone (a socket in the temporary folder, its name a
    hash that reveals nothing)."""
    if sys.platform == "win32":
        return name
    path = private_runtime_folder() / f"{name[-16:]}.socket"
    if len(str(path).encode("utf-8", "surrogatepass")) <= MAX_SOCKET_PATH_BYTES:
        return str(path)
    log.warning("private runtime folder path too long for a socket; using a hashed name")
    return str(Path(QDir.tempPath()) / name)


class SingleInstance(QObject):
    """``start()`` says whether this is the only instance on the folder; ``listen()``, called
    once the first window shows, lets later launches reach it.

    While it listens, ``activation_requested`` is emitted each time another launch asks
    the app to come forward.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.address = socket_address(self.name)
        self.lock = QLockFile(str(lock_path(self.name)))
        # Held for the whole session, however long: never stale by age, only when the
        # process that took it is gone.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None
        self.stopped = False

    def start(self) -> bool:
        """True if no other instance runs on the folder (this one now holds it); False if
        one does (it was asked to come forward)."""
        if self.lock.tryLock(0):
            return True
        if self.lock.error() != QLockFile.LockError.LockFailedError:
            # No lock file can be written here: the socket alone tells.
            log.warning("single-instance lock unavailable (%s)", self.lock.error().name)
            return not self._ask_running_instance()
        deadline = time.monotonic() + STARTING_GRACE_SECONDS
        while time.monotonic() < deadline:
            if self._ask_running_instance():
                log.info("another instance runs on this data folder; it was asked to come forward")
                return False
            if self.lock.tryLock(0):  # the other instance has just quit
                return True
            time.sleep(_RETRY_SECONDS)
        log.warning("another instance holds this data folder but did not answer; not starting")
        return False

    def listen(self) -> None:
        """Open the channel later launches use to bring this instance forward (once; never
        after ``stop()``)."""
        if self.server is not None or self.stopped:
            return
        from PySide6.QtNetwork import QLocalServer  # loaded after the first window shows

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.address):
            # A socket left behind by a crash answers nobody (we hold the lock): replace it.
            QLocalServer.removeServer(self.address)
            if not server.listen(self.address):
                log.warning("single-instance channel unavailable: %s", server.errorString())
                return
        server.newConnection.connect(self._accept)
        self.server = server

    def stop(self) -> None:
        """Stop listening and let go of the folder; connections still open are dropped."""
        self.stopped = True
        server = self.server
        self.server = None
        if server is not None:
            from PySide6.QtNetwork import QLocalSocket

            server.newConnection.disconnect(self._accept)
            for client in server.findChildren(QLocalSocket):
                client.readyRead.disconnect()
                client.disconnected.disconnect()
                client.abort()
            server.close()
            server.deleteLater()
        if self.lock.isLocked():
            self.lock.unlock()

    def _ask_running_instance(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.address)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        socket.waitForBytesWritten(WRITE_TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(WRITE_TIMEOUT_MS)
        return True

    def _accept(self) -> None:
        server = self.server
        if server is None:
            return
        while server.hasPendingConnections():
            client = server.nextPendingConnection()
            client.readyRead.connect(self._read_from_sender)
            client.disconnected.connect(client.deleteLater)
            self._read(client)

    def _read_from_sender(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            line = bytes(client.readLine().data())
            if line == ACTIVATE:
                log.info("a second launch asked this instance to come forward")
                self.activation_requested.emit()
