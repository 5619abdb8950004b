"""The screen shown while Court Companion is locked: the passphrase (or recovery code) again.

It is the unlock dialog with its own words, and with the same check and the same growing
wait after wrong tries. It cannot be closed or escaped: it goes away when the store opens
again (``unlocked`` carries the store) or when staff choose Quit (``quit_requested``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from companion.store import keys
from companion.ui.i18n import _, ngettext
from companion.ui.session.unlock_dialog import UnlockDialog

RIGHT_TO_LEFT_MARK = "\u200f"


class LockScreen(UnlockDialog):
    unlocked = Signal(object)  # the store, open again
    quit_requested = Signal()

    def __init__(
        self,
        folder: Path,
        throttle: keys.UnlockThrottle,
        drafts_kept: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(folder, throttle, parent)
        self.setObjectName("lockScreen")
        self.drafts_kept = drafts_kept
        self._may_close = False

        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.drafts_note = QLabel()
        self.drafts_note.setObjectName("draftsNote")
        self.drafts_note.setWordWrap(True)
        self.drafts_note.setStyleSheet(
            "QLabel#draftsNote { background: #e8f0fe; color: #17325c; padding: 6px; }"
        )
        self.drafts_note.setVisible(drafts_kept > 0)
        page = self.pages[self.PASSPHRASE_PAGE].layout()
        assert isinstance(page, QBoxLayout)
        page.insertWidget(0, self.heading)
        page.insertWidget(2, self.drafts_note)

        self.quit_button.clicked.disconnect()
        self.quit_button.clicked.connect(self.request_quit)
        self.resize(560, 320)
        self.retranslate()

    # --- unlocking and quitting ---------------------------------------------------------

    def _unlock_done(self) -> None:
        """Stay open until the main window is back, so the app always shows a window."""
        assert self.store is not None
        self.unlocked.emit(self.store)

    def request_quit(self) -> None:
        self._may_close = True
        self.quit_requested.emit()

    def reject(self) -> None:
        """Escape does not dismiss the lock; only Unlock and Quit do."""
        if self._may_close:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def release(self) -> None:
        """Close for good (after unlocking, or when the app goes away)."""
        self._may_close = True
        self.hide()
        self.deleteLater()

    # --- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "drafts_note"):
            return  # the unlock dialog's constructor calls this before ours has run
        self.setWindowTitle(_("Court Companion is locked"))
        heading = _("Court Companion is locked")
        # A translation that starts with the Latin app name would otherwise be laid out
        # (and aligned) left to right in a right-to-left interface.
        self.heading.setText(RIGHT_TO_LEFT_MARK + heading if self.isRightToLeft() else heading)
        self.intro.setText(
            _("The records are hidden until the passphrase is typed again. Nothing was lost.")
        )
        self.drafts_note.setText(
            ngettext(
                "The form you were filling in was kept. It opens again after you unlock.",
                "The {count} forms you were filling in were kept. They open again after you "
                "unlock.",
                self.drafts_kept,
            ).format(count=self.drafts_kept)
        )
        self.drafts_note.setAccessibleName(self.drafts_note.text())
        self.quit_button.setText(_("&Quit Court Companion"))
        self.quit_button.setAccessibleName(_("Quit Court Companion"))
