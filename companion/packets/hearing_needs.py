"""What a person needs to come to a hearing, as the court-day sheet lists it.

This is the one place the sheet reads needs from. Today it knows the interpreter need
that people's records hold (``needs_interpreter`` and ``language``); the outreach core's
needs per hearing (store table ``hearing_needs``: transport, childcare, someone to go
with them, accessibility, time off work, safety plan) plug in here, in ``needs_for``.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.domain.models import Person
from companion.i18n.languages import language_for_tag
from companion.store.store import Store


@dataclass(frozen=True)
class NeedLine:
    """One need: ``kind`` names it for the sheet; ``detail`` is printed as given."""

    kind: str
    detail: str = ""
    met: bool = False


def interpreter_language(person: Person) -> str:
    language = language_for_tag(person.language)
    return language.english_name if language is not None else person.language


def needs_for(store: Store, hearing_id: int, person: Person) -> tuple[NeedLine, ...]:
    """The person's needs for the hearing, open ones first."""
    del store, hearing_id  # the needs per hearing of the outreach core are read here
    if person.needs_interpreter:
        return (NeedLine("interpreter", interpreter_language(person)),)
    return ()
