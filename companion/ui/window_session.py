"""The main window on the open store, and a fresh one when the store object changes.

A restore from a backup (``records_safety``) ends with a new, open ``Store`` and the old
one closed. Every view of the main window holds the store it was built with, so rather
than re-wiring each of them the session builds a new main window on the new store,
shows it where the old one was, and closes the old one.
"""

from __future__ import annotations

import logging

from companion.store.store import Store
from companion.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class WindowSession:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.window = self._build(store)

    def _build(self, store: Store) -> MainWindow:
        window = MainWindow(store)
        window.store_replaced.connect(self.replace_store)
        return window

    def show(self) -> MainWindow:
        self.window.show()
        return self.window

    def replace_store(self, store: Store) -> MainWindow:
        """Show a new main window on ``store``, then close the old window and its store."""
        old_window, old_store = self.window, self.store
        new_window = self._build(store)
        new_window.restoreGeometry(old_window.saveGeometry())
        self.window, self.store = new_window, store
        # The new window is shown first, so the app never has no window (and does not quit).
        new_window.show()
        old_window.store_replaced.disconnect(self.replace_store)
        old_window.close()
        old_window.deleteLater()
        if old_store is not store:
            old_store.close()
        log.info("main window rebuilt on store %s", store.store_id)
        return new_window

    def close_store(self) -> None:
        self.store.close()
