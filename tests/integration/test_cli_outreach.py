"""``companion calls``, ``contact``, ``script`` and ``report`` on the demo office."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from companion.outreach.schedule import next_working_day
from tests.integration.helpers.cli_runs import run_cli as _run


def _calls(capsys: pytest.CaptureFixture[str], folder: Path, on: dt.date) -> list[dict[str, Any]]:
    code, out, err = _run(
        capsys, "calls", "--data-dir", str(folder), "--on", on.isoformat(), "--json"
    )
    assert code == 0, err
    items = json.loads(out)
    assert isinstance(items, list)
    return items


def test_calls_json_has_the_keys_and_a_contact_moves_the_person(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    items = _calls(capsys, demo_dir, today)
    assert items
    for item in items:
        assert {
            "person_id",
            "hearing_id",
            "display_name",
            "language",
            "needs_interpreter",
            "phones",
            "starts_at",
            "due_reason",
            "last_contact",
            "needs",
        } <= item.keys()
        assert item["due_reason"] in {"scheduled", "days_before", "moved", "cancelled", "retry"}
        for phone in item["phones"]:
            assert {
                "value",
                "ok_to_text",
                "ok_to_voicemail",
                "safe_hours_start",
                "safe_hours_end",
            } <= phone.keys()
    reasons = {item["due_reason"] for item in items}
    assert {"moved", "cancelled"} <= reasons
    # The demo's person who asked not to be contacted is on no list.
    assert all(item["display_name"] != "Maria Demo-Santos" for item in items)
    first = items[0]
    code, out, err = _run(
        capsys,
        "contact",
        "--data-dir",
        str(demo_dir),
        "--person",
        str(first["person_id"]),
        "--hearing",
        str(first["hearing_id"]),
        "--outcome",
        "left_voicemail",
        "--note",
        "Fictional note",
    )
    assert code == 0, err
    assert out.strip().endswith("Left voicemail.")
    key = (first["person_id"], first["hearing_id"])
    # Days are the courthouse's: the contact was made on its local day, which is not this
    # computer's date in the evening in the Americas while the computer keeps UTC.
    zone = dt.datetime.fromisoformat(first["starts_at"]).tzinfo
    contacted_on = dt.datetime.now(dt.UTC).astimezone(zone).date()
    later = {(i["person_id"], i["hearing_id"]): i for i in _calls(capsys, demo_dir, contacted_on)}
    assert key not in later
    retry = {
        (i["person_id"], i["hearing_id"]): i
        for i in _calls(capsys, demo_dir, next_working_day(contacted_on))
    }
    if key in retry:  # unless the hearing is already past by then
        assert retry[key]["last_contact"]["outcome"] == "left_voicemail"


def test_user_errors_are_one_line_and_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(demo_dir)
    for argv in (
        ("calls", "--data-dir", folder, "--on", "2026-02-30"),
        ("contact", "--data-dir", folder, "--person", "1", "--hearing", "1", "--outcome", "maybe"),
        (
            "contact",
            "--data-dir",
            folder,
            "--person",
            "999",
            "--hearing",
            "1",
            "--outcome",
            "confirmed",
        ),
        ("script", "--data-dir", folder, "--person", "1", "--hearing", "1", "--kind", "poem"),
        ("script", "--data-dir", folder, "--person", "1", "--hearing", "1", "--kind", "voicemail"),
        ("report", "--data-dir", folder, "--from", "2026-05-01", "--to", "2026-04-01"),
    ):
        code, out, err = _run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert err.count("\n") == 1 and err.startswith("companion: "), (argv, err)


def test_script_prints_the_words_in_the_persons_language(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Person 2 (Ahmad, Arabic) may take voicemails; person 1 (María, Spanish) texts.
    code, out, err = _run(
        capsys,
        "script",
        "--data-dir",
        str(demo_dir),
        "--person",
        "2",
        "--hearing",
        "2",
        "--kind",
        "voicemail",
    )
    assert code == 0, err
    assert "Riverbend Legal Aid" in out and "المحكمة" not in out and "court" not in out
    code, out, err = _run(
        capsys,
        "script",
        "--data-dir",
        str(demo_dir),
        "--person",
        "1",
        "--hearing",
        "1",
        "--kind",
        "call",
    )
    assert code == 0, err
    assert "Hola" in out and "    Hello, I am calling from" in out
    code, out, err = _run(
        capsys,
        "script",
        "--data-dir",
        str(demo_dir),
        "--person",
        "1",
        "--hearing",
        "1",
        "--kind",
        "text",
        "--lang",
        "en",
    )
    assert code == 0, err
    assert "SMS segment" in out and "Draft" not in out


def test_report_json_keys(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date.today()
    code, out, err = _run(
        capsys,
        "report",
        "--data-dir",
        str(demo_dir),
        "--from",
        (today - dt.timedelta(days=60)).isoformat(),
        "--to",
        today.isoformat(),
        "--json",
    )
    assert code == 0, err
    figures = json.loads(out)
    assert {
        "hearings",
        "attended",
        "missed",
        "unknown",
        "by_language",
        "by_contacts",
        "by_packet",
    } <= figures.keys()
    # The demo's past hearings (see companion/demo.py): 5 attended, 3 missed, 2 unknown.
    assert (figures["attended"], figures["missed"], figures["unknown"]) == (5, 3, 2)
    for group in ("by_language", "by_contacts", "by_packet"):
        for tally in figures[group].values():
            assert {"hearings", "attended", "missed"} <= tally.keys()
    assert figures["by_packet"]["yes"]["attended"] == 4
