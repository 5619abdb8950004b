"""Importing 10,000 rows (issue 18): at most 10 s and under 300 MB.

``python -m bench.imports`` runs it alone; ``make bench`` runs it in a child process so
the peak memory is the import's own. The rows are fictional: 555-01xx numbers, invented
names, one fictional courthouse.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 10_000
SECONDS_TARGET = 10.0
MIB_TARGET = 300.0
PASSPHRASE = "bench import passphrase 7Q"


def write_export(path: Path, rows: int = ROWS) -> None:
    start = dt.date.today() + dt.timedelta(days=30)
    lines = ["Victim ID,Victim First Name,Victim Last Name,Cell,Case Number,Court Date,Time,Dept"]
    for number in range(rows):
        day = start + dt.timedelta(days=number % 200)
        phone = f"+1 202-555-01{number % 100:02d}"
        lines.append(
            f"B-{number},Sample{number},Fictional,{phone},BENCH-{number // 2:05d},"
            f"{day:%Y-%m-%d},{9 + number % 8}:{15 * (number % 4):02d},{number % 30}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(folder: Path) -> dict[str, float]:
    from companion.domain.models import Courthouse
    from companion.imports.batches import apply_plan
    from companion.imports.mapping import guess_mapping
    from companion.imports.plan import build_plan
    from companion.imports.reading import read_table
    from companion.store.store import Store

    store, _ = Store.create(folder / "store", PASSPHRASE, enforce_policy=False)
    store.courthouses.add(Courthouse("Bench Hall (fictional)", "1 Sample Road", "America/Chicago"))
    export = folder / "export.csv"
    write_export(export)
    before = resource.getrusage(resource.RUSAGE_SELF)
    began = time.perf_counter()
    table = read_table(export)
    plan = build_plan(store, table, guess_mapping(table.headers))
    assert not plan.errors, plan.errors[:3]
    apply_plan(store, plan, export.name)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    people = store.db.execute("SELECT count(*) FROM people").fetchone()[0]
    store.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak_mib, "people": float(people)}


def run_in_child() -> dict[str, float]:
    """The measurement in a fresh process (its peak memory is then the import's own)."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.imports", "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="companion-bench-import-") as temporary:
        Path(temporary).chmod(0o700)
        result = measure(Path(temporary))
    if "--json" in sys.argv:
        print(json.dumps(result))
    else:
        print(
            f"{ROWS} rows imported in {result['seconds']:.1f} s (target <= {SECONDS_TARGET:.0f}; "
            f"{result['cpu_seconds']:.1f} s on the processor), "
            f"peak {result['peak_mib']:.0f} MiB (target < {MIB_TARGET:.0f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
