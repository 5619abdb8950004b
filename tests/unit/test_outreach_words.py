"""The words to say, leave or send, in all 12 languages.

The voicemail must not say court, immigration or the case unless the person allowed
details: the words are listed here per language by hand (stems, matched ignoring case).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from companion.domain.models import HearingStatus
from companion.i18n.languages import SOURCE_TAG, interface_languages
from companion.outreach.model import WordsKind
from companion.outreach.sms import SmsEncoding
from companion.outreach.words import WordsContext, build_words

SENSITIVE: dict[str, tuple[str, ...]] = {
    "en": ("court", "immigra", "case", "hearing", "judge", "trial", "lawyer", "testif"),
    "es": ("tribunal", "corte", "juzgado", "inmigra", "caso", "audiencia", "juez", "abogad"),
    "zh-Hans": ("法院", "法庭", "出庭", "移民", "案", "庭审", "法官", "律师"),
    "zh-Hant": ("法院", "法庭", "出庭", "移民", "案", "庭審", "法官", "律師"),
    "vi": ("tòa", "toà", "di trú", "nhập cư", "vụ án", "phiên", "thẩm phán", "luật sư"),
    "tl": ("korte", "hukuman", "imigra", "kaso", "pagdinig", "huwes", "abogado"),
    "ar": ("محكم", "هجرة", "الهجرة", "قضي", "جلس", "قاض", "محام"),
    "fr": ("tribunal", "cour ", "immigr", "affaire", "audience", "juge", "procès", "avocat"),
    "ht": ("tribinal", "imigra", "dosye", "odyans", "jij", "avoka"),
    "ko": ("법원", "법정", "이민", "사건", "심리", "재판", "판사", "변호사"),
    "ru": ("суд", "иммигра", "дело", "слушани", "адвокат"),
    "pt-BR": ("tribunal", "fórum", "imigra", "caso", "audiência", "juiz", "advogad"),
}

# A neutral office name and place, so that only the message's own words are checked.
START = dt.datetime(2026, 12, 17, 9, 30, tzinfo=ZoneInfo("America/New_York"))
CONTEXT = WordsContext(
    person_name="Ana Sample",
    office_name="Riverbend Help Office",
    callback_phone="+1 212 555 0160",
    starts_at=START,
    place="Example Hall",
    courtroom="4B",
    status=HearingStatus.SCHEDULED,
)
TAGS = [language.tag for language in interface_languages() if not language.tag.startswith("x-")]


def test_every_shipped_language_has_its_list() -> None:
    assert sorted(TAGS) == sorted(SENSITIVE)


@pytest.mark.parametrize("tag", sorted(SENSITIVE))
def test_the_safe_voicemail_names_only_the_office_and_the_number(tag: str) -> None:
    for status in (HearingStatus.SCHEDULED, HearingStatus.CANCELLED):
        context = WordsContext(**{**CONTEXT.__dict__, "status": status})
        words = build_words(WordsKind.VOICEMAIL, context, tag)
        text = words.text.casefold()
        assert "Riverbend Help Office".casefold() in text and "+1 212 555 0160" in text
        for word in SENSITIVE[tag]:
            assert word.casefold() not in text, (tag, word, words.text)
        assert "Ana" not in words.text and "Example Hall" not in words.text
        assert words.draft is (tag != SOURCE_TAG)


@pytest.mark.parametrize("tag", sorted(SENSITIVE))
def test_a_voicemail_carries_details_only_where_allowed(tag: str) -> None:
    allowed = WordsContext(**{**CONTEXT.__dict__, "voicemail_details": True})
    text = build_words(WordsKind.VOICEMAIL, allowed, tag).text
    assert "Example Hall" in text
    # The list of words above finds something in the detailed message: it can fail.
    assert any(word.casefold() in text.casefold() for word in SENSITIVE[tag]), (tag, text)


@pytest.mark.parametrize("tag", sorted(SENSITIVE))
def test_the_call_script_has_the_english_beside_every_line(tag: str) -> None:
    words = build_words(WordsKind.CALL, CONTEXT, tag)
    english = build_words(WordsKind.CALL, CONTEXT, SOURCE_TAG)
    assert [line.english for line in words.lines] == [line.text for line in english.lines]
    assert len(words.lines) == 7
    assert all("{" not in line.text for line in words.lines)
    if tag != SOURCE_TAG:
        assert all(line.text != line.english for line in words.lines), tag
    assert "Ana Sample" in words.lines[0].text and "+1 212 555 0160" in words.lines[5].text


def test_the_call_script_for_a_cancelled_hearing_does_not_ask_them_to_come() -> None:
    cancelled = WordsContext(**{**CONTEXT.__dict__, "status": HearingStatus.CANCELLED})
    lines = [line.text for line in build_words(WordsKind.CALL, cancelled, "en").lines]
    assert "Will you be able to come?" not in lines
    assert any("is cancelled" in line for line in lines)


def test_the_text_message_has_date_time_place_number_and_its_size() -> None:
    english = build_words(WordsKind.TEXT, CONTEXT, "en")
    expected = (
        "Riverbend Help Office: reminder of your date Dec 17, 2026 at 9:30 AM, "
        "Example Hall, room 4B. Call us: +1 212 555 0160"
    )
    assert english.text == expected
    assert english.sms is not None
    # CLDR's narrow no-break space before AM became a plain space: the text stays GSM-7.
    assert english.sms.encoding is SmsEncoding.GSM7
    assert (english.sms.characters, english.sms.segments) == (len(expected), 1)
    spanish = build_words(WordsKind.TEXT, CONTEXT, "es")
    assert spanish.sms is not None and "\u00a0" not in spanish.text
    chinese = build_words(WordsKind.TEXT, CONTEXT, "zh-Hans")
    assert chinese.sms is not None and chinese.sms.encoding is SmsEncoding.UCS2
    assert "Example Hall" in chinese.text and "+1 212 555 0160" in chinese.text
