"""The people list narrows as you type, in any script, and opens a person's page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.domain.models import Person
from companion.store.identity import new_uid
from companion.store.store import Store
from companion.ui.records.people_model import PeopleColumn
from companion.ui.records.people_view import PeopleView
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401


def _names(view: PeopleView) -> list[str]:
    model = view.model
    return [str(model.data(model.index(row, PeopleColumn.NAME))) for row in range(model.rowCount())]


def _add_people(store: Store) -> dict[str, int]:
    people = [
        Person("Lan", "Test-Nguyen", native_name="Nguyễn Thị Lan", language="vi"),
        Person("Wei", "Test-Chen", native_name="陈伟", language="zh-Hans"),
        Person("Nadia", "Test-Haddad", native_name="نادية حداد", language="ar"),
        Person("Nathan", "Test-Haddon", language="en"),
    ]
    ids = {}
    for person in people:
        store.people.add(person)
        assert person.id is not None
        ids[person.given_name] = person.id
    return ids


def test_search_filters_as_you_type(qtbot, store: Store) -> None:
    _add_people(store)
    view = PeopleView(store)
    qtbot.addWidget(view)
    view.show()
    assert len(_names(view)) == 4
    assert view.summary.text() == "4 people"

    qtbot.keyClicks(view.search, "Na")
    qtbot.waitUntil(lambda: sorted(_names(view)) == ["Nadia Test-Haddad", "Nathan Test-Haddon"])
    qtbot.keyClicks(view.search, "d")
    qtbot.waitUntil(lambda: _names(view) == ["Nadia Test-Haddad"])
    assert view.summary.text() == "1 person"

    view.search.clear()
    view.search.insert("陈")  # as an input method commits it (key events are ASCII only)
    qtbot.waitUntil(lambda: _names(view) == ["Wei Test-Chen"])
    language = view.model.data(view.model.index(0, PeopleColumn.LANGUAGE))
    assert language == "中文（简体）"

    view.search.clear()
    qtbot.waitUntil(lambda: len(_names(view)) == 4)


def test_typing_waits_for_a_pause_before_querying(qtbot, store: Store, monkeypatch) -> None:
    _add_people(store)
    view = PeopleView(store)
    qtbot.addWidget(view)
    queries: list[str] = []
    real_search = store.people.search

    def counting(text: str, limit: int = 500) -> list:
        queries.append(text)
        return real_search(text, limit)

    monkeypatch.setattr(store.people, "search", counting)
    qtbot.keyClicks(view.search, "Test-Ha")
    qtbot.waitUntil(lambda: len(_names(view)) == 2)
    assert queries == ["Test-Ha"], "one query after the typing, not one per key"


def test_enter_on_a_single_match_opens_the_person(qtbot, store: Store) -> None:
    ids = _add_people(store)
    view = PeopleView(store)
    qtbot.addWidget(view)
    view.search.insert("Nguyễn")
    with qtbot.waitSignal(view.person_activated) as opened:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert opened.args == [ids["Lan"]]


def test_ten_thousand_people_list_without_limit(qtbot, store: Store) -> None:
    with store.db.atomic():
        for number in range(10_000):
            store.db.execute(
                "INSERT INTO people (uid, given_name, family_name, native_name, language, role) "
                "VALUES (?, ?, ?, '', 'es', 'witness')",
                [new_uid(), f"Given{number:05d}", "Test-Many"],
            )
    view = PeopleView(store)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 0, "nothing is read before the list is shown"
    view.show()
    assert view.model.rowCount() == 10_000
    assert view.summary.text() == "10,000 people"


def test_names_in_every_bundled_script_have_a_font_in_the_list(qtbot, store: Store) -> None:
    """The list's font falls back, letter by letter, to the bundled families the packet
    uses, so names show on a laptop with no such fonts installed (no empty boxes)."""
    from PySide6.QtGui import QFont, QFontMetrics

    names = {
        "Selam": "ሰላማዊት ተስፋዬ",
        "Priya": "प्रिया शर्मा",
        "Aung": "အောင်ဆန်းစုကြည်",
        "Sok": "សុខ ស្រីមុំ",
        "Harpreet": "ਹਰਪ੍ਰੀਤ ਕੌਰ",
        "Sarah": "שרה כהן",
    }
    for given, native in names.items():
        store.people.add(Person(given, "Test-Script", native_name=native, language="en"))
    view = PeopleView(store)
    qtbot.addWidget(view)
    view.show()
    model = view.model
    shown = {
        str(model.data(model.index(row, PeopleColumn.NATIVE_NAME)))
        for row in range(model.rowCount())
    }
    assert set(names.values()) <= shown
    families = view.table.font().families()
    for native in names.values():
        letters = [char for char in native if char.isalpha()]
        covering = [
            family
            for family in families
            if all(QFontMetrics(QFont(family)).inFontUcs4(ord(char)) for char in letters)
        ]
        assert any(family.startswith("Noto Sans ") for family in covering), native
