"""An import killed half-way (SIGKILL, after its people and cases went in and before its
hearings did) leaves nothing half-written: the store holds what it held before, the
backup made before the import is there, and the same import then runs through."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.domain.models import Courthouse
from companion.imports.batches import apply_plan
from companion.imports.mapping import guess_mapping
from companion.imports.plan import build_plan
from companion.imports.reading import read_table
from companion.store.backups import backup_folder
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE

ROWS = 300
TABLES = ("people", "contact_methods", "cases", "case_people", "hearings", "attendance")


def _export(path: Path) -> Path:
    start = dt.date.today() + dt.timedelta(days=30)
    lines = ["Victim ID,Victim First Name,Victim Last Name,Cell,Case Number,Court Date,Time"]
    for number in range(ROWS):
        day = start + dt.timedelta(days=number % 40)
        lines.append(
            f"K-{number},Killtest{number},Fictional,+1 202-555-01{number % 100:02d},"
            f"KILL-{number // 2},{day:%Y-%m-%d},9:{number % 6}0 AM"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(store: Store) -> dict[str, int]:
    return {
        table: int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in (*TABLES, "import_batches", "search_index")
    }


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_import_leaves_the_store_as_it_was(data_dir: Path, tmp_path: Path) -> None:
    store, _ = Store.create(data_dir, TEST_PASSPHRASE)
    store.courthouses.add(Courthouse("Kill Hall (fictional)", "1 Sample Road", "America/Chicago"))
    before = _counts(store)
    folder = backup_folder(store)
    backups = set(folder.iterdir()) if folder.exists() else set()
    store.close()
    export = _export(tmp_path / "export.csv")

    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.helpers.import_killer",
            str(data_dir),
            TEST_PASSPHRASE,
            str(export),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "midway"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)

    store = Store.open(data_dir, TEST_PASSPHRASE)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert _counts(store) == before
        assert set(folder.iterdir()) - backups  # made before the import began
        triggers = {
            str(name)
            for (name,) in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                "'%uid_required'"
            )
        }
        assert {f"{table}_uid_required" for table in TABLES} <= triggers
        table = read_table(export)
        apply_plan(store, build_plan(store, table, guess_mapping(table.headers)), export.name)
        after = _counts(store)
        assert after["people"] == before["people"] + ROWS
        assert after["hearings"] == before["hearings"] + ROWS
    finally:
        store.close()
