"""One running app per data folder: a second launch brings the first one forward and quits.

The first instance listens on a local socket (``QLocalServer``: a Unix domain socket, or
a named pipe on Windows) whose name comes from a hash of this user's name and the
resolved data folder, so the name reveals neither. A second launch on the same folder
connects, says ``activate``, and exits without opening the store; the first answers by
showing its window (or its lock screen). Nothing here reaches the network, and only
this user may connect.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
WRITE_TIMEOUT_MS = 1000


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir`` (the same for every way of spelling it)."""
    identity = f"{_user()}\0{data_dir.expanduser().resolve()}"
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
    return f"court-companion-{digest}"


class SingleInstance(QObject):
    """``start()`` says whether this is the only instance on the folder.

    While it is, ``activation_requested`` is emitted each time another launch asks the
    app to come forward.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None

    def start(self) -> bool:
        """True if no other instance runs on the folder (this one now listens); False if
        one does (it was asked to come forward)."""
        if self._ask_running_instance():
            log.info("another instance runs on this data folder; it was asked to come forward")
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crash answers nobody: remove it and listen again.
            if self._ask_running_instance():
                return False
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance channel unavailable: %s", server.errorString())
                return True
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def stop(self) -> None:
        """Stop listening; connections still open are dropped."""
        server = self.server
        if server is None:
            return
        self.server = None
        server.newConnection.disconnect(self._accept)
        for client in server.findChildren(QLocalSocket):
            client.readyRead.disconnect()
            client.disconnected.disconnect()
            client.abort()
        server.close()
        server.deleteLater()

    def _ask_running_instance(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
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
        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            line = bytes(client.readLine().data())
            if line == ACTIVATE:
                log.info("a second launch asked this instance to come forward")
                self.activation_requested.emit()
