"""Errors nobody caught: a message with copyable technical details, a log entry, and the
app carries on.

The details name only the kind of error and where it happened in Court Companion's own
code: file, line and function of each step. Exception messages and variable values are
left out, because they may quote what staff typed (a name, an address). Core errors
(``CompanionError``) are described in the interface language like everywhere else.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from companion.errors import CompanionError
from companion.ui.i18n import _
from companion.ui.widgets.prompts import show_error

log = logging.getLogger(__name__)

_PACKAGE_ROOT = Path(__file__).resolve().parents[3]


def _place(file_name: str) -> str:
    """A source file relative to the app (or just its name): no home folder in reports."""
    path = Path(file_name)
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        return path.name


def _chain(error: BaseException) -> list[BaseException]:
    """The error and the ones it came from, oldest first."""
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(found))


def technical_details(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """Type and steps (file, line, function) of the error and its causes; no messages, no
    values."""
    blocks: list[str] = []
    for index, link in enumerate(_chain(error)):
        link_trace = trace if link is error else link.__traceback__
        name = kind if link is error else type(link)
        lines = [f"{name.__module__}.{name.__qualname__}"]
        for frame in traceback.extract_tb(link_trace):
            lines.append(f'  File "{_place(frame.filename)}", line {frame.lineno}, in {frame.name}')
        if index:
            blocks.append("During handling of the above, another error happened:")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


class ErrorReportBox(QMessageBox):
    """The message for an unexpected error, with the details and a Copy button."""

    def __init__(self, details: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.details = details
        self.setIcon(QMessageBox.Icon.Critical)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setDetailedText(details)
        # QMessageBox refuses a button without a title, so they get theirs now (and again
        # in retranslate()).
        self.copy_button = QPushButton(_("&Copy details"), self)
        self.ok_button = QPushButton(_("OK"), self)
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.addButton(self.ok_button, QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.ok_button)
        self.setEscapeButton(self.ok_button)
        # The click on Copy, and only that click, must not close the message. The flag is
        # raised on pressing; the box's own click handler (which closes) runs before
        # ``copy_details``, which lowers it again. A press that ends off the button is
        # forgotten once the release has been handled.
        self._copy_click = False
        self.copy_button.pressed.connect(self._copy_pressed)
        self.copy_button.released.connect(
            lambda: QTimer.singleShot(0, self, self._forget_copy_click)
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.retranslate()

    def _copy_pressed(self) -> None:
        self._copy_click = True

    def _forget_copy_click(self) -> None:
        self._copy_click = False

    def copy_details(self) -> None:
        self._copy_click = False
        QGuiApplication.clipboard().setText(self.details)

    def done(self, result: int) -> None:
        """Every button closes the message except Copy."""
        if self._copy_click and self.clickedButton() is self.copy_button:
            self._copy_click = False
            return
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Court Companion"))
        self.setText(
            _(
                "Something went wrong that Court Companion did not expect. What you saved "
                "before is safe, and you can go on working."
            )
        )
        self.setInformativeText(
            _(
                "If it happens again, give the technical details to your IT contact. They "
                "contain no names or other personal data."
            )
        )
        self.copy_button.setText(_("&Copy details"))
        self.ok_button.setText(_("OK"))
        self.setAccessibleName(_("Unexpected error"))


_open_report: list[ErrorReportBox] = []


def report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> ErrorReportBox | None:
    """``sys.excepthook`` for the desktop app: log, then tell staff without blocking.

    While one report is on screen, further errors are logged only (an error in a paint
    handler would otherwise open a message per repaint).
    """
    if isinstance(error, CompanionError):
        log.warning("uncaught %s error", error.code)
        show_error(QApplication.activeWindow(), error)
        return None
    details = technical_details(kind, error, trace)
    log.error("unexpected error\n%s", details)
    _open_report[:] = [box for box in _open_report if shiboken6.isValid(box) and box.isVisible()]
    if _open_report:
        return None
    box = ErrorReportBox(details, QApplication.activeWindow())
    _open_report.append(box)
    box.open()
    return box
