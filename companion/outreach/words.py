"""Words to say, leave or send, in the witness's language (from the catalogs).

- A call script: lines to say, each with the English beside it for staff who do not
  speak the language, or to read with an interpreter.
- A safe voicemail: by default only the office's name and a callback number, never the
  court, immigration or the case; the hearing's date and place only where the person
  said a voicemail on that number may carry them.
- A text message to copy into the office phone: date, time, place and callback number,
  with its length and SMS segment count. The app sends nothing itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from companion.domain.models import HearingStatus
from companion.errors import CompanionError
from companion.i18n.catalog import N_, translator
from companion.i18n.formatting import format_date, format_hearing_datetime, format_time
from companion.i18n.languages import SOURCE_TAG, get_language, language_for_tag
from companion.i18n.review import review_status
from companion.outreach.model import WordsKind
from companion.outreach.sms import SmsSize, sms_size

__all__ = ["WordsKind", "build_words", "words_language"]


class OfficeDetailsMissingError(CompanionError):
    """The office's settings lack what the words must give: its ``name``, or a ``phone``
    (an advocate's or a hotline's) to call back."""

    code = "office_details_missing"

    def __init__(self, missing: str) -> None:
        super().__init__(missing)
        self.missing = missing


class VoicemailNotAllowedError(CompanionError):
    """None of the person's phones may take a voicemail."""

    code = "voicemail_not_allowed"

    def __init__(self, person_id: int, person_name: str = "") -> None:
        super().__init__(person_id)
        self.person_id = person_id
        #: The name to show; the record number stays for logs (which never carry names).
        self.person_name = person_name


class TextNotAllowedError(CompanionError):
    """None of the person's phones may be sent a text."""

    code = "text_not_allowed"

    def __init__(self, person_id: int, person_name: str = "") -> None:
        super().__init__(person_id)
        self.person_id = person_id
        #: The name to show; the record number stays for logs (which never carry names).
        self.person_name = person_name


@dataclass(frozen=True)
class WordsContext:
    """What the words may draw on. ``starts_at`` is in the courthouse's zone."""

    person_name: str
    office_name: str
    callback_phone: str
    starts_at: dt.datetime
    place: str
    courtroom: str
    status: HearingStatus
    moved: bool = False
    #: A voicemail may say what it is about (the person allowed it for that number).
    voicemail_details: bool = False


@dataclass(frozen=True)
class ScriptLine:
    text: str
    english: str


@dataclass(frozen=True)
class Words:
    kind: WordsKind
    language: str
    #: The language's catalog is a draft, not yet checked by a qualified translator.
    draft: bool
    lines: tuple[ScriptLine, ...]
    #: For a text message: its size in SMS terms.
    sms: SmsSize | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# Translators: the call script, said on the phone by an advocate. {office} is the
# office's name, {name} the witness's name.
_GREETING = N_("Hello, I am calling from {office}. May I speak with {name}?")
_SAFE_TIME = N_("Is this a good and safe time to talk for a few minutes?")
_ABOUT = N_("I am calling about your court date: {when}, at {place}, room {room}.")
_ABOUT_MOVED = N_("Your court date has changed. The new date is {when}, at {place}, room {room}.")
_ABOUT_CANCELLED = N_(
    "I am calling to tell you that the court date on {when} is cancelled. "
    "You do not need to go that day."
)
_CAN_YOU_COME = N_("Will you be able to come?")
_ANYTHING_HARD = N_(
    "Is there anything that makes it hard for you to come, such as transport, childcare, "
    "time off work or an interpreter?"
)
_CALL_US = N_("If anything changes, please call us at {phone}.")
_THANKS = N_("Thank you. Goodbye.")
# Translators: a voicemail that anyone who hears it may hear. It must not mention a
# court, a case, immigration or the reason for the call.
_VOICEMAIL_SAFE = N_("Hello, this is {office}. Please call us back at {phone}. Thank you.")
_VOICEMAIL_DETAILS = N_(
    "Hello, this is {office}, with a reminder of your court date: {when}, at {place}. "
    "Please call us back at {phone}. Thank you."
)
_VOICEMAIL_CANCELLED = N_(
    "Hello, this is {office}. The court date on {when} is cancelled. "
    "Please call us back at {phone}. Thank you."
)
# Translators: a text message; keep it short (an SMS segment is 70 characters in most
# scripts). {when} is the date and time, {place} the courthouse.
_TEXT = N_("{office}: reminder of your date {when}, {place}, room {room}. Call us: {phone}")
_TEXT_CANCELLED = N_("{office}: your date {when} is cancelled. Call us: {phone}")


def words_language(person_language: str, chosen: str | None = None) -> str:
    """The shipped language to use: the one chosen, else the person's, else English."""
    if chosen:
        return get_language(chosen).tag
    language = language_for_tag(person_language)
    return language.tag if language is not None else SOURCE_TAG


def _line(message: str, tag: str, context: WordsContext, short: bool) -> ScriptLine:
    """One line in the witness's language, and the same in English (dates as English
    speakers write them)."""
    return ScriptLine(
        translator(tag).gettext(message).format(**_values(context, tag, short)),
        translator(SOURCE_TAG).gettext(message).format(**_values(context, SOURCE_TAG, short)),
    )


def _values(context: WordsContext, tag: str, short: bool) -> dict[str, str]:
    return {
        "office": context.office_name,
        "name": context.person_name,
        "phone": context.callback_phone,
        "place": context.place,
        "room": context.courtroom or "-",
        "when": _short_when(context, tag)
        if short
        else format_hearing_datetime(context.starts_at, tag),
    }


def _short_when(context: WordsContext, tag: str) -> str:
    """The date and time for a text message. CLDR's no-break spaces ("9:30\u202fAM")
    become plain ones: either alone would make a Latin-script text UCS-2, twice as long."""
    when = (
        translator(tag)
        .gettext("{date} at {time}")
        .format(
            date=format_date(context.starts_at, tag, "medium"),
            time=format_time(context.starts_at, tag, "short"),
        )
    )
    return when.replace("\u202f", " ").replace("\u00a0", " ")


def build_words(kind: WordsKind, context: WordsContext, tag: str) -> Words:
    cancelled = context.status is HearingStatus.CANCELLED
    messages: list[str]
    if kind is WordsKind.CALL:
        about = _ABOUT_MOVED if context.moved else _ABOUT
        if cancelled:
            about = _ABOUT_CANCELLED
        messages = [_GREETING, _SAFE_TIME, about]
        if not cancelled:
            messages += [_CAN_YOU_COME, _ANYTHING_HARD]
        messages += [_CALL_US, _THANKS]
    elif kind is WordsKind.VOICEMAIL:
        if not context.voicemail_details:
            messages = [_VOICEMAIL_SAFE]
        else:
            messages = [_VOICEMAIL_CANCELLED if cancelled else _VOICEMAIL_DETAILS]
    else:
        messages = [_TEXT_CANCELLED if cancelled else _TEXT]
    short = kind is WordsKind.TEXT
    lines = tuple(_line(message, tag, context, short) for message in messages)
    draft = review_status(tag).is_draft if tag != SOURCE_TAG else False
    size = sms_size(lines[0].text) if kind is WordsKind.TEXT else None
    return Words(kind, tag, draft, lines, size)
