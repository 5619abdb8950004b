"""The back-translation review of the witness-facing strings: present, current, and honest.

The review files are read with the csv module and the catalogs with Babel's own
reader; the list of witness-facing strings is rebuilt here from the template's
source locations, not taken from the code under test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from companion.i18n.back_translation import (
    ReviewRow,
    read_review,
    review_findings,
    witness_facing_msgids,
)
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language
from companion.i18n.tools import back_translation_findings

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = [language for language in LANGUAGES if language.tag != SOURCE_TAG]
HEARING_KINDS = {
    "Arraignment",
    "Preliminary hearing",
    "Motion hearing",
    "Status conference",
    "Protective order hearing",
    "Trial",
    "Sentencing",
    "Restitution hearing",
    "Other hearing",
}


def _read_po(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _forms(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string or ())


def _witness_msgids() -> list[str]:
    template = _read_po(TRANSLATIONS / "companion.pot")
    return [
        _msgid(message)
        for message in template
        if message.id
        and (
            any(path.startswith("companion/packets/") for path, _ in message.locations)
            or _msgid(message) in HEARING_KINDS
        )
    ]


def _review_file(language: Language) -> Path:
    return TRANSLATIONS / language.catalog / "LC_MESSAGES" / "review.tsv"


def test_witness_strings_are_the_packet_strings_and_the_hearing_kinds() -> None:
    found = witness_facing_msgids(_read_po(TRANSLATIONS / "companion.pot"))
    assert list(found) == _witness_msgids()
    assert "Who to call" in found
    assert "You are not expected to testify at this hearing." in found
    assert set(found) >= HEARING_KINDS
    assert "&Records" not in found  # a menu, never printed for the witness


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_review_file_covers_every_witness_string(language: Language) -> None:
    path = _review_file(language)
    assert path.exists(), f"{path} missing"
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source, delimiter="\t"))
    reviewed = [row["msgid"] for row in rows]
    assert sorted(reviewed) == sorted(_witness_msgids()), (
        f"{language.catalog}: missing {sorted(set(_witness_msgids()) - set(reviewed))[:5]}, "
        f"not witness-facing {sorted(set(reviewed) - set(_witness_msgids()))[:5]}"
    )
    assert len(reviewed) == len(set(reviewed)), "a string is reviewed twice"
    for row in rows:
        assert row["back_translation"].strip(), row["msgid"]
        assert row["verdict"] in {"match", "mismatch"}, row["msgid"]
        if row["verdict"] == "mismatch":
            assert row["note"].strip(), f"{row['msgid']}: a mismatch needs its reason"


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_review_file_reviewed_the_current_translation(language: Language) -> None:
    """A row whose translation has changed since was not reviewed."""
    catalog = _read_po(TRANSLATIONS / language.catalog / "LC_MESSAGES" / "companion.po")
    current = {_msgid(message): " | ".join(_forms(message)) for message in catalog if message.id}
    with _review_file(language).open(encoding="utf-8", newline="") as source:
        stale = [
            row["msgid"]
            for row in csv.DictReader(source, delimiter="\t")
            if current.get(row["msgid"]) != row["translation"]
        ]
    assert not stale, f"{language.catalog}: review again: {stale[:5]}"


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_back_translation_is_not_a_copy_of_the_english(language: Language) -> None:
    """A back-translation written from the translation rarely repeats every long English
    string word for word; if most do, the English was copied rather than read back."""
    with _review_file(language).open(encoding="utf-8", newline="") as source:
        rows = [row for row in csv.DictReader(source, delimiter="\t") if len(row["msgid"]) > 40]
    copied = [row["msgid"] for row in rows if row["back_translation"] == row["msgid"]]
    assert len(copied) < len(rows) / 2, f"{language.catalog}: {len(copied)} of {len(rows)} copied"


def test_catalogs_stay_marked_draft() -> None:
    for language in TRANSLATED:
        header = (TRANSLATIONS / language.catalog / "LC_MESSAGES" / "companion.po").read_text(
            encoding="utf-8"
        )
        assert '"X-Review-Status: draft\\n"' in header, language.catalog


def test_findings_report_mismatches_missing_and_changed_rows() -> None:
    catalog = Catalog(locale="es")
    catalog.add("Date", "Fecha")
    catalog.add("Time", "Hora")
    catalog.add("Notes", "Apuntes")
    rows = [
        ReviewRow("Date", "Fecha", "Date", "match", ""),
        ReviewRow("Time", "Tiempo", "Weather", "mismatch", "reads as weather"),
    ]
    findings = review_findings(catalog, rows, ["Date", "Time", "Notes"])
    assert [(finding.msgid, finding.kind) for finding in findings] == [
        ("Time", "changed"),
        ("Notes", "missing"),
    ]
    rows[1] = ReviewRow("Time", "Hora", "Weather", "mismatch", "reads as weather")
    (finding,) = review_findings(catalog, rows, ["Date", "Time"])
    assert (finding.kind, finding.reason) == ("mismatch", "reads as weather")


def test_a_mismatch_without_a_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "review.tsv"
    path.write_text(
        "msgid\ttranslation\tback_translation\tverdict\tnote\nTime\tTiempo\tWeather\tmismatch\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="needs a note"):
        read_review(path)


def test_status_lists_only_what_the_review_files_flag() -> None:
    """`make catalog-status` reports exactly the mismatches recorded in the review files."""
    expected = {}
    for language in TRANSLATED:
        with _review_file(language).open(encoding="utf-8", newline="") as source:
            expected[language.catalog] = sorted(
                row["msgid"]
                for row in csv.DictReader(source, delimiter="\t")
                if row["verdict"] == "mismatch"
            )
    reported = {
        language.catalog: sorted(finding.msgid for finding in findings)
        for language, _count, findings in back_translation_findings(TRANSLATIONS)
    }
    assert reported == expected


# --- Tagalog: no witness-facing string is English without a reason ---------------

_WORD = re.compile(r"[A-Za-z]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _english_words(translation: str, english: str) -> set[str]:
    """Words of five letters or more that the translation shares with the English."""
    source = {word.lower() for word in _WORD.findall(_PLACEHOLDER.sub("", english))}
    return {
        word.lower()
        for word in _WORD.findall(_PLACEHOLDER.sub("", translation))
        if len(word) >= 5 and word.lower() in source
    }


def test_no_tagalog_witness_string_is_english_without_a_translator_comment() -> None:
    catalog = _read_po(TRANSLATIONS / "tl" / "LC_MESSAGES" / "companion.po")
    messages = {_msgid(message): message for message in catalog if message.id}
    unexplained = []
    for msgid in _witness_msgids():
        message = messages[msgid]
        english = " ".join([message.id] if isinstance(message.id, str) else message.id)
        shared = set().union(*(_english_words(form, english) for form in _forms(message)))
        if shared and not message.user_comments:
            unexplained.append(f"{msgid!r}: {sorted(shared)}")
    assert not unexplained, "\n".join(unexplained)


def test_the_tagalog_check_sees_english() -> None:
    """A check on the check."""
    assert _english_words("Pakidating para sa security screening.", "for security screening")
    assert not _english_words("Pagsusuri ng seguridad", "Security screening")
