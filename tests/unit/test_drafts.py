"""Drafts of unsaved dialogs: kept in the encrypted store, replaced as a whole, never in clear."""

from __future__ import annotations

from pathlib import Path

from companion.store.drafts import Draft
from companion.store.migrations import known_migration_names
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE


def test_drafts_round_trip_and_replace_as_a_whole(store: Store) -> None:
    assert "m004_drafts" in known_migration_names()
    assert store.drafts.kept() == []
    first = Draft("person", {"person_id": None}, {"given_name": "Zainab", "contacts": []})
    second = Draft("hearing", {"hearing_id": 7}, {"courtroom": "4B", "minutes": 90})
    ids = store.drafts.replace_all([first, second])
    kept = store.drafts.kept()
    assert [draft.id for draft in kept] == ids
    assert [(d.kind, d.opened_for, d.state) for d in kept] == [
        ("person", {"person_id": None}, {"given_name": "Zainab", "contacts": []}),
        ("hearing", {"hearing_id": 7}, {"courtroom": "4B", "minutes": 90}),
    ]
    assert all(draft.saved_at for draft in kept)

    store.drafts.replace_all([Draft("courthouse", {}, {"name": "Annex"})])
    assert [d.kind for d in store.drafts.kept()] == ["courthouse"]
    only = store.drafts.kept()[0]
    assert only.id is not None
    store.drafts.delete(only.id)
    assert store.drafts.count() == 0


def test_drafts_survive_closing_and_are_not_in_clear_on_disk(data_dir: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    secret = "Perpetua Okonkwo-Vasquez"
    store.drafts.replace_all([Draft("person", {}, {"given_name": secret})])
    store.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert secret.encode("utf-8") not in content, path
            assert secret.encode("utf-16-le") not in content, path
    reopened = Store.open(data_dir, TEST_PASSPHRASE)
    assert reopened.drafts.kept()[0].state == {"given_name": secret}
    reopened.close()
