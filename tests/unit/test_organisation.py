import pytest

from companion.domain.organisation import AdvocateContact, Hotline, LocalNote, Organisation
from companion.errors import ValidationErrors
from companion.store.store import Store


def test_organisation_round_trip_with_normalised_phones(store: Store) -> None:
    saved = store.organisation.save(
        Organisation(
            name="Fictional Legal Aid",
            address="1 Sample Street",
            advocates=[AdvocateContact("Rosa Sample", "(312) 555-0161")],
            hotlines=[Hotline("Night line", "212 555 0170", "after 6 pm")],
            arrive_minutes_before=60,
            paper="a4",
            local_notes=[
                LocalNote(
                    "getting-there", {"en": "Use the east door.", "es": "Use la puerta este."}
                )
            ],
        )
    )
    loaded = store.organisation.get()
    assert loaded == saved
    assert loaded.advocates[0].phone == "+13125550161"
    assert loaded.advocate("rosa sample") is not None
    assert loaded.note_for("getting-there").in_language("es") == ("Use la puerta este.", True)
    assert loaded.note_for("getting-there").in_language("ar") == ("Use the east door.", False)


def test_new_store_has_sensible_defaults(store: Store) -> None:
    organisation = store.organisation.get()
    assert organisation.arrive_minutes_before == 45
    assert organisation.paper == "letter"


def test_bad_settings_name_each_field_and_save_nothing(store: Store) -> None:
    with pytest.raises(ValidationErrors) as caught:
        store.organisation.save(
            Organisation(
                advocates=[AdvocateContact("", "12")],
                hotlines=[Hotline("Line", "not a phone")],
                arrive_minutes_before=-5,
                paper="tabloid",
            )
        )
    fields = {error.field for error in caught.value.errors}
    assert fields == {
        "advocates[0].name",
        "advocates[0].phone",
        "hotlines[0].phone",
        "arrive_minutes_before",
        "paper",
    }
    assert store.organisation.get() == Organisation()
