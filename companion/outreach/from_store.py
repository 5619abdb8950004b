"""Gathering what the words need from the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.domain.models import ContactKind
from companion.errors import NotFoundError
from companion.outreach.words import (
    OfficeDetailsMissingError,
    TextNotAllowedError,
    VoicemailNotAllowedError,
    Words,
    WordsContext,
    WordsKind,
    build_words,
    words_language,
)

if TYPE_CHECKING:
    from companion.domain.organisation import Organisation
    from companion.store.store import Store


def callback_phone(organisation: Organisation, advocate_name: str) -> str:
    """The case's advocate's phone, else the first advocate's or hotline's that has one."""
    chosen = organisation.advocate(advocate_name) if advocate_name else None
    if chosen is not None and chosen.phone:
        return chosen.phone
    for phone in [a.phone for a in organisation.advocates] + [
        h.phone for h in organisation.hotlines
    ]:
        if phone:
            return phone
    raise OfficeDetailsMissingError("phone")


def words_for(
    store: Store, person_id: int, hearing_id: int, kind: WordsKind, language: str | None = None
) -> Words:
    """The words for one person and hearing, in ``language`` or the person's own.

    A voicemail needs a phone that may take one, a text a phone that may be texted; a
    voicemail carries details only when such a phone allows them."""
    person = store.people.get(person_id)
    hearing = store.hearings.get(hearing_id)
    if not any(entry.person_id == person_id for entry in store.hearings.attendance_for(hearing_id)):
        raise NotFoundError("hearing", hearing_id)
    phones = [contact for contact in person.contacts if contact.kind is ContactKind.PHONE]
    name = person.display_name or person.native_name
    if kind is WordsKind.VOICEMAIL and not any(phone.ok_to_voicemail for phone in phones):
        raise VoicemailNotAllowedError(person_id, name)
    if kind is WordsKind.TEXT and not any(phone.ok_to_text for phone in phones):
        raise TextNotAllowedError(person_id, name)
    case = store.cases.get(hearing.case_id)
    courthouse = store.courthouses.get(hearing.courthouse_id, include_deleted=True)
    organisation = store.organisation.get()
    details = any(phone.ok_to_voicemail and phone.voicemail_details for phone in phones)
    moved = hearing.continued_from_id is not None or bool(
        store.db.execute("SELECT moved_at FROM hearings WHERE id = ?", [hearing_id]).fetchone()[0]
    )
    if not organisation.name.strip():
        raise OfficeDetailsMissingError("name")
    context = WordsContext(
        person_name=person.display_name or person.native_name,
        office_name=organisation.name,
        callback_phone=callback_phone(organisation, case.advocate),
        starts_at=hearing.starts_at,
        place=courthouse.name,
        courtroom=hearing.courtroom,
        status=hearing.status,
        moved=moved,
        voicemail_details=details,
    )
    return build_words(kind, context, words_language(person.language, language))
