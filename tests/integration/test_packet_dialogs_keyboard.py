"""The packet and docket dialogs (their size and language lists changed for the laptop
test) with the keyboard only: Tab walks every control to the main button without a trap,
Enter is the main action, Escape closes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from companion.demo import create_demo_office
from companion.store.store import Store
from companion.ui.background import job_pool
from companion.ui.dev import gallery
from companion.ui.packets.docket_dialog import DocketDialog
from companion.ui.packets.packet_dialog import PacketDialog
from tests.conftest import TEST_PASSPHRASE
from tests.integration.helpers.keyboard import show_focused, tab_stops
from tests.integration.packet_ui_support import answer_save_dialog, open_windows

MAX_TABS = 60
RENDER_TIMEOUT_MS = 20000


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = create_demo_office(tmp_path_factory.mktemp("packets") / "office", TEST_PASSPHRASE)
    yield store
    store.close()


def _open(qtbot: QtBot, store: Store, name: str) -> QDialog:
    dialog = gallery.entry_named(name).build(store, None)
    assert isinstance(dialog, QDialog)
    return show_focused(qtbot, dialog)


def _main_button(dialog: QDialog) -> QPushButton:
    [default] = [button for button in dialog.findChildren(QPushButton) if button.isDefault()]
    return default


@pytest.mark.parametrize("name", ["packet", "docket-packets"])
def test_tab_reaches_the_main_button_and_back_without_a_trap(
    qtbot: QtBot, office: Store, name: str
) -> None:
    dialog = _open(qtbot, office, name)
    if isinstance(dialog, PacketDialog):  # its buttons wait for the preview
        qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=RENDER_TIMEOUT_MS)
    start = QApplication.focusWidget()
    main = _main_button(dialog)
    assert main.isEnabled()
    forward = tab_stops(qtbot, main, within=dialog, most=MAX_TABS)
    assert forward[-1] is main, [type(w).__name__ for w in forward]
    assert len(forward) == len(set(map(id, forward)))  # no widget twice: no loop
    assert start is not None
    backward = tab_stops(qtbot, start, within=dialog, back=True, most=MAX_TABS)
    assert backward[-1] is start
    job_pool().waitForDone()


@pytest.mark.parametrize("name", ["packet", "docket-packets"])
def test_escape_closes(qtbot: QtBot, office: Store, name: str) -> None:
    dialog = _open(qtbot, office, name)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    job_pool().waitForDone()


def test_enter_in_the_packet_dialog_asks_for_a_printer(qtbot: QtBot, office: Store) -> None:
    dialog = _open(qtbot, office, "packet")
    assert isinstance(dialog, PacketDialog)
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=RENDER_TIMEOUT_MS)
    assert _main_button(dialog) is dialog.print_button
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(open_windows(QPrintDialog)))
    (printer_dialog,) = open_windows(QPrintDialog)
    printer_dialog.reject()
    assert dialog.isVisible()  # choosing no printer leaves the packet open


def test_enter_in_the_docket_dialog_saves_the_pdf(
    qtbot: QtBot, office: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "docket.pdf"
    answer_save_dialog(monkeypatch, pdf)
    dialog = _open(qtbot, office, "docket-packets")
    assert isinstance(dialog, DocketDialog)
    assert _main_button(dialog) is dialog.save_button
    with qtbot.waitSignal(dialog.recorded, timeout=RENDER_TIMEOUT_MS):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert pdf.read_bytes().startswith(b"%PDF")
