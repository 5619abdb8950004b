"""The parts the setup and change-passphrase dialogs share: a new passphrase typed twice
under a strength meter, and the page that shows a recovery code once, to print or save."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.i18n import _
from companion.ui.session.strength_meter import StrengthMeter
from companion.ui.widgets.messages import MessageLabel

log = logging.getLogger(__name__)


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassphraseRows:
    """A new passphrase, the meter judging it as it is typed, and the passphrase again.

    Not a widget of its own: its rows go into the dialog's form, so the labels line up
    with the dialog's other fields. The dialog sets the labels' texts."""

    def __init__(self) -> None:
        self.label = QLabel()
        self.field = password_field()
        self.label.setBuddy(self.field)
        self.meter = StrengthMeter()
        self.field.textChanged.connect(self.meter.judge)
        self.repeat_label = QLabel()
        self.repeat = password_field()
        self.repeat_label.setBuddy(self.repeat)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.label, self.field)
        form.addRow("", self.meter)
        form.addRow(self.repeat_label, self.repeat)

    def retranslate(self) -> None:
        self.meter.retranslate()


class RecoveryCodePage(QWidget):
    """A recovery code shown once, large, with Print and Save as PDF under it. The dialog
    says above it (``intro``) why it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.display = QLabel()
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font.setPointSizeF(code_font.pointSizeF() * 1.6)
        code_font.setWeight(QFont.Weight.Bold)
        self.display.setFont(code_font)
        self.display.setStyleSheet("padding: 12px; border: 1px solid #888;")
        self.print_button = QPushButton()
        self.save_pdf_button = QPushButton()
        self.message = MessageLabel()
        print_row = QHBoxLayout()
        print_row.addStretch(1)
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.save_pdf_button)
        print_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.display)
        layout.addLayout(print_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.print_button.clicked.connect(self.print_code)
        self.save_pdf_button.clicked.connect(self.ask_where_to_save_pdf)

    # --- the sheet: the code shown, printed or saved as PDF ---------------------------------

    def print_code(self) -> None:
        from companion.ui.session import recovery_sheet

        if recovery_sheet.print_sheet(self.display.text(), self):
            self.message.show_message(lambda: _("The recovery code was sent to the printer."))

    def ask_where_to_save_pdf(self) -> None:
        dialog = QFileDialog(self, _("Save the recovery code as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(_("court-companion-recovery-code") + ".pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save_pdf(Path(name)))
        dialog.open()

    def save_pdf(self, target: Path) -> None:
        from companion.ui.session import recovery_sheet

        try:
            recovery_sheet.save_sheet_pdf(self.display.text(), target)
        except OSError as error:
            log.warning("could not save the recovery sheet: %s", type(error).__name__)
        if target.is_file():
            self.message.show_message(
                lambda: _("Saved as {file}. Move it off this laptop.").format(file=target.name)
            )
        else:
            self.message.show_message(
                lambda: _("Could not save {file}. Choose another folder.").format(file=target.name),
                error=True,
            )

    def retranslate(self) -> None:
        self.display.setAccessibleName(_("Recovery code"))
        self.print_button.setText(_("&Print…"))
        self.print_button.setAccessibleName(_("Print the recovery code"))
        self.save_pdf_button.setText(_("Save as P&DF…"))
        self.save_pdf_button.setAccessibleName(_("Save the recovery code as PDF"))
        self.message.retranslate()
