"""Inline messages show what they quote as plain, selectable text, never as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from companion.ui.widgets.messages import MessageLabel


def test_a_message_quoting_markup_shows_it_as_typed(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = MessageLabel(parent)
    typed = "Folder <b>not found</b>: C:\\Users\\<script>"
    label.show_message(lambda: typed, error=True)

    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert label.text() == typed
    assert label.is_error and label.isVisibleTo(parent)

    label.clear_message()
    assert not label.isVisibleTo(parent)
    label.setText("<i>again</i>")
    assert label.textFormat() == Qt.TextFormat.PlainText
