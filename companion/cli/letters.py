"""``companion letter``, ``court-day`` and ``employer-letter``: outreach PDFs to disk.

Each file is written whole or not at all, only where staff asked (``-o``), readable by
the user alone. Letters are recorded in the person's history and the audit trail.
"""

from __future__ import annotations

import argparse

from companion.domain.validation import parse_date
from companion.errors import NotFoundError
from companion.i18n.catalog import translator
from companion.packets.court_day import render_court_day
from companion.packets.letters import render_employer_letter, render_reminder_letter
from companion.packets.output import write_pdf_atomically
from companion.store.audit import AuditAction
from companion.store.store import Store

LETTER_SAVED = "letter_saved"
EMPLOYER_LETTER_SAVED = "employer_letter_saved"


def _check_pair(store: Store, person_id: int, hearing_id: int) -> None:
    store.hearings.get(hearing_id)
    store.people.get(person_id)
    if not any(e.person_id == person_id for e in store.hearings.attendance_for(hearing_id)):
        raise NotFoundError("person", person_id)


def _record(store: Store, person_id: int, hearing_id: int, event: str) -> None:
    with store.db.atomic():
        store.people.record_history(person_id, event, hearing_id)
        store.audit.record(AuditAction.EXPORTED, "person", person_id, event)


def command_letter(store: Store, arguments: argparse.Namespace) -> str:
    _check_pair(store, arguments.person, arguments.hearing)
    data = render_reminder_letter(store, arguments.person, arguments.hearing)
    path = write_pdf_atomically(arguments.output, data)
    _record(store, arguments.person, arguments.hearing, LETTER_SAVED)
    return translator("en").gettext("Saved the letter to {path}.").format(path=path)


def command_employer_letter(store: Store, arguments: argparse.Namespace) -> str:
    _check_pair(store, arguments.person, arguments.hearing)
    data = render_employer_letter(store, arguments.person, arguments.hearing)
    path = write_pdf_atomically(arguments.output, data)
    _record(store, arguments.person, arguments.hearing, EMPLOYER_LETTER_SAVED)
    return translator("en").gettext("Saved the letter to {path}.").format(path=path)


def command_court_day(store: Store, arguments: argparse.Namespace) -> str:
    day = parse_date(arguments.on, "on")
    path = write_pdf_atomically(arguments.output, render_court_day(store, day))
    store.audit.record(AuditAction.EXPORTED, "court_day", None, day.isoformat())
    return translator("en").gettext("Saved the court-day sheet to {path}.").format(path=path)
