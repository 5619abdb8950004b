"""The Reports tab: the attendance record's figures and charts from a generated store whose
outcomes are known, its CSV export, and the outcomes list driven with the keyboard."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import stat
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.domain.models import (
    Attendance,
    AttendanceStatus,
    Case,
    Courthouse,
    Hearing,
    HearingStatus,
    HearingType,
    Person,
)
from companion.domain.validation import local_datetime
from companion.outreach.model import ContactOutcome, HearingNeed, NeedKind, NeedStatus
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.records.dialogs.attendance_dialog import AttendanceDialog
from companion.ui.reports.outcomes_view import OutcomesView
from companion.ui.reports.report_charts import BreakdownChart
from companion.ui.reports.report_view import AttendanceReportView
from companion.ui.reports.reports_feature import ReportsFeature
from companion.ui.shell.main_window import MainWindow
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

ZONE = "America/New_York"
TODAY = dt.date.today()
#: The period the report is asked for: 60 to 5 days ago.
FIRST = TODAY - dt.timedelta(days=60)
LAST = TODAY - dt.timedelta(days=5)


@dataclass(frozen=True)
class Planned:
    """One person at one past hearing, as the generator made them."""

    language: str
    testify: bool
    outcome: AttendanceStatus
    contacts_before: int
    contacts_after: int
    packet: bool
    needs: str  # "none", "all_met", "some_open"
    days_ago: int
    cancelled: bool


def _plan(seed: int, count: int) -> list[Planned]:
    rng = random.Random(seed)
    plan = []
    for _ in range(count):
        plan.append(
            Planned(
                language=rng.choice(["es", "ar", "zh-Hans", "vi"]),
                testify=rng.random() < 0.85,
                outcome=rng.choice(
                    [AttendanceStatus.ATTENDED] * 3
                    + [AttendanceStatus.MISSED, AttendanceStatus.UNKNOWN]
                ),
                contacts_before=rng.randint(0, 4),
                contacts_after=rng.randint(0, 1),
                packet=rng.random() < 0.5,
                needs=rng.choice(["none", "all_met", "some_open"]),
                # Some inside the period, some before it, some after it.
                days_ago=rng.choice([70, 55, 40, 30, 20, 8, 6, 3]),
                cancelled=rng.random() < 0.1,
            )
        )
    return plan


def _build(store: Store, plan: list[Planned]) -> None:
    courthouse = store.courthouses.add(
        Courthouse("Fictional Report Hall", "4 Sample Road, Testville", ZONE, "US-NY")
    )
    assert courthouse.id is not None
    for number, planned in enumerate(plan):
        person = store.people.add(
            Person(f"Person{number}", "Test-Report", language=planned.language)
        )
        assert person.id is not None
        case = store.cases.add(Case(f"RPT-{number}", "Test Court", person_ids=[person.id]))
        assert case.id is not None
        day = TODAY - dt.timedelta(days=planned.days_ago)
        starts = local_datetime(day, dt.time(10, 0), ZONE)
        hearing = store.hearings.add(
            Hearing(case.id, courthouse.id, starts, HearingType.TRIAL, courtroom="3"),
            [Attendance(person.id, 0, must_testify=planned.testify)],
        )
        assert hearing.id is not None
        for call in range(planned.contacts_before):
            store.outreach.log_contact(
                person.id,
                hearing.id,
                ContactOutcome.NO_ANSWER,
                at=starts - dt.timedelta(days=call + 1),
            )
        for _call in range(planned.contacts_after):
            store.outreach.log_contact(
                person.id, hearing.id, ContactOutcome.NO_ANSWER, at=starts + dt.timedelta(hours=2)
            )
        if planned.packet:
            store.people.record_history(person.id, "packet_printed", hearing.id)
        if planned.needs != "none":
            store.outreach.set_need(
                HearingNeed(person.id, hearing.id, NeedKind.TRANSPORT, NeedStatus.MET)
            )
            if planned.needs == "some_open":
                store.outreach.set_need(HearingNeed(person.id, hearing.id, NeedKind.CHILDCARE))
        if planned.outcome is not AttendanceStatus.UNKNOWN:
            (entry,) = store.hearings.attendance_for(hearing.id)
            entry.status = planned.outcome
            entry.reason = "Test reason" if planned.outcome is AttendanceStatus.MISSED else ""
            store.hearings.set_attendance(entry)
        if planned.cancelled:
            store.hearings.set_status(hearing.id, HearingStatus.CANCELLED)


Figures = dict[str, list[int]]  # group -> [people, attended, missed]


def _expected(plan: list[Planned]) -> dict[str, Figures]:
    """The figures worked out from the plan alone."""
    groups: dict[str, Figures] = {
        name: defaultdict(lambda: [0, 0, 0]) for name in ("language", "contacts", "packet", "needs")
    }
    for planned in plan:
        day = TODAY - dt.timedelta(days=planned.days_ago)
        if not planned.testify or planned.cancelled or not FIRST <= day <= LAST:
            continue
        keys = {
            "language": planned.language,
            "contacts": str(planned.contacts_before) if planned.contacts_before < 3 else "3+",
            "packet": "yes" if planned.packet else "no",
            "needs": planned.needs,
        }
        for name, key in keys.items():
            figures = groups[name][key]
            figures[0] += 1
            figures[1] += planned.outcome is AttendanceStatus.ATTENDED
            figures[2] += planned.outcome is AttendanceStatus.MISSED
    return {name: dict(figures) for name, figures in groups.items()}


def _bars(chart: BreakdownChart) -> list[tuple[int, int, int]]:
    """The chart's series, top bar first: (attended, missed, not yet known)."""
    count = chart.attended.count()
    assert chart.missed.count() == chart.unknown.count() == count
    return [
        (round(chart.attended.at(i)), round(chart.missed.at(i)), round(chart.unknown.at(i)))
        for i in reversed(range(count))
    ]


@pytest.fixture
def generated(store: Store) -> list[Planned]:
    plan = _plan(seed=1717, count=36)
    _build(store, plan)
    return plan


def _view(qtbot, store: Store) -> AttendanceReportView:
    view = AttendanceReportView(store, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _type_period(qtbot, view: AttendanceReportView, first: dt.date, last: dt.date) -> None:
    """Type both days as a person would (US order in English) and press Enter."""
    for field, day in ((view.first_day, first), (view.last_day, last)):
        field.line_edit.setFocus()
        field.line_edit.selectAll()
        qtbot.keyClicks(field.line_edit, f"{day.month}/{day.day}/{day.year}")
    qtbot.keyClick(view.last_day.line_edit, Qt.Key.Key_Return)


def test_the_charts_hold_the_figures_of_the_generated_store(
    qtbot, store: Store, generated: list[Planned]
) -> None:
    expected = _expected(generated)
    view = _view(qtbot, store)
    _type_period(qtbot, view, FIRST, LAST)
    assert view.report is not None and (view.report.start, view.report.end) == (FIRST, LAST)

    people = sum(figures[0] for figures in expected["packet"].values())
    attended = sum(figures[1] for figures in expected["packet"].values())
    missed = sum(figures[2] for figures in expected["packet"].values())
    assert people > 10 and attended and missed, "the plan covers every case"
    assert view.outcomes_total.text() == (
        f"People who had to testify: {people}. Attended: {attended}. Missed: {missed}. "
        f"Not yet known: {people - attended - missed}."
    )
    assert (
        view.rate_total.text() == f"Attendance rate: {round(100 * attended / (attended + missed))}%"
    )

    orders = {
        "contacts": ["0", "1", "2", "3+"],
        "packet": ["yes", "no"],
        "needs": ["none", "all_met", "some_open"],
    }
    for name, order in orders.items():
        wanted = [expected[name][key] for key in order if key in expected[name]]
        assert _bars(view.charts()[name]) == [(a, m, p - a - m) for p, a, m in wanted], name
    # Languages: most people first, each bar with its own figures.
    language_bars = _bars(view.by_language)
    by_size = sorted(expected["language"].values(), key=lambda figures: -figures[0])
    assert [sum(bar) for bar in language_bars] == [figures[0] for figures in by_size]
    assert sorted(language_bars) == sorted(
        (a, m, p - a - m) for p, a, m in expected["language"].values()
    )
    # Each bar's label carries its rate.
    spanish = expected["language"]["es"]
    label = next(text for text in view.by_language.categories.categories() if "Spanish" in text)
    known = spanish[1] + spanish[2]
    assert label == f"Spanish: {round(100 * spanish[1] / known)}%" if known else "Spanish: –"


def test_a_wrong_period_is_refused_and_the_last_figures_stay(
    qtbot, store: Store, generated: list[Planned]
) -> None:
    view = _view(qtbot, store)
    _type_period(qtbot, view, FIRST, LAST)
    shown = _bars(view.by_packet)
    _type_period(qtbot, view, LAST, FIRST)
    assert "the last day comes before the first day" in view.message.text()
    assert _bars(view.by_packet) == shown
    view.last_day.line_edit.selectAll()
    qtbot.keyClicks(view.last_day.line_edit, "not a day")
    qtbot.keyClick(view.last_day.line_edit, Qt.Key.Key_Enter)
    assert view.message.text()
    assert view.report is not None and view.report.start == FIRST


def test_tab_goes_from_the_days_to_the_buttons(qtbot, store: Store) -> None:
    view = _view(qtbot, store)
    view.activateWindow()
    view.first_day.line_edit.setFocus()
    qtbot.waitUntil(view.first_day.line_edit.hasFocus)
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    # The calendar buttons are no Tab stops (Alt+Down or F4 in the day opens the calendar).
    assert order == [view.last_day.line_edit, view.show_button, view.export_button]


def test_the_export_is_private_formula_safe_and_has_no_names(
    qtbot, tmp_path: Path, store: Store, generated: list[Planned]
) -> None:
    expected = _expected(generated)
    view = _view(qtbot, store)
    _type_period(qtbot, view, FIRST, LAST)
    path = tmp_path / "attendance.csv"
    result = view.export_to(path)
    assert result is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_bytes().decode("utf-8-sig")
    assert "Person" not in text and "Test-Report" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert result.rows == len(rows)
    by_key = {(row["breakdown"], row["group"]): row for row in rows}
    for breakdown, name in (("contacts", "contacts"), ("needs", "needs"), ("language", "language")):
        for key, (people, attended, missed) in expected[name].items():
            row = by_key[(breakdown, key)]
            assert (row["from"], row["to"]) == (FIRST.isoformat(), LAST.isoformat())
            assert [
                int(row[c]) for c in ("appearances", "attended", "missed", "not_yet_known")
            ] == [
                people,
                attended,
                missed,
                people - attended - missed,
            ]
            known = attended + missed
            assert row["attendance_rate"] == (f"{attended / known:.4f}" if known else "")
    audit = store.audit.entries(AuditAction.EXPORTED)
    assert audit and audit[0].record_kind == "attendance_report"


def test_a_formula_like_group_is_written_as_text(tmp_path: Path, store: Store) -> None:
    from companion.exchange.attendance_csv import export_attendance_report
    from companion.store.attendance_report import AttendanceReport, Tally

    report = AttendanceReport(FIRST, LAST, 1, 1, 1, 0, 0)
    report.by_language['=HYPERLINK("x")'] = Tally(1, 1, 0)
    path = tmp_path / "figures.csv"
    export_attendance_report(store, report, path)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[2][3] == '\'=HYPERLINK("x")'


# --- the outcomes list ------------------------------------------------------------------------


def _past(store: Store, names: list[str], days_ago: int = 2) -> list[tuple[int, int]]:
    """People each at their own hearing ``days_ago`` days ago, outcome unknown; newest first
    is the list's order, so the first name gets the latest hearing."""
    courthouse = store.courthouses.add(
        Courthouse("Fictional Outcome Hall", "5 Sample Road, Testville", ZONE, "US-NY")
    )
    assert courthouse.id is not None
    made = []
    for offset, name in enumerate(names):
        person = store.people.add(Person(name, "Test-Outcome", language="es"))
        assert person.id is not None
        case = store.cases.add(Case(f"OUT-{offset}", "Test Court", person_ids=[person.id]))
        assert case.id is not None
        day = TODAY - dt.timedelta(days=days_ago + offset)
        hearing = store.hearings.add(
            Hearing(case.id, courthouse.id, local_datetime(day, dt.time(9, 0), ZONE)),
            [Attendance(person.id, 0, must_testify=True)],
        )
        assert hearing.id is not None
        made.append((person.id, hearing.id))
    return made


def _status(store: Store, person_id: int, hearing_id: int) -> tuple[AttendanceStatus, str]:
    (entry,) = [a for a in store.hearings.attendance_for(hearing_id) if a.person_id == person_id]
    return entry.status, entry.reason


def _outcomes(qtbot, store: Store) -> OutcomesView:
    view = OutcomesView(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    return view


def test_a_records_attended_with_one_key_and_the_next_row_follows(qtbot, store: Store) -> None:
    (ana, h_ana), (bo, _h_bo) = _past(store, ["Ana", "Bo"])
    view = _outcomes(qtbot, store)
    assert [item.person_id for item in view.due] == [ana, bo]
    assert view.selected() is not None and view.selected().person_id == ana
    qtbot.keyClick(view.table, Qt.Key.Key_A)
    assert _status(store, ana, h_ana) == (AttendanceStatus.ATTENDED, "")
    assert [item.person_id for item in view.due] == [bo]
    assert view.selected() is not None and view.selected().person_id == bo
    assert view.summary.text() == "1 outcome to record"


def test_m_and_a_digit_record_missed_with_that_reason(qtbot, store: Store) -> None:
    (ana, h_ana), (bo, h_bo) = _past(store, ["Ana", "Bo"])
    view = _outcomes(qtbot, store)
    qtbot.keyClick(view.table, Qt.Key.Key_M)
    qtbot.waitUntil(view.reason_menu.isVisible)
    qtbot.keyClick(view.reason_menu, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: not view.reason_menu.isVisible())
    assert _status(store, ana, h_ana) == (AttendanceStatus.MISSED, "No transport")
    # Escape closes the reasons and records nothing.
    qtbot.keyClick(view.table, Qt.Key.Key_M)
    qtbot.waitUntil(view.reason_menu.isVisible)
    qtbot.keyClick(view.reason_menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.reason_menu.isVisible())
    assert _status(store, bo, h_bo) == (AttendanceStatus.UNKNOWN, "")


def test_another_reason_is_typed_enter_saves_and_escape_leaves(qtbot, store: Store) -> None:
    (ana, h_ana), (bo, _h_bo) = _past(store, ["Ana", "Bo"])
    view = _outcomes(qtbot, store)
    qtbot.keyClick(view.table, Qt.Key.Key_M)
    qtbot.waitUntil(view.reason_menu.isVisible)
    qtbot.keyClick(view.reason_menu, Qt.Key.Key_0)
    qtbot.waitUntil(view.reason_field.hasFocus)
    qtbot.keyClicks(view.reason_field, "Moved house")
    qtbot.keyClick(view.reason_field, Qt.Key.Key_Escape)
    assert not view.reason_bar.isVisible() and view.table.hasFocus()
    assert _status(store, ana, h_ana) == (AttendanceStatus.UNKNOWN, "")

    qtbot.keyClick(view.table, Qt.Key.Key_M)
    qtbot.waitUntil(view.reason_menu.isVisible)
    qtbot.keyClick(view.reason_menu, Qt.Key.Key_0)
    qtbot.waitUntil(view.reason_field.hasFocus)
    qtbot.keyClick(view.reason_field, Qt.Key.Key_Return)  # empty: asks for one
    assert view.reason_bar.isVisible() and "Type the reason" in view.message.text()
    qtbot.keyClicks(view.reason_field, "Moved house")
    qtbot.keyClick(view.reason_field, Qt.Key.Key_Return)
    assert _status(store, ana, h_ana) == (AttendanceStatus.MISSED, "Moved house")
    assert not view.reason_bar.isVisible()
    assert [item.person_id for item in view.due] == [bo]


def test_ctrl_z_takes_the_last_outcome_back(qtbot, store: Store) -> None:
    ((ana, h_ana),) = _past(store, ["Ana"])
    view = _outcomes(qtbot, store)
    qtbot.keyClick(view.table, Qt.Key.Key_A)
    assert view.due == []
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _status(store, ana, h_ana) == (AttendanceStatus.UNKNOWN, "")
    assert [item.person_id for item in view.due] == [ana]
    assert not view.undo_button.isEnabled()


def test_enter_opens_the_attendance_dialog_of_the_row(qtbot, store: Store) -> None:
    ((ana, h_ana),) = _past(store, ["Ana"])
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    feature = next(f for f in window.features if isinstance(f, ReportsFeature))
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is feature.page
    qtbot.waitUntil(feature.outcomes.table.hasFocus)
    qtbot.keyClick(feature.outcomes.table, Qt.Key.Key_Return)

    def dialog() -> AttendanceDialog | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, AttendanceDialog)]
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: dialog() is not None)
    opened = dialog()
    assert opened is not None and (opened.person_id, opened.hearing_id) == (ana, h_ana)
    qtbot.keyClick(opened, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog() is None)
    # Ctrl+7: the attendance record, built on first use, focus in the first day.
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    record = feature.page.record
    assert record is not None and feature.page.pages.currentWidget() is feature.page.record_holder
    qtbot.waitUntil(record.first_day.line_edit.hasFocus)


def test_enter_twice_on_a_past_confirmed_hearing_never_saves_confirmed(qtbot, store: Store) -> None:
    """The stored answer "Confirmed" is not what happened: the dialog preselects nothing,
    Enter asks for a choice, and the choice typed from the keyboard is saved."""
    ((ana, h_ana),) = _past(store, ["Ana"])
    (entry,) = store.hearings.attendance_for(h_ana)
    store.hearings.set_attendance(replace(entry, status=AttendanceStatus.CONFIRMED))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    feature = next(f for f in window.features if isinstance(f, ReportsFeature))
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(feature.outcomes.table.hasFocus)
    qtbot.keyClick(feature.outcomes.table, Qt.Key.Key_Return)

    def dialog() -> AttendanceDialog | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, AttendanceDialog)]
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: dialog() is not None)
    opened = dialog()
    assert opened is not None
    qtbot.waitUntil(opened.status.hasFocus)
    assert opened.status.currentIndex() == -1
    qtbot.keyClick(opened.status, Qt.Key.Key_Return)
    assert opened.isVisible()
    assert opened.error_text("status") == (
        "Status: the hearing is over. Choose what happened, such as Attended or Missed."
    )
    assert _status(store, ana, h_ana) == (AttendanceStatus.CONFIRMED, "")
    qtbot.keyClicks(opened.status, "A")  # Attended
    assert opened.status.current_member() is AttendanceStatus.ATTENDED
    qtbot.keyClick(opened.status, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog() is None)
    assert _status(store, ana, h_ana)[0] is AttendanceStatus.ATTENDED
