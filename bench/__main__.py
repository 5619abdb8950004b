"""`make bench`: build a large store, measure, print a table, write bench/RESULTS.md."""

from __future__ import annotations

import compileall
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.generate import build_large_store, build_large_store_before
from bench.startup import TYPING_MS

RESULTS = Path(__file__).with_name("RESULTS.md")
RUNS = 5
#: Start-ups are short and noisy: more of them, bare and app taking turns, so that a
#: slow moment of the machine falls on both alike.
STARTUP_RUNS = 11


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


#: Seconds to the first paint, peak memory (MiB), seconds from Unlock to the main window.
Startup = tuple[float, float, float | None]


def _startup(mode: str, folder: Path) -> Startup:
    """Seconds from spawning the process to its first window's first paint, peak RSS (MiB),
    and, in ``launch`` mode, the seconds from pressing Unlock to the main window's paint."""
    runtime = folder.parent / "runtime"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        # The app's log and settings (language, window size) go beside the bench store,
        # not into this user's own.
        "COMPANION_LOG_DIR": str(folder.parent / "logs"),
        "XDG_CONFIG_HOME": str(folder.parent / "config"),
        # The single-instance lock, as a desktop session provides (private to the user).
        "XDG_RUNTIME_DIR": str(runtime),
    }
    runtime.mkdir(mode=0o700, exist_ok=True)
    command = [sys.executable, "-m", "bench.startup", mode, str(folder)]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - began
    if not line.startswith("painted"):
        process.kill()
        raise RuntimeError(f"{mode}: no window painted")
    peak_mib = int(line.split()[1]) / 1024
    unlocked: float | None = None
    if mode == "launch":
        main_line = process.stdout.readline()
        if not main_line.startswith("main"):
            process.kill()
            raise RuntimeError("launch: the main window did not paint after unlocking")
        _, seconds, peak_kib = main_line.split()
        unlocked, peak_mib = float(seconds), int(peak_kib) / 1024
    if process.wait(timeout=60) != 0:
        raise RuntimeError(f"{mode}: the process failed")
    return elapsed, peak_mib, unlocked


def _compile_bytecode() -> None:
    """Measure the app as installed: with its modules compiled, as pip and PyInstaller
    leave them (a source checkout may have none, e.g. with PYTHONDONTWRITEBYTECODE)."""
    root = Path(__file__).resolve().parents[1]
    for package in ("companion", "bench"):
        compileall.compile_dir(root / package, quiet=1)


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{system}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


#: The migration timed on the large store: the one that gives every record a stable id.
MIGRATION = "m005_stable_ids"
MIGRATION_TARGET_SECONDS = 10.0


def _migration_row(folder: Path) -> tuple[str, str, str, str]:
    """Open the large store as the release before ``MIGRATION`` left it: the time staff
    wait at the first unlock after updating. The copy the store makes before migrating is
    part of it; it is also timed on its own, beforehand, to show its share."""
    from bench.startup import PASSPHRASE
    from companion.store import keys
    from companion.store.connection import connect, copy_database
    from companion.store.files import DATABASE_FILE_NAME
    from companion.store.store import Store

    print(f"Building the same store before {MIGRATION}...", flush=True)
    build_large_store_before(folder, MIGRATION)
    database_key = keys.KeyFile.load(folder).unlock(PASSPHRASE)
    db = connect(folder / DATABASE_FILE_NAME, database_key)
    try:
        copy = _timed(partial(copy_database, db, folder.parent / "copy.db", database_key))
    finally:
        db.close()
    (folder.parent / "copy.db").unlink()
    opened: list[Store] = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    seconds = _timed(lambda: opened.append(Store.open(folder, PASSPHRASE)))
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    store = opened[0]
    try:
        problems = store.check()
    finally:
        store.close()
    if problems:
        raise RuntimeError(f"the migrated store has problems: {problems[:3]}")
    return (
        f"First unlock after updating: migration {MIGRATION} of the large store",
        f"{seconds:.1f} s",
        f"target < {MIGRATION_TARGET_SECONDS:.0f} s; {cpu:.1f} s of it on the processor (the "
        f"rest is waiting for it or the disk); copying the store before migrating takes "
        f"{copy:.1f} s",
        "ok" if seconds < MIGRATION_TARGET_SECONDS else "MISSED",
    )


def _unlock_rows(folder: Path, passphrase: str) -> list[tuple[str, str, str, str]]:
    """The key derivation alone, and a whole unlock (derivation, opening, page check)."""
    from companion.store import kdf, keys
    from companion.store.store import Store

    cost = kdf.PASSPHRASE_COST
    sealed = keys.KeyFile.load(folder)
    derivation = [_timed(partial(sealed.unlock, passphrase)) * 1000 for _ in range(RUNS)]
    unlock = [_timed(lambda: Store.open(folder, passphrase).close()) * 1000 for _ in range(RUNS)]
    return [
        (
            f"Key derivation at unlock (Argon2id t={cost.time_cost}, "
            f"m={cost.memory_kib // 1024} MiB, p={cost.lanes})",
            f"{statistics.median(derivation):.0f} ms",
            "about 500 ms (RFC 9106's shape; slower while the machine is busy)",
            "",
        ),
        (
            "Unlock: derivation, opening and page check (large store)",
            f"{statistics.median(unlock):.0f} ms",
            "",
            "",
        ),
    ]


def main() -> int:
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as temporary:
        folder = Path(temporary) / "store"
        print("Building a store with 10,000 people and 50,000 hearings...", flush=True)
        build_seconds = _timed(lambda: build_large_store(folder).close())
        print(f"  built in {build_seconds:.1f} s", flush=True)

        _compile_bytecode()
        bare: list[Startup] = []
        launch: list[Startup] = []
        direct: list[Startup] = []
        for _ in range(STARTUP_RUNS):
            bare.append(_startup("bare", folder))
            launch.append(_startup("launch", folder))
        for _ in range(RUNS):
            direct.append(_startup("app", folder))
        bare_start = statistics.median(seconds for seconds, _, _ in bare)
        first_window = statistics.median(seconds for seconds, _, _ in launch)
        unlock_to_main = statistics.median(unlocked or 0.0 for _, _, unlocked in launch)
        direct_start = statistics.median(seconds for seconds, _, _ in direct)
        peak = max(mib for _, mib, _ in launch + direct)
        ratio = first_window / bare_start
        rows.append(
            (
                "Cold start to first paint (bare PySide6 window)",
                f"{bare_start * 1000:.0f} ms",
                "",
                "",
            )
        )
        rows.append(
            (
                "Cold start to the app's first window (unlock screen)",
                f"{first_window * 1000:.0f} ms",
                f"{ratio:.2f}x bare, target <= 1.5x; `companion` as staff start it",
                "ok" if ratio <= 1.5 else "MISSED",
            )
        )
        rows.append(
            (
                "Unlock pressed to main window painted (large store)",
                f"{unlock_to_main * 1000:.0f} ms",
                f"passphrase typed in {TYPING_MS / 1000:.1f} s; key derivation included",
                "",
            )
        )
        rows.append(
            (
                "Cold start straight to main window (passphrase given)",
                f"{direct_start * 1000:.0f} ms",
                f"{direct_start / bare_start:.2f}x bare; skips the unlock screen, which staff "
                "cannot: for comparison only",
                "",
            )
        )
        rows.append(
            (
                "Peak memory of the app start",
                f"{peak:.0f} MiB",
                "target <= 300 MiB",
                "ok" if peak <= 300 else "MISSED",
            )
        )

        from bench.startup import PASSPHRASE
        from companion.store.store import Store

        rows.extend(_unlock_rows(folder, PASSPHRASE))
        store = Store.open(folder, PASSPHRASE)
        queries = ["Ana", "wei", "Sample1", "Demo", "BENCH-00", "王", "أحمد", "박", "Ольга", "Li"]
        typed = [query[:length] for query in queries for length in range(1, len(query) + 1)]
        typed = (typed * (100 // len(typed) + 1))[:100]
        store.people.search("warm")
        latencies = [_timed(partial(store.people.search, query)) * 1000 for query in typed]
        p50, p95 = _percentile(latencies, 0.5), _percentile(latencies, 0.95)
        rows.append(
            (
                "Search as you type, 100 queries",
                f"p50 {p50:.1f} ms, p95 {p95:.1f} ms",
                "target p95 <= 20 ms",
                "ok" if p95 <= 20 else "MISSED",
            )
        )
        agenda = [_timed(lambda: store.agenda.upcoming(14)) * 1000 for _ in range(RUNS)]
        count = len(store.agenda.upcoming(14))
        rows.append(
            (
                f"Agenda load, next 14 days ({count} hearings)",
                f"{statistics.median(agenda):.0f} ms",
                "",
                "",
            )
        )
        store.close()
        from bench.imports import MIB_TARGET, ROWS, SECONDS_TARGET, run_in_child

        imported = run_in_child()
        rows.append(
            (
                f"Import of {ROWS:,} spreadsheet rows (plan, backup, one transaction)",
                f"{imported['seconds']:.1f} s, peak {imported['peak_mib']:.0f} MiB",
                f"targets <= {SECONDS_TARGET:.0f} s and < {MIB_TARGET:.0f} MiB; "
                f"{imported['cpu_seconds']:.1f} s of it on the processor (the rest is waiting "
                "for it or the disk)",
                "ok"
                if imported["seconds"] <= SECONDS_TARGET and imported["peak_mib"] < MIB_TARGET
                else "MISSED",
            )
        )
        rows.append(_migration_row(Path(temporary) / "before-stable-ids"))

    try:
        from bench.packets import packet_rows

        rows.extend(packet_rows())
    except ImportError:
        pass

    width = max(len(name) for name, *_ in rows)
    table = [
        f"| {'measure'.ljust(width)} | median | target | |",
        f"|{'-' * (width + 2)}|---|---|---|",
    ]
    table += [
        f"| {name.ljust(width)} | {value} | {target} | {verdict} |"
        for name, value, target, verdict in rows
    ]
    print("\n".join(table))
    RESULTS.write_text(
        "# Benchmark results\n\n"
        f"Measured {dt.date.today().isoformat()} on {_machine()}, offscreen Qt.\n"
        f"Medians of {STARTUP_RUNS} start-ups (bare and app in turn) and of {RUNS} runs of the "
        "rest. Produced by `make bench`.\n\n" + "\n".join(table) + "\n",
        encoding="utf-8",
    )
    print(f"\nWritten to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
