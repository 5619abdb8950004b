"""Every typed error the core can raise has its own translated sentence."""

import datetime as dt
import re
from pathlib import Path

import pytest

import companion
from companion.errors import ValidationError, WeakPassphraseError
from companion.i18n import translator
from companion.messages import PASSPHRASE_REASONS, REASONS, describe, describe_validation

SOURCE = Path(companion.__file__).parent
_RAISED = re.compile(r'ValidationError\(\s*(?:f?"[^"]*"|\w+),\s*"(\w+)"')


def _reason_codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        codes.update(_RAISED.findall(path.read_text(encoding="utf-8")))
    # The domain's validators also collect problems with ``found.add(field, reason)``.
    for path in (SOURCE / "domain").rglob("*.py"):
        codes.update(re.findall(r'found\.add\(\s*(?:f?"[^"]*"|\w+),\s*"(\w+)"', path.read_text()))
    return codes


def test_every_validation_reason_in_the_code_has_a_message() -> None:
    codes = _reason_codes_in_source()
    assert {"required", "invalid_date", "nonexistent_local_time"} <= codes
    assert codes <= set(REASONS), sorted(codes - set(REASONS))


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_validation_message_names_the_field(reason: str) -> None:
    text = describe_validation(ValidationError("family_name", reason, "x"), translator("en"))
    assert text.startswith("Family name:")
    assert "not accepted" not in text


@pytest.mark.parametrize("reason", sorted(PASSPHRASE_REASONS))
def test_passphrase_reasons_are_explained(reason: str) -> None:
    text = describe(WeakPassphraseError(reason, 10), translator("en"))
    assert text and "{" not in text


def test_date_and_time_refusals_give_an_example_in_the_languages_own_format() -> None:
    from companion.i18n.parsing import DATE_UNREADABLE, TIME_AMBIGUOUS

    year = dt.date.today().year
    english = describe(ValidationError("date", DATE_UNREADABLE, "12.8"), translator("en"))
    assert english.startswith("Date: “12.8”") and f"12/15/{year}" in english
    spanish = describe(ValidationError("date", DATE_UNREADABLE, "12.8"), translator("es"))
    assert f"15/12/{year}" in spanish
    korean = describe(ValidationError("time", TIME_AMBIGUOUS, "2:30"), translator("ko"))
    assert "오후 2:30" in korean and "“2:30”" in korean
    assert "2:30\u202fPM" in describe(
        ValidationError("time", TIME_AMBIGUOUS, "2:30"), translator("en")
    )
