"""A file's path, typed or pasted (the keyboard way), with a button that opens the
system's file chooser beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from companion.ui.i18n import _
from companion.ui.widgets.chooser_keys import attach_chooser, describe_chooser

TextSource = Callable[[], str]


class PathField(QWidget):
    """``saving``: the chooser asks where to save (and adds ``suffix`` if missing)."""

    changed = Signal()

    def __init__(
        self,
        title: TextSource,
        file_filter: TextSource,
        *,
        saving: bool = False,
        suffix: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._filter = file_filter
        self.saving = saving
        self.suffix = suffix
        self.line_edit = QLineEdit()
        self.line_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton()
        # Enter belongs to the dialog's main action, never to the chooser.
        self.choose_button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.choose_button)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textChanged.connect(self.changed)
        self.choose_button.clicked.connect(self.choose)
        # Not a Tab stop: a path, Tab, then the next field; Alt+Down or F4 opens the chooser.
        attach_chooser(self.line_edit, self.choose_button, self.choose)
        self.retranslate()

    def path(self) -> Path | None:
        text = self.line_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if self.saving and self.suffix and path.suffix.lower() != self.suffix:
            path = path.with_name(path.name + self.suffix)
        return path

    def set_path(self, path: Path) -> None:
        self.line_edit.setText(str(path))

    def choose(self) -> None:
        start = self.line_edit.text().strip() or str(Path.home())
        if self.saving:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self._title(), start, self._filter()
            )
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self._title(), start, self._filter()
            )
        if chosen:
            self.line_edit.setText(chosen)

    def retranslate(self) -> None:
        self.choose_button.setText(_("Choose…"))
        self.line_edit.setAccessibleName(self._title())
        describe_chooser(self.line_edit, self.choose_button, self._title())
