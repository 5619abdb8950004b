"""File ▸ Preferences: when the app locks itself, the staff name in the audit trail, where
backups go, after how long closed cases come up for purging, and when people are due for
a reminder call.

The lock minutes and the staff name are this user's own (``QSettings``); the backups
folder, the retention period and the reminder schedule belong to the office and live in
the encrypted store.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.store.backups import BACKUP_FOLDER_SETTING
from companion.store.retention import RETENTION_SETTING
from companion.store.store import BACKUPS_FOLDER_NAME, Store
from companion.ui import preferences
from companion.ui.i18n import _
from companion.ui.session.idle_guard import LOCK_KEYS
from companion.ui.session.lock import add_to_file_menu
from companion.ui.settings.reminder_box import ReminderScheduleBox
from companion.ui.widgets.chooser_keys import attach_chooser, describe_chooser
from companion.ui.widgets.guarded_dialog import GuardedDialog
from companion.ui.widgets.messages import MessageLabel

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)

STAFF_NAME_MAX_LENGTH = 80
RETENTION_MONTHS_MAX = 600


def _number_field(maximum: int) -> QSpinBox:
    field = QSpinBox()
    field.setMaximum(maximum)
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance("8888") * 2 + 24)
    return field


def _hint() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


#: The most height the settings take before they scroll: with the message and the buttons
#: the dialog stays within a 1366×768 laptop's 614 px at 125%.
SETTINGS_MAX_HEIGHT = 460


class PreferencesDialog(GuardedDialog):
    """Saved only with OK; Cancel changes nothing."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.default_backups = store.folder / BACKUPS_FOLDER_NAME

        self.lock_box = QGroupBox()
        self.lock_label = QLabel()
        self.lock_minutes = _number_field(preferences.LOCK_MINUTES_RANGE[1])
        self.lock_minutes.setMinimum(preferences.LOCK_MINUTES_RANGE[0])
        self.lock_label.setBuddy(self.lock_minutes)
        self.lock_hint = _hint()
        grid = QGridLayout(self.lock_box)
        grid.addWidget(self.lock_label, 0, 0)
        grid.addWidget(self.lock_minutes, 0, 1, Qt.AlignmentFlag.AlignLeading)
        grid.addWidget(self.lock_hint, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.staff_box = QGroupBox()
        self.staff_label = QLabel()
        self.staff_name = QLineEdit()
        self.staff_name.setMaxLength(STAFF_NAME_MAX_LENGTH)
        self.staff_label.setBuddy(self.staff_name)
        self.staff_hint = _hint()
        grid = QGridLayout(self.staff_box)
        grid.addWidget(self.staff_label, 0, 0)
        grid.addWidget(self.staff_name, 0, 1)
        grid.addWidget(self.staff_hint, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.backup_box = QGroupBox()
        self.backup_label = QLabel()
        self.backup_folder = QLineEdit()
        self.backup_folder.setClearButtonEnabled(True)
        self.backup_folder.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.backup_label.setBuddy(self.backup_folder)
        self.choose_button = QPushButton()
        self.choose_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.default_button = QPushButton()
        self.default_button.setAutoDefault(False)  # Enter is the dialog's main action
        self.backup_hint = _hint()
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        grid = QGridLayout(self.backup_box)
        grid.addWidget(self.backup_label, 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.backup_hint, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.retention_box = QGroupBox()
        self.retention_label = QLabel()
        self.retention_months = _number_field(RETENTION_MONTHS_MAX)
        self.retention_label.setBuddy(self.retention_months)
        self.retention_hint = _hint()
        grid = QGridLayout(self.retention_box)
        grid.addWidget(self.retention_label, 0, 0)
        grid.addWidget(self.retention_months, 0, 1, Qt.AlignmentFlag.AlignLeading)
        grid.addWidget(self.retention_hint, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.reminder_box = ReminderScheduleBox(store.outreach.schedule())

        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

        # The settings scroll, so the dialog fits a 1366×768 laptop at 125% (614 px high)
        # in every language; the message and the buttons stay in view below them.
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (
            self.lock_box,
            self.staff_box,
            self.backup_box,
            self.retention_box,
            self.reminder_box,
        ):
            column.addWidget(box)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.message)
        outer.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save_and_accept)
        self.buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self.choose_backup_folder)
        attach_chooser(self.backup_folder, self.choose_button, self.choose_backup_folder)
        self.default_button.clicked.connect(self.backup_folder.clear)
        self._load()
        self.resize(640, 0)
        self.retranslate()

    def fit_height(self) -> None:
        """Tall enough for the wrapped hints at the current width (Qt's minimum size does
        not count lines that wrap), up to what a laptop shows; beyond that they scroll."""
        layout = self.layout()
        if layout is None:
            return
        body = self.scroll_area.widget()
        body_layout = body.layout() if body is not None else None
        if body_layout is not None:
            body_layout.activate()
            width = self.scroll_area.viewport().width()
            content = body_layout.totalHeightForWidth(width)
            self.scroll_area.setMinimumHeight(min(content, SETTINGS_MAX_HEIGHT))
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def _load(self) -> None:
        self.lock_minutes.setValue(preferences.lock_minutes())
        self.staff_name.setText(self.store.audit.staff_name or preferences.remembered_staff_name())
        configured = self.store.settings.get(BACKUP_FOLDER_SETTING)
        self.backup_folder.setText(str(configured) if configured else "")
        self.retention_months.setValue(self.store.retention.months() or 0)

    # --- choosing and saving --------------------------------------------------------------

    def choose_backup_folder(self) -> QFileDialog:
        """A folder picker that does not block (a lock may come while it is open)."""
        start = self.backup_folder.text().strip() or str(self.default_backups)
        picker = QFileDialog(self, _("Choose the backups folder"), start)
        picker.setFileMode(QFileDialog.FileMode.Directory)
        picker.setOption(QFileDialog.Option.ShowDirsOnly, True)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.fileSelected.connect(self.backup_folder.setText)
        picker.open()
        return picker

    def save_and_accept(self) -> None:
        """Store everything, or nothing and say why (the dialog stays open)."""
        folder_text = self.backup_folder.text().strip()
        if folder_text and not Path(folder_text).is_dir():
            self.message.show_message(
                lambda: _(
                    "The folder {path} does not exist or cannot be reached. Choose another, "
                    "or leave the field empty for the default."
                ).format(path=folder_text),
                error=True,
            )
            self.fit_height()
            self.backup_folder.setFocus()
            return
        months = self.retention_months.value()
        settings = self.store.settings
        try:
            schedule = self.reminder_box.schedule()
        except CompanionError as error:
            self.message.show_error(error)
            self.fit_height()
            self.reminder_box.days.setFocus()
            return
        try:
            with settings.writing():
                settings.set(BACKUP_FOLDER_SETTING, folder_text)
                settings.set(RETENTION_SETTING, months)
                if self.reminder_box.changed(schedule):
                    self.store.outreach.set_schedule(schedule)
        except CompanionError as error:
            log.warning("preferences not saved (%s)", error.code)
            self.message.show_error(error)
            self.fit_height()
            return
        staff_name = " ".join(self.staff_name.text().split())
        self.store.audit.staff_name = staff_name
        preferences.remember_staff_name(staff_name)
        preferences.remember_lock_minutes(self.lock_minutes.value())
        log.info(
            "preferences saved: lock after %d min, retention %d months, backups folder %s",
            self.lock_minutes.value(),
            months,
            "set" if folder_text else "default",
        )
        self.accept()

    # --- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Preferences"))
        self.lock_box.setTitle(_("Locking"))
        self.lock_label.setText(_("&Lock after this many minutes without use:"))
        self.lock_minutes.setAccessibleName(_("Minutes without use before locking"))
        self.lock_hint.setText(
            _(
                "Court Companion also locks when the computer locks or goes to sleep, and "
                "with {shortcut}. This setting is for your computer account only."
            ).format(shortcut=LOCK_KEYS.toString(QKeySequence.SequenceFormat.NativeText))
        )
        self.staff_box.setTitle(_("Audit trail"))
        self.staff_label.setText(_("Your &name:"))
        self.staff_name.setAccessibleName(_("Your name for the audit trail"))
        self.staff_name.setPlaceholderText(_("Optional"))
        self.staff_hint.setText(
            _(
                "Written in the audit trail with each action, next to the computer's user "
                "name ({user}). Leave it empty to record the user name only."
            ).format(user=self.store.audit.os_user or "?")
        )
        self.backup_box.setTitle(_("Backups"))
        self.backup_label.setText(_("&Backups folder:"))
        self.backup_folder.setAccessibleName(_("Backups folder"))
        self.backup_folder.setPlaceholderText(str(self.default_backups))
        self.choose_button.setText(_("&Choose…"))
        describe_chooser(self.backup_folder, self.choose_button, _("Choose the backups folder"))
        self.default_button.setText(_("Use the &default"))
        self.default_button.setAccessibleName(_("Use the default backups folder"))
        self.backup_hint.setText(
            _(
                "For example a USB drive or an office share. Empty means the backups folder "
                "inside the data folder. Backups are encrypted with the store's key."
            )
        )
        self.retention_box.setTitle(_("Retention"))
        self.retention_label.setText(_("&Purge closed cases after (months):"))
        self.retention_months.setAccessibleName(_("Months after closing before purging"))
        self.retention_months.setSpecialValueText(_("Off"))
        self.retention_hint.setText(
            _(
                "Closed cases older than this are listed for review. Nothing is purged "
                "until you confirm it."
            )
        )
        self.reminder_box.retranslate()
        self.ok_button.setText(_("OK"))
        self.cancel_button.setText(_("Cancel"))
        self.message.retranslate()
        self.fit_height()


class PreferencesFeature:
    """File ▸ Preferences… (Ctrl+,); also gives the audit trail the remembered staff name."""

    def __init__(self, window: Desk) -> None:
        self.window = window
        remembered = preferences.remembered_staff_name()
        if remembered and not window.store.closed:
            window.store.audit.staff_name = remembered
        self.action = QAction(window.widget())
        shortcuts = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        if QKeySequence("Ctrl+,") not in shortcuts:
            shortcuts.append(QKeySequence("Ctrl+,"))
        self.action.setShortcuts(shortcuts)
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.triggered.connect(self.open_dialog)
        window.widget().addAction(self.action)
        add_to_file_menu(window, self.action, separated=True)
        self.retranslate()

    def open_dialog(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.window.store, self.window.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.action.setText(_("&Preferences…"))
        self.action.setStatusTip(
            _(
                "Locking, your name for the audit trail, the backups folder, retention and "
                "reminder calls"
            )
        )

    def closing(self) -> None:
        """Nothing to finish: every preference is saved when OK is pressed."""


def install(window: Desk) -> PreferencesFeature:
    return PreferencesFeature(window)
