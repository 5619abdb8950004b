"""``companion packet``, ``packets`` and ``ics``: hearing packets and calendar files to disk.

Every output is written whole or not at all (temporary file, then rename), and each
saved packet is recorded in the person's history and in the audit trail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from companion.cli.terminal_text import for_terminal, one_line
from companion.domain.validation import parse_date
from companion.errors import CompanionError, NotFoundError, ValidationError
from companion.i18n.catalog import translator
from companion.i18n.languages import language_for_tag
from companion.packets.calendar import event_for_packet, ics_bytes
from companion.packets.content import PacketContent, PacketKind, PaperSize
from companion.packets.datefmt import format_long_date, format_short_date, format_time
from companion.packets.fonts import LATIN, font_library
from companion.packets.from_store import PacketChoice, docket_packets, packets_for_hearing
from companion.packets.output import write_pdf_atomically
from companion.packets.renderer import packet_missing_glyphs, render_docket, render_packet
from companion.packets.scripts import assign_families, normalize_text
from companion.store.audit import AuditAction
from companion.store.identity import uuid7_generator
from companion.store.store import Store

PACKET_SAVED = "packet_saved"


class NothingToPrintError(CompanionError):
    """No hearing with people matched the request."""

    code = "nothing_to_print"


class MissingGlyphsError(CompanionError):
    """``--strict``: a packet has characters that no bundled font has."""

    code = "missing_glyphs"

    def __init__(self, names: str, characters: str) -> None:
        super().__init__(names, characters)
        self.names = names
        self.characters = characters


def load_common_parts(languages: Sequence[str | None] = ()) -> None:
    """Load what every packet command uses once the store is open: the font family every
    packet draws with (its page header and footer, numbers, names and addresses in Latin
    letters; the others load when a packet needs them), the phone number formatting, and
    the generator of the ids its history entries get. For each of ``languages`` (the
    ones asked for on the command line; ``None``: not given), its catalog, its dates and
    numbers (Babel's data) and the fonts of its script."""
    import phonenumbers  # noqa: F401

    library = font_library()
    library.family(LATIN)
    uuid7_generator()
    for tag in languages:
        language = language_for_tag(tag) if tag is not None else None
        if language is None:
            continue  # not given, or refused with a message once the store is open
        translator(language.tag)
        moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        format_long_date(moment, language.tag)
        format_short_date(moment, language.tag)
        format_time(moment, language.tag)
        for family in set(assign_families(normalize_text(language.native_name), library)):
            if family is not None:
                library.family(family)


def describe_characters(characters: set[str]) -> str:
    """Each character and its code point, so that a terminal without the glyph still
    says which one it is."""
    return ", ".join(f"{char} (U+{ord(char):04X})" for char in sorted(characters))


def check_glyphs(contents: Sequence[PacketContent], *, strict: bool) -> None:
    """Say on stderr, one line per person, which characters of their packet no bundled
    font has (an emoji prints as ◌, any other such character as �); with ``strict``,
    refuse instead.

    The person is named: the line goes to the user at the terminal, never to a log.
    """
    t = translator("en")
    found: dict[str, set[str]] = {}
    for content in contents:
        missing = packet_missing_glyphs(content)
        if missing:
            found.setdefault(content.person_name, set()).update(missing)
    if not found:
        return
    if strict:
        characters = set().union(*found.values())
        raise MissingGlyphsError(", ".join(found), describe_characters(characters))
    for name, characters in found.items():
        message = t.gettext(
            "Warning: no font in Court Companion has these characters of the packet for "
            "{name}: {characters}. They print as a mark in their place: ◌ for an emoji, "
            "� for any other character."
        ).format(name=one_line(name), characters=describe_characters(characters))
        print(for_terminal(message), file=sys.stderr)


def _choice(arguments: argparse.Namespace) -> PacketChoice:
    return PacketChoice(
        language=getattr(arguments, "lang", None),
        second_language=getattr(arguments, "second_lang", None),
        large_print=getattr(arguments, "large_print", False),
        duplex=getattr(arguments, "duplex", False),
        paper=PaperSize(arguments.paper) if getattr(arguments, "paper", None) else None,
        short=getattr(arguments, "short", False),
    )


def what_was_printed(contents: list[PacketContent]) -> list[str]:
    """One line for each hearing whose date changed: what its pages are.

    A moved hearing prints the change notice and the packet of the hearing it was moved
    to; a cancelled one prints only its cancellation notice. Nothing is left out without
    a word.
    """
    t = translator("en")
    lines: list[str] = []
    seen: set[int] = set()
    for content in contents:
        if content.hearing_id in seen:
            continue
        seen.add(content.hearing_id)
        if content.kind is PacketKind.CANCELLATION:
            lines.append(
                t.gettext("Printed the cancellation notice for hearing {hearing}.").format(
                    hearing=content.hearing_id
                )
            )
        elif content.kind is PacketKind.CHANGE_NOTICE:
            lines.append(
                t.gettext("Printed the change notice and packet for hearing {hearing}.").format(
                    hearing=content.hearing_id
                )
            )
    return lines


def _saved(contents: list[PacketContent], path: object) -> str:
    saved = (
        translator("en")
        .ngettext(
            "Saved {count} packet to {path}.", "Saved {count} packets to {path}.", len(contents)
        )
        .format(count=len(contents), path=path)
    )
    return "\n".join([*what_was_printed(contents), saved])


def _record_saved(store: Store, hearing_id: int, person_ids: list[int]) -> None:
    with store.db.atomic():
        for person_id in person_ids:
            store.people.record_history(person_id, PACKET_SAVED, hearing_id)
            store.audit.record(AuditAction.SAVED_PACKET, "person", person_id)


def command_packet(store: Store, arguments: argparse.Namespace) -> str:
    current = store.hearings.current(arguments.hearing)
    contents = packets_for_hearing(store, arguments.hearing, _choice(arguments))
    person_ids = [entry.person_id for entry in store.hearings.attendance_for(current.id or 0)]
    if arguments.person is not None:
        pairs = [(c, p) for c, p in zip(contents, person_ids, strict=True) if p == arguments.person]
        if not pairs:
            raise NotFoundError("person", arguments.person)
        contents, person_ids = [pairs[0][0]], [pairs[0][1]]
    if not contents:
        raise NothingToPrintError()
    check_glyphs(contents, strict=arguments.strict)
    data = render_packet(contents[0]) if len(contents) == 1 else render_docket(contents)
    path = write_pdf_atomically(arguments.output, data)
    _record_saved(store, contents[0].hearing_id, person_ids)
    return _saved(contents, path)


def command_packets(store: Store, arguments: argparse.Namespace) -> str:
    start = parse_date(arguments.start, "from")
    end = parse_date(arguments.end, "to")
    if end < start:
        raise ValidationError("to", "before_start", arguments.end)
    if arguments.courthouse is not None:
        store.courthouses.get(arguments.courthouse)
    contents = docket_packets(store, start, end, arguments.courthouse, _choice(arguments))
    if not contents:
        raise NothingToPrintError()
    check_glyphs(contents, strict=arguments.strict)
    data = render_docket(contents)
    path = write_pdf_atomically(arguments.output, data)
    with store.db.atomic():
        for content in contents:
            for entry in store.hearings.attendance_for(content.hearing_id):
                store.people.record_history(entry.person_id, PACKET_SAVED, content.hearing_id)
        store.audit.record(AuditAction.SAVED_PACKET, "docket", None, f"packets={len(contents)}")
    return _saved(contents, path)


def command_ics(store: Store, arguments: argparse.Namespace) -> str:
    store.hearings.get(arguments.hearing)
    contents = packets_for_hearing(store, arguments.hearing, _choice(arguments))
    if not contents:
        raise NothingToPrintError()
    content = contents[0]
    event = event_for_packet(content, translator(content.language))
    path = write_pdf_atomically(arguments.output, ics_bytes(event, now=dt.datetime.now(dt.UTC)))
    t = translator("en")
    lines = [t.gettext("Saved the calendar file to {path}.").format(path=path)]
    if content.kind is PacketKind.CANCELLATION:
        lines.insert(
            0,
            t.gettext(
                "The calendar file cancels hearing {hearing}: "
                "importing it removes the court date from the calendar."
            ).format(hearing=content.hearing_id),
        )
    elif content.kind is PacketKind.CHANGE_NOTICE:
        lines.insert(
            0,
            t.gettext(
                "The calendar file is for hearing {hearing}, the new date: "
                "importing it moves the court date in the calendar."
            ).format(hearing=content.hearing_id),
        )
    return "\n".join(lines)
