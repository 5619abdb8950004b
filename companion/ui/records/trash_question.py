"""Asking before a record goes to the Trash: the same question, naming the record, in every
view (the agenda, the people list, a person's page, the courthouses)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.i18n.formatting import format_datetime
from companion.store.store import Store
from companion.ui.i18n import _, current
from companion.ui.widgets.prompts import ConfirmBox, confirm


def trash_question(store: Store, kind: str, record_id: int) -> Callable[[], str]:
    """The question, as a function so it can be asked again in another language.

    Raises the store's ``NotFoundError`` when the record is gone already.
    """
    if kind == "person":
        name = store.people.get(record_id).display_name or store.people.get(record_id).native_name
        return lambda: _(
            "Move {name} to the Trash? Their page closes. You can restore them from "
            "File ▸ Trash until the Trash is emptied."
        ).format(name=name)
    if kind == "hearing":
        hearing = store.hearings.get(record_id)
        docket = store.cases.get(hearing.case_id, include_deleted=True).docket_number
        return lambda: _(
            "Move the hearing of {when} in case {docket} to the Trash? You can restore it "
            "from File ▸ Trash until the Trash is emptied."
        ).format(when=format_datetime(hearing.starts_at, current().language.tag), docket=docket)
    if kind == "case":
        docket = store.cases.get(record_id).docket_number
        return lambda: _(
            "Move case {docket} to the Trash? You can restore it from File ▸ Trash until the "
            "Trash is emptied."
        ).format(docket=docket)
    courthouse = store.courthouses.get(record_id).name
    return lambda: _(
        "Move the courthouse {name} to the Trash? You can restore it from File ▸ Trash until "
        "the Trash is emptied."
    ).format(name=courthouse)


def ask_to_trash(
    parent: QWidget, store: Store, kind: str, record_id: int, move: Callable[[], None]
) -> ConfirmBox | None:
    """Ask; ``move`` runs only on "Move to the Trash". ``None`` (nothing asked) when the
    record no longer exists; the caller shows why."""
    try:
        text = trash_question(store, kind, record_id)
    except CompanionError:
        return None
    return confirm(
        parent,
        lambda: _("Move to the Trash?"),
        text,
        lambda: _("Move to the Trash"),
        move,
    )
