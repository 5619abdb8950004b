"""A period of hearings as one ``.ics`` file for the advocate's own calendar.

- Each event has the UID and sequence of the hearing's packet calendar, so a calendar that
  already holds a hearing updates it: a continued (moved) hearing raises its sequence and
  the hearing it moved to keeps the same calendar UID; a cancelled one is
  ``STATUS:CANCELLED``.
- People are named by their initials unless staff ask for names: a work calendar is often
  synced to a phone or shared with a supervisor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from companion.domain.models import HearingStatus
from companion.exchange.period import entries_in_days
from companion.i18n.catalog import Translator
from companion.packets.calendar import HearingEvent, calendar_bytes
from companion.private_files import write_private_output
from companion.store.agenda import AgendaEntry
from companion.store.store import Store


@dataclass(frozen=True)
class CalendarExportResult:
    path: Path
    events: int


def _who(entry: AgendaEntry, names: bool) -> str:
    if names:
        return ", ".join(person.display_name for person in entry.people)
    return ", ".join(
        "".join(part[:1].upper() + "." for part in (p.given_name, p.family_name) if part)
        for p in entry.people
    )


def hearing_events(
    store: Store, first: dt.date, last: dt.date, t: Translator, *, names: bool = False
) -> list[HearingEvent]:
    """The hearings from ``first`` to ``last`` (local days, both included) as events."""
    entries = entries_in_days(store, first, last)
    ids = [entry.hearing_id for entry in entries]
    stamps = {
        row["id"]: (row["calendar_uid"], row["sequence"])
        for start in range(0, len(ids), 500)
        for row in store.hearings.rows(
            "SELECT id, calendar_uid, sequence FROM hearings WHERE id IN ("
            + ",".join("?" for _ in ids[start : start + 500])
            + ")",
            ids[start : start + 500],
        )
    }
    events = []
    for entry in entries:
        calendar_uid, sequence = stamps.get(entry.hearing_id, ("", 0))
        who = _who(entry, names)
        summary = (
            t.gettext("Hearing {docket}: {people}").format(docket=entry.docket_number, people=who)
            if who
            else t.gettext("Hearing {docket}").format(docket=entry.docket_number)
        )
        location = entry.courthouse_name
        if entry.courtroom:
            location = t.gettext("{courthouse}, room {room}").format(
                courthouse=entry.courthouse_name, room=entry.courtroom
            )
        events.append(
            HearingEvent(
                hearing_id=entry.hearing_id,
                sequence=sequence,
                starts_at=entry.starts_at,
                duration=dt.timedelta(minutes=entry.expected_minutes),
                summary=summary,
                location=location,
                description=t.gettext(entry.status.label),
                cancelled=entry.status is HearingStatus.CANCELLED,
                calendar_uid=calendar_uid,
            )
        )
    # A continued hearing and the one it moved to share a calendar UID: the calendar keeps
    # the later one (higher sequence), which moves the event instead of doubling it.
    latest: dict[str, HearingEvent] = {}
    for event in events:
        kept = latest.get(event.uid)
        if kept is None or event.sequence >= kept.sequence:
            latest[event.uid] = event
    return sorted(latest.values(), key=lambda event: (event.starts_at, event.hearing_id))


def export_calendar(
    store: Store,
    first: dt.date,
    last: dt.date,
    path: Path,
    t: Translator,
    *,
    names: bool = False,
    now: dt.datetime | None = None,
) -> CalendarExportResult:
    """Write the hearings from ``first`` to ``last`` to ``path`` (0600, atomically)."""
    from companion.store.audit import AuditAction

    events = hearing_events(store, first, last, t, names=names)
    write_private_output(path, calendar_bytes(events, now=now))
    store.audit.record(
        AuditAction.EXPORTED, "calendar", None, f"ics: {len(events)} hearings, names={names}"
    )
    return CalendarExportResult(path=path, events=len(events))
