"""The reminder letter, the letter to the employer and the court-day sheet (issue 17)."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.units import inch, mm

from companion.cli.main import main
from companion.domain.models import Role
from companion.outreach.model import HearingNeed, NeedKind, NeedStatus
from companion.packets.court_day import render_court_day
from companion.packets.envelope import Box, window_layout
from companion.packets.hearing_needs import needs_for
from companion.packets.letters import render_employer_letter, render_reminder_letter
from companion.packets.paper import PaperSize
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.unit.letters_store import add_hearing

NOW = dt.datetime(2027, 2, 20, 15, 0, tzinfo=dt.UTC)
#: Words that must never show through the envelope's window, in English and Spanish.
COURT_WORDS = ("court", "tribunal", "corte", "juzgado", "immigration", "inmigración", "juicio")


def _words(pdf: bytes, page: int = 0) -> list[dict[str, object]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return list(document.pages[page].extract_words(extra_attrs=["size"]))


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _inside(word: dict[str, object], box: Box) -> bool:
    x0, x1, top, bottom = (float(word[k]) for k in ("x0", "x1", "top", "bottom"))  # type: ignore[arg-type]
    return box.left <= x0 and x1 <= box.right and box.top <= top and bottom <= box.bottom


# Each window as the standards give it, seen from the sheet's top-left corner (computed
# here, not by the module). #10: the sheet's fold rests on the envelope's bottom, and the
# sheet can slide up (the window then lies lower on it). DL: the sheet's top against the
# envelope's top, and the sheet can slide down (the window then lies higher on it).
US_WINDOW_SETTLED = Box(0.875 * inch, (11 / 3 - 0.5 - 1.125) * inch, 4.5 * inch, 1.125 * inch)
US_SLIDE_UP = (4.125 - 11 / 3) * inch
US_SLIDE_SIDE = 1.0 * inch
DL_WINDOW_TOP = Box(20 * mm, (110 - 15 - 45) * mm, 90 * mm, 45 * mm)
DL_SLIDE = 5 * mm
DL_SLIDE_SIDE = 10 * mm


def _positions(
    settled: Box, slide: float, slide_side: float, *, window_moves_down: bool
) -> list[Box]:
    """The window on the sheet for each corner of the sheet's play in the envelope:
    ``settled`` is where it is with the sheet at one end; sliding moves it by ``slide``."""
    boxes = []
    for vertical in (0.0, slide):
        for side in (0.0, slide_side):
            top = settled.top + vertical if window_moves_down else settled.top - vertical
            boxes.append(Box(settled.left - side, top, settled.width, settled.height))
    return boxes


@pytest.mark.parametrize(
    ("paper", "positions"),
    [
        (
            PaperSize.LETTER,
            _positions(US_WINDOW_SETTLED, US_SLIDE_UP, US_SLIDE_SIDE, window_moves_down=True),
        ),
        (PaperSize.A4, _positions(DL_WINDOW_TOP, DL_SLIDE, DL_SLIDE_SIDE, window_moves_down=False)),
    ],
)
def test_the_address_shows_through_the_window_wherever_the_sheet_slides(
    paper: PaperSize, positions: list[Box]
) -> None:
    layout = window_layout(paper)
    for window in positions:
        assert window.contains(layout.recipient), (paper, window)
        assert window.contains(layout.visible), (paper, window)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_reminder_letter_prints_the_address_in_the_window_and_no_court_word_there(
    store: Store, paper: str
) -> None:
    placed = add_hearing(store, language="es")
    office = store.organisation.get()
    office.paper = paper
    store.organisation.save(office)
    pdf = render_reminder_letter(store, placed.person_id, placed.hearing_id, now=NOW)
    words = _words(pdf)
    layout = window_layout(PaperSize(paper))
    in_window = [str(w["text"]) for w in words if _inside(w, layout.visible)]
    for expected in ("Ana", "Sample", "Example", "Lane,", "Testville,", "10000"):
        assert expected in in_window
    first_panel = [str(w["text"]).casefold() for w in words if float(w["top"]) < layout.folds[0]]  # type: ignore[arg-type]
    assert "lakeside" in first_panel
    for word in first_panel:
        assert not any(court in word for court in COURT_WORDS), word
    # Below the fold, in Spanish: the date in large type and the courthouse.
    date_words = [w for w in words if w["text"] in ("jueves,", "marzo")]
    assert date_words and min(float(w["size"]) for w in date_words) >= 20  # type: ignore[arg-type]
    text = _text(pdf)
    assert "Sample County Courthouse" in text and "9:30" in text


def test_reminder_letter_in_arabic_renders(store: Store) -> None:
    placed = add_hearing(store, language="ar")
    text = _text(render_reminder_letter(store, placed.person_id, placed.hearing_id, now=NOW))
    assert "2027" in text and "12 Example Lane" in text


@pytest.mark.parametrize(
    ("jurisdiction", "role", "law", "as_who"),
    [
        ("US-NY", Role.WITNESS, "Penal Law §215.14", "as a subpoenaed witness"),
        ("US-NY", Role.VICTIM, "Penal Law §215.14", "as a crime victim"),
        ("US-CT", Role.WITNESS, "C.G.S. §54-85b", "as a subpoenaed witness"),
        ("US-CT", Role.BOTH, "C.G.S. §54-85b", "as a crime victim"),
        ("US-OR", Role.WITNESS, "ORS 659A.230", "as a subpoenaed witness"),
        ("US-OR", Role.VICTIM, "ORS 659A.190–.198", "as a crime victim"),
    ],
)
def test_employer_letter_cites_the_states_law_for_the_role(
    store: Store, jurisdiction: str, role: Role, law: str, as_who: str
) -> None:
    placed = add_hearing(store, jurisdiction=jurisdiction, role=role)
    text = " ".join(
        _text(render_employer_letter(store, placed.person_id, placed.hearing_id, now=NOW)).split()
    )
    assert law in text
    assert as_who in text
    assert "may not punish an employee" in text
    assert "Thursday, March 4, 2027" in text and "9:30" in text
    assert "Ana Sample is required to attend court as a witness" in text
    assert "pay" not in text.casefold()


@pytest.mark.parametrize(
    ("jurisdiction", "role"),
    [("US-WA", Role.WITNESS), ("US-IL", Role.WITNESS), ("US-TX", Role.VICTIM)],
)
def test_employer_letter_cites_no_law_where_none_protects_the_role(
    store: Store, jurisdiction: str, role: Role
) -> None:
    placed = add_hearing(store, jurisdiction=jurisdiction, role=role, must_testify=False)
    text = " ".join(
        _text(render_employer_letter(store, placed.person_id, placed.hearing_id, now=NOW)).split()
    )
    for cited in ("RCW", "ILCS", "Penal Law", "may not punish", "law"):
        assert cited not in text
    assert "Ana Sample is asked to attend court" in text
    assert "pay" not in text.casefold()


def test_court_day_sheet_lists_each_courtroom_with_people_and_needs(store: Store) -> None:
    add_hearing(store, courtroom="4B", interpreter=True, language="es", at=dt.time(9, 30))
    add_hearing(store, courtroom="7", language="vi", at=dt.time(13, 0))
    add_hearing(store, courtroom="9", day=dt.date(2027, 3, 5))
    text = _text(render_court_day(store, dt.date(2027, 3, 4), now=NOW))
    assert "Court day: Thursday, March 4, 2027" in text
    assert "Courtroom 4B" in text and "Courtroom 7" in text and "Courtroom 9" not in text
    assert "Interpreter: Spanish" in text
    assert "Vietnamese" in text
    assert text.count("Ana Sample") == 2
    assert "+1 212-555-0142" in text
    assert "9:30 AM" in text and "1:00 PM" in text


# ------------------------------------------------------------------ command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argument errors leave through argparse
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", TEST_PASSPHRASE)


@pytest.mark.parametrize("command", ["letter", "employer-letter"])
def test_letter_commands_write_a_private_pdf_and_record_it(
    store: Store,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    passphrase: None,
    command: str,
) -> None:
    placed = add_hearing(store)
    target = tmp_path / "out.pdf"
    code, out, err = _run(
        capsys, command, "--data-dir", str(data_dir), "--person", str(placed.person_id),
        "--hearing", str(placed.hearing_id), "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert str(target) in out
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    kinds = [entry.kind for entry in store.people.history(placed.person_id)]
    assert kinds[-1] in ("letter_saved", "employer_letter_saved")


def test_court_day_command_writes_the_sheet(
    store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    passphrase: None,
) -> None:  # fmt: skip
    add_hearing(store)
    target = tmp_path / "day.pdf"
    code, _out, err = _run(
        capsys, "court-day", "--data-dir", str(data_dir), "--on", "2027-03-04", "-o", str(target)
    )
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Ana Sample" in _text(target.read_bytes())


@pytest.mark.parametrize(
    "case",
    ["stranger", "no_postal", "bad_hearing", "bad_date", "bad_number"],
)
def test_bad_input_is_one_line_and_exit_2(
    store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    passphrase: None, case: str,
) -> None:  # fmt: skip
    placed = add_hearing(store)
    other = add_hearing(store, postal="")
    target = tmp_path / "x.pdf"
    base = ["--data-dir", str(data_dir), "-o", str(target)]
    argv = {
        "stranger": ["letter", *base, "--person", str(other.person_id),
                     "--hearing", str(placed.hearing_id)],
        "no_postal": ["letter", *base, "--person", str(other.person_id),
                      "--hearing", str(other.hearing_id)],
        "bad_hearing": ["employer-letter", *base, "--person", str(placed.person_id),
                        "--hearing", "999"],
        "bad_date": ["court-day", *base, "--on", "2027-02-30"],
        "bad_number": ["letter", *base, "--person", "abc", "--hearing", "1"],
    }[case]  # fmt: skip
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not target.exists()
    if case == "no_postal":
        assert "postal address" in err


def test_court_day_sheet_lists_the_needs_recorded_for_the_hearing(store: Store) -> None:
    """The needs per hearing come from the store: open ones first, arranged ones marked;
    a need of another hearing, or one taken off, is not printed."""
    placed = add_hearing(store, courtroom="4B", interpreter=True, language="vi")
    other = add_hearing(store, courtroom="7", day=dt.date(2027, 3, 5))
    for kind, status in (
        (NeedKind.ESCORT, NeedStatus.MET),
        (NeedKind.CHILDCARE, NeedStatus.OPEN),
        (NeedKind.TRANSPORT, NeedStatus.OPEN),
    ):
        store.outreach.set_need(HearingNeed(placed.person_id, placed.hearing_id, kind, status))
    store.outreach.remove_need(placed.person_id, placed.hearing_id, NeedKind.TRANSPORT)
    store.outreach.set_need(HearingNeed(other.person_id, other.hearing_id, NeedKind.ACCESSIBILITY))

    person = store.people.get(placed.person_id)
    lines = needs_for(store, placed.hearing_id, person)
    assert [(line.kind, line.detail, line.met) for line in lines] == [
        ("interpreter", "Vietnamese", False),  # from the person's record: none recorded
        ("childcare", "", False),
        ("escort", "", True),
    ]
    text = " ".join(_text(render_court_day(store, dt.date(2027, 3, 4), now=NOW)).split())
    # The needs column wraps beside the phone: "Interpreter: <phone> Vietnamese; ..."
    assert "Vietnamese; Childcare; Safety plan: escort (arranged)" in text
    assert "Transport" not in text and "Accessibility" not in text


def test_an_interpreter_need_names_its_own_language(store: Store) -> None:
    placed = add_hearing(store, interpreter=True, language="es")
    store.outreach.set_need(
        HearingNeed(placed.person_id, placed.hearing_id, NeedKind.INTERPRETER, language="ht")
    )
    lines = needs_for(store, placed.hearing_id, store.people.get(placed.person_id))
    assert [(line.kind, line.detail) for line in lines] == [("interpreter", "Haitian Creole")]
