"""The office's own settings: who it is, who meets witnesses, and what it tells them.

Packets and the guidance reader take every contact from here; nothing is hard-coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.domain.validation import check_language_tag, normalise_phone
from companion.errors import ValidationError, ValidationErrors

DEFAULT_ARRIVE_MINUTES = 45
PAPER_SIZES = ("letter", "a4")


@dataclass
class AdvocateContact:
    name: str
    phone: str = ""


@dataclass
class Hotline:
    name: str
    phone: str
    note: str = ""


@dataclass
class LocalNote:
    """An office note for one guidance topic, e.g. which entrance to use.

    ``texts`` maps a language tag to the note in that language; ``en`` is the original.
    """

    topic_id: str
    texts: dict[str, str] = field(default_factory=dict)

    def in_language(self, tag: str) -> tuple[str, bool]:
        """The note in ``tag``, or the original with ``False`` when it has no translation."""
        if tag in self.texts and self.texts[tag].strip():
            return self.texts[tag], True
        return self.texts.get("en", next(iter(self.texts.values()), "")), False


@dataclass
class Organisation:
    name: str = ""
    address: str = ""
    advocates: list[AdvocateContact] = field(default_factory=list)
    hotlines: list[Hotline] = field(default_factory=list)
    arrive_minutes_before: int = DEFAULT_ARRIVE_MINUTES
    paper: str = "letter"
    local_notes: list[LocalNote] = field(default_factory=list)

    def advocate(self, name: str) -> AdvocateContact | None:
        wanted = name.strip().casefold()
        return next((a for a in self.advocates if a.name.strip().casefold() == wanted), None)

    def note_for(self, topic_id: str) -> LocalNote | None:
        return next((note for note in self.local_notes if note.topic_id == topic_id), None)


def validate_organisation(organisation: Organisation) -> Organisation:
    errors: list[ValidationError] = []
    for index, advocate in enumerate(organisation.advocates):
        advocate.name = advocate.name.strip()
        if not advocate.name:
            errors.append(ValidationError(f"advocates[{index}].name", "required"))
        if advocate.phone.strip():
            try:
                advocate.phone = normalise_phone(advocate.phone, f"advocates[{index}].phone")
            except ValidationError as error:
                errors.append(error)
    for index, hotline in enumerate(organisation.hotlines):
        hotline.name = hotline.name.strip()
        if not hotline.name:
            errors.append(ValidationError(f"hotlines[{index}].name", "required"))
        try:
            hotline.phone = normalise_phone(hotline.phone, f"hotlines[{index}].phone")
        except ValidationError as error:
            errors.append(error)
    if not 0 <= organisation.arrive_minutes_before <= 240:
        errors.append(
            ValidationError(
                "arrive_minutes_before", "out_of_range", organisation.arrive_minutes_before
            )
        )
    if organisation.paper not in PAPER_SIZES:
        errors.append(ValidationError("paper", "out_of_range", organisation.paper))
    for index, note in enumerate(organisation.local_notes):
        for tag in note.texts:
            try:
                check_language_tag(tag, f"local_notes[{index}].language")
            except ValidationError as error:
                errors.append(error)
    if errors:
        raise ValidationErrors(errors)
    return organisation
