"""A courthouse's notes per language, and how a packet prints them."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdf
import pytest

from companion.domain.models import Courthouse, CourthouseNoteKind
from companion.errors import ValidationErrors
from companion.i18n import translator
from companion.packets.from_store import courthouse_info
from companion.packets.renderer import render_packet
from companion.store import keys
from companion.store.connection import connect
from companion.store.files import DATABASE_FILE_NAME
from companion.store.identity import new_uid
from companion.store.migrations import known_migration_names, migrations
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.unit.test_packet_samples import FIXED_NOW, sample_content

SPANISH_ENTRANCE = "Nota de ejemplo: use la entrada este."


def _courthouse() -> Courthouse:
    return Courthouse(
        name="Sample Hall of Justice (fictional)",
        address="1 Sample Way, Exampleville, NY 10000",
        timezone="America/New_York",
        entrance_notes="Sample note: use the east entrance.",
        security_notes="Sample note: metal detector at the door.",
        translated_notes={"es": {CourthouseNoteKind.ENTRANCE: SPANISH_ENTRANCE}},
    )


def test_notes_are_stored_per_language(store: Store) -> None:
    added = store.courthouses.add(_courthouse())
    assert added.id is not None
    again = store.courthouses.get(added.id)
    assert again.translated_notes == {"es": {CourthouseNoteKind.ENTRANCE: SPANISH_ENTRANCE}}
    assert again.note_languages() == ["en", "es"]
    again.translated_notes["vi"] = {CourthouseNoteKind.SECURITY: "Ghi chú mẫu: máy dò kim loại."}
    again.translated_notes["es"] = {}
    store.courthouses.update(again)
    updated = store.courthouses.get(added.id)
    assert updated.note_languages() == ["en", "vi"]
    assert [c.translated_notes for c in store.courthouses.list()] == [updated.translated_notes]


def test_english_is_not_a_translation_and_tags_are_checked(store: Store) -> None:
    for tag in ("en", "not a tag"):
        courthouse = _courthouse()
        courthouse.translated_notes = {tag: {CourthouseNoteKind.ENTRANCE: "x"}}
        with pytest.raises(ValidationErrors):
            store.courthouses.add(courthouse)
    assert store.courthouses.list() == []


def test_a_note_falls_back_to_english_and_says_so() -> None:
    courthouse = _courthouse()
    assert courthouse.note(CourthouseNoteKind.ENTRANCE, "es") == (SPANISH_ENTRANCE, True)
    assert courthouse.note(CourthouseNoteKind.SECURITY, "es") == (
        "Sample note: metal detector at the door.",
        False,
    )
    assert courthouse.note(CourthouseNoteKind.SECURITY, "en")[1] is True
    info = courthouse_info(courthouse, "es")
    assert info.entrance_notes == SPANISH_ENTRANCE
    assert info.english_notes == frozenset({"security_notes"})  # empty ones are not marked
    assert courthouse_info(courthouse, "en").english_notes == frozenset()


def test_the_packet_labels_english_notes_in_the_witness_language() -> None:
    content = sample_content("es", courthouse=courthouse_info(_courthouse(), "es"))
    reader = pypdf.PdfReader(io.BytesIO(render_packet(content, now=FIXED_NOW)))
    text = " ".join(
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages[1:3]
    )
    flat = " ".join(text.split())
    label = translator("es").gettext("(in English)")
    assert SPANISH_ENTRANCE in flat
    assert f"{label} Sample note: metal detector" in flat
    assert f"{label} {SPANISH_ENTRANCE}" not in flat


def test_a_store_from_before_m007_keeps_its_courthouses(tmp_path: Path) -> None:
    assert "m007_courthouse_notes" in known_migration_names()
    database_key = keys.new_database_key()
    fresh = tmp_path / "old"
    fresh.mkdir()
    keys.KeyFile.create(database_key, TEST_PASSPHRASE, keys.new_recovery_code()).save(fresh)
    db = connect(fresh / DATABASE_FILE_NAME, database_key)
    migrations.apply(db, stop_before="m007_courthouse_notes")
    db.execute(
        "INSERT INTO courthouses (uid, name, address, timezone, entrance_notes) VALUES "
        "(?, 'Old Sample Court (fictional)', '2 Sample Road', 'America/Chicago', 'Side door.')",
        [new_uid()],
    )
    db.conn.commit()
    db.close()
    migrated = Store.open(fresh, TEST_PASSPHRASE)
    [courthouse] = migrated.courthouses.list()
    assert courthouse.entrance_notes == "Side door."
    assert courthouse.translated_notes == {}
    assert courthouse.note(CourthouseNoteKind.ENTRANCE, "ko") == ("Side door.", False)
    migrated.close()
