"""The home-made reading-level measure used on the English guidance."""

from __future__ import annotations

import pytest

from companion.guidance.readability import estimate_syllables, measure


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("judge", 1),
        ("asked", 1),
        ("hearing", 2),
        ("people", 2),
        ("decided", 3),
        ("advocate", 3),
        ("immigration", 4),
        ("don't", 1),
    ],
)
def test_syllable_estimate(word: str, syllables: int) -> None:
    assert estimate_syllables(word) == syllables


def test_measure_counts_words_sentences_and_grade() -> None:
    # 6 words, 2 sentences, 7 syllables (hap-py), no long words.
    result = measure(["The cat sat. It was happy."])
    assert (result.words, result.sentences, result.syllables, result.long_words) == (6, 2, 7, 0)
    assert result.words_per_sentence == 3.0
    assert result.grade == pytest.approx(0.39 * 3 + 11.8 * 7 / 6 - 15.59)


def test_list_items_end_sentences_and_citations_and_abbreviations_do_not_count() -> None:
    result = measure(["Bring the letter", "The U.S. courts decide [1, 2]."])
    assert result.sentences == 2
    assert result.words == 7  # Bring the letter / The US courts decide


def test_long_words_raise_the_grade() -> None:
    plain = measure(["Ask your friend to come with you to the court."])
    dense = measure(["Immigration authorities communicate determinations electronically."])
    assert dense.long_word_share == 1.0
    assert plain.long_word_share == 0.0
    assert dense.grade > plain.grade + 10


def test_empty_text_measures_zero() -> None:
    result = measure([])
    assert result.words_per_sentence == 0.0 and result.long_word_share == 0.0
    assert result.grade == 0.0
