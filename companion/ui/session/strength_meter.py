"""A passphrase strength meter: a bar of zxcvbn's score (0 to 4) and what is wrong, as
staff type. The judgement is the core's (``companion.store.passphrase_policy``); this
widget only shows it, in the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from companion.errors import WeakPassphraseError
from companion.messages import describe
from companion.store.passphrase_policy import (
    BEST_SCORE,
    MINIMUM_LENGTH,
    PassphraseStrength,
    judge_passphrase,
)
from companion.ui.i18n import _, current


def _level(strength: PassphraseStrength) -> str:
    if strength.acceptable:
        return _("Strength: strong enough")
    if strength.score >= 2:
        return _("Strength: not strong enough yet")
    return _("Strength: weak")


class StrengthMeter(QWidget):
    """Call ``judge(text)`` whenever the passphrase changes; empty text shows nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strength: PassphraseStrength | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, BEST_SCORE)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.level = QLabel()
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.level)
        layout.addWidget(self.reason)
        self.judge("")

    def judge(self, passphrase: str) -> None:
        self.strength = judge_passphrase(passphrase) if passphrase else None
        self.retranslate()

    def retranslate(self) -> None:
        strength = self.strength
        self.bar.setAccessibleName(_("Passphrase strength"))
        if strength is None:
            self.bar.setValue(0)
            self.level.setText("")
            self.reason.setText("")
            self.bar.setAccessibleDescription("")
            return
        self.bar.setValue(strength.score)
        self.level.setText(_level(strength))
        self.bar.setAccessibleDescription(_level(strength))
        reason = strength.reason
        self.reason.setText(
            ""
            if reason is None
            else describe(WeakPassphraseError(reason, MINIMUM_LENGTH), current())
        )
