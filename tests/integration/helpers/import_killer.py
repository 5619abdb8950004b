"""Child process for the import kill test: import a spreadsheet and stop half-way.

Prints ``midway`` once the import's transaction has written people and cases and is
about to write the hearings, then waits there for the parent's SIGKILL.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from companion.imports import writing
from companion.imports.batches import apply_plan
from companion.imports.mapping import guess_mapping
from companion.imports.plan import build_plan
from companion.imports.reading import read_table
from companion.store import kdf
from companion.store.store import Store
from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES


def main() -> None:
    folder, passphrase, export = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    kdf.PASSPHRASE_COST = kdf.Argon2idCost(*QUICK_PASSPHRASE_COST_VALUES)
    store = Store.open(folder, passphrase)
    table = read_table(export)
    plan = build_plan(store, table, guess_mapping(table.headers))
    write_rows = writing.insert_rows

    def stopping(db, table_name, *arguments, **options):  # type: ignore[no-untyped-def]
        if table_name == "hearings":
            print("midway", flush=True)
            time.sleep(600)
        write_rows(db, table_name, *arguments, **options)

    writing.insert_rows = stopping  # type: ignore[assignment]
    apply_plan(store, plan, export.name)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
