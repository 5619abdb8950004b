"""Catalog maintenance in a scratch translations folder: update, compile, review status."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from companion.i18n.catalog import mo_path, po_path
from companion.i18n.catalog_files import read_catalog
from companion.i18n.languages import get_language
from companion.i18n.review import ReviewStatus
from companion.i18n.tools import compile_catalogs, set_review_status, update_catalogs

ENGLISH = get_language("en")
SPANISH = get_language("es")
ARABIC = get_language("ar")


def _write_template(root: Path, messages: list[str | tuple[str, str]]) -> None:
    template = Catalog(project="Court Companion", fuzzy=False)
    for message in messages:
        template.add(message, locations=[("companion/example.py", 1)])
    root.mkdir(parents=True, exist_ok=True)
    with (root / "companion.pot").open("wb") as out:
        write_po(out, template)


def _read(path: Path, locale: str) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def _translate(root: Path, catalog_name: str, translations: dict[str, str]) -> None:
    """What a translator does: fill in msgstr and save (our header kept)."""
    path = po_path(catalog_name, root)
    catalog = read_catalog(path, locale=catalog_name)
    for msgid, text in translations.items():
        catalog[msgid].string = text
        catalog[msgid].flags.discard("fuzzy")
        catalog[msgid].previous_id = []
    with path.open("wb") as out:
        write_po(out, catalog)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    _write_template(folder, ["Preliminary hearing", "Witness", "Restitution hearing"])
    update_catalogs(folder, languages=[ENGLISH, SPANISH])
    _translate(
        folder,
        "es",
        {
            "Preliminary hearing": "Audiencia preliminar",
            "Witness": "Testigo",
            "Restitution hearing": "Audiencia de restitución",
        },
    )
    return folder


def test_new_catalogs_get_header_and_empty_entries(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    _write_template(folder, ["Witness", ("{count} hearing", "{count} hearings")])
    update_catalogs(folder, languages=[ENGLISH, ARABIC])
    text = po_path("ar", folder).read_text(encoding="utf-8")
    assert '"X-Review-Status: draft\\n"' in text
    assert '"Language: ar\\n"' in text
    assert "nplurals=6;" in text
    arabic = _read(po_path("ar", folder), "ar")
    assert arabic["Witness"].string == ""
    assert arabic["{count} hearing"].string == ("",) * 6
    english = _read(po_path("en", folder), "en")
    assert '"X-Review-Status: source\\n"' in po_path("en", folder).read_text(encoding="utf-8")
    assert english["Witness"].string == "Witness"
    assert english["{count} hearing"].string == ("{count} hearing", "{count} hearings")


def test_editing_an_english_string_marks_its_translation_fuzzy(root: Path) -> None:
    _write_template(root, ["Preliminary court hearing", "Witness", "Restitution hearing"])
    update_catalogs(root, languages=[ENGLISH, SPANISH])

    spanish = _read(po_path("es", root), "es")
    changed = spanish["Preliminary court hearing"]
    assert changed.fuzzy
    assert changed.string == "Audiencia preliminar"  # kept for the translator to check
    # The old English stands beside it, so the translator sees what changed.
    assert '#| msgid "Preliminary hearing"' in po_path("es", root).read_text(encoding="utf-8")
    assert read_catalog(po_path("es", root), "es")["Preliminary court hearing"].previous_id == [
        "Preliminary hearing"
    ]
    assert not spanish["Witness"].fuzzy
    # The English catalog follows the source without review.
    english = _read(po_path("en", root), "en")
    assert english["Preliminary court hearing"].string == "Preliminary court hearing"
    assert not english["Preliminary court hearing"].fuzzy


def test_the_previous_english_survives_another_update(root: Path) -> None:
    _write_template(root, ["Preliminary court hearing", "Witness", "Restitution hearing"])
    update_catalogs(root, languages=[SPANISH])
    update_catalogs(root, languages=[SPANISH])
    text = po_path("es", root).read_text(encoding="utf-8")
    assert text.count('#| msgid "Preliminary hearing"') == 1
    assert "# |" not in text


def test_a_fuzzy_translation_is_not_shown(root: Path) -> None:
    _write_template(root, ["Preliminary court hearing", "Witness", "Restitution hearing"])
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    compile_catalogs(root, languages=[ENGLISH, SPANISH])
    shown = gettext.GNUTranslations(io.BytesIO(mo_path("es", root).read_bytes()))
    assert shown.gettext("Preliminary court hearing") == "Preliminary court hearing"
    assert shown.gettext("Witness") == "Testigo"


def test_a_removed_string_keeps_its_translation_as_obsolete(root: Path) -> None:
    _write_template(root, ["Witness", "Restitution hearing"])
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    text = po_path("es", root).read_text(encoding="utf-8")
    assert '#~ msgid "Preliminary hearing"' in text
    assert '#~ msgstr "Audiencia preliminar"' in text

    update_catalogs(root, languages=[ENGLISH, SPANISH], drop_obsolete=True)
    assert "Audiencia preliminar" not in po_path("es", root).read_text(encoding="utf-8")


def test_update_and_compile_change_nothing_when_nothing_changed(root: Path) -> None:
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    compile_catalogs(root, languages=[ENGLISH, SPANISH])
    before = {path: path.read_bytes() for path in root.rglob("companion.*")}
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    written = compile_catalogs(root, languages=[ENGLISH, SPANISH])
    assert [was_written for _language, was_written in written] == [False, False]
    assert {path: path.read_bytes() for path in root.rglob("companion.*")} == before


def test_review_status_survives_update_and_compile(root: Path) -> None:
    set_review_status("es", ReviewStatus.parse("reviewed; by Ana Pérez; 2027-03-01"), root)
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    compile_catalogs(root, languages=[ENGLISH, SPANISH])
    text = po_path("es", root).read_text(encoding="utf-8")
    assert '"X-Review-Status: reviewed; by Ana Pérez; 2027-03-01\\n"' in text
    info = gettext.GNUTranslations(io.BytesIO(mo_path("es", root).read_bytes())).info()
    assert info["x-review-status"] == "reviewed; by Ana Pérez; 2027-03-01"


def test_new_strings_turn_a_reviewed_catalog_back_to_draft(root: Path) -> None:
    set_review_status("es", ReviewStatus.parse("reviewed; by Ana Pérez; 2027-03-01"), root)
    _write_template(root, ["Preliminary hearing", "Witness", "Restitution hearing", "Trial"])
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    assert '"X-Review-Status: draft\\n"' in po_path("es", root).read_text(encoding="utf-8")


def test_an_incomplete_catalog_cannot_be_marked_reviewed(root: Path) -> None:
    _write_template(root, ["Preliminary hearing", "Witness", "Restitution hearing", "Trial"])
    update_catalogs(root, languages=[ENGLISH, SPANISH])
    with pytest.raises(ValueError, match="untranslated"):
        set_review_status("es", ReviewStatus.parse("reviewed; by Ana Pérez; 2027-03-01"), root)


def test_a_wrong_plural_forms_header_is_corrected_and_plurals_marked_fuzzy(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    _write_template(folder, [("{count} hearing", "{count} hearings")])
    update_catalogs(folder, languages=[SPANISH])
    path = po_path("es", folder)
    catalog = read_catalog(path, locale="es")
    catalog["{count} hearing"].string = ("{count} audiencia", "{count} audiencias")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    with path.open("wb") as out:
        write_po(out, catalog)

    update_catalogs(folder, languages=[SPANISH])
    text = path.read_text(encoding="utf-8")
    assert "nplurals=3;" in text
    entry = _read(path, "es")["{count} hearing"]
    assert entry.fuzzy
    assert entry.string == ("{count} audiencia", "{count} audiencias", "")


def test_a_new_string_does_not_borrow_the_translation_of_one_still_in_use(root: Path) -> None:
    _write_template(root, ["Preliminary hearing", "Witness", "Restitution hearing", "Witnesses"])
    update_catalogs(root, languages=[SPANISH])
    spanish = _read(po_path("es", root), "es")
    assert spanish["Witnesses"].string == ""
    assert not spanish["Witnesses"].fuzzy
    assert spanish["Witness"].string == "Testigo"


def test_a_string_that_becomes_plural_keeps_its_translation_as_fuzzy(root: Path) -> None:
    _write_template(
        root,
        [
            ("Preliminary hearing for {count} person", "Preliminary hearing for {count} people"),
            "Witness",
            "Restitution hearing",
        ],
    )
    update_catalogs(root, languages=[SPANISH])
    entry = _read(po_path("es", root), "es")["Preliminary hearing for {count} person"]
    assert entry.fuzzy
    assert entry.string == ("Audiencia preliminar", "", "")
