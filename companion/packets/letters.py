"""Mailed letters: the reminder in the witness's language and the letter to the employer.

Both go through the packet's engine (fonts for every script, shaping, bidi, stylesheet,
numbered canvas, footer). The first page carries the office's name and address and the
witness's postal address where a window envelope shows them (``companion.packets.envelope``);
nothing there names a court, a case or immigration. The letter's text starts below the
first fold.
"""

from __future__ import annotations

import abc
import datetime as dt
import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from companion.domain.models import ContactKind, Person
from companion.domain.organisation import Organisation
from companion.domain.validation import display_phone
from companion.errors import CompanionError
from companion.i18n import translator as default_translator
from companion.packets.content import PacketContent
from companion.packets.datefmt import format_long_date, format_time
from companion.packets.envelope import Box, WindowLayout, window_layout
from companion.packets.from_store import PacketChoice, packet_for
from companion.packets.job_protection import LAW_SENTENCE, court_role, job_law
from companion.packets.language import LanguageContext, TranslatorFactory
from companion.packets.notices import cancelled_lines, change_banner
from companion.packets.page import PacketPageDecoration, PageGeometry
from companion.packets.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from companion.packets.renderer import PacketRenderer
from companion.packets.summary_page import place
from companion.packets.textlayout import Span, TextLayout, TextStyle, draw_lines
from companion.staff_wording import (
    ASKED_TO_ATTEND,
    EMPLOYER_GREETING,
    EMPLOYER_TITLE,
    PLEASE_ALLOW,
    QUESTIONS,
    QUESTIONS_PHONE,
    REQUIRED_TO_ATTEND,
)
from companion.store.store import Store


class NoPostalAddressError(CompanionError):
    """The person has no postal address to mail a letter to."""

    code = "no_postal_address"

    def __init__(self, person_id: int) -> None:
        super().__init__(person_id)
        self.person_id = person_id


def postal_lines(person: Person) -> list[str]:
    """The person's name and first postal address, one line each."""
    postal = next((c for c in person.contacts if c.kind is ContactKind.POSTAL), None)
    if postal is None or not postal.value.strip():
        raise NoPostalAddressError(person.id or 0)
    text = postal.value.strip()
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [person.display_name or person.native_name, *(p.strip() for p in parts if p.strip())]


def office_lines(organisation: Organisation) -> list[str]:
    """The return address: the office's name and address only."""
    return [line for line in (organisation.name.strip(), organisation.address.strip()) if line]


def office_phone(organisation: Organisation, advocate_name: str) -> str:
    contact = organisation.advocate(advocate_name) if advocate_name else None
    if contact is not None and contact.phone:
        return display_phone(contact.phone)
    phones = [a.phone for a in organisation.advocates if a.phone]
    return display_phone(phones[0]) if phones else ""


def _draw_box_text(canvas: Canvas, box: Box, lines: list[str], style: TextStyle) -> None:
    """Left-aligned lines in ``box``, shrunk until they fit its height."""
    page_height = canvas._pagesize[1]
    size = style.size
    while True:
        fitted = style.derive(size=size, leading=size * 1.2)
        laid = [
            line
            for text in lines
            for line in TextLayout([Span(text)], fitted, rtl=False).lines(box.width)
        ]
        if len(laid) * fitted.leading <= box.height or size <= 6:
            break
        size -= 0.5
    draw_lines(
        canvas, laid, fitted, x=box.left, top=page_height - box.top, width=box.width, rtl=False
    )


class WindowDecoration(PacketPageDecoration):
    """The packet's footer, plus on page 1 the addresses, fold marks and (for checking
    the layout) the window's outline."""

    def __init__(
        self,
        geometry: PageGeometry,
        language: LanguageContext,
        *,
        window: WindowLayout,
        sender: list[str],
        recipient: list[str],
        header: str,
        show_window: bool,
    ) -> None:
        super().__init__(geometry, language, initials="", date_text="")
        self.window = window
        self.sender = sender
        self.recipient = recipient
        self.header = header
        self.show_window = show_window

    def header_spans(self) -> list[Span]:
        return [Span(self.header)]

    def draw(self, canvas: Canvas, number: int, count: int, *, blank: bool) -> None:
        super().draw(canvas, number, count, blank=blank)
        if number != 1:
            return
        styles = self.language.styles
        _draw_box_text(canvas, self.window.sender, self.sender, styles.small.derive(gray=0.0))
        _draw_box_text(canvas, self.window.recipient, self.recipient, styles.body)
        height = self.geometry.height
        canvas.saveState()
        canvas.setStrokeGray(0.5)
        canvas.setLineWidth(0.5)
        for fold in self.window.folds:
            canvas.line(0, height - fold, 5 * mm, height - fold)
        if self.show_window:
            box = self.window.visible
            canvas.setDash(3, 2)
            canvas.rect(box.left, height - box.bottom, box.width, box.height)
        canvas.restoreState()


class LetterRenderer(PacketRenderer, abc.ABC):
    """A one-hearing letter on the packet's engine, addressed for a window envelope."""

    def __init__(
        self,
        content: PacketContent,
        *,
        sender: list[str],
        recipient: list[str],
        header: str,
        show_window: bool = False,
        translator_for: TranslatorFactory = default_translator,
        now: dt.datetime | None = None,
    ) -> None:
        super().__init__(content, translator_for=translator_for, now=now)
        self.window = window_layout(content.options.paper)
        self.sender = sender
        self.recipient = recipient
        self.header = header
        self.show_window = show_window

    def page_decoration(self) -> PacketPageDecoration:
        return WindowDecoration(
            self.geometry,
            self.primary,
            window=self.window,
            sender=self.sender,
            recipient=self.recipient,
            header=self.header,
            show_window=self.show_window,
        )

    def page_templates(self) -> list[PageTemplate]:
        x, y, width, height = self.geometry.frame
        first_height = self.geometry.height - self.window.body_top - y

        def frame(frame_id: str, frame_height: float) -> Frame:
            return Frame(
                x,
                y,
                width,
                frame_height,
                id=frame_id,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=6,
            )

        return [
            PageTemplate(
                id="first",
                frames=[frame("first", first_height)],
                pagesize=self.geometry.page_size,
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                id="later", frames=[frame("later", height)], pagesize=self.geometry.page_size
            ),
        ]

    @abc.abstractmethod
    def letter_body(self) -> list[Flowable]:
        """The letter's text, below the first fold."""

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        return [self.letter_body]

    def document(self, buffer: io.BytesIO) -> BaseDocTemplate:
        document = super().document(buffer)
        document.title = self.header
        return document


class ReminderLetterRenderer(LetterRenderer):
    """The mailed reminder, in the witness's language, with the date in large type."""

    def letter_body(self) -> list[Flowable]:
        t = self.primary
        styles = t.styles
        content = self.content
        flowables: list[Flowable] = [self.text(t.gettext("Your court date"), styles.name, t)]
        if content.cancelled:
            flowables.extend(cancelled_lines(self, t))
        elif content.earlier_starts:
            flowables.extend(change_banner(self, t))
        flowables.append(self.text(t.gettext("Date"), styles.label, t))
        flowables.append(self.text(format_long_date(content.starts_at, t.tag), styles.title, t))
        flowables.append(self.text(t.gettext("Time"), styles.label, t))
        flowables.append(self.text(format_time(content.starts_at, t.tag), styles.fact_strong, t))
        flowables.extend(place(self, t))
        flowables.append(self.text(self.call_sentence(t), styles.body.derive(space_before=10), t))
        return flowables

    def call_sentence(self, t: LanguageContext) -> list[Span]:
        phone = self.content.advocate.phone if self.content.advocate else ""
        name = self.content.organisation_name
        if phone:
            return t.fill(
                t.gettext(
                    "If you cannot come, or you need help to come (an interpreter, a ride, "
                    "childcare), call {office} at {phone}."
                ),
                office=name,
                phone=Span(phone, bold=True),
            )
        return t.fill(
            t.gettext(
                "If you cannot come, or you need help to come (an interpreter, a ride, "
                "childcare), call {office}."
            ),
            office=name,
        )


class EmployerLetterRenderer(LetterRenderer):
    """The letter to the employer, in English: date, time, place, and a law only where
    item 22 of the guidance facts names one for the courthouse's state and the role."""

    def __init__(
        self,
        content: PacketContent,
        *,
        jurisdiction: str,
        person: Person,
        phone: str,
        **options: object,
    ) -> None:
        super().__init__(content, **options)  # type: ignore[arg-type]
        self.jurisdiction = jurisdiction
        self.person = person
        self.phone = phone

    def letter_body(self) -> list[Flowable]:
        t = self.primary
        styles = t.styles
        content = self.content
        name = self.person.display_name or self.person.native_name
        when = format_long_date(content.starts_at, t.tag)
        time = format_time(content.starts_at, t.tag)
        place = ", ".join(p for p in (content.courthouse.name, content.courthouse.address) if p)
        if content.must_testify:
            attend = t.gettext(REQUIRED_TO_ATTEND)
        else:
            attend = t.gettext(ASKED_TO_ATTEND)
        flowables: list[Flowable] = [
            self.text(t.gettext(EMPLOYER_TITLE), styles.name, t),
            self.text(format_long_date(self.now, t.tag), styles.small, t),
            self.text(t.gettext(EMPLOYER_GREETING), styles.body.derive(space_before=8), t),
            self.text(t.fill(attend, name=name, date=when, time=time, place=place), styles.body, t),
            self.text(t.gettext(PLEASE_ALLOW), styles.body, t),
        ]
        law = job_law(self.jurisdiction, self.person.role)
        if law is not None:
            sentence = t.gettext(LAW_SENTENCE[court_role(self.person.role)])
            flowables.append(
                self.text(t.fill(sentence, state=law.state, law=law.law), styles.body, t)
            )
        if self.phone:
            contact = t.fill(
                t.gettext(QUESTIONS_PHONE),
                office=content.organisation_name,
                phone=self.phone,
            )
        else:
            contact = t.fill(t.gettext(QUESTIONS), office=content.organisation_name)
        flowables.append(self.text(contact, styles.body, t))
        if content.advocate is not None:
            flowables.append(
                self.text(content.advocate.name, styles.body.derive(space_before=14), t)
            )
        return flowables


def render_reminder_letter(
    store: Store,
    person_id: int,
    hearing_id: int,
    *,
    show_window: bool = False,
    now: dt.datetime | None = None,
) -> bytes:
    """The reminder letter as PDF bytes, in the person's language, on the office's paper."""
    person = store.people.get(person_id)
    organisation = store.organisation.get()
    recipient = postal_lines(person)
    content = packet_for(store, hearing_id, person_id, PacketChoice(topics=()))
    t = default_translator(content.language)
    return ReminderLetterRenderer(
        content,
        sender=office_lines(organisation),
        recipient=recipient,
        header=t.gettext("Your court date"),
        show_window=show_window,
        now=now,
    ).render()


def render_employer_letter(
    store: Store,
    person_id: int,
    hearing_id: int,
    *,
    show_window: bool = False,
    now: dt.datetime | None = None,
) -> bytes:
    """The letter to the employer as PDF bytes, in English. The store keeps no employer's
    address, so the window area stays empty (the envelope is addressed by hand, or the
    witness carries the letter); the witness's own address is never printed on it."""
    person = store.people.get(person_id)
    organisation = store.organisation.get()
    content = packet_for(store, hearing_id, person_id, PacketChoice(language="en", topics=()))
    hearing = store.hearings.get(hearing_id)
    case = store.cases.get(hearing.case_id)
    courthouse = store.courthouses.get(hearing.courthouse_id, include_deleted=True)
    return EmployerLetterRenderer(
        content,
        jurisdiction=courthouse.jurisdiction,
        person=person,
        phone=office_phone(organisation, case.advocate),
        sender=office_lines(organisation),
        recipient=[],
        header=default_translator("en").gettext(EMPLOYER_TITLE),
        show_window=show_window,
        now=now,
    ).render()
