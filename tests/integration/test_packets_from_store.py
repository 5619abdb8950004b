"""Packets made from the demo office's records, in every shipped language.

Text is extracted with pypdf and NFKC-normalised; what the packet must say is looked up
independently: the catalog's heading, the person and courthouse as stored, and Babel's
weekday name for the hearing's local date.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from companion.i18n import LANGUAGES, translator
from companion.i18n.formatting import format_weekday
from companion.packets.from_store import PacketChoice, docket_packets, packet_for
from companion.packets.renderer import render_docket, render_packet
from companion.store.store import Store


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages
    )


def _first_hearing_of(store: Store, native_name: str) -> tuple[int, int]:
    person = next(p for p in store.people.list() if p.native_name == native_name)
    hearing = next(h for h in store.hearings.for_person(person.id) if h.status.value == "scheduled")
    assert hearing.id is not None
    return hearing.id, person.id


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from companion.demo import create_demo_office

    store = create_demo_office(tmp_path_factory.mktemp("office") / "data", "module test phrase 1")
    yield store
    store.close()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_packet_in_every_language_says_when_where_and_who(office: Store, language) -> None:
    hearing_id, person_id = _first_hearing_of(office, "أحمد حداد")
    content = packet_for(office, hearing_id, person_id, PacketChoice(language=language.tag))
    text = _text(render_packet(content))
    flat = " ".join(text.split())
    t = translator(language.tag)
    assert " ".join(_words(t.gettext("Your court date"))) in flat
    assert "Ahmad Demo-Haddad" in flat
    for word in _words("أحمد حداد"):  # extraction may reorder right-to-left words
        assert word in flat
    hearing = office.hearings.get(hearing_id)
    courthouse = office.courthouses.get(hearing.courthouse_id)
    assert courthouse.address in flat
    weekday = format_weekday(hearing.starts_at.date(), language.tag)
    assert weekday in flat


def test_chinese_name_in_a_spanish_packet(office: Store) -> None:
    hearing_id, person_id = _first_hearing_of(office, "陈伟")
    content = packet_for(office, hearing_id, person_id, PacketChoice(language="es"))
    flat = " ".join(_text(render_packet(content)).split())
    assert "陈伟" in flat
    # The demo moved this hearing: the packet opens with the change notice.
    assert translator("es").gettext("Your court date has CHANGED") in flat


def test_person_language_is_the_default_and_unknown_languages_fall_back_to_english(
    office: Store,
) -> None:
    hearing_id, person_id = _first_hearing_of(office, "박지우")
    assert packet_for(office, hearing_id, person_id).language == "ko"


def test_jurisdiction_section_follows_the_courthouse(office: Store) -> None:
    hearing_id, person_id = _first_hearing_of(office, "陈伟")
    hearing = office.hearings.get(hearing_id)
    jurisdiction = office.courthouses.get(hearing.courthouse_id).jurisdiction
    content = packet_for(office, hearing_id, person_id, PacketChoice(language="en"))
    from companion.guidance import load_jurisdiction

    assert content.guidance[-1].title == load_jurisdiction(jurisdiction, "en").title


def test_docket_is_duplex_friendly(office: Store) -> None:
    today = dt.date.today()
    contents = docket_packets(
        office, today, today + dt.timedelta(days=40), choice=PacketChoice(duplex=True)
    )
    assert len(contents) >= 8
    assert {content.language for content in contents} >= {"es", "ar", "zh-Hans", "vi"}
    reader = PdfReader(io.BytesIO(render_docket(contents[:3])))
    assert len(reader.pages) % 2 == 0
