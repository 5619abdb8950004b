"""About Court Companion: version, how far each translation has been checked, and the
licences of the bundled fonts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import companion
from companion.i18n.languages import SOURCE_TAG
from companion.ui.fonts import fonts_folder
from companion.ui.i18n import _, current
from companion.ui.shell import language as language_switching
from companion.ui.widgets.tables import configure_table, fill_table

FONTS_README = "README.md"


def fonts_notice() -> str | None:
    """The bundled fonts' README (files, versions, licences), if it is there."""
    path = fonts_folder() / FONTS_README
    return path.read_text(encoding="utf-8") if path.is_file() else None


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.version = QLabel()
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.languages = QTableWidget()
        self.languages.setColumnCount(3)
        configure_table(self.languages)
        self.fonts = QTextBrowser()
        self.fonts.setOpenLinks(False)
        notice = fonts_notice()
        self._has_fonts_notice = notice is not None
        if notice is not None:
            self.fonts.setMarkdown(notice)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.languages, "")
        self.tabs.addTab(self.fonts, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.version)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("About Court Companion"))
        self.title.setText(_("Court Companion"))
        self.version.setText(_("Version {version}").format(version=companion.app_version()))
        self.summary.setText(
            _(
                "Helps legal aid staff and victim-witness advocates keep victims and witnesses "
                "informed and coming to court. Works offline; the data stays encrypted on this "
                "computer."
            )
        )
        shown_in = current()
        rows = []
        for language in language_switching.available_languages():
            if language.tag == SOURCE_TAG:
                status = _("Source language")
            else:
                status = language_switching.status_note(language.tag, shown_in) or _("Reviewed")
            rows.append([language.native_name, language.english_name, status])
        fill_table(self.languages, rows)
        self.languages.setHorizontalHeaderLabels([_("Language"), _("In English"), _("Status")])
        self.languages.setAccessibleName(_("Translation status of each language"))
        if not self._has_fonts_notice:
            self.fonts.setPlainText(_("The font licence notice is missing from this copy."))
        self.fonts.setAccessibleName(_("Bundled fonts and their licences"))
        self.tabs.setTabText(0, _("Translations"))
        self.tabs.setTabText(1, _("Fonts and licences"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Close"))
