"""Every start: unlock the store with the passphrase, or with the recovery code.

A wrong passphrase gets a clear message and a growing wait (``keys.UnlockThrottle``,
kept in memory only), shown as a countdown on the disabled button. Nothing on disk
changes until a secret is right. The recovery code path sets a new passphrase at once.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import (
    CompanionError,
    NoStoreError,
    NotAStoreError,
    StoreDamagedError,
    StoreNewerError,
    WeakPassphraseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.messages import describe
from companion.store import keys
from companion.store.preflight import check_store_files
from companion.ui.i18n import _, current, ngettext
from companion.ui.widgets.messages import MessageLabel

if TYPE_CHECKING:
    from companion.store.store import Store

log = logging.getLogger(__name__)

#: Errors no passphrase can fix: the files are not a store we can open.
STORE_PROBLEMS = (NoStoreError, NotAStoreError, StoreDamagedError, StoreNewerError)


def is_demo_office(folder: Path) -> bool:
    """True for a store made by ``companion demo``, whose passphrase is "demo".

    Read from the key file's demo mark rather than by trying the demo passphrase, which
    would cost every real start a key derivation. The mark is only a hint for this
    screen: a real store cannot have the demo passphrase (too short for the policy).
    """
    try:
        return keys.KeyFile.load(folder).demo
    except (CompanionError, OSError):
        return False


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _page(intro: QLabel, form: QFormLayout, switch: QPushButton, go: QPushButton) -> QWidget:
    """One way to unlock: its words, its fields, then the way to the other page at the
    start of the row and the action at its end."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(intro)
    layout.addLayout(form)
    row = QHBoxLayout()
    row.addWidget(switch)
    row.addStretch(1)
    row.addWidget(go)
    layout.addLayout(row)
    return page


class UnlockDialog(QDialog):
    """After ``accept()``, ``store`` is the unlocked store."""

    PASSPHRASE_PAGE = 0
    RECOVERY_PAGE = 1

    def __init__(
        self,
        folder: Path,
        throttle: keys.UnlockThrottle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.store: Store | None = None
        self.throttle = throttle or keys.UnlockThrottle()
        self.is_demo = is_demo_office(folder)

        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setStyleSheet(
            "QLabel#demoHint { background: #fff3b0; color: #3d3200; border: 1px solid #c9a800;"
            " padding: 6px; font-weight: bold; }"
        )
        self.demo_hint.setVisible(self.is_demo)

        # The passphrase.
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.passphrase_label = QLabel()
        self.passphrase = _password_field()
        self.passphrase_label.setBuddy(self.passphrase)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.use_recovery_button = QPushButton()
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        passphrase_page = _page(self.intro, form, self.use_recovery_button, self.unlock_button)

        # The recovery code, and a new passphrase twice.
        self.recovery_intro = QLabel()
        self.recovery_intro.setWordWrap(True)
        self.code_label = QLabel()
        self.code = QLineEdit()
        self.code_label.setBuddy(self.code)
        self.new_label = QLabel()
        self.new_passphrase = _password_field()
        self.new_label.setBuddy(self.new_passphrase)
        self.repeat_label = QLabel()
        self.repeat = _password_field()
        self.repeat_label.setBuddy(self.repeat)
        self.show_typing = QCheckBox()
        self.recover_button = QPushButton()
        self.use_passphrase_button = QPushButton()
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow(self.new_label, self.new_passphrase)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.show_typing)
        recovery_page = _page(
            self.recovery_intro, form, self.use_passphrase_button, self.recover_button
        )

        # One of the two is shown at a time; a hidden one takes no room, so the message
        # sits right under the fields in use.
        self.pages: list[QWidget] = [passphrase_page, recovery_page]
        self.current_page = self.PASSPHRASE_PAGE
        self.message = MessageLabel()
        self.countdown = QLabel()
        self.countdown.setVisible(False)
        self.quit_button = QPushButton()
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)

        outer = QVBoxLayout(self)
        outer.addWidget(self.demo_hint)
        for page_widget in self.pages:
            outer.addWidget(page_widget)
        outer.addWidget(self.message)
        outer.addWidget(self.countdown)
        outer.addStretch(1)
        outer.addLayout(bottom)
        self.resize(560, 280)

        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)

        # Enter presses the page's main button and nothing else: no other button is an
        # automatic default, so Enter during the wait after a wrong passphrase does nothing
        # (it used to fall through to "use the recovery code", which cleared the message).
        for button in (
            self.unlock_button,
            self.use_recovery_button,
            self.recover_button,
            self.use_passphrase_button,
            self.quit_button,
        ):
            button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.unlock)
        self.use_recovery_button.clicked.connect(lambda: self.show_page(self.RECOVERY_PAGE))
        self.use_passphrase_button.clicked.connect(lambda: self.show_page(self.PASSPHRASE_PAGE))
        self.recover_button.clicked.connect(self.recover)
        self.show_typing.toggled.connect(self._show_typing)
        self.quit_button.clicked.connect(self.reject)
        self.show_page(self.PASSPHRASE_PAGE)
        self.store_problem: CompanionError | None = None
        try:
            check_store_files(folder)
        except CompanionError as error:
            self.show_store_problem(error)
        self.retranslate()

    # --- unlocking --------------------------------------------------------------------------

    def _waiting(self) -> bool:
        return self.throttle.seconds_to_wait() > 0

    def unlock(self) -> None:
        if self._waiting():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.passphrase.setFocus()
            return
        try:
            with _busy():
                from companion.store.store import Store

                store = Store.open(self.folder, passphrase)
        except WrongPassphraseError as error:
            self._failed(error)
            self.passphrase.clear()
            return
        except STORE_PROBLEMS as error:
            self.show_store_problem(error)
            return
        except CompanionError as error:
            self.message.show_error(error)
            return
        self._opened(store)

    def recover(self) -> None:
        if self._waiting():
            return
        if self.new_passphrase.text() != self.repeat.text():
            self.message.show_message(
                lambda: _("The two new passphrases are not the same. Type them again."),
                error=True,
            )
            self.repeat.clear()
            return
        try:
            with _busy():
                from companion.store.store import Store

                store = Store.open_with_recovery(
                    self.folder, self.code.text(), self.new_passphrase.text()
                )
        except WrongRecoveryCodeError as error:
            self._failed(error)
            return
        except WeakPassphraseError as error:
            self.message.show_error(error)
            self.new_passphrase.setFocus()
            return
        except STORE_PROBLEMS as error:
            self.show_store_problem(error)
            return
        except CompanionError as error:
            self.message.show_error(error)
            return
        log.info("store unlocked with the recovery code; a new passphrase was set")
        self._opened(store)

    def show_store_problem(self, error: CompanionError) -> None:
        """Say what is wrong with the files and what to do; no secret can help, so only
        Quit stays available. Nothing on disk was changed."""
        log.warning("the store cannot be opened: %s", error.code)
        self.store_problem = error
        if isinstance(error, NotAStoreError):
            self.message.show_message(
                lambda: describe(error, current()) + "\n\n" + self._not_a_store_advice(),
                error=True,
            )
        else:
            self.message.show_error(error)
        for widget in (
            self.passphrase,
            self.unlock_button,
            self.use_recovery_button,
            self.code,
            self.new_passphrase,
            self.repeat,
            self.recover_button,
        ):
            widget.setEnabled(False)
        self.quit_button.setDefault(True)
        self.quit_button.setFocus()

    @staticmethod
    def _not_a_store_advice() -> str:
        return _(
            "Check that Court Companion was started with the right data folder. A store is "
            "two files, companion.db and keys.json, that are always copied together. If "
            "both are there, restore the latest backup or ask your IT contact."
        )

    def _failed(self, error: CompanionError) -> None:
        delay = self.throttle.record_failure()
        log.info("wrong secret (failure %d); next try in %.0f s", self.throttle.failures, delay)
        self.message.show_error(error)
        self.tick()
        if self._waiting():
            self.timer.start()

    def _opened(self, store: Store) -> None:
        """Unlocked; first, a recovery code a re-key never showed is shown (its dialog
        tells the store once staff confirm they kept it)."""
        self.throttle.record_success()
        self.store = store
        self.passphrase.clear()
        if store.unshown_recovery_code is None:
            self._unlock_done()
            return
        from companion.ui.session.unshown_code_dialog import UnshownCodeDialog

        self.unshown_code_dialog = UnshownCodeDialog(store, self)
        self.unshown_code_dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unshown_code_dialog.finished.connect(lambda _result: self._unlock_done())
        self.unshown_code_dialog.open()

    def _unlock_done(self) -> None:
        self.accept()

    def tick(self) -> None:
        """Update the countdown; enable the buttons again when the wait is over."""
        remaining = math.ceil(self.throttle.seconds_to_wait())
        waiting = remaining > 0
        usable = not waiting and getattr(self, "store_problem", None) is None
        self.unlock_button.setEnabled(usable)
        self.recover_button.setEnabled(usable)
        self.countdown.setVisible(waiting)
        if waiting:
            self.countdown.setText(self._countdown_text(remaining))
        else:
            self.timer.stop()
            self.countdown.clear()
            target = self.passphrase if self.current_page == self.PASSPHRASE_PAGE else self.code
            target.setFocus()

    def _countdown_text(self, seconds: int) -> str:
        return ngettext(
            "You can try again in {seconds} second.",
            "You can try again in {seconds} seconds.",
            seconds,
        ).format(seconds=seconds)

    def show_page(self, page: int) -> None:
        self.current_page = page
        if page == self.RECOVERY_PAGE:
            # The code is Latin letters and digits in any interface language. Set here, not
            # when the dialog is built, so that the first screen needs no ``Qt`` enums.
            self.code.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
        for index, page_widget in enumerate(self.pages):
            page_widget.setVisible(index == page)
        main_button = self.unlock_button if page == self.PASSPHRASE_PAGE else self.recover_button
        main_button.setDefault(True)
        self.message.clear_message()
        (self.passphrase if page == self.PASSPHRASE_PAGE else self.code).setFocus()
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Tall enough for the page's wrapped texts at this width (the recovery page's
        explanation takes another line in Arabic)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalMinimumHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._grow_to_fit()

    def _show_typing(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.new_passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Unlock Court Companion"))
        self.demo_hint.setText(
            _("This is the fictional demo office. Its passphrase is: {passphrase}").format(
                passphrase=keys.DEMO_PASSPHRASE
            )
        )
        self.demo_hint.setAccessibleName(self.demo_hint.text())
        self.intro.setText(_("The records are encrypted. Type the passphrase to open them."))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.unlock_button.setText(_("&Unlock"))
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.use_recovery_button.setText(_("Forgot it? Use the &recovery code…"))
        self.use_recovery_button.setAccessibleName(_("Use the recovery code"))
        self.recovery_intro.setText(
            _(
                "Type the recovery code from the sheet made at setup, then choose a new "
                "passphrase. The old passphrase will stop working."
            )
        )
        self.code_label.setText(_("Recovery &code:"))
        self.code.setAccessibleName(_("Recovery code"))
        self.new_label.setText(_("&New passphrase:"))
        self.new_passphrase.setAccessibleName(_("New passphrase"))
        self.repeat_label.setText(_("&Repeat it:"))
        self.repeat.setAccessibleName(_("Repeat the new passphrase"))
        self.show_typing.setText(_("&Show what I type"))
        self.show_typing.setAccessibleName(_("Show what I type"))
        self.recover_button.setText(_("Unlock and &set the new passphrase"))
        self.recover_button.setAccessibleName(_("Unlock and set the new passphrase"))
        self.use_passphrase_button.setText(_("&Use the passphrase instead"))
        self.use_passphrase_button.setAccessibleName(_("Use the passphrase instead"))
        self.quit_button.setText(_("&Quit"))
        self.quit_button.setAccessibleName(_("Quit"))
        self.countdown.setAccessibleName(_("Time until the next try"))
        self.message.retranslate()
        if self.timer.isActive():
            self.tick()


class _busy:
    """A wait cursor while the key is derived (a deliberately slow step)."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()
