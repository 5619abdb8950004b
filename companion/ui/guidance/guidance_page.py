"""The HTML a guidance topic is read in: its text, the office's contacts and local note,
the jurisdiction section in its place, and the sources with the date each was checked.

Plain Python (no Qt), so the page can be checked without a display. Every piece of text
from a file or from the settings is escaped; the fixed wording around it is in the
reading language, the language the witness reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from companion.domain.organisation import Organisation
from companion.domain.validation import display_phone
from companion.guidance import GuidanceDocument, Slot, SlotName, blocks_to_html
from companion.i18n.catalog import Translator, translator

# Qt rich text understands this small CSS subset (QTextDocument.setDefaultStyleSheet).
PAGE_STYLE = """
h2 { font-size: x-large; margin-bottom: 6px; }
h3 { font-size: large; margin-top: 14px; margin-bottom: 4px; }
h4 { margin-top: 12px; margin-bottom: 2px; }
p { margin-top: 4px; margin-bottom: 6px; }
li { margin-bottom: 3px; }
.notice { background-color: #f1f1f1; margin-top: 6px; margin-bottom: 8px; }
.local-note { background-color: #fff4d6; margin-top: 10px; margin-bottom: 8px; }
.source { color: #444444; font-size: small; margin-top: 1px; margin-bottom: 1px; }
.sources-heading { color: #444444; font-size: small; font-weight: bold; margin-top: 12px; }
"""


@dataclass(frozen=True)
class PageParts:
    """What a topic page shows besides the topic's own text."""

    organisation: Organisation
    jurisdiction: GuidanceDocument | None = None


def has_slot(document: GuidanceDocument, name: SlotName) -> bool:
    return any(isinstance(block, Slot) and block.name is name for block in document.blocks)


def organisation_has_contacts(organisation: Organisation) -> bool:
    return bool(organisation.name.strip() or organisation.advocates or organisation.hotlines)


def contacts_html(organisation: Organisation) -> str:
    """The office's contacts as settings give them (names and numbers are not translated)."""
    lines: list[str] = []
    if organisation.name.strip():
        office = organisation.name.strip()
        if organisation.address.strip():
            office += ", " + organisation.address.strip()
        lines.append(office)
    lines.extend(
        f"{advocate.name}: {display_phone(advocate.phone)}" if advocate.phone else advocate.name
        for advocate in organisation.advocates
    )
    lines.extend(
        f"{hotline.name}: {display_phone(hotline.phone)}"
        + (f" ({hotline.note})" if hotline.note.strip() else "")
        for hotline in organisation.hotlines
    )
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in lines)
    return f"<ul>{items}</ul>"


def sources_html(document: GuidanceDocument, t: Translator) -> str:
    """The numbered sources, each with its address as plain text and the date checked."""
    if not document.sources:
        return ""
    parts = [f'<p class="sources-heading">{escape(t.gettext("Sources"), quote=False)}</p>']
    for source in document.sources:
        line = t.gettext("[{number}] {citation}. {url} (checked {date})").format(
            number=source.number,
            citation=source.citation,
            url=source.url,
            date=source.checked.isoformat(),
        )
        parts.append(f'<p class="source">{escape(line, quote=False)}</p>')
    return "\n".join(parts)


def local_note_html(organisation: Organisation, topic_id: str, t: Translator) -> str:
    """The office's note for the topic in the reading language, marked when it has no
    translation into it (it is then shown in English, as written)."""
    note = organisation.note_for(topic_id)
    if note is None:
        return ""
    text, translated = note.in_language(t.language.tag)
    if not text.strip():
        return ""
    template = (
        t.gettext("Note from our office: {note}")
        if translated
        else t.gettext("Note from our office (not translated into your language): {note}")
    )
    return f'<p class="local-note"><b>{escape(template.format(note=text), quote=False)}</b></p>'


def _jurisdiction_box(section: GuidanceDocument, organisation: Organisation) -> str:
    """The jurisdiction section inside a framed box, with its own numbered sources."""
    t = translator(section.language)

    def inner_slot(slot: Slot) -> str:
        return contacts_html(organisation) if slot.name is SlotName.ORGANISATION_CONTACTS else ""

    body = "\n".join(
        [
            f"<h3>{escape(section.title, quote=False)}</h3>",
            blocks_to_html(section.blocks, inner_slot),
            sources_html(section, t),
        ]
    )
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="10" '
        'style="border-color: #9a9a9a; border-style: solid; margin-top: 8px; '
        'margin-bottom: 8px;" bgcolor="#f7f7f7">'
        f"<tr><td>{body}</td></tr></table>"
    )


def topic_page_html(document: GuidanceDocument, parts: PageParts) -> str:
    """The whole reading page of one topic, in the topic's language."""
    t = translator(document.language)

    def slot_html(slot: Slot) -> str:
        if slot.name is SlotName.ORGANISATION_CONTACTS:
            return contacts_html(parts.organisation)
        if slot.name is SlotName.JURISDICTION and parts.jurisdiction is not None:
            return _jurisdiction_box(parts.jurisdiction, parts.organisation)
        return ""

    return "\n".join(
        part
        for part in (
            f"<h2>{escape(document.title, quote=False)}</h2>",
            blocks_to_html(document.blocks, slot_html),
            local_note_html(parts.organisation, document.doc_id, t),
            sources_html(document, t),
        )
        if part
    )
