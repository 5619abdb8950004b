"""The encrypted handoff between two laptops: the same records arrive (by uid), a wrong
code and a changed file are refused with nothing written, conflicts keep the local record."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.cli.main import main
from companion.errors import HandoffCodeError, HandoffFileError
from companion.exchange.handoff import (
    CODE_ALPHABET,
    TABLES,
    export_handoff,
    import_handoff,
    normalize_code,
    preview_handoff,
    read_handoff,
)
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

_LOCAL = {"id", "row_version", "created_at", "updated_at"}


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    opened, _code = Store.create(tmp_path / "other", TEST_PASSPHRASE)
    yield opened
    opened.close()


def _records(store: Store, table: str, uids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Rows by uid, with every reference written as the referenced record's uid."""
    found = {}
    for row in store.people.rows(f"SELECT * FROM {table}"):
        if uids is not None and row["uid"] not in uids:
            continue
        for column, target in TABLES[table].items():
            if row[column] is not None:
                row[column] = store.people.uid_of(target, row[column])
        found[row["uid"]] = {k: v for k, v in row.items() if k not in _LOCAL}
    return found


def _two_people(store: Store) -> list[int]:
    return [
        int(row["id"]) for row in store.people.rows("SELECT id FROM people ORDER BY id LIMIT 2")
    ]


def test_code_is_long_and_forgiving() -> None:
    from companion.exchange.handoff import new_code

    code = new_code()
    symbols = code.replace("-", "")
    assert len(symbols) == 24 and set(symbols) <= set(CODE_ALPHABET)
    assert new_code() != code
    assert normalize_code(code.lower().replace("-", " ")) == symbols
    assert normalize_code("o1-il") == "0111"


def test_round_trip_between_two_stores(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    people = _two_people(demo_store)
    demo_store.people.record_history(people[0], "call", detail="Left a voicemail")
    path = tmp_path / "two.cchandoff"
    sent = export_handoff(demo_store, people, path, mark_handed_over=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    payload = read_handoff(path, sent.code)

    preview = preview_handoff(other_store, payload)
    assert preview.new_people == 2
    assert other_store.people.scalar("SELECT count(*) FROM people") == 0  # dry run wrote nothing

    plan = import_handoff(other_store, payload)
    assert plan.new_people == 2 and not plan.conflicts
    for table in TABLES:
        arrived = _records(other_store, table)
        if table != "attendance_outcomes":  # the demo records no outcomes
            assert arrived, table
        assert arrived == _records(demo_store, table, set(arrived)), table
    person_uids = {demo_store.people.uid_of("people", person_id) for person_id in people}
    assert set(_records(other_store, "people")) == person_uids
    # The names are found by the other laptop's search.
    first = demo_store.people.get(people[0])
    assert [p.id for p in other_store.people.search(first.family_name)]
    # The sender noted the handover; the file was sealed before, so it is not in it.
    kinds = [entry.kind for entry in demo_store.people.history(people[0])]
    assert "handed_over" in kinds
    assert (
        other_store.people.scalar(
            "SELECT count(*) FROM audit_log WHERE action = ?", ["imported_handoff"]
        )
        == 1
    )

    again = import_handoff(other_store, payload)
    assert not again.new and not again.conflicts
    assert sum(again.unchanged.values()) == sum(len(rows) for rows in payload["tables"].values())


def test_conflict_keeps_the_local_record(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    people = _two_people(demo_store)
    path = tmp_path / "h.cchandoff"
    code = export_handoff(demo_store, people, path).code
    import_handoff(other_store, read_handoff(path, code))
    person_uid = demo_store.people.uid_of("people", people[0])
    local_id = int(other_store.people.scalar("SELECT id FROM people WHERE uid = ?", [person_uid]))
    local = other_store.people.get(local_id)
    local.notes = "Prefers mornings (changed here)"
    other_store.people.update(local)
    sender = demo_store.people.get(people[0])
    sender.notes = "Prefers evenings (changed there)"
    demo_store.people.update(sender)
    code = export_handoff(demo_store, people, path).code

    plan = import_handoff(other_store, read_handoff(path, code))
    assert [(c.table, c.uid, c.fields) for c in plan.conflicts] == [
        ("people", person_uid, ["notes"])
    ]
    assert other_store.people.get(local_id).notes == "Prefers mornings (changed here)"


def test_wrong_code_and_changed_file_are_refused(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "h.cchandoff"
    code = export_handoff(demo_store, _two_people(demo_store), path).code
    wrong = "0000-0000-0000-0000-0000-0000"
    with pytest.raises(HandoffCodeError):
        read_handoff(path, wrong)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(HandoffFileError) as raised:
        read_handoff(path, code)
    assert raised.value.reason == "damaged"
    not_one = tmp_path / "notes.cchandoff"
    not_one.write_bytes(b"hello")
    with pytest.raises(HandoffFileError) as raised:
        read_handoff(not_one, code)
    assert raised.value.reason == "not_a_handoff"
    assert other_store.people.scalar("SELECT count(*) FROM people") == 0


def test_cli_handoff_round_trip_and_wrong_code(
    demo_store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = demo_store.folder
    ids = _two_people(demo_store)
    demo_store.close()
    receiver, _ = Store.create(tmp_path / "receiver", TEST_PASSPHRASE)
    receiver.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)
    file = tmp_path / "out.cchandoff"
    assert (
        main(
            [
                "handoff",
                "export",
                "--data-dir",
                str(folder),
                "--people",
                f"{ids[0]},{ids[1]}",
                "-o",
                str(file),
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    code = out.out.strip()
    assert len(code.replace("-", "")) == 24
    assert "names" in out.err

    status = main(
        [
            "handoff",
            "import",
            "--data-dir",
            str(tmp_path / "receiver"),
            str(file),
            "--code",
            "WRONG",
        ]
    )
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "code" in err

    monkeypatch.setenv("COMPANION_HANDOFF_CODE", code)
    assert (
        main(
            [
                "handoff",
                "import",
                "--data-dir",
                str(tmp_path / "receiver"),
                str(file),
                "--dry-run",
                "--json",
            ]
        )
        == 0
    )
    import json

    preview = json.loads(capsys.readouterr().out)
    assert preview["dry_run"] is True and preview["new"]["people"] == 2
    assert (
        main(["handoff", "import", "--data-dir", str(tmp_path / "receiver"), str(file), "--json"])
        == 0
    )
    merged = json.loads(capsys.readouterr().out)
    assert merged["new_uids"] == preview["new_uids"]
    assert os.environ["COMPANION_HANDOFF_CODE"] == code


def test_hearing_of_a_case_the_person_is_not_linked_to_travels_with_its_case(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    person_id = _two_people(demo_store)[0]
    hearing_id = int(
        demo_store.people.scalar(
            "SELECT min(h.id) FROM hearings h WHERE h.case_id NOT IN "
            "(SELECT case_id FROM case_people WHERE person_id = ?)",
            [person_id],
        )
    )
    demo_store.people.insert(
        "attendance", {"person_id": person_id, "hearing_id": hearing_id, "must_testify": 1}
    )
    path = tmp_path / "h.cchandoff"
    code = export_handoff(demo_store, [person_id], path).code
    plan = import_handoff(other_store, read_handoff(path, code))
    assert demo_store.hearings.get(hearing_id).uid in plan.new["hearings"]
    case_uid = demo_store.cases.get(demo_store.hearings.get(hearing_id).case_id).uid
    assert case_uid in plan.new["cases"]


def test_a_record_pointing_nowhere_is_refused_and_nothing_is_written(
    demo_store: Store, other_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "h.cchandoff"
    code = export_handoff(demo_store, _two_people(demo_store)[:1], path).code
    payload = read_handoff(path, code)
    payload["tables"]["cases"] = []
    with pytest.raises(HandoffFileError):
        import_handoff(other_store, payload)
    with pytest.raises(HandoffFileError):
        preview_handoff(other_store, payload)
    for table in TABLES:
        assert other_store.people.scalar(f"SELECT count(*) FROM {table}") == 0, table
