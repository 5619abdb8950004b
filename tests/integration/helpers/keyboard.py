"""Driving windows with the keyboard in tests, as a person does: shown and focused, then
Tab, Shift+Tab and keys sent to whatever has the focus."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

Shown = TypeVar("Shown", bound=QWidget)

#: More Tab presses than any window here has fields: a focus loop shows as a failure.
MOST_TABS = 120


def show_focused(qtbot: QtBot, window: Shown) -> Shown:
    """``window`` shown, active, and with a widget of it holding the focus."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key) -> None:
    """``key`` pressed where the focus is."""
    qtbot.keyClick(focused(), key)


def tab_stops(
    qtbot: QtBot,
    until: QWidget,
    *,
    within: QWidget | None = None,
    back: bool = False,
    most: int = MOST_TABS,
) -> list[QWidget]:
    """The widgets Tab (Shift+Tab with ``back``) visits from the focus, up to ``until``
    (or ``most`` presses). With ``within``, the focus must never leave that window."""
    modifier = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    visited: list[QWidget] = []
    for _ in range(most):
        start = focused()
        assert within is None or within.isAncestorOf(start)
        qtbot.keyClick(start, Qt.Key.Key_Tab, modifier)
        now = focused()
        assert within is None or within.isAncestorOf(now)
        visited.append(now)
        if now is until:
            break
    return visited


def plain(text: str) -> str:
    """A shown text without the marks that keep file data in its own direction."""
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)
