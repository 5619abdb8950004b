"""`companion packet` and `packets` say which characters no bundled font has, and
`--strict` refuses to save such a packet."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from companion.packets.scripts import split_runs
from companion.store.store import Store
from tests.integration.helpers.cli_runs import run_cli as _run

CHEROKEE = "ᏣᎳᎩ"  # a script with no bundled font
SMILE = "\U0001f600"


def _name_first_witness(folder: Path, native_name: str) -> tuple[str, str]:
    """Give the first person of hearing 1 ``native_name``; their name and the hearing's
    day (YYYY-MM-DD)."""
    store = Store.open(folder, "demo")
    try:
        person = store.people.get(store.hearings.attendance_for(1)[0].person_id)
        store.people.update(dataclasses.replace(person, native_name=native_name))
        day = store.hearings.get(1).starts_at.date().isoformat()
        return person.display_name, day
    finally:
        store.close()


def test_packet_warns_on_one_line_naming_the_person_and_the_characters(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, _ = _name_first_witness(demo_dir, f"{CHEROKEE} {SMILE}")
    output = tmp_path / "packet.pdf"
    code, out, err = _run(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--person", "1",
        "-o", str(output),
    )  # fmt: skip
    assert code == 0, err
    assert output.is_file() and "Saved 1 packet" in out
    assert err.count("\n") == 1
    assert name in err
    for char in (*CHEROKEE, SMILE):
        assert char in err and f"U+{ord(char):04X}" in err


def test_the_warning_says_what_prints_in_their_place(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, _ = _name_first_witness(demo_dir, f"{CHEROKEE} {SMILE}")
    code, _, err = _run(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--person", "1",
        "-o", str(tmp_path / "packet.pdf"),
    )  # fmt: skip
    assert code == 0
    # The English wording, pinned ...
    assert err == (
        f"Warning: no font in Court Companion has these characters of the packet for {name}: "
        "\u13a9 (U+13A9), \u13b3 (U+13B3), \u13e3 (U+13E3), 😀 (U+1F600). They print as a "
        "mark in their place: ◌ for an emoji, � for any other character.\n"
    )
    # ... and what it says is what is drawn.
    drawn = " ".join(run.text for run in split_runs(f"{CHEROKEE} {SMILE}"))
    assert drawn.replace(" ", "") == "\ufffd\ufffd\ufffd\u25cc"


def test_strict_saves_nothing_and_exits_2(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, day = _name_first_witness(demo_dir, CHEROKEE)
    single, docket = tmp_path / "packet.pdf", tmp_path / "docket.pdf"
    code, out, err = _run(
        capsys, "packet", "--data-dir", str(demo_dir), "--hearing", "1", "--strict",
        "-o", str(single),
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and name in err and "U+13E3" in err
    assert not single.exists()
    code, out, err = _run(
        capsys, "packets", "--data-dir", str(demo_dir), "--from", day, "--to", day, "--strict",
        "-o", str(docket),
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and name in err
    assert not docket.exists()


def test_docket_warns_and_a_name_in_a_bundled_script_does_not(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, day = _name_first_witness(demo_dir, "ሰላማዊት ተስፋዬ")  # Ethiopic: bundled
    docket = tmp_path / "docket.pdf"
    code, out, err = _run(
        capsys, "packets", "--data-dir", str(demo_dir), "--from", day, "--to", day, "--strict",
        "-o", str(docket),
    )  # fmt: skip
    assert code == 0, err
    assert err == "" and docket.is_file() and "Saved" in out
    _name_first_witness(demo_dir, f"{name} {SMILE}")
    code, out, err = _run(
        capsys, "packets", "--data-dir", str(demo_dir), "--from", day, "--to", day,
        "-o", str(docket),
    )  # fmt: skip
    assert code == 0 and "Saved" in out
    assert err.count("\n") == 1 and SMILE in err
