"""The banner that says, on every screen of a demo store, that the office is made up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from companion.ui.i18n import _

DEMO_MARK = "DEMO"


class DemoBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(
            "QLabel#demoBanner { background: #fff3b0; color: #3d3200; border: 1px solid #c9a800;"
            " padding: 6px; font-weight: bold; }"
        )
        self.retranslate()

    def retranslate(self) -> None:
        text = _(
            "{mark}: a fictional demo office. Every person, case and courthouse here is "
            "made up. Do not enter real people."
        ).format(mark=DEMO_MARK)
        self.setText(text)
        self.setAccessibleName(text)
