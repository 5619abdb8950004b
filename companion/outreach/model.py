"""Outreach records: contact attempts, needs per hearing, and why someone is due a call.

Plain dataclasses and enums, no Qt, no SQL. Labels are marked with ``N_`` here and
translated where shown.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from companion.i18n.catalog import N_


class ContactChannel(enum.StrEnum):
    """How an attempt was made (a text is sent from the office's own phone, not the app)."""

    PHONE = "phone"
    TEXT = "text"
    LETTER = "letter"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


class ContactOutcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"
    LEFT_VOICEMAIL = "left_voicemail"
    WRONG_NUMBER = "wrong_number"
    NUMBER_CHANGED = "number_changed"
    DO_NOT_CONTACT = "do_not_contact"
    NEEDS_HELP = "needs_help"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @property
    def reached(self) -> bool:
        """Whether the person was reached and answered: their call for the current step is
        done. No answer, a voicemail, a wrong or changed number reach nobody; they are
        tried again the next working day."""
        return self in REACHED_OUTCOMES


#: Outcomes that mean the person heard from the office and said something back.
REACHED_OUTCOMES = frozenset(
    {
        ContactOutcome.CONFIRMED,
        ContactOutcome.DECLINED,
        ContactOutcome.DO_NOT_CONTACT,
        ContactOutcome.NEEDS_HELP,
    }
)


class NeedKind(enum.StrEnum):
    INTERPRETER = "interpreter"
    TRANSPORT = "transport"
    CHILDCARE = "childcare"
    COMPANION = "companion"
    ACCESSIBILITY = "accessibility"
    TIME_OFF_WORK = "time_off_work"
    SEPARATE_WAITING_AREA = "separate_waiting_area"
    ESCORT = "escort"

    @property
    def label(self) -> str:
        return _NEED_LABELS[self]


class NeedStatus(enum.StrEnum):
    OPEN = "open"
    MET = "met"

    @property
    def label(self) -> str:
        return _NEED_STATUS_LABELS[self]


class WordsKind(enum.StrEnum):
    """Words to say on a call, leave on a voicemail, or send as a text."""

    CALL = "call"
    VOICEMAIL = "voicemail"
    TEXT = "text"


class DueKind(enum.StrEnum):
    """Why a person is on the call list."""

    SCHEDULED = "scheduled"
    DAYS_BEFORE = "days_before"
    MOVED = "moved"
    CANCELLED = "cancelled"
    RETRY = "retry"


@dataclass(frozen=True)
class DueReason:
    """Why someone is due: the step reached, or the unanswered attempt being followed up.

    ``days`` is set for ``DAYS_BEFORE``; ``previous`` and ``previous_on`` (the local day
    of the attempt) for ``RETRY``; ``step_on`` is the local day the step was reached.
    """

    kind: DueKind
    step_on: dt.date
    days: int | None = None
    previous: ContactOutcome | None = None
    previous_on: dt.date | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "step_on": self.step_on.isoformat(),
            "days": self.days,
            "previous_outcome": self.previous.value if self.previous else None,
            "previous_on": self.previous_on.isoformat() if self.previous_on else None,
        }


@dataclass(frozen=True)
class ContactAttempt:
    """One logged attempt. Never changed: a correction is a new attempt with ``corrects_id``."""

    id: int
    uid: str
    person_id: int
    hearing_id: int | None
    at: dt.datetime
    staff_name: str
    channel: ContactChannel
    outcome: ContactOutcome
    note: str
    corrects_id: int | None = None


@dataclass
class HearingNeed:
    """Something a person needs to come to one hearing, open until it is met."""

    person_id: int
    hearing_id: int
    kind: NeedKind
    status: NeedStatus = NeedStatus.OPEN
    #: For an interpreter: the language tag or name (free text: any language).
    language: str = ""
    note: str = ""
    id: int | None = None
    uid: str = ""
    row_version: int = 0


_CHANNEL_LABELS = {
    ContactChannel.PHONE: N_("Phone call"),
    ContactChannel.TEXT: N_("Text message"),
    ContactChannel.LETTER: N_("Letter"),
    ContactChannel.IN_PERSON: N_("In person"),
}

_OUTCOME_LABELS = {
    ContactOutcome.CONFIRMED: N_("Confirmed"),
    ContactOutcome.DECLINED: N_("Declined"),
    ContactOutcome.NO_ANSWER: N_("No answer"),
    ContactOutcome.LEFT_VOICEMAIL: N_("Left voicemail"),
    ContactOutcome.WRONG_NUMBER: N_("Wrong number"),
    ContactOutcome.NUMBER_CHANGED: N_("Number changed"),
    ContactOutcome.DO_NOT_CONTACT: N_("Asked not to be contacted"),
    ContactOutcome.NEEDS_HELP: N_("Needs help"),
}

_NEED_LABELS = {
    NeedKind.INTERPRETER: N_("Interpreter"),
    NeedKind.TRANSPORT: N_("Transport"),
    NeedKind.CHILDCARE: N_("Childcare"),
    NeedKind.COMPANION: N_("Someone to go with them"),
    NeedKind.ACCESSIBILITY: N_("Accessibility"),
    NeedKind.TIME_OFF_WORK: N_("Time off work"),
    NeedKind.SEPARATE_WAITING_AREA: N_("Safety plan: separate waiting area"),
    NeedKind.ESCORT: N_("Safety plan: escort"),
}

_NEED_STATUS_LABELS = {
    NeedStatus.OPEN: N_("Open"),
    NeedStatus.MET: N_("Met"),
}
