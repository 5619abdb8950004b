"""Every screen of the desk fits an office laptop: 1366×768 at 125% scaling is 1092×614
logical pixels, in all twelve languages.

For the main window (on each tab) and every dialog the gallery opens, in each language:
its minimum size fits, a dialog opens no larger than the screen, and at the size it gets
there nothing is squeezed and no button is cut (each is inside the window and as wide as
its words need). The agenda's and today's calls' columns fit the laptop's width with the
demo office's hearings and calls: no horizontal scroll bar, no column out of sight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from companion.demo import create_demo_office
from companion.i18n.languages import LANGUAGES, SOURCE_TAG
from companion.store.store import Store
from companion.ui.background import job_pool
from companion.ui.dev import gallery
from companion.ui.fonts import install_application_font
from companion.ui.outreach import calls_view
from companion.ui.outreach.calls_view import CallsView
from companion.ui.records.agenda_view import AgendaView
from companion.ui.shell.language import apply_language, switch_language
from tests.conftest import TEST_PASSPHRASE

LAPTOP = QSize(1092, 614)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = create_demo_office(tmp_path_factory.mktemp("laptop") / "office", TEST_PASSPHRASE)
    gallery.prepare_demo_office(store)
    yield store
    store.close()


@pytest.fixture
def interface(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    install_application_font(qapp)
    apply_language(SOURCE_TAG)
    yield
    job_pool().waitForDone()
    apply_language(SOURCE_TAG)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _needed(window: QWidget) -> QSize:
    """The least room ``window`` needs: its minimum size, and for rows that wrap, the
    height they take at the laptop's width."""
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        width = min(LAPTOP.width(), max(window.width(), needed.width()))
        needed.setHeight(max(needed.height(), layout.totalMinimumHeightForWidth(width)))
    return needed


def _cut_buttons(window: QWidget) -> list[str]:
    """Buttons outside the window or narrower than their text (scrolled content aside)."""
    inside = QRect(0, 0, window.width(), window.height())
    cut: list[str] = []
    for button in window.findChildren(QAbstractButton):
        # Tab bars' scroll arrows and a line edit's own icons (clear, show) are Qt's.
        if not button.isVisibleTo(window) or isinstance(button.parentWidget(), QTabBar | QLineEdit):
            continue
        parent = button.parentWidget()
        scrolled = False
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea):
                scrolled = True
                break
            parent = parent.parentWidget()
        if scrolled:
            continue
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not inside.contains(where) or button.width() < button.minimumSizeHint().width():
            name = button.text() or button.accessibleName() or type(button).__name__
            cut.append(f"{name!r} at {where.getRect()} (needs {button.minimumSizeHint().width()})")
    return cut


@pytest.fixture(autouse=True)
def office_afternoon(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's calls as at 20:00 UTC: the demo office's calls of today are due then, in
    every US courthouse zone and on this computer, whatever the hour the test runs at."""
    afternoon = dt.datetime.combine(dt.date.today(), dt.time(20), dt.UTC)
    monkeypatch.setattr(calls_view, "current_time", lambda: afternoon)


@pytest.mark.parametrize("tag", [language.tag for language in LANGUAGES])
def test_every_screen_fits_a_laptop_in(
    tag: str, qtbot: QtBot, interface: None, office: Store
) -> None:
    switch_language(tag)
    problems: list[str] = []
    main_window: QWidget | None = None
    for entry in gallery.available_entries():
        if entry.target == gallery.MAIN_WINDOW:
            # One main window, shown on each of its tabs in turn (it is slow to build).
            if main_window is None:
                main_window = entry.build(office, None)
                main_window.show()
                qtbot.waitExposed(main_window)
            for step in entry.then:
                step(main_window, office)
            main_window.resize(main_window.size().boundedTo(LAPTOP))
            QApplication.processEvents()
            problems.extend(_problems(entry.name, main_window))
            problems.extend(_columns_out_of_sight(entry.name, main_window))
            continue
        window = entry.build(office, None)
        window.show()
        qtbot.waitExposed(window)
        problems.extend(_problems(entry.name, window))
        job_pool().waitForDone()  # a packet preview renders in the background
        QApplication.processEvents()
        window.hide()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if main_window is not None:
        main_window.close()
        main_window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert problems == [], f"{tag}:\n" + "\n".join(problems)


def _columns_out_of_sight(name: str, window: QWidget) -> list[str]:
    """The agenda's and today's calls' columns, in the window at the laptop's width: they
    all fit the table (the last stretching to its edge), none needs scrolling to."""
    window.resize(LAPTOP)
    QApplication.processEvents()
    problems: list[str] = []
    for view in [*window.findChildren(AgendaView), *window.findChildren(CallsView)]:
        if not view.isVisible():
            continue
        table = view.table
        columns = table.horizontalHeader().length()
        if table.model().rowCount() == 0:
            problems.append(f"{name}: {type(view).__name__} shows no rows to measure")
        if columns > table.viewport().width() or table.horizontalScrollBar().maximum() > 0:
            problems.append(
                f"{name}: {type(view).__name__}'s columns are {columns} px wide, "
                f"the table {table.viewport().width()} px: a horizontal scroll bar"
            )
    return problems


def _problems(name: str, window: QWidget) -> list[str]:
    problems: list[str] = []
    needed = _needed(window)
    if needed.width() > LAPTOP.width() or needed.height() > LAPTOP.height():
        problems.append(f"{name}: needs at least {needed.width()}×{needed.height()}")
    if not isinstance(window, QMainWindow):  # the main window remembers its own size
        opened = window.size()
        if opened.width() > LAPTOP.width() or opened.height() > LAPTOP.height():
            problems.append(f"{name}: opens at {opened.width()}×{opened.height()}")
    window.resize(window.size().boundedTo(LAPTOP))
    layout = window.layout()
    if layout is not None:
        layout.activate()
    if layout is not None and layout.hasHeightForWidth():
        # Wrapped text and rows need more height the narrower they are: none is squeezed.
        least = layout.totalMinimumHeightForWidth(window.width())
        if window.height() < least:
            problems.append(f"{name}: {window.height()} px high, its content needs {least}")
    problems.extend(f"{name}: button {cut}" for cut in _cut_buttons(window))
    return problems
