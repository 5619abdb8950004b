"""Review status of the catalogs: recorded, parsed, honest, and shown as a short note."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.i18n.catalog import translator
from companion.i18n.languages import LANGUAGES, SOURCE_TAG, Language
from companion.i18n.review import ReviewStatus, review_note, review_status


def test_reviewed_status_round_trips_through_the_header_value() -> None:
    status = ReviewStatus("reviewed", "Ana Pérez", dt.date(2027, 3, 1))
    assert status.header_value() == "reviewed; by Ana Pérez; 2027-03-01"
    assert ReviewStatus.parse("reviewed; by Ana Pérez; 2027-03-01") == status
    assert ReviewStatus.parse(" draft ") == ReviewStatus("draft")
    assert ReviewStatus.parse("source").state == "source"


@pytest.mark.parametrize(
    "value",
    ["", "checked", "reviewed", "reviewed; Ana; 2027-03-01", "reviewed; by Ana", "draft; by Ana"],
)
def test_malformed_header_values_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        ReviewStatus.parse(value)


def test_a_review_needs_a_name_and_a_date() -> None:
    with pytest.raises(ValueError):
        ReviewStatus("reviewed", "", dt.date(2027, 3, 1))
    with pytest.raises(ValueError):
        ReviewStatus("reviewed", "Ana Pérez")
    with pytest.raises(ValueError):
        ReviewStatus("draft", "Ana Pérez")


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_shipped_catalogs_are_honestly_draft(language: Language) -> None:
    status = review_status(language.tag)
    assert status.state == ("source" if language.tag == SOURCE_TAG else "draft")
    assert status.reviewer == ""


def test_review_note_in_the_interface_language() -> None:
    draft = ReviewStatus("draft")
    assert review_note(draft, translator("en")) == "Draft translation"
    assert review_note(draft, translator("es")) == "Borrador de traducción"
    reviewed = ReviewStatus("reviewed", "Ana Pérez", dt.date(2027, 3, 1))
    assert review_note(reviewed, translator("en")) == "Reviewed by Ana Pérez on March 1, 2027"
    assert review_note(ReviewStatus("source"), translator("en")) == ""
