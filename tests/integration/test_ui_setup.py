"""First run: passphrase policy, recovery code shown once and typed back, then the store."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from companion.errors import WeakPassphraseError, WrongRecoveryCodeError
from companion.i18n.catalog import translator
from companion.messages import describe
from companion.store.preflight import store_exists
from companion.store.store import Store
from companion.ui.session.recovery_sheet import save_sheet_pdf
from companion.ui.session.setup_dialog import SetupDialog
from tests.integration.ui_shell_support import isolated_interface  # noqa: F401

GOOD_PASSPHRASE = "copper kettle meadow 7"


def _fill_passphrase(qtbot, dialog: SetupDialog, first: str, second: str | None = None) -> None:
    dialog.passphrase.setText(first)
    dialog.repeat.setText(first if second is None else second)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)


def test_weak_passphrase_is_refused_with_the_policy_reason(qtbot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    _fill_passphrase(qtbot, dialog, "short")
    expected = describe(WeakPassphraseError("too_short", 10), translator("en"))
    assert dialog.passphrase_message.text() == expected
    assert dialog.pages.currentIndex() == SetupDialog.PASSPHRASE_PAGE

    _fill_passphrase(qtbot, dialog, "password123")
    assert dialog.passphrase_message.text() == describe(
        WeakPassphraseError("too_common", 10), translator("en")
    )
    assert dialog.pages.currentIndex() == SetupDialog.PASSPHRASE_PAGE
    assert not store_exists(data_dir)


def test_passphrases_must_match(qtbot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    _fill_passphrase(qtbot, dialog, GOOD_PASSPHRASE, GOOD_PASSPHRASE + "x")
    assert dialog.pages.currentIndex() == SetupDialog.PASSPHRASE_PAGE
    assert "not the same" in dialog.passphrase_message.text()
    assert dialog.repeat.text() == ""


def test_setup_requires_the_recovery_code_typed_back(qtbot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    _fill_passphrase(qtbot, dialog, GOOD_PASSPHRASE)
    assert dialog.pages.currentIndex() == SetupDialog.CODE_PAGE
    code = dialog.code_display.text()
    assert len(code.replace("-", "")) == 30
    assert not store_exists(data_dir), "nothing is written before the code is typed back"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == SetupDialog.CONFIRM_PAGE
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    qtbot.keyClicks(dialog.typed_code, wrong)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_message.text() == describe(WrongRecoveryCodeError(), translator("en"))
    assert dialog.store is None
    assert not store_exists(data_dir)

    dialog.typed_code.clear()
    # Typed back in lower case with spaces instead of dashes: still the same code.
    qtbot.keyClicks(dialog.typed_code, code.lower().replace("-", " "))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.store is not None
    dialog.store.close()
    assert store_exists(data_dir)
    Store.open(data_dir, GOOD_PASSPHRASE).close()
    Store.open_with_recovery(data_dir, code, "another long passphrase 9").close()


def test_back_keeps_the_same_code_for_the_same_passphrase(qtbot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    _fill_passphrase(qtbot, dialog, GOOD_PASSPHRASE)
    code = dialog.recovery_code
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == SetupDialog.PASSPHRASE_PAGE
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_code == code


def test_recovery_sheet_pdf_holds_the_code_and_advice(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    save_sheet_pdf("ABCDE-FGHJK-MNPQR-STVWX-YZ234-56789", target)
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "ABCDE-FGHJK-MNPQR-STVWX-YZ234-56789" in text
    assert "Court Companion: recovery code" in text
    assert "Keep this sheet locked away" in text


def test_save_as_pdf_from_the_dialog_reports_the_file(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    _fill_passphrase(qtbot, dialog, GOOD_PASSPHRASE)
    target = tmp_path / "code.pdf"
    dialog.code_page.save_pdf(target)
    assert target.is_file()
    assert "code.pdf" in dialog.code_message.text()
    assert not dialog.code_message.is_error


def test_the_strength_meter_shows_a_score_and_a_reason_as_you_type(qtbot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.meter.level.text() == ""
    qtbot.keyClicks(dialog.passphrase, "Summer2024!")
    assert dialog.meter.bar.value() < 4
    assert dialog.meter.level.text() != "Strength: strong enough"
    assert dialog.meter.reason.text() == describe(
        WeakPassphraseError("too_common", 10), translator("en")
    )
    for _character in "Summer2024!":
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.passphrase, GOOD_PASSPHRASE)
    assert dialog.meter.bar.value() == 4
    assert dialog.meter.level.text() == "Strength: strong enough"
    assert dialog.meter.reason.text() == ""
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, GOOD_PASSPHRASE)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == SetupDialog.CODE_PAGE
