"""Main windows over a store that changes: a new window when a restore brings a new
``Store``, and closing whatever store is still open when the app ends.

A restore from a backup (``records_safety``) ends with a new, open ``Store`` and the old
one closed. Every view of the main window holds the store it was built with, so rather
than re-wiring each of them a new main window is built on the new store, shown where
the old one was, and the old one is closed. Features attach to the new window as to any
other (locking, for one, follows the window in front).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QApplication, QMainWindow

from companion.store.store import Store

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)


def replace_main_window(old: Desk, store: Store) -> Desk:
    """Show a new main window on ``store`` in place of ``old``, then close ``old``."""
    new = old.new_desk(store)
    new.widget().restoreGeometry(old.widget().saveGeometry())
    # Shown before the old one closes, so the app never runs out of windows and quits.
    new.widget().show()
    new.widget().raise_()
    new.widget().activateWindow()
    old.widget().close()
    old.widget().deleteLater()
    log.info("main window rebuilt on store %s", store.store_id)
    return new


def open_stores() -> list[Store]:
    """The stores of the main windows that still exist, each once, if still open."""
    stores: list[Store] = []
    for widget in QApplication.topLevelWidgets():
        store = getattr(widget, "store", None)
        if not (isinstance(widget, QMainWindow) and isinstance(store, Store)):
            continue
        if shiboken6.isValid(widget) and not store.closed and store not in stores:
            stores.append(store)
    return stores


def close_open_stores(*also: Store) -> None:
    """At the end of the app: close every store a main window still holds, and ``also``."""
    for store in [*open_stores(), *also]:
        store.close()
