"""`make mutation`: mutation testing with mutmut, one module at a time; writes bench/MUTATION.md.

Too slow for every CI run (see the timings in bench/MUTATION.md): run it on demand and
before each release. Each module is mutated in its own working copy under
``build/mutation/<module>`` (mutmut reads its settings from the pyproject.toml of the folder
it runs in), against only the fast unit tests that exercise it, so one module takes
minutes, not hours. Every run starts afresh (mutmut's cache does not notice changed tests).

    python -m bench.mutation                      # every module, then write MUTATION.md
    python -m bench.mutation packets/datefmt      # one module (others keep their last result)
    python -m bench.mutation --report             # rewrite MUTATION.md from the last results
    python -m bench.mutation --survivors store/search   # rerun only the last run's survivors

``--survivors`` keeps the module's mutants and results, copies in the current tests and
every module it does not mutate, and reruns only the mutants that survived (or were not
run) last time: the quick way to check that new tests kill them. It refuses when a
mutated module's code changed since the full run (run that module in full again).
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
REPORT = Path(__file__).with_name("MUTATION.md")
NOTES = Path(__file__).with_name("mutation_notes.md")
#: Two workers: the office laptops and CI have two cores.
WORKERS = 2
TIMEOUT_MULTIPLIER = 60.0


@dataclass(frozen=True)
class Target:
    """One module to mutate and the fast unit tests that are expected to kill its mutants."""

    name: str
    #: The files mutated and counted together as this module.
    sources: tuple[str, ...]
    tests: tuple[str, ...]
    #: The five modules issue 21 holds to >= 85 % killed.
    gated: bool = False


TARGETS = (
    Target(
        "packets/datefmt",
        ("companion/packets/datefmt.py",),
        ("tests/unit/test_packet_datefmt.py",),
        gated=True,
    ),
    Target(
        "domain/validation",
        ("companion/domain/validation.py",),
        ("tests/unit/test_domain_validation.py", "tests/unit/test_validation_rules.py"),
        gated=True,
    ),
    Target(
        "store/agenda",
        ("companion/store/agenda.py",),
        ("tests/unit/test_agenda.py",),
        gated=True,
    ),
    Target(
        "store/backups",
        # Since issue 14 the backup code is split; restoring (and its check of the unpacked
        # backup) is in restore.py. backup_manifest.py and restore_swap.py are not counted.
        ("companion/store/backups.py", "companion/store/restore.py"),
        (
            "tests/unit/test_backups.py",
            "tests/unit/test_backup_corruption.py",
            "tests/unit/test_restore.py",
            "tests/unit/test_backup_writing.py",
            # The consent and key-file rules of restore.py (``_keep_todays_key_file``, the
            # ``allow_other_*`` and ``current_secret`` arguments) are tested here.
            "tests/unit/test_restore_consent.py",
        ),
        gated=True,
    ),
    Target(
        "store/search",
        ("companion/store/search.py",),
        ("tests/unit/test_search.py", "tests/unit/test_search_spellings.py"),
        gated=True,
    ),
    Target(
        "i18n/formatting",
        ("companion/i18n/formatting.py",),
        ("tests/unit/test_formatting.py", "tests/unit/test_packet_datefmt.py"),
    ),
    Target(
        "packets/calendar",
        ("companion/packets/calendar.py",),
        ("tests/unit/test_calendar.py",),
    ),
    Target(
        "packets/content",
        ("companion/packets/content.py",),
        ("tests/unit/test_packet_render.py",),
    ),
)

#: mutmut's result names, grouped as MUTATION.md reports them.
KILLED = {"killed", "caught by type check"}
SURVIVED = {"survived", "no tests"}
TIMED_OUT = {"timeout"}
NOT_RUN = {"not checked"}


def _slug(target: Target) -> str:
    return target.name.replace("/", "-")


def _mutmut_settings(target: Target) -> str:
    tests = [test for test in target.tests if (ROOT / test).exists()]
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["companion"]',
        f"only_mutate = {json.dumps(list(target.sources))}",
        'also_copy = ["resources", "translations"]',
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-q"]',
        # mutmut stops a mutant's tests after (their usual time + 1 s) x this many seconds.
        # Its default (15) turns slow runs on a busy machine into false "timeouts"; a real
        # hang costs a few minutes more to notice, and these modules have few loops to hang.
        f"timeout_multiplier = {TIMEOUT_MULTIPLIER}",
        "",
    ]
    return "\n".join(lines)


def _prepare(target: Target) -> Path:
    """A fresh working copy of the project for one target."""
    folder = WORK / _slug(target)
    shutil.rmtree(folder / "mutants", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in ("companion", "tests", "resources", "translations"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(ROOT / name, folder / name, ignore=ignore)
    _write_settings(target, folder)
    return folder


def _write_settings(target: Target, folder: Path) -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(text + _mutmut_settings(target), encoding="utf-8")


@contextlib.contextmanager
def _test_temporary_folder() -> Iterator[Path]:
    """A private (0700) folder for the tests' temporary files, in memory (``/dev/shm``)
    where there is one: the backup tests make, copy and fsync many stores. The tests'
    data is fictional; the folder is removed afterwards."""
    memory = Path("/dev/shm")
    base = memory if memory.is_dir() and os.access(memory, os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="cc-mutation-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _environment(temporary: Path | None = None) -> dict[str, str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if temporary is not None:
        environment["TMPDIR"] = str(temporary)
    return environment


def _mutmut(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.run(
        [str(mutmut), *args],
        cwd=folder,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
    )


def _statuses(folder: Path) -> dict[str, str]:
    """Each mutant's name and result, from ``mutmut results --all true``."""
    listing = _mutmut(folder, "results", "--all", "true")
    found = {}
    for line in listing.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name and status:
            found[name] = status
    return found


def _run_mutmut(folder: Path, names: list[str], minutes: float | None) -> float:
    """``mutmut run`` (only ``names``, if given) in ``folder``; returns the seconds taken."""
    started = time.monotonic()
    mutmut = Path(sys.executable).with_name("mutmut")
    with (
        _test_temporary_folder() as temporary,
        open(folder / "run.log", "w", encoding="utf-8") as log,
    ):
        process = subprocess.Popen(
            [str(mutmut), "run", f"--max-children={WORKERS}", *names],
            cwd=folder,
            env=_environment(temporary),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(timeout=None if minutes is None else minutes * 60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    return time.monotonic() - started


def run(target: Target, minutes: float | None = None, only: list[str] | None = None) -> None:
    """Mutate one module; with ``minutes``, stop after that long and report what was run;
    with ``only``, run only the mutants whose names match these shell patterns (e.g.
    ``companion.store.backups.x_inspect_backup__*``); the others are reported not run."""
    folder = _prepare(target)
    seconds = _run_mutmut(folder, only or [], minutes)
    _save_summary(target, folder, seconds, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))


def rerun_survivors(
    target: Target, minutes: float | None = None, only: list[str] | None = None
) -> None:
    """Run the current tests against only the mutants that survived, timed out or were
    not run in the last run (with ``only``, those whose names match one of these shell
    patterns)."""
    folder = WORK / _slug(target)
    # Not run: e.g. timeouts that mutmut forgot when the timeout setting changed.
    names = _survivors(target) + _timed_out(target) + _with_status(target, NOT_RUN)
    if only:
        names = [name for name in names if any(fnmatch.fnmatch(name, p) for p in only)]
    if not names:
        print(f"{target.name}: no survivors to rerun", flush=True)
        return
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    _refresh_all_but_the_mutated(target, folder)
    _write_settings(target, folder)
    seconds = _run_mutmut(folder, names, minutes)
    now = time.strftime("%H:%M UTC", time.gmtime())
    ran_at = f"{summary['ran_at'].split(' (')[0]} ({len(names)} survivors rerun {now})"
    _save_summary(
        target, folder, summary["seconds"] + seconds, ran_at, keep=summary["statuses"], rerun=names
    )


def _refresh_all_but_the_mutated(target: Target, folder: Path) -> None:
    """The current tests, catalogs and every module that is not mutated, copied into the
    working copy (mutmut copies unmutated modules into its mutants folder at each run).
    The mutated files stay as they were, so the mutants and their results stay valid:
    their code must not have changed since the full run."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in ("tests", "resources", "translations"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(ROOT / name, folder / name, ignore=ignore)
    mutated = set(target.sources)
    for source in sorted((ROOT / "companion").rglob("*.py")):
        relative = source.relative_to(ROOT).as_posix()
        if relative in mutated:
            if source.read_bytes() != (folder / relative).read_bytes():
                raise SystemExit(
                    f"{relative} changed since the full run of {target.name}: run it again"
                )
            continue
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, folder / relative)


def _save_summary(
    target: Target,
    folder: Path,
    seconds: float,
    ran_at: str,
    keep: dict[str, str] | None = None,
    rerun: list[str] | None = None,
) -> None:
    """Write the module's results. After a survivors rerun (``keep`` and ``rerun``), only the
    rerun mutants take their new result: mutmut may reset the others' results when the
    tests change, and a mutant killed before stays killed by tests that only grew."""
    statuses = _statuses(folder)
    if keep is not None and rerun is not None:
        statuses = dict(keep) | {name: statuses.get(name, keep[name]) for name in rerun}
    summary = {
        "module": target.name,
        "sources": list(target.sources),
        "seconds": round(seconds),
        "tests": [test for test in target.tests if (ROOT / test).exists()],
        "statuses": statuses,
        "ran_at": ran_at,
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    counts = Counter(statuses.values())
    print(f"{target.name}: {dict(counts)} in {seconds:.0f} s", flush=True)


def _row(target: Target) -> str | None:
    summary_file = WORK / _slug(target) / "summary.json"
    if not summary_file.exists():
        return None
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    counts = Counter(summary["statuses"].values())
    killed = sum(counts[s] for s in KILLED)
    survived = sum(counts[s] for s in SURVIVED)
    timed_out = sum(counts[s] for s in TIMED_OUT)
    not_run = sum(counts[s] for s in NOT_RUN)
    total = sum(counts.values())
    other = total - killed - survived - timed_out - not_run
    run_count = total - not_run
    # Only killed mutants count: on a busy machine a "timeout" is as often a slow run of an
    # equivalent mutant as a real hang (``--survivors`` reruns both survivors and timeouts).
    score = 100 * killed / run_count if run_count else 0.0
    verdict = ""
    if target.gated:
        verdict = "meets 85 %" if score >= 85 else "**below 85 %**"
        if not_run:
            verdict += " (of those run)"
    return (
        f"| {target.name} | {total} | {killed} | {survived} | {timed_out} | {other} "
        f"| {not_run} | {score:.0f} % | {verdict} | {summary['seconds']} s | {summary['ran_at']} |"
    )


def _with_status(target: Target, wanted: set[str]) -> list[str]:
    summary_file = WORK / _slug(target) / "summary.json"
    if not summary_file.exists():
        return []
    statuses: dict[str, str] = json.loads(summary_file.read_text(encoding="utf-8"))["statuses"]
    return sorted(name for name, status in statuses.items() if status in wanted)


def _survivors(target: Target) -> list[str]:
    return _with_status(target, SURVIVED)


def _timed_out(target: Target) -> list[str]:
    return _with_status(target, TIMED_OUT)


def write_report() -> None:
    lines = [
        "# Mutation testing",
        "",
        "Produced by `make mutation` (mutmut, one module at a time, 2 workers, each module",
        "against the fast unit tests named below). Runs on demand and before each release,",
        "not in CI. A mutant is *killed* when a test fails with it; *timed out* when its tests",
        f"ran {TIMEOUT_MULTIPLIER:.0f} times longer than usual (a hang, or a slow run on a busy "
        "machine:",
        "not counted as killed); *other* when mutmut could not run it (e.g. a mutant that",
        "breaks import); *not run* when a time-limited run stopped first, or the run was",
        "limited to some functions (`--only`).",
        "Score = killed / mutants run.",
        "",
        "| module | mutants | killed | survived | timed out | other | not run | score | target "
        "| time | run at |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for target in TARGETS:
        row = _row(target)
        lines.append(row or f"| {target.name} | not run yet | | | | | | | | | |")
    lines += ["", "## Files mutated and tests used per module", ""]
    for target in TARGETS:
        sources = " + ".join(f"`{source}`" for source in target.sources)
        tests = ", ".join(f"`{test}`" for test in target.tests)
        lines.append(f"- {target.name} ({sources}): {tests}")
    lines += ["", "## Survivors and timeouts in the five gated modules", ""]
    for target in TARGETS:
        if not target.gated:
            continue
        names = _survivors(target) + [f"{name} (timeout)" for name in _timed_out(target)]
        lines.append(f"- {target.name}: " + (", ".join(f"`{n}`" for n in names) or "none"))
    if NOTES.exists():
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="e.g. packets/datefmt (default: all)")
    parser.add_argument("--report", action="store_true", help="only rewrite MUTATION.md")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="rerun only the last run's survivors and timeouts, with the current tests",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PATTERN",
        help="only the mutants whose names match this pattern (repeatable)",
    )
    parser.add_argument(
        "--minutes", type=float, help="stop each module after this long (partial result)"
    )
    options = parser.parse_args()
    known = {target.name: target for target in TARGETS}
    unknown = [name for name in options.modules if name not in known]
    if unknown:
        parser.error("unknown module: " + ", ".join(unknown))
    if not options.report:
        for target in TARGETS:
            if not options.modules or target.name in options.modules:
                if options.survivors:
                    rerun_survivors(target, options.minutes, options.only)
                else:
                    run(target, options.minutes, options.only)
    write_report()


if __name__ == "__main__":
    main()
