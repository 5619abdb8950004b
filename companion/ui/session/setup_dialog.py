"""First run: choose a passphrase, keep the recovery code, type it back, then create the store.

Nothing is written to disk until the recovery code has been typed back correctly:
cancelling at any step leaves the data folder as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, WrongRecoveryCodeError
from companion.store import keys
from companion.store.passphrase_policy import MINIMUM_LENGTH, check_new_passphrase
from companion.store.store import Store
from companion.ui.i18n import _
from companion.ui.session.passphrase_form import (
    NewPassphraseRows,
    RecoveryCodePage,
)
from companion.ui.widgets.messages import MessageLabel

log = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Creates the store. After ``accept()``, ``store`` is the open, new store."""

    PASSPHRASE_PAGE = 0
    CODE_PAGE = 1
    CONFIRM_PAGE = 2

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.store: Store | None = None
        self.recovery_code = ""
        self._passphrase = ""

        # Page 1: the passphrase.
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.new_rows = NewPassphraseRows()
        self.passphrase_label, self.passphrase = self.new_rows.label, self.new_rows.field
        self.meter = self.new_rows.meter
        self.repeat_label, self.repeat = self.new_rows.repeat_label, self.new_rows.repeat
        self.show_typing = QCheckBox()
        self.passphrase_message = MessageLabel()
        form = QFormLayout()
        self.new_rows.add_to(form)
        form.addRow("", self.show_typing)
        passphrase_page = QWidget()
        layout = QVBoxLayout(passphrase_page)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.passphrase_message)
        layout.addStretch(1)

        # Page 2: the recovery code, to print or write down.
        code_page = RecoveryCodePage()
        self.code_intro = code_page.intro
        self.code_display = code_page.display
        self.print_button = code_page.print_button
        self.save_pdf_button = code_page.save_pdf_button
        self.code_message = code_page.message
        self.code_page = code_page

        # Page 3: type it back.
        self.confirm_intro = QLabel()
        self.confirm_intro.setWordWrap(True)
        self.typed_code_label = QLabel()
        self.typed_code = QLineEdit()
        self.typed_code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.typed_code_label.setBuddy(self.typed_code)
        self.confirm_message = MessageLabel()
        confirm_page = QWidget()
        layout = QVBoxLayout(confirm_page)
        layout.addWidget(self.confirm_intro)
        form = QFormLayout()
        form.addRow(self.typed_code_label, self.typed_code)
        layout.addLayout(form)
        layout.addWidget(self.confirm_message)
        layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(passphrase_page)
        self.pages.addWidget(code_page)
        self.pages.addWidget(confirm_page)

        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.pages, 1)
        outer.addLayout(buttons)
        self.resize(620, 420)

        self.show_typing.toggled.connect(self._show_typing)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        self.typed_code.textChanged.connect(lambda _text: self.confirm_message.clear_message())
        self.retranslate()

    # --- steps ------------------------------------------------------------------------------

    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == self.PASSPHRASE_PAGE:
            self._accept_passphrase()
        elif page == self.CODE_PAGE:
            self._show_page(self.CONFIRM_PAGE)
            self.typed_code.setFocus()
        else:
            self.create_store()

    def go_back(self) -> None:
        page = self.pages.currentIndex()
        if page > self.PASSPHRASE_PAGE:
            self._show_page(page - 1)

    def _accept_passphrase(self) -> None:
        passphrase = self.passphrase.text()
        if passphrase != self.repeat.text():
            self.passphrase_message.show_message(
                lambda: _("The two passphrases are not the same. Type them again.")
            )
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            check_new_passphrase(passphrase)
        except CompanionError as error:
            self.passphrase_message.show_error(error)
            self.passphrase.setFocus()
            return
        self.passphrase_message.clear_message()
        if passphrase != self._passphrase or not self.recovery_code:
            self.recovery_code = keys.new_recovery_code()
            self.typed_code.clear()
        self._passphrase = passphrase
        self.code_display.setText(self.recovery_code)
        self._show_page(self.CODE_PAGE)

    def create_store(self) -> None:
        if keys.normalise_recovery_code(self.typed_code.text()) != self.recovery_code:
            self.confirm_message.show_error(WrongRecoveryCodeError())
            self.typed_code.setFocus()
            return
        try:
            store, _code = Store.create(
                self.folder, self._passphrase, recovery_code=self.recovery_code
            )
        except CompanionError as error:
            self.confirm_message.show_error(error)
            return
        log.info("created a new store")
        self.store = store
        self._passphrase = ""
        self.accept()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.retranslate()

    def _show_typing(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Set up Court Companion"))
        page = self.pages.currentIndex()
        headings = {
            self.PASSPHRASE_PAGE: _("Step 1 of 3: choose a passphrase"),
            self.CODE_PAGE: _("Step 2 of 3: keep the recovery code"),
            self.CONFIRM_PAGE: _("Step 3 of 3: type the recovery code back"),
        }
        self.heading.setText(headings[page])
        self.heading.setAccessibleName(headings[page])
        self.intro.setText(
            _(
                "Everything you enter is encrypted on this computer. Choose a passphrase of at "
                "least {minimum} characters that others cannot guess: a few unrelated words work "
                "well. You will type it every time you open Court Companion."
            ).format(minimum=MINIMUM_LENGTH)
        )
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat_label.setText(_("&Repeat it:"))
        self.repeat.setAccessibleName(_("Repeat the passphrase"))
        self.show_typing.setText(_("&Show what I type"))
        self.show_typing.setAccessibleName(_("Show what I type"))
        self.code_intro.setText(
            _(
                "This recovery code is shown only once. If the passphrase is forgotten, it is "
                "the only way back to the records. Print it or write it down, and keep it "
                "locked away from the laptop."
            )
        )
        self.code_page.retranslate()
        self.confirm_intro.setText(
            _(
                "To make sure the code was kept correctly, type it here from your paper. "
                "Capital letters and dashes do not matter."
            )
        )
        self.typed_code_label.setText(_("Recovery &code:"))
        self.typed_code.setAccessibleName(_("Recovery code, typed back"))
        self.back_button.setText(_("&Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setEnabled(page != self.PASSPHRASE_PAGE)
        next_texts = {
            self.PASSPHRASE_PAGE: _("&Next"),
            self.CODE_PAGE: _("I have &kept it"),
            self.CONFIRM_PAGE: _("&Create the store"),
        }
        self.next_button.setText(next_texts[page])
        self.next_button.setAccessibleName(next_texts[page].replace("&", ""))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        for message in (self.passphrase_message, self.confirm_message):
            message.retranslate()
        self.new_rows.retranslate()
