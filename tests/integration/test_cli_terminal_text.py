"""Stored names never drive the terminal: an escape sequence, a bell, a carriage return,
a newline or a bidirectional override in a name is printed as a visible escape by
``agenda``, ``search`` and ``calls`` (and by ``packet --strict``'s refusal), and each
person stays on one line. JSON output escapes them too and still reads back the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from companion.cli.terminal_text import for_terminal, one_line
from companion.store.store import Store
from tests.integration.helpers.cli_runs import run_cli

EVIL = "Esc\x1b[31mRED\x1b[0m\x1b]0;pwned\x07 Per\u202eson\r\nZed\x85Ann"
SHOWN = "Esc\\x1b[31mRED\\x1b[0m\\x1b]0;pwned\\x07 Per\\u202eson\\x0d\\x0aZed\\u0085Ann"
RAW = ("\x1b", "\x07", "\u202e", "\r", "\x85")


def _rename_first_witness(folder: Path, name: str) -> tuple[int, str]:
    """Give the first person of hearing 1 ``name`` (as an import could); their number
    and the hearing's day."""
    store = Store.open(folder, "demo")
    try:
        person = store.people.get(store.hearings.attendance_for(1)[0].person_id)
        store.people.update(dataclasses.replace(person, given_name=name, family_name="Q"))
        day = store.hearings.get(1).starts_at.date().isoformat()
        assert person.id is not None
        return person.id, day
    finally:
        store.close()


def _assert_clean(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


def test_the_helpers_make_every_control_visible() -> None:
    assert one_line(EVIL) == SHOWN
    assert one_line("a\tb") == "a\\x09b"
    assert for_terminal("a\tb\nc\x1b\u2066d\x7f") == "a\tb\nc\\x1b\\u2066d\\u007f"
    assert for_terminal("Nguyễn Thị Lan, محمد, 王小明") == "Nguyễn Thị Lan, محمد, 王小明"


def test_agenda_prints_the_name_escaped_on_its_own_line(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename_first_witness(demo_dir, EVIL)
    code, out, err = run_cli(capsys, "agenda", "--data-dir", str(demo_dir), "--days", "3660")
    assert code == 0, err
    _assert_clean(out + err)
    [line] = [line for line in out.splitlines() if "pwned" in line]
    assert SHOWN in line and "Zed" in line


def test_search_prints_the_name_escaped_on_its_own_line(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _ = _rename_first_witness(demo_dir, EVIL)
    code, out, err = run_cli(capsys, "search", "--data-dir", str(demo_dir), "Esc")
    assert code == 0, err
    _assert_clean(out + err)
    [line] = [line for line in out.splitlines() if line.startswith(f"{number}\t")]
    assert line.split("\t")[1] == f"{SHOWN} Q"


def test_search_json_escapes_them_and_reads_back_the_same(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _ = _rename_first_witness(demo_dir, EVIL)
    code, out, err = run_cli(capsys, "search", "--data-dir", str(demo_dir), "Esc", "--json")
    assert code == 0, err
    _assert_clean(out)
    [person] = [item for item in json.loads(out) if item["id"] == number]
    assert person["display_name"] == f"{EVIL} Q"


def test_agenda_json_reads_back_the_same(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename_first_witness(demo_dir, EVIL)
    code, out, err = run_cli(
        capsys, "agenda", "--data-dir", str(demo_dir), "--days", "3660", "--json"
    )
    assert code == 0, err
    _assert_clean(out)
    names = [p["display_name"] for entry in json.loads(out) for p in entry["people"]]
    assert f"{EVIL} Q" in names


def test_calls_print_the_name_escaped(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number, _ = _rename_first_witness(demo_dir, EVIL)
    store = Store.open(demo_dir, "demo")
    try:
        today = dt.date.today()
        days = [today + dt.timedelta(days=n) for n in range(-7, 60)]
        due = [day for day in days if any(i.person_id == number for i in store.outreach.calls(day))]
    finally:
        store.close()
    assert due, "the demo office has a call due for the first witness of hearing 1"
    code, out, err = run_cli(
        capsys, "calls", "--data-dir", str(demo_dir), "--on", due[0].isoformat()
    )
    assert code == 0, err
    _assert_clean(out + err)
    [line] = [line for line in out.splitlines() if f"person #{number} " in line]
    assert f"{SHOWN} Q" in line


def test_the_strict_refusal_is_one_escaped_line(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _ = _rename_first_witness(demo_dir, EVIL + " \U0001f600")
    code, out, err = run_cli(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--person", str(number),
        "--strict", "-o", str(tmp_path / "packet.pdf"),
    )  # fmt: skip
    assert (code, out) == (2, "")
    _assert_clean(err)
    assert err.count("\n") == 1 and "\\x1b" in err
