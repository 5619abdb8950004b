"""``companion calls``, ``contact``, ``script`` and ``report``: outreach for office IT and
scripts. Every write goes through the store (one transaction, audited)."""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
from typing import TYPE_CHECKING, Any, TypeVar

from companion.cli.terminal_text import one_line
from companion.errors import ValidationError, ValidationErrors
from companion.i18n.catalog import translator
from companion.outreach.model import ContactChannel, ContactOutcome
from companion.outreach.reasons import describe_reason
from companion.outreach.words import WordsKind
from companion.store.outreach import CallItem

if TYPE_CHECKING:
    from companion.store.store import Store

_Choice = TypeVar("_Choice", bound=enum.StrEnum)


def parse_day(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationErrors([ValidationError(field, "invalid_date", text)]) from None


def parse_choice(kind: type[_Choice], text: str, field: str) -> _Choice:
    try:
        return kind(text)
    except ValueError:
        raise ValidationErrors([ValidationError(field, "not_a_choice", text)]) from None


def _clock(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def call_json(item: CallItem) -> dict[str, Any]:
    last = item.last_contact
    return {
        "person_id": item.person_id,
        "person_uid": item.person_uid,
        "hearing_id": item.hearing_id,
        "hearing_uid": item.hearing_uid,
        "display_name": item.display_name,
        "native_name": item.native_name,
        "language": item.language,
        "needs_interpreter": item.needs_interpreter,
        "phones": [
            {
                "value": phone.value,
                "ok_to_text": phone.ok_to_text,
                "ok_to_voicemail": phone.ok_to_voicemail,
                "voicemail_details": phone.voicemail_details,
                "safe_hours_start": _clock(phone.safe_hours_start),
                "safe_hours_end": _clock(phone.safe_hours_end),
            }
            for phone in item.phones
        ],
        "starts_at": item.starts_at.isoformat(),
        "hearing_status": item.hearing_status.value,
        "courthouse": item.courthouse_name,
        "courtroom": item.courtroom,
        "due_reason": item.reason.kind.value,
        "due": item.reason.as_json(),
        "last_contact": None
        if last is None
        else {
            "at": last.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "outcome": last.outcome.value,
            "method": last.channel.value,
            "hearing_id": last.hearing_id,
        },
        "needs": [
            {"kind": need.kind.value, "status": need.status.value, "language": need.language}
            for need in item.needs
        ],
    }


def command_calls(store: Store, arguments: argparse.Namespace) -> str:
    on = parse_day(arguments.on, "date") if arguments.on else None
    items = store.outreach.calls(on)
    if arguments.json:
        return json.dumps([call_json(item) for item in items], ensure_ascii=False, indent=2)
    t = translator("en")
    if not items:
        day = on or dt.datetime.now(dt.UTC).astimezone().date()
        return t.gettext("Nobody is due for a call on {date}.").format(date=day.isoformat())
    lines = []
    for item in items:
        phones = ", ".join(one_line(phone.value) for phone in item.phones) or "-"
        lines.append(
            t.gettext(
                "{when}  person #{person} {name}  hearing #{hearing}  {reason}  {phones}"
            ).format(
                when=item.starts_at.strftime("%Y-%m-%d %H:%M %Z"),
                person=item.person_id,
                name=one_line(item.display_name),
                hearing=item.hearing_id,
                reason=describe_reason(item.reason, t, item.on or item.reason.step_on),
                phones=phones,
            )
        )
    return "\n".join(lines)


def command_contact(store: Store, arguments: argparse.Namespace) -> str:
    outcome = parse_choice(ContactOutcome, arguments.outcome, "outcome")
    channel = parse_choice(ContactChannel, arguments.method, "method")
    store.outreach.log_contact(
        arguments.person,
        arguments.hearing,
        outcome,
        channel,
        arguments.note,
        who=store.audit.staff_name or store.audit.os_user,
    )
    t = translator("en")
    return t.gettext("Logged for person #{person}, hearing #{hearing}: {outcome}.").format(
        person=arguments.person, hearing=arguments.hearing, outcome=t.gettext(outcome.label)
    )


def command_script(store: Store, arguments: argparse.Namespace) -> str:
    from companion.outreach.from_store import words_for

    kind = parse_choice(WordsKind, arguments.kind, "kind")
    words = words_for(store, arguments.person, arguments.hearing, kind, arguments.lang)
    t = translator(words.language)
    out = []
    if words.draft:
        out.append(t.gettext("Draft translation: not yet checked by a qualified translator."))
    for line in words.lines:
        out.append(line.text)
        if words.kind is WordsKind.CALL and line.english != line.text:
            out.append("    " + line.english)
    if words.sms is not None:
        english = translator("en")
        out.append(
            english.ngettext(
                "{characters} characters, {encoding}, {segments} SMS segment",
                "{characters} characters, {encoding}, {segments} SMS segments",
                words.sms.segments,
            ).format(
                characters=words.sms.characters,
                encoding="GSM-7" if words.sms.encoding == "gsm7" else "UCS-2",
                segments=words.sms.segments,
            )
        )
    return "\n".join(out)


def command_report(store: Store, arguments: argparse.Namespace) -> str:
    start = parse_day(arguments.start, "from")
    end = parse_day(arguments.end, "to")
    if end < start:
        raise ValidationErrors([ValidationError("to", "before_start")])
    report = store.reports.report(start, end)
    if arguments.json:
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2)
    t = translator("en")
    lines = [
        t.gettext(
            "{start} to {end}: {hearings} hearings with people who must testify; "
            "{attended} attended, {missed} missed, {unknown} not yet known."
        ).format(
            start=start.isoformat(),
            end=end.isoformat(),
            hearings=report.hearings,
            attended=report.attended,
            missed=report.missed,
            unknown=report.unknown,
        )
    ]
    for name, key, hearings, attended, missed in report.csv_rows()[1:]:
        lines.append(f"{name}\t{key}\t{hearings}\t{attended}\t{missed}")
    return "\n".join(lines)
