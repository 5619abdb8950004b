"""``companion agenda``: upcoming hearings as a table or as JSON."""

from __future__ import annotations

import json
from typing import Any

from companion.cli.terminal_text import one_line
from companion.i18n.catalog import Translator
from companion.store.agenda import AgendaEntry


def agenda_json(entries: list[AgendaEntry]) -> str:
    """One object per hearing; ``starts_at`` is ISO 8601 with the courthouse's UTC offset.
    Records carry their local ``id`` and their ``uid``, the same on every laptop."""
    items: list[dict[str, Any]] = [
        {
            "id": entry.hearing_id,
            "uid": entry.hearing_uid,
            "starts_at": entry.starts_at.isoformat(),
            "timezone": str(entry.starts_at.tzinfo),
            "expected_minutes": entry.expected_minutes,
            "courthouse": entry.courthouse_name,
            "courthouse_id": entry.courthouse_id,
            "courthouse_uid": entry.courthouse_uid,
            "courtroom": entry.courtroom,
            "status": entry.status.value,
            "hearing_type": entry.hearing_type.value,
            "case_id": entry.case_id,
            "case_uid": entry.case_uid,
            "docket_number": entry.docket_number,
            "testimony_needed": entry.testimony_needed,
            "needs_call": entry.needs_call,
            "people": [
                {
                    "id": person.id,
                    "uid": person.uid,
                    "display_name": person.display_name,
                    "native_name": person.native_name,
                    "language": person.language,
                    "must_testify": person.must_testify,
                    "do_not_contact": person.do_not_contact,
                    "attendance": person.attendance.value,
                }
                for person in entry.people
            ],
        }
        for entry in entries
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def agenda_text(entries: list[AgendaEntry], t: Translator) -> str:
    if not entries:
        return t.gettext("No hearings in this period.")
    lines = []
    for entry in entries:
        people = ", ".join(
            one_line(person.display_name)
            + (f" ({one_line(person.native_name)})" if person.native_name else "")
            for person in entry.people
        )
        lines.append(
            t.gettext(
                "{when}  #{id}  {status}  {courthouse}, room {room}  {docket}  {people}"
            ).format(
                when=entry.starts_at.strftime("%Y-%m-%d %H:%M %Z"),
                id=entry.hearing_id,
                status=t.gettext(entry.status.label),
                courthouse=one_line(entry.courthouse_name),
                room=one_line(entry.courtroom or "-"),
                docket=one_line(entry.docket_number),
                people=people,
            )
        )
    return "\n".join(lines)
