"""Child process for the viewer-copy tests: Court Companion started as the ``companion``
command starts it (``run_app``), unlocked by typing the passphrase, then a hearing packet
opened "in the PDF viewer" (the system viewer replaced by a no-op: there is none here).

Prints ``copy PATH`` once the viewer copy is written, then runs until it is killed or
sent a signal. ``python -m tests.integration.helpers.viewer_session DATA_DIR PASSPHRASE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from companion.ui.shell import app as app_module


def _no_viewer(url: QUrl) -> bool:
    return True


def main() -> int:
    data_dir, passphrase = Path(sys.argv[1]), sys.argv[2]
    QDesktopServices.openUrl = staticmethod(_no_viewer)  # type: ignore[method-assign]

    def type_passphrase() -> None:
        from companion.ui.session.unlock_dialog import UnlockDialog

        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog)]
        if not dialogs or not dialogs[0].isVisible():
            QTimer.singleShot(50, type_passphrase)
            return
        QTest.keyClicks(dialogs[0].passphrase, passphrase)
        QTest.keyClick(dialogs[0].passphrase, Qt.Key.Key_Return)

    def open_packet() -> None:
        from companion.ui.packets.packet_dialog import PacketDialog
        from companion.ui.shell.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(50, open_packet)
            return
        store = windows[0].store
        hearing_id = int(store.db.execute("SELECT min(hearing_id) FROM attendance").fetchone()[0])
        dialog = PacketDialog(store, hearing_id, parent=windows[0])

        def ready() -> None:
            from companion.viewer_copies import viewer_folder

            dialog.open_button.click()
            (copy,) = viewer_folder(data_dir).glob("*.pdf")
            print(f"copy {copy}", flush=True)

        dialog.preview_ready.connect(ready)
        dialog.show()

    QTimer.singleShot(0, type_passphrase)
    QTimer.singleShot(0, open_packet)
    return app_module.run_app(data_dir)


if __name__ == "__main__":
    sys.exit(main())
