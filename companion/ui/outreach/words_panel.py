"""The words for the selected person: the call script (with the English beside each
line), the safe voicemail and the text message, in the person's language, with the
catalog's draft status, the text's length and SMS segments, and a Copy button.

The app sends nothing: staff say the words, leave them, or paste them into the office
phone's messaging app.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from companion import messages
from companion.errors import CompanionError
from companion.outreach.from_store import words_for
from companion.outreach.model import WordsKind
from companion.outreach.sms import SmsEncoding
from companion.outreach.words import Words
from companion.store.store import Store
from companion.ui import formatting
from companion.ui.i18n import _, current, ngettext
from companion.ui.records.people_model import language_name

log = logging.getLogger(__name__)

KINDS = (WordsKind.CALL, WordsKind.VOICEMAIL, WordsKind.TEXT)


def shown_text(words: Words) -> str:
    """The lines to read: each in the person's language, the English under it (indented)
    where it differs."""
    lines: list[str] = []
    for line in words.lines:
        lines.append(line.text)
        if words.kind is WordsKind.CALL and line.english != line.text:
            lines.append("    " + line.english)
    return "\n".join(lines)


def status_text(words: Words) -> str:
    parts = [formatting.isolate(language_name(words.language))]
    if words.draft:
        parts.append(_("Draft translation: not yet checked by a qualified translator."))
    if words.sms is not None:
        parts.append(
            ngettext(
                "{characters} characters, {encoding}, {segments} SMS segment",
                "{characters} characters, {encoding}, {segments} SMS segments",
                words.sms.segments,
            ).format(
                characters=formatting.number(words.sms.characters),
                encoding="GSM-7" if words.sms.encoding is SmsEncoding.GSM7 else "UCS-2",
                segments=formatting.number(words.sms.segments),
            )
        )
    return " · ".join(parts)


class WordsPanel(QWidget):
    copied = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pair: tuple[int, int] | None = None
        self.words: Words | None = None
        #: Why there are no words for the person (shown in the interface language).
        self._problem: CompanionError | None = None
        #: The words last put on the clipboard, taken off again when others are shown.
        self._copied: str | None = None
        self.kinds = QTabBar()
        for _kind in KINDS:
            self.kinds.addTab("")
        self.kinds.setExpanding(False)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.copy_button = QPushButton()
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.kinds.currentChanged.connect(lambda _index: self._show())

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kinds)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.retranslate()

    @property
    def kind(self) -> WordsKind:
        return KINDS[max(self.kinds.currentIndex(), 0)]

    def set_kind(self, kind: WordsKind) -> None:
        self.kinds.setCurrentIndex(KINDS.index(kind))

    def show_for(self, person_id: int | None, hearing_id: int | None) -> None:
        self._pair = (person_id, hearing_id) if person_id and hearing_id else None
        self._show()

    def _show(self) -> None:
        """Read the words for the person and the chosen kind from the store."""
        self.words = None
        self._problem = None
        self._forget_copied()
        if self._pair is not None:
            try:
                self.words = words_for(self.store, *self._pair, self.kind)
            except CompanionError as error:  # no voicemail allowed, office details missing...
                log.info("no %s words for this person: %s", self.kind.value, error.code)
                self._problem = error
        self._render()

    def _forget_copied(self) -> None:
        """Take our words off the clipboard once they are not the ones on show: pasting
        them afterwards would send one person's message to another."""
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None

    def _render(self) -> None:
        """Show what was read, in the interface language (no store access: a language
        switch repaints windows whose store may be closed already)."""
        if self.words is not None:
            self.text.setPlainText(shown_text(self.words))
            self.status.setText(status_text(self.words))
        elif self._problem is not None:
            self.text.setPlainText(messages.describe(self._problem, current()))
            self.status.clear()
        else:
            self.text.clear()
            self.status.setText(_("Choose a person in the list to see the words to use."))
        self.copy_button.setEnabled(self.words is not None)

    def copy(self) -> None:
        """The words in the person's language only (the English lines are for staff)."""
        if self.words is None:
            return
        QGuiApplication.clipboard().setText(self.words.text)
        self._copied = self.words.text
        self.copied.emit(self.words.text)

    def retranslate(self) -> None:
        titles = {
            WordsKind.CALL: _("Call script"),
            WordsKind.VOICEMAIL: _("Safe voicemail"),
            WordsKind.TEXT: _("Text message"),
        }
        for index, kind in enumerate(KINDS):
            self.kinds.setTabText(index, titles[kind])
        self.kinds.setAccessibleName(_("Words to use"))
        self.text.setAccessibleName(_("Words in the person's language"))
        self.copy_button.setText(_("&Copy"))
        self.copy_button.setToolTip(_("Copy the words in the person's language"))
        self._render()
