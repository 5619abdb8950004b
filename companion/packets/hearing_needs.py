"""What a person needs to come to a hearing, as the court-day sheet lists it.

This is the one place the sheet reads needs from: the needs per hearing that outreach
records (store table ``hearing_needs``: interpreter, transport, childcare, someone to go
with them, accessibility, time off work, safety plan), open ones first, then the ones
already arranged. A person marked as needing an interpreter whose hearing has no
interpreter need recorded yet still gets one line for it, from their record.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.domain.models import Person
from companion.i18n.languages import language_for_tag
from companion.outreach.model import NeedKind, NeedStatus
from companion.store.store import Store


@dataclass(frozen=True)
class NeedLine:
    """One need: ``kind`` is a ``NeedKind`` value; ``detail`` is printed as given (for an
    interpreter, the language); ``met`` once it is arranged."""

    kind: str
    detail: str = ""
    met: bool = False


def interpreter_language(person: Person) -> str:
    return language_name(person.language)


def language_name(tag_or_name: str) -> str:
    """A shipped language's English name; anything else (a language the app does not
    ship, typed by staff) as written."""
    language = language_for_tag(tag_or_name)
    return language.english_name if language is not None else tag_or_name


def needs_for(store: Store, hearing_id: int, person: Person) -> tuple[NeedLine, ...]:
    """The person's needs for the hearing, open ones first, in the order of ``NeedKind``."""
    lines: list[NeedLine] = []
    recorded = store.outreach.needs(person.id, hearing_id) if person.id is not None else []
    for need in recorded:
        detail = ""
        if need.kind is NeedKind.INTERPRETER:
            detail = language_name(need.language or person.language)
        lines.append(NeedLine(need.kind.value, detail, need.status is NeedStatus.MET))
    if person.needs_interpreter and not any(need.kind is NeedKind.INTERPRETER for need in recorded):
        lines.insert(0, NeedLine(NeedKind.INTERPRETER.value, interpreter_language(person)))
    return tuple(sorted(lines, key=lambda line: line.met))
