"""Docket packets: one PDF for the hearings of some days, rendered off the interface thread
behind a progress dialog that can be cancelled; nothing is written unless it all worked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from companion.i18n import translator
from companion.packets.content import PacketKind
from companion.packets.from_store import PacketChoice, docket_packets
from companion.store.audit import AuditAction
from companion.store.store import Store
from companion.ui.packets.docket_dialog import DocketDialog
from companion.ui.widgets.prompts import ConfirmBox, ErrorBox
from tests.integration.packet_ui_support import (
    answer_save_dialog,
    open_windows,
    pdf_page_count,
    pdf_text,
    phrase,
)
from tests.integration.ui_shell_support import add_hearing, isolated_interface  # noqa: F401

BATCH_TIMEOUT_MS = 60000
DAYS = 60


def _dialog(qtbot, store: Store, days: int = DAYS) -> DocketDialog:
    dialog = DocketDialog(store)
    qtbot.addWidget(dialog)
    dialog.last_day.set_date(dt.date.today() + dt.timedelta(days=days))
    dialog.show()
    return dialog


def _out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _saved_history(store: Store) -> list[tuple[int, int | None]]:
    """Packets saved for hearings still to come (the demo office's history also holds
    packets given for its past hearings)."""
    now = dt.datetime.now(dt.UTC)
    return [
        (person.id, entry.hearing_id)
        for person in store.people.list()
        for entry in store.people.history(person.id)
        if entry.kind == "packet_saved"
        and entry.hearing_id is not None
        and store.hearings.get(entry.hearing_id).starts_at > now
    ]


def test_cancelling_leaves_no_file(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo_store)
    target = _out(tmp_path) / "docket.pdf"
    answer_save_dialog(monkeypatch, target)

    dialog.save_button.click()
    progress = dialog.progress
    assert progress is not None and progress.isVisible() and progress.maximum() > 2
    qtbot.waitUntil(lambda: progress.value() >= 1, timeout=BATCH_TIMEOUT_MS)
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        progress.findChild(QPushButton).click()  # its Cancel button

    assert finished.args == [False]
    assert list(target.parent.iterdir()) == []
    assert dialog.progress is None and dialog.save_button.isEnabled()
    assert dialog.message.text() == "Printing was cancelled. Nothing was saved."
    assert _saved_history(demo_store) == []
    assert demo_store.audit.entries(AuditAction.SAVED_PACKET) == []


def test_two_sided_docket_is_saved_whole_with_an_even_page_count(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo_store)
    dialog.choices.duplex.setChecked(True)
    target = _out(tmp_path) / "docket.pdf"
    calls = answer_save_dialog(monkeypatch, target)

    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        dialog.save_button.click()

    assert finished.args == [True]
    assert len(calls) == 1
    assert sorted(path.name for path in target.parent.iterdir()) == ["docket.pdf"]
    data = target.read_bytes()
    pages = pdf_page_count(data)
    assert pages % 2 == 0
    expected = docket_packets(
        demo_store,
        dt.date.today(),
        dt.date.today() + dt.timedelta(days=DAYS),
        choice=PacketChoice(duplex=True),
    )
    assert len(expected) > 2
    # Each packet in its person's language; moved and cancelled hearings as notices.
    text = pdf_text(data)
    titles = {
        PacketKind.PACKET: "Your court date",
        PacketKind.CHANGE_NOTICE: "Your court date has CHANGED",
        PacketKind.CANCELLATION: "This court date is CANCELLED.",
    }
    for content in expected:
        assert phrase(translator(content.language).gettext(titles[content.kind])) in text
    assert sorted(_saved_history(demo_store)) == sorted(
        {
            (entry.person_id, content.hearing_id)
            for content in expected
            for entry in demo_store.hearings.attendance_for(content.hearing_id)
        }
    )
    (audit,) = demo_store.audit.entries(AuditAction.SAVED_PACKET)
    assert (audit.record_kind, audit.detail) == ("docket", f"packets={len(expected)}")


def test_one_courthouse_only(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo_store)
    courthouse = demo_store.courthouses.list()[0]
    dialog.courthouse_combo.setCurrentIndex(dialog.courthouse_combo.findData(courthouse.id))
    target = tmp_path / "docket.pdf"
    answer_save_dialog(monkeypatch, target)

    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS):
        dialog.save_button.click()

    text = pdf_text(target.read_bytes())
    others = [c.name for c in demo_store.courthouses.list() if c.id != courthouse.id]
    assert courthouse.name in text
    assert not any(name in text for name in others)


def test_days_without_hearings_ask_for_no_file(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo_store)
    dialog.first_day.set_date(dt.date(2001, 1, 1))
    dialog.last_day.set_date(dt.date(2001, 1, 31))
    calls = answer_save_dialog(monkeypatch, tmp_path / "docket.pdf")
    dialog.save_button.click()
    assert calls == []
    assert dialog.message.isVisible() and dialog.message.is_error
    assert dialog.progress is None


def test_last_day_before_first_is_explained(qtbot, demo_store: Store) -> None:
    dialog = _dialog(qtbot, demo_store)
    dialog.last_day.set_date(dt.date.today() - dt.timedelta(days=3))
    dialog.save_button.click()
    assert dialog.message.is_error
    assert "comes before the first day" in dialog.message.text()


def test_an_unwritable_path_leaves_nothing_and_records_nothing(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo_store, days=7)
    target = tmp_path / "missing folder" / "docket.pdf"
    answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        dialog.save_button.click()
    assert finished.args == [False]
    assert open_windows(ErrorBox)
    assert not target.parent.exists()
    assert _saved_history(demo_store) == []


def test_unprintable_characters_are_named_before_the_docket_is_saved(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_hearing(store, native_name="ᏣᎳᎩ")  # Cherokee: no bundled font has the script
    dialog = _dialog(qtbot, store, days=5)
    target = tmp_path / "docket.pdf"
    answer_save_dialog(monkeypatch, target)

    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(open_windows(ConfirmBox)), timeout=BATCH_TIMEOUT_MS)
    (box,) = open_windows(ConfirmBox)
    assert box.text() == (  # the English wording, pinned
        "No font in Court Companion has these characters: \u13a9\xa0(U+13A9), "
        "\u13b3\xa0(U+13B3), \u13e3\xa0(U+13E3). The packets will show a mark in their "
        "place: ◌ for an emoji, � for any other character."
    )
    assert not target.exists()
    with qtbot.waitSignal(dialog.batch_finished) as finished:
        box.confirm_button.click()
    assert finished.args == [True]
    assert pdf_page_count(target.read_bytes()) >= 1
