"""What every add/edit dialog shares: messages next to fields, and save-or-stay-open.

A dialog subclasses ``RecordDialog``, builds its widgets once, registers each
input with ``add_field`` (so a ``ValidationError`` naming that field is shown in a
red line under it), sets every visible text in ``retranslate()`` and implements
``save()``. Clicking Save runs ``save()``; on a typed error the dialog stays open
with everything the user typed, and nothing is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion import messages
from companion.errors import CompanionError, ValidationError, ValidationErrors
from companion.store.store import Store
from companion.ui.i18n import _, current
from companion.ui.widgets.chooser_keys import STANDING_DESCRIPTION
from companion.ui.widgets.guarded_dialog import ask_to_discard, form_snapshot

log = logging.getLogger(__name__)

T = TypeVar("T")

ERROR_STYLE = "color: #b3261e;"


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def field_with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """``widget`` with an (initially hidden) error line right under it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = ErrorLabel()
    column.addWidget(error)
    return box, error


class FieldGrid(QGridLayout):
    """Labels on the left, fields on the right.

    Used instead of ``QFormLayout``, which squeezes fields once a wrapped message
    appears under one of them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)

    def add_row(
        self, label: QWidget | None, field: QWidget, align_to: QWidget | None = None
    ) -> None:
        """A row; the label lines up with the middle of ``align_to`` (default ``field``)
        if that is one line high, else with its first line."""
        row = self.rowCount()
        if label is None:
            self.addWidget(field, row, 0, 1, 2)
            return
        label_height = label.sizeHint().height()
        one_line = QLineEdit().sizeHint().height()
        target_height = (align_to or field).sizeHint().height()
        if isinstance(align_to or field, QLabel):
            target_height = label_height
        elif target_height > 2 * label_height:
            target_height = one_line
        label.setContentsMargins(0, max(0, (target_height - label_height) // 2), 0, 0)
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        self.addWidget(field, row, 1)

    def add_full_row(self, field: QWidget) -> None:
        self.add_row(None, field)


DraftState = dict[str, Any]


def state_text(state: Mapping[str, Any], key: str) -> str:
    """A text from a draft's state; empty when missing or not a text."""
    value = state.get(key)
    return value if isinstance(value, str) else ""


def state_flag(state: Mapping[str, Any], key: str) -> bool:
    return state.get(key) is True


def state_id(state: Mapping[str, Any], key: str) -> int | None:
    value = state.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class InputProblems:
    """Problems found while reading the widgets, before the record reaches the store."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def take(self, parse: Callable[[], T]) -> T | None:
        """The parsed value, or ``None`` after noting the ``ValidationError`` it raised."""
        try:
            return parse()
        except ValidationError as error:
            self.errors.append(error)
            return None

    def add(self, error: ValidationError) -> None:
        self.errors.append(error)

    def also(self, check: Callable[[], object]) -> None:
        """Run a domain check too, so every problem is shown at once, not one per click.

        Problems with a field that already has one of ours are dropped: the user fixes
        the first before the second means anything.
        """
        try:
            check()
        except ValidationErrors as found:
            taken = {error.field for error in self.errors}
            self.errors.extend(error for error in found.errors if error.field not in taken)
        except ValidationError as error:
            if error.field not in {known.field for known in self.errors}:
                self.errors.append(error)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(list(self.errors))


class RecordDialog(QDialog):
    """Base for the add/edit dialogs.

    ``saved_id`` is ``None`` until a save succeeds; then it holds the record's id and
    the dialog is accepted.
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.saved_id: int | None = None
        #: The ``row_version`` of the record as this dialog read it (0 for a new record).
        #: Saving passes it on, so a record changed meanwhile (in another window) is not
        #: overwritten: the store refuses the save and the dialog says what changed.
        self.read_version = 0
        self._error_labels: dict[str, tuple[ErrorLabel, QWidget]] = {}
        self._shown: list[ValidationError] = []
        self._general: CompanionError | None = None

        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save_and_accept)
        self.buttons.rejected.connect(self.reject)
        self._opened_state: DraftState | None = None
        self._discard_box: QMessageBox | None = None

    # --- layout helpers -------------------------------------------------------------

    def finish_layout(self, body: QWidget, scroll: bool = False) -> None:
        """Put ``body`` above the general error line and the Save/Cancel buttons."""
        outer = QVBoxLayout(self)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(body)
            self.scroll_area: QScrollArea | None = area
            outer.addWidget(area, 1)
        else:
            self.scroll_area = None
            outer.addWidget(body, 1)
        outer.addWidget(self.general_error)
        outer.addWidget(self.buttons)

    def add_field(
        self,
        form: FieldGrid,
        field: str,
        widget: QWidget,
        focus: QWidget | None = None,
    ) -> QLabel:
        """Add a labelled row whose errors for ``field`` appear under ``widget``.

        ``focus`` is the input inside a composite ``widget`` that gets the keyboard
        focus (and is the label's buddy). Returns the label, for ``retranslate()``.
        """
        label = QLabel()
        target = focus or widget
        label.setBuddy(target)
        box, error = field_with_error(widget)
        form.add_row(label, box, align_to=widget)
        self.register_error(field, error, target)
        return label

    def register_error(self, field: str, label: ErrorLabel, focus: QWidget) -> None:
        self._error_labels[field] = (label, focus)

    def error_target(self, field: str) -> tuple[ErrorLabel, QWidget] | None:
        """Where a message about ``field`` goes: the field itself, or its enclosing one.

        ``contacts[0].value`` falls back to ``contacts[0]``, then to ``contacts``.
        """
        name = field
        while True:
            if name in self._error_labels:
                return self._error_labels[name]
            cut = max(name.rfind("."), name.rfind("["))
            if cut <= 0:
                return None
            name = name[:cut]

    def error_targets(self) -> list[tuple[ErrorLabel, QWidget]]:
        """Every error line of the dialog (so all of them are cleared before a new try)."""
        return list(self._error_labels.values())

    def error_text(self, field: str) -> str:
        """The message shown for ``field`` (empty if none); for tests and screen readers."""
        target = self.error_target(field)
        if target is None or not target[0].isVisibleTo(self):
            return ""
        return target[0].text()

    # --- the keyboard ----------------------------------------------------------------

    def first_field(self) -> QWidget | None:
        """Where the focus starts when the dialog opens: the first field."""
        return next(iter(self._error_labels.values()), (None, None))[1]

    def keep_main_button(self) -> None:
        """Enter means Save, wherever the focus is: no other button of the dialog is
        the default, nor becomes it when it has the focus (``autoDefault``). Space still
        presses a focused button."""
        for button in self.findChildren(QPushButton):
            if button is not self.save_button:
                button.setAutoDefault(False)
                button.setDefault(False)
        self.save_button.setAutoDefault(True)
        self.save_button.setDefault(True)

    def put_buttons_last(self) -> None:
        """Save and Cancel come last when tabbing, after fields added once the buttons
        existed (contact rows of a loaded person, a row added with Add contact)."""
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(chain) < 5000:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        tab_stops = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        in_box = [w for w in tab_stops if self.buttons.isAncestorOf(w)]
        others = [w for w in tab_stops if w not in in_box]
        if not others:
            return
        previous = others[-1]
        for button in in_box:
            QWidget.setTabOrder(previous, button)
            previous = button

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._grow_to_fit()  # messages shown before the dialog was (a refused draft)
        self.keep_main_button()
        self.put_buttons_last()
        if self._opened_state is None:
            self._opened_state = self._current_state()
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_state(self) -> DraftState:
        try:
            return self.draft_state()
        except NotImplementedError:  # no drafts (organisation settings): every input's value
            return {"inputs": form_snapshot(self)}

    def has_changes(self) -> bool:
        """True when something was typed or chosen since the dialog opened."""
        return self._opened_state is not None and self._current_state() != self._opened_state

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.close_or_ask()
            return
        super().keyPressEvent(event)

    def close_or_ask(self) -> None:
        """Escape: close an unchanged form; ask "Discard your changes?" about a changed one."""
        if not self.has_changes():
            self.reject()
            return
        self._discard_box = ask_to_discard(self, self.reject)

    # --- drafts (kept while the app is locked) --------------------------------------

    def opened_for(self) -> dict[str, int | None]:
        """The ids the dialog was opened for, as keyword arguments of its constructor."""
        raise NotImplementedError

    def draft_state(self) -> DraftState:
        """Every field as typed, as JSON values, so the dialog can be filled in again."""
        raise NotImplementedError

    def restore_draft(self, state: Mapping[str, Any]) -> None:
        """Fill the fields from what ``draft_state()`` returned."""
        raise NotImplementedError

    # --- saving ---------------------------------------------------------------------

    def save(self) -> int:
        """Build the record from the widgets, store it, and return its id."""
        raise NotImplementedError

    def save_and_accept(self) -> None:
        self.clear_errors()
        try:
            record_id = self.save()
        except ValidationErrors as problems:
            self.show_validation(problems.errors)
            return
        except ValidationError as problem:
            self.show_validation([problem])
            return
        except CompanionError as error:
            log.warning("%s: save refused (%s)", type(self).__name__, error.code)
            self._general = error
            self._render_errors()
            return
        self.saved_id = record_id
        log.info("%s saved record %s", type(self).__name__, record_id)
        self.accept()

    # --- showing problems -----------------------------------------------------------

    def clear_errors(self) -> None:
        self._shown = []
        self._general = None
        self._render_errors()

    def show_validation(self, errors: Iterable[ValidationError]) -> None:
        self._shown = list(errors)
        self._general = None
        self._render_errors()
        first = next(
            (target for error in self._shown if (target := self.error_target(error.field))),
            None,
        )
        if first is not None:
            label, focus = first
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.scroll_area is not None:
                self.scroll_area.ensureWidgetVisible(label)

    def _render_errors(self) -> None:
        translator = current()
        texts: dict[int, list[str]] = {}
        labels: dict[int, tuple[ErrorLabel, QWidget]] = {
            id(label): (label, focus) for label, focus in self.error_targets()
        }
        general: list[str] = []
        for error in self._shown:
            text = messages.describe_validation(error, translator)
            target = self.error_target(error.field)
            if target is None:
                general.append(text)
            else:
                labels.setdefault(id(target[0]), target)
                texts.setdefault(id(target[0]), []).append(text)
        for key, (label, focus) in labels.items():
            lines = texts.get(key, [])
            label.show_message("\n".join(lines))
            # The error first, then what the field always says (how to open its chooser).
            always = focus.property(STANDING_DESCRIPTION)
            said = [*lines, always] if isinstance(always, str) and always else lines
            focus.setAccessibleDescription("\n".join(said))
        if self._general is not None:
            general.append(messages.describe(self._general, translator))
        self.general_error.show_message("\n".join(general))
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for messages that appeared, so no field is squeezed under them.

        Wrapped labels make the needed height depend on the width, which Qt's minimum
        size does not account for; a scrolling dialog scrolls instead.
        """
        layout = self.layout()
        if layout is None or self.scroll_area is not None:
            return
        layout.activate()
        needed = layout.totalMinimumHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._grow_to_fit()

    def retranslate(self) -> None:
        """Texts every dialog shares; subclasses set theirs and then call this."""
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self._render_errors()
