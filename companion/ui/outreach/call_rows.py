"""One person due for a call as the calls list shows it: a cell per column, in the
interface language. Phones read left to right inside right-to-left text."""

from __future__ import annotations

import datetime as dt
import enum

from companion.outreach.reasons import describe_reason
from companion.store.outreach import CallItem
from companion.ui import formatting
from companion.ui.i18n import _, current
from companion.ui.records.people_model import language_name
from companion.ui.records.person_page import left_to_right


class CallColumn(enum.IntEnum):
    PERSON = 0
    HEARING = 1
    WHY = 2
    PHONES = 3
    TEXTS = 4
    VOICEMAIL = 5
    SAFE_HOURS = 6
    LANGUAGE = 7
    NEEDS = 8
    LAST_CONTACT = 9


def column_titles() -> list[str]:
    return [
        _("Person"),
        _("Hearing"),
        _("Why now"),
        _("Phones"),
        _("Texts"),
        _("Voicemail"),
        _("Safe hours"),
        _("Language"),
        _("Open needs"),
        _("Last contact"),
    ]


def person_text(item: CallItem) -> str:
    if item.native_name and item.native_name != item.display_name:
        return f"{formatting.isolate(item.display_name)} · {formatting.isolate(item.native_name)}"
    return formatting.isolate(item.display_name)


def hearing_text(item: CallItem) -> str:
    """ "Tue, Dec 8 · 9:00 AM · 3A" (the courthouse is in the tooltip and the words)."""
    parts = [formatting.short_day(item.starts_at.date()), formatting.clock_time(item.starts_at)]
    if item.courtroom:
        parts.append(item.courtroom)
    return " · ".join(parts)


def hearing_tooltip(item: CallItem) -> str:
    return " · ".join(
        part
        for part in (formatting.date_and_time(item.starts_at), item.courthouse_name, item.courtroom)
        if part
    )


def phones_text(item: CallItem) -> str:
    return " / ".join(left_to_right(phone.value) for phone in item.phones) or _("No phone")


def texts_text(item: CallItem) -> str:
    """Per phone, in the phones' order: may it be sent a text."""
    return " / ".join(_("Yes") if phone.ok_to_text else _("No") for phone in item.phones)


def voicemail_text(item: CallItem) -> str:
    """Per phone: may a voicemail be left, and may it say what it is about."""
    return " / ".join(
        (_("Yes, with details") if phone.voicemail_details else _("Yes"))
        if phone.ok_to_voicemail
        else _("No")
        for phone in item.phones
    )


def local_now(item: CallItem, now: dt.datetime) -> dt.time:
    """Now on the courthouse's clock: the person is taken to live near it."""
    return now.astimezone(item.starts_at.tzinfo).time()


def safe_now(item: CallItem, now: dt.datetime) -> bool:
    """Whether some phone of the person is inside its safe hours now (no hours: any time)."""
    moment = local_now(item, now)
    return any(phone.safe_at(moment) for phone in item.phones)


def safe_hours_text(item: CallItem, now: dt.datetime) -> str:
    hours = [
        _("{start} to {end}").format(
            start=formatting.clock_time(phone.safe_hours_start),
            end=formatting.clock_time(phone.safe_hours_end),
        )
        for phone in item.phones
        if phone.safe_hours_start is not None and phone.safe_hours_end is not None
    ]
    if not item.phones:
        return ""
    if not hours:
        return _("Any time")
    verdict = _("Safe now") if safe_now(item, now) else _("Not now")
    return " · ".join([*hours, verdict])


def language_text(item: CallItem) -> str:
    name = formatting.isolate(language_name(item.language))
    if item.needs_interpreter:
        return f"{name} · {_('Interpreter')}"
    return name


def needs_text(item: CallItem) -> str:
    return formatting.items([_(need.kind.label) for need in item.needs])


def last_contact_text(item: CallItem) -> str:
    last = item.last_contact
    if last is None:
        return _("None yet")
    return " · ".join((formatting.date_and_time(last.at.astimezone()), _(last.outcome.label)))


def row_texts(item: CallItem, now: dt.datetime, today: dt.date) -> list[str]:
    """The cells of ``item``'s row; ``today`` is the day of the list (for "yesterday")."""
    return [
        person_text(item),
        hearing_text(item),
        describe_reason(item.reason, current(), item.on or today),
        phones_text(item),
        texts_text(item),
        voicemail_text(item),
        safe_hours_text(item, now),
        language_text(item),
        needs_text(item),
        last_contact_text(item),
    ]
