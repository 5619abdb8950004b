"""The Language menu: every interface language in its own name, with its review status."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from companion.i18n.languages import language_label
from companion.ui.i18n import _, current
from companion.ui.shell import language as language_switching


class LanguageMenu(QMenu):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTipsVisible(True)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language in language_switching.available_languages():
            action = QAction(self)
            action.setCheckable(True)
            action.setData(language.tag)
            self.group.addAction(action)
            self.addAction(action)
            self.language_actions[language.tag] = action
        self.group.triggered.connect(self._chosen)
        self.retranslate()

    def _chosen(self, action: QAction) -> None:
        tag = str(action.data())
        if tag != current().language.tag:
            language_switching.switch_language(tag)

    def retranslate(self) -> None:
        self.setTitle(_("&Language"))
        shown_in = current()
        for language in language_switching.available_languages():
            action = self.language_actions.get(language.tag)
            if action is None:  # the developers' pseudo-locale, enabled after the menu was made
                continue
            note = language_switching.status_note(language.tag, shown_in)
            # "Vietnamese · Tiếng Việt": findable by the name staff read now and by its own.
            name = language_label(language, shown_in.language.tag)
            # The text after a tab is drawn small and aligned to the far edge, like a shortcut.
            action.setText(f"{name}\t{note}" if note else name)
            action.setToolTip(language.english_name)
            action.setStatusTip(note or language.english_name)
            action.setChecked(language.tag == shown_in.language.tag)
