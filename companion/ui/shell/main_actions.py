"""Every command of the main window, with its keyboard shortcut, and the menus that hold them.

Built once; ``retranslate()`` sets the texts. The window connects the triggers and
enables or disables the actions as the selection changes.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from companion.ui.i18n import _
from companion.ui.widgets.language_menu import LanguageMenu

Key = QKeySequence.StandardKey
LANGUAGE_MENU_KEY = "F12"


def _action(window: QMainWindow, *shortcuts: QKeySequence | Key | str) -> QAction:
    action = QAction(window)
    sequences: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, Key):
            sequences.extend(QKeySequence.keyBindings(shortcut))
        else:
            sequences.append(QKeySequence(shortcut))
    action.setShortcuts(sequences)
    window.addAction(action)
    return action


class MainActions:
    def __init__(self, window: QMainWindow) -> None:
        # File
        self.trash = _action(window, "Ctrl+Shift+T")
        self.quit = _action(window, "Ctrl+Q")
        # Records
        self.new_person = _action(window, Key.New)
        self.new_case = _action(window, "Ctrl+Shift+N")
        self.new_hearing = _action(window, "Ctrl+Shift+H")
        self.new_courthouse = _action(window, "Ctrl+Shift+U")
        self.edit = _action(window, "Ctrl+E")
        self.delete = _action(window, "Del")
        # Hearing
        self.open_person = _action(window, "Ctrl+O")
        self.continue_hearing = _action(window, "Ctrl+Shift+C")
        self.cancel_hearing = _action(window, "Ctrl+Shift+X")
        self.set_attendance = _action(window, "Ctrl+Shift+A")
        # View
        self.show_agenda = _action(window, "Ctrl+1")
        self.show_people = _action(window, "Ctrl+2")
        self.show_courthouses = _action(window, "Ctrl+3")
        self.find_person = _action(window, Key.Find)
        self.back = _action(window, "Alt+Left")
        self.refresh = _action(window, Key.Refresh)
        # Help
        self.about = _action(window, "F1")
        # The same key in every language: the Language menu's Alt+letter is a letter of the
        # interface language (Arabic, Chinese...), which someone who cannot read it cannot find.
        self.choose_language = _action(window, LANGUAGE_MENU_KEY)

        bar: QMenuBar = window.menuBar()
        self.file_menu = QMenu(bar)
        self.file_menu.addAction(self.trash)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.records_menu = QMenu(bar)
        for action in (self.new_person, self.new_case, self.new_hearing, self.new_courthouse):
            self.records_menu.addAction(action)
        self.records_menu.addSeparator()
        self.records_menu.addAction(self.edit)
        self.records_menu.addAction(self.delete)
        self.hearing_menu = QMenu(bar)
        for action in (
            self.open_person,
            self.continue_hearing,
            self.cancel_hearing,
            self.set_attendance,
        ):
            self.hearing_menu.addAction(action)
        self.view_menu = QMenu(bar)
        for action in (self.show_agenda, self.show_people, self.show_courthouses):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.find_person, self.back, self.refresh):
            self.view_menu.addAction(action)
        self.language_menu = LanguageMenu(bar)
        self.help_menu = QMenu(bar)
        self.help_menu.addAction(self.choose_language)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about)
        self.choose_language.triggered.connect(
            lambda: bar.setActiveAction(self.language_menu.menuAction())
        )
        for menu in (
            self.file_menu,
            self.records_menu,
            self.hearing_menu,
            self.view_menu,
            self.language_menu,
            self.help_menu,
        ):
            bar.addMenu(menu)

    def hearing_actions(self) -> list[QAction]:
        return [self.continue_hearing, self.cancel_hearing, self.set_attendance]

    _target_kind: str | None = None

    def name_target(self, kind: str | None) -> None:
        """Edit and Delete say what they act on: "Edit hearing…", "Move person to the
        Trash…"; ``kind`` is "person", "case", "hearing", "courthouse" or None."""
        self._target_kind = kind
        edit = {
            "person": _("&Edit person…"),
            "case": _("&Edit case…"),
            "hearing": _("&Edit hearing…"),
            "courthouse": _("&Edit courthouse…"),
        }
        delete = {
            "person": _("&Move person to the Trash…"),
            "case": _("&Move case to the Trash…"),
            "hearing": _("&Move hearing to the Trash…"),
            "courthouse": _("&Move courthouse to the Trash…"),
        }
        self.edit.setText(edit.get(kind or "", _("&Edit selected…")))
        self.delete.setText(delete.get(kind or "", _("&Move selected to Trash")))

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.records_menu.setTitle(_("&Records"))
        self.hearing_menu.setTitle(_("H&earing"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.language_menu.retranslate()

        self.trash.setText(_("&Trash…"))
        self.trash.setStatusTip(_("See what was deleted, restore it, or empty the Trash"))
        self.quit.setText(_("&Quit"))
        self.new_person.setText(_("New &person…"))
        self.new_case.setText(_("New &case…"))
        self.new_hearing.setText(_("New &hearing…"))
        self.new_courthouse.setText(_("New c&ourthouse…"))
        self.edit.setStatusTip(_("Edit the selected person, case, hearing or courthouse"))
        self.delete.setStatusTip(_("Deleted records can be restored from the Trash"))
        self.name_target(self._target_kind)
        self.open_person.setText(_("&Open person's page"))
        self.continue_hearing.setText(_("C&ontinue hearing to a new date…"))
        self.continue_hearing.setStatusTip(
            _("The hearing moves to a new date; the old date stays in the history")
        )
        self.cancel_hearing.setText(_("C&ancel hearing…"))
        self.set_attendance.setText(_("Set a&ttendance…"))
        self.set_attendance.setStatusTip(
            _("Record whether the person will come, or came, to the hearing")
        )
        self.show_agenda.setText(_("&Agenda"))
        self.show_people.setText(_("&People"))
        self.show_courthouses.setText(_("&Courthouses"))
        self.find_person.setText(_("&Find a person"))
        self.back.setText(_("&Back to people"))
        self.refresh.setText(_("&Reload"))
        self.about.setText(_("&About Court Companion"))
        self.choose_language.setText(_("Choose the interface &language"))
        self.choose_language.setStatusTip(
            _("Opens the Language menu; {key} works in every language").format(
                key=QKeySequence(LANGUAGE_MENU_KEY).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
