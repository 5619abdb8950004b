"""Keeping open record dialogs as drafts when the app locks, and opening them again after.

A record dialog (``companion.ui.records.dialogs``) says what it was opened for
(``opened_for()``) and what is typed in it (``draft_state()``). Here that becomes a
``Draft`` for the store, and a draft becomes the same dialog again, filled in
(``restore_draft()``), opened over the main window like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.store.drafts import Draft
from companion.ui.outreach.contact_dialog import ContactDialog
from companion.ui.outreach.needs_dialog import NeedsDialog
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.records.dialogs.case_dialog import CaseDialog
from companion.ui.records.dialogs.common import RecordDialog
from companion.ui.records.dialogs.continue_dialog import ContinueHearingDialog
from companion.ui.records.dialogs.courthouse_dialog import CourthouseDialog
from companion.ui.records.dialogs.hearing_dialog import HearingDialog
from companion.ui.records.dialogs.person_dialog import PersonDialog

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk

log = logging.getLogger(__name__)

#: Where a draft keeps the ``row_version`` its dialog read.
READ_VERSION = "_read_version"

DIALOG_KINDS: dict[type[RecordDialog], str] = {
    PersonDialog: "person",
    CaseDialog: "case",
    HearingDialog: "hearing",
    CourthouseDialog: "courthouse",
    AttendanceDialog: "attendance",
    ContinueHearingDialog: "continue_hearing",
    ContactDialog: "contact",
    NeedsDialog: "needs",
}


def open_record_dialogs(widgets: Iterable[QWidget]) -> list[RecordDialog]:
    """The record dialogs among ``widgets`` that are on screen (each one once)."""
    found: list[RecordDialog] = []
    for widget in widgets:
        if isinstance(widget, RecordDialog) and widget.isVisible() and widget not in found:
            found.append(widget)
    return found


def capture(dialog: RecordDialog) -> Draft | None:
    """The dialog as a draft; None for a dialog that cannot be kept."""
    kind = DIALOG_KINDS.get(type(dialog))
    if kind is None:
        log.warning("%s cannot be kept as a draft", type(dialog).__name__)
        return None
    state = {**dialog.draft_state(), READ_VERSION: dialog.read_version}
    return Draft(kind=kind, opened_for=dict(dialog.opened_for()), state=state)


def _id(opened_for: Mapping[str, object], key: str) -> int | None:
    value = opened_for.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _required(opened_for: Mapping[str, object], key: str) -> int:
    value = _id(opened_for, key)
    if value is None:
        raise ValueError(f"draft without {key}")
    return value


def make_dialog(window: Desk, draft: Draft) -> RecordDialog:
    """The dialog a draft came from, opened for the same record, not yet filled in."""
    store, ids = window.store, draft.opened_for
    if draft.kind == "person":
        return PersonDialog(store, _id(ids, "person_id"), parent=window.widget())
    if draft.kind == "case":
        return CaseDialog(store, case_id=_id(ids, "case_id"), parent=window.widget())
    if draft.kind == "hearing":
        return HearingDialog(
            store,
            hearing_id=_id(ids, "hearing_id"),
            case_id=_id(ids, "case_id"),
            parent=window.widget(),
        )
    if draft.kind == "courthouse":
        return CourthouseDialog(store, _id(ids, "courthouse_id"), parent=window.widget())
    if draft.kind == "attendance":
        return AttendanceDialog(
            store, _required(ids, "person_id"), _required(ids, "hearing_id"), parent=window.widget()
        )
    if draft.kind == "continue_hearing":
        return ContinueHearingDialog(store, _required(ids, "hearing_id"), parent=window.widget())
    if draft.kind in ("contact", "needs"):
        outreach = ContactDialog if draft.kind == "contact" else NeedsDialog
        return outreach(
            store, _required(ids, "person_id"), _required(ids, "hearing_id"), parent=window.widget()
        )
    raise ValueError(f"unknown kind of draft: {draft.kind}")


def reopen(window: Desk, draft: Draft) -> RecordDialog | None:
    """Open the draft's dialog over ``window``, filled in as it was; None if its record
    is gone (the draft is then dropped, and logged by id only)."""
    try:
        dialog = make_dialog(window, draft)
    except (CompanionError, ValueError) as error:
        log.warning("draft %s (%s) cannot be reopened: %s", draft.id, draft.kind, error)
        return None
    dialog.restore_draft(draft.state)
    # The edit goes on from the version first read: a change made by someone else while
    # the app was locked is still caught when the draft is saved.
    read_version = draft.state.get(READ_VERSION)
    if type(read_version) is int:
        dialog.read_version = read_version
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(window.refresh_views)
    dialog.open()
    log.info("reopened a %s draft", draft.kind)
    return dialog
