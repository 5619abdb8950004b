"""The pseudo-locale finds English that does not go through the catalog.

With ``COMPANION_PSEUDO=1`` and the interface switched to ``x-pseudo``, every message
the code translates comes out accented, longer and bracketed, whatever the catalogs
hold. So an English source string still on screen was set without ``_()``, or was not
set again when the language changed. And the pseudo-locale is right to left, like
Arabic, so every window must be laid out mirrored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.demo import create_demo_office
from companion.i18n.languages import PSEUDO_ENV, PSEUDO_TAG, SOURCE_TAG
from companion.store.store import Store
from companion.ui.background import job_pool
from companion.ui.dev import gallery
from companion.ui.fonts import install_application_font
from companion.ui.shell.language import apply_language, switch_language
from companion.ui.shell.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.integration.test_ui_all_languages import (
    SourceStrings,
    delete_closed_windows,
    describe,
    english_texts,
    open_gallery,
    record_strings,
)


@pytest.fixture(scope="module")
def gallery_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = create_demo_office(tmp_path_factory.mktemp("pseudo") / "office", TEST_PASSPHRASE)
    gallery.prepare_demo_office(store)
    yield store
    store.close()


@pytest.fixture
def pseudo_interface(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The pseudo-locale offered (as in development), preferences in a temporary folder,
    English before and after, no job left running."""
    monkeypatch.setenv(PSEUDO_ENV, "1")
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    install_application_font(qapp)
    delete_closed_windows()
    apply_language(SOURCE_TAG)
    yield
    job_pool().waitForDone()
    apply_language(SOURCE_TAG)
    delete_closed_windows()


def test_every_screen_in_the_pseudo_locale_shows_no_english_and_is_mirrored(
    qtbot: QtBot, pseudo_interface: None, gallery_store: Store
) -> None:
    screens = open_gallery(qtbot, gallery_store, gallery.available_entries())
    main_window = screens["main-agenda"]
    assert isinstance(main_window, MainWindow)
    assert PSEUDO_TAG in main_window.actions_.language_menu.language_actions

    switch_language(PSEUDO_TAG)

    found = english_texts(screens, SourceStrings.load(), None, record_strings(gallery_store))
    assert not found, describe(PSEUDO_TAG, found)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    not_mirrored = [name for name, screen in screens.items() if not screen.isRightToLeft()]
    assert not_mirrored == []
