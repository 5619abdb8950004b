"""Handoffs back and forth between two laptops, three rounds: each side remembers the
version it exchanged, so a change made on one side only is taken (or kept), and a
change made on both is listed as a conflict, never overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.exchange.handoff import (
    CHANGED_ON_BOTH,
    NO_SHARED_HISTORY,
    MergePlan,
    export_handoff,
    import_handoff,
    preview_handoff,
    read_handoff,
)
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    opened, _code = Store.create(tmp_path / "other", TEST_PASSPHRASE)
    yield opened
    opened.close()


def _id(store: Store, uid: str) -> int:
    return int(store.people.scalar("SELECT id FROM people WHERE uid = ?", [uid]))


def _hand(sender: Store, receiver: Store, uids: list[str], path: Path) -> MergePlan:
    code = export_handoff(sender, [_id(sender, uid) for uid in uids], path).code
    return import_handoff(receiver, read_handoff(path, code))


def _set_notes(store: Store, uid: str, notes: str) -> None:
    person = store.people.get(_id(store, uid))
    person.notes = notes
    store.people.update(person)


def _notes(store: Store, uid: str) -> str:
    return store.people.get(_id(store, uid)).notes


def test_three_rounds_take_one_sided_changes_and_list_two_sided_ones(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "round.cchandoff"
    ana, ben = (
        str(row["uid"])
        for row in demo_store.people.rows("SELECT uid FROM people ORDER BY id LIMIT 2")
    )

    # Round 1: the office laptop hands both people over.
    first = _hand(demo_store, other_store, [ana, ben], path)
    assert sorted(first.new["people"]) == sorted([ana, ben]) and not first.conflicts

    # Round 2: the colleague changes Ana; the office changes Ben. The colleague hands
    # back: Ana's change is taken, Ben's own change is kept, nothing is a conflict.
    _set_notes(other_store, ana, "Moved: call after 5 pm (colleague)")
    _set_notes(demo_store, ben, "Needs a ride (office)")
    second = _hand(other_store, demo_store, [ana, ben], path)
    assert second.updated == {"people": [ana]}
    assert second.kept == {"people": [ben]}
    assert second.conflicts == []
    assert _notes(demo_store, ana) == "Moved: call after 5 pm (colleague)"
    assert _notes(demo_store, ben) == "Needs a ride (office)"
    # Ana's new notes are one version later on the office laptop, as any edit.
    assert demo_store.people.get(_id(demo_store, ana)).row_version >= 2

    # The office hands back: the colleague takes Ben's change, and Ana is the same.
    back = _hand(demo_store, other_store, [ana, ben], path)
    assert back.updated == {"people": [ben]} and back.kept == {} and back.conflicts == []
    assert _notes(other_store, ben) == "Needs a ride (office)"
    assert _notes(other_store, ana) == "Moved: call after 5 pm (colleague)"

    # Round 3: both laptops change Ana. Either way the handoff goes, Ana is a conflict
    # listed for a person, and the receiving laptop keeps its own words.
    _set_notes(demo_store, ana, "Prefers Spanish calls (office)")
    _set_notes(other_store, ana, "Prefers texts (colleague)")
    third = _hand(other_store, demo_store, [ana], path)
    assert [(c.table, c.uid, c.fields, c.reason) for c in third.conflicts] == [
        ("people", ana, ["notes"], CHANGED_ON_BOTH)
    ]
    assert third.updated == {}
    assert _notes(demo_store, ana) == "Prefers Spanish calls (office)"
    reverse = _hand(demo_store, other_store, [ana], path)
    assert [c.reason for c in reverse.conflicts] == [CHANGED_ON_BOTH]
    assert _notes(other_store, ana) == "Prefers texts (colleague)"


def test_preview_of_a_one_sided_change_writes_nothing(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "p.cchandoff"
    uid = str(demo_store.people.rows("SELECT uid FROM people ORDER BY id LIMIT 1")[0]["uid"])
    _hand(demo_store, other_store, [uid], path)
    _set_notes(demo_store, uid, "Changed at the office")
    code = export_handoff(demo_store, [_id(demo_store, uid)], path).code
    payload = read_handoff(path, code)
    before = other_store.db.execute("SELECT count(*), sum(row_version) FROM handoff_versions")
    counted = before.fetchone()

    preview = preview_handoff(other_store, payload)

    assert preview.updated == {"people": [uid]}
    assert _notes(other_store, uid) != "Changed at the office"
    after = other_store.db.execute("SELECT count(*), sum(row_version) FROM handoff_versions")
    assert after.fetchone() == counted
    assert import_handoff(other_store, payload).updated == {"people": [uid]}
    assert _notes(other_store, uid) == "Changed at the office"


def test_a_file_without_exchange_memory_lists_differences_as_conflicts(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    """A file sealed before laptops remembered their exchanges (or a record never
    exchanged) cannot tell which side is newer: every difference is a conflict."""
    path = tmp_path / "old.cchandoff"
    uid = str(demo_store.people.rows("SELECT uid FROM people ORDER BY id LIMIT 1")[0]["uid"])
    _hand(demo_store, other_store, [uid], path)
    _set_notes(demo_store, uid, "Changed at the office")
    code = export_handoff(demo_store, [_id(demo_store, uid)], path).code
    payload = read_handoff(path, code)
    del payload["exchanged"]

    plan = import_handoff(other_store, payload)

    assert [(c.uid, c.reason) for c in plan.conflicts] == [(uid, NO_SHARED_HISTORY)]
    assert _notes(other_store, uid) != "Changed at the office"
