"""The advocate's court-day sheet: for one day, each courtroom and who is due there.

One row per person and hearing: time, name, language, interpreter, needs and phone.
The sheet names people, so it is written only where staff choose (the caller), never to
a temporary folder. Needs come from ``companion.packets.hearing_needs.needs_for``.
Days are read in each courthouse's own time zone.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color

from companion import staff_wording as words
from companion.domain.models import ContactKind, HearingStatus
from companion.domain.validation import display_phone
from companion.i18n import translator as default_translator
from companion.outreach.model import NeedKind
from companion.packets.content import CourthouseInfo, PacketContent, PacketOptions, PaperSize
from companion.packets.datefmt import format_long_date, format_time
from companion.packets.hearing_needs import NeedLine, interpreter_language, needs_for
from companion.packets.language import LanguageContext
from companion.packets.page import PacketPageDecoration, PageGeometry
from companion.packets.platypus import BaseDocTemplate, Flowable, Table, TableStyle
from companion.packets.renderer import PacketRenderer
from companion.packets.textlayout import Span
from companion.store.store import Store

NEED_LABELS: dict[str, str] = {
    "interpreter": words.NEED_INTERPRETER,
}


@dataclass(frozen=True)
class SheetRow:
    starts_at: dt.datetime
    name: str
    language: str
    interpreter: bool
    needs: tuple[NeedLine, ...]
    phone: str
    must_testify: bool


@dataclass(frozen=True)
class Courtroom:
    courthouse: str
    courtroom: str
    rows: tuple[SheetRow, ...]


def court_day(store: Store, day: dt.date) -> list[Courtroom]:
    """The day's scheduled hearings with their people, grouped by courthouse and room."""
    first = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC) - dt.timedelta(days=1)
    last = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC) + dt.timedelta(days=1)
    rooms: dict[tuple[str, str], list[SheetRow]] = {}
    for entry in store.agenda.between(first, last, include_cancelled=False):
        if entry.status is not HearingStatus.SCHEDULED or entry.starts_at.date() != day:
            continue
        for attendee in entry.people:
            person = store.people.get(attendee.id)
            phone = next((c.value for c in person.contacts if c.kind is ContactKind.PHONE), "")
            rows = rooms.setdefault((entry.courthouse_name, entry.courtroom), [])
            rows.append(
                SheetRow(
                    starts_at=entry.starts_at,
                    name=person.display_name or person.native_name,
                    language=interpreter_language(person),
                    interpreter=person.needs_interpreter,
                    needs=needs_for(store, entry.hearing_id, person),
                    phone=display_phone(phone) if phone else "",
                    must_testify=attendee.must_testify,
                )
            )
    return [
        Courtroom(house, room, tuple(sorted(rows, key=lambda row: row.starts_at)))
        for (house, room), rows in sorted(rooms.items())
    ]


class CourtDayDecoration(PacketPageDecoration):
    def __init__(self, geometry: PageGeometry, language: LanguageContext, *, title: str) -> None:
        super().__init__(geometry, language, initials="", date_text="")
        self.title = title

    def header_spans(self) -> list[Span]:
        return [Span(self.title)]


class CourtDayRenderer(PacketRenderer):
    """The sheet, in the staff member's language (English by default)."""

    def __init__(
        self,
        day: dt.date,
        rooms: list[Courtroom],
        *,
        language: str = "en",
        paper: PaperSize = PaperSize.LETTER,
        now: dt.datetime | None = None,
    ) -> None:
        self.day = day
        self.rooms = rooms
        moment = now or dt.datetime.now(dt.UTC)
        content = PacketContent(
            hearing_id=0,
            person_name="",
            initials="",
            language=language,
            starts_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
            courthouse=CourthouseInfo(name="", address="", timezone="UTC"),
            options=PacketOptions(paper=paper),
        )
        super().__init__(content, translator_for=default_translator, now=moment)

    @property
    def title(self) -> str:
        t = self.primary
        date = format_long_date(self.content.starts_at, t.tag)
        return t.gettext(words.COURT_DAY_TITLE).format(date=date)

    def page_decoration(self) -> PacketPageDecoration:
        return CourtDayDecoration(self.geometry, self.primary, title=self.title)

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        return [self.sheet]

    def document(self, buffer: io.BytesIO) -> BaseDocTemplate:
        document = super().document(buffer)
        document.title = self.title
        return document

    def need_text(self, row: SheetRow) -> str:
        t = self.primary
        parts = []
        for need in row.needs:
            label = NEED_LABELS.get(need.kind)
            if label is not None:
                text = t.gettext(label).format(language=need.detail)
            elif need.kind in {kind.value for kind in NeedKind}:
                text = t.gettext(NeedKind(need.kind).label)
            else:
                text = need.kind
            parts.append(t.gettext(words.NEED_ARRANGED).format(need=text) if need.met else text)
        return "; ".join(parts)

    def sheet(self) -> list[Flowable]:
        t = self.primary
        styles = t.styles
        flowables: list[Flowable] = [self.text(self.title, styles.name, t)]
        if not self.rooms:
            flowables.append(self.text(t.gettext(words.NO_HEARINGS), styles.body, t))
            return flowables
        cell = styles.body.derive(size=9.5, leading=12, space_after=0)
        head = cell.derive(bold=True)
        widths = [f * self.geometry.content_width for f in (0.10, 0.21, 0.14, 0.14, 0.23, 0.18)]
        header = [
            t.gettext(words.COLUMN_TIME),
            t.gettext(words.COLUMN_NAME),
            t.gettext(words.COLUMN_LANGUAGE),
            t.gettext(words.COLUMN_INTERPRETER),
            t.gettext(words.COLUMN_NEEDS),
            t.gettext(words.COLUMN_PHONE),
        ]
        for room in self.rooms:
            heading = room.courthouse + (
                " · " + t.gettext(words.COURTROOM).format(room=room.courtroom)
                if room.courtroom
                else ""
            )
            flowables.append(self.text(heading, styles.subheading, t, keep_with_next=True))
            data = [[self.text(text, head, t) for text in header]]
            for row in room.rows:
                data.append(
                    [
                        self.text(format_time(row.starts_at, t.tag), cell, t),
                        self.text(row.name, cell.derive(bold=row.must_testify), t),
                        self.text(row.language, cell, t),
                        self.text(
                            t.gettext(words.YES) if row.interpreter else t.gettext(words.NO),
                            cell,
                            t,
                        ),
                        self.text(self.need_text(row), cell, t),
                        self.text(row.phone, cell, t),
                    ]
                )
            table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, Color(0.5, 0.5, 0.5)),
                        ("BACKGROUND", (0, 0), (-1, 0), Color(0.9, 0.9, 0.9)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            flowables.append(table)
        flowables.append(self.text(t.gettext(words.BOLD_TESTIFY), styles.small, t))
        return flowables


def render_court_day(
    store: Store, day: dt.date, *, language: str = "en", now: dt.datetime | None = None
) -> bytes:
    paper = PaperSize(store.organisation.get().paper)
    return CourtDayRenderer(
        day, court_day(store, day), language=language, paper=paper, now=now
    ).render()
