"""Column mapping: guessed from English, Spanish and export header names; saved by name."""

from __future__ import annotations

import pytest

from companion.imports.errors import UnknownMappingError
from companion.imports.mapping import completed, guess_mapping, load_mapping, save_mapping
from companion.store.store import Store


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Victim First Name", "given_name"),
        ("Witness Last Name", "family_name"),
        ("Case Number", "docket_number"),
        ("Docket", "docket_number"),
        ("Hearing Date", "hearing_date"),
        ("Court Date", "hearing_date"),
        ("Time", "hearing_time"),
        ("Dept", "courtroom"),
        ("Courtroom", "courtroom"),
        ("Language", "language"),
        ("Interpreter Needed", "needs_interpreter"),
        ("Cell", "phone"),
        ("Phone", "phone"),
        ("Email", "email"),
        ("Nombre de la víctima", "given_name"),
        ("Apellidos", "family_name"),
        ("Teléfono", "phone"),
        ("Número de caso", "docket_number"),
        ("Fecha de audiencia", "hearing_date"),
        ("Idioma", "language"),
        ("Defendant Name", None),
        ("Officer Badge", None),
    ],
)
def test_guessed_field(header: str, expected: str | None) -> None:
    assert guess_mapping([header]).columns[header] == expected


def test_a_saved_mapping_is_used_for_next_weeks_export(store: Store) -> None:
    mapping = guess_mapping(["Nombre", "Col7"])
    mapping.columns["Col7"] = "docket_number"
    save_mapping(store.db, "county export", mapping)
    loaded = completed(load_mapping(store.db, "county export"), ["Nombre", "Col7", "Email"])
    assert loaded.columns == {"Nombre": "given_name", "Col7": "docket_number", "Email": "email"}
    with pytest.raises(UnknownMappingError):
        load_mapping(store.db, "another")


def test_a_saved_mapping_keeps_its_date_order() -> None:
    from companion.imports.mapping import Mapping, completed

    mapping = Mapping({"Court Date": "hearing_date"}, False, "Weekly", "dmy")
    again = Mapping.from_json(mapping.to_json(), "Weekly")
    assert again.date_order == "dmy"
    assert completed(again, ["Court Date", "Extra"]).date_order == "dmy"
    assert Mapping.from_json('{"columns": {}, "date_order": "nonsense"}').date_order is None
    assert Mapping.from_json('{"columns": {}}').date_order is None
