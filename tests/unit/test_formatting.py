"""Dates, times, weekdays and numbers in each language's own conventions."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from companion.errors import UnsupportedLanguageError
from companion.i18n import formatting
from companion.i18n.formatting import (
    format_date,
    format_datetime,
    format_day_heading,
    format_hearing_datetime,
    format_list,
    format_number,
    format_short_day,
    format_time,
    format_weekday,
)
from companion.i18n.languages import LANGUAGES
from tests.kreyol_calendar import KREYOL_MONTHS

THURSDAY = dt.date(2025, 12, 4)
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NNBSP = "\u202f"  # narrow no-break space, which CLDR puts before AM/PM and in French numbers


@pytest.mark.parametrize("month", range(1, 13))
def test_kreyol_month_names(month: int) -> None:
    day = dt.date(2026, month, 15)
    assert format_date(day, "ht", "long") == f"15 {KREYOL_MONTHS[month - 1]} 2026"


def test_kreyol_weekday_names_for_a_whole_week() -> None:
    # 2025-11-30 was a Sunday.
    week = [dt.date(2025, 11, 30) + dt.timedelta(days=offset) for offset in range(7)]
    assert [format_weekday(day, "ht") for day in week] == [
        "dimanch",
        "lendi",
        "madi",
        "mèkredi",
        "jedi",
        "vandredi",
        "samdi",
    ]
    assert [format_weekday(day, "ht", "abbreviated") for day in week] == [
        "dim",
        "len",
        "mad",
        "mèk",
        "jed",
        "van",
        "sam",
    ]


def test_kreyol_dates_put_the_day_first() -> None:
    assert format_date(THURSDAY, "ht", "full") == "jedi 4 desanm 2025"
    assert format_date(THURSDAY, "ht", "medium") == "4 des 2025"
    assert format_date(THURSDAY, "ht", "short") == "04/12/2025"
    assert format_day_heading(THURSDAY, "ht") == "jedi 4 desanm"


def test_kreyol_has_no_skeleton_leftovers() -> None:
    """CLDR's own ht data says "M12" and "Thu"; none of that may reach the witness."""
    texts = [format_date(THURSDAY, "ht", length) for length in ("short", "medium", "long", "full")]
    texts += [
        format_weekday(weekday, "ht", width)
        for weekday in range(7)
        for width in ("wide", "abbreviated", "narrow")
    ]
    texts.append(format_day_heading(THURSDAY, "ht"))
    joined = " ".join(texts)
    assert "M12" not in joined
    assert "Thu" not in joined
    assert "Dec" not in joined


def test_tagalog_uses_filipino_calendar_words() -> None:
    assert format_date(THURSDAY, "tl", "full") == "Huwebes, Disyembre 4, 2025"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "Thursday, December 4"),
        ("es", "jueves, 4 de diciembre"),
        ("fr", "jeudi 4 décembre"),
        ("pt-BR", "quinta-feira, 4 de dezembro"),
        ("ru", "четверг, 4 декабря"),
        ("zh-Hans", "12月4日星期四"),
        ("ko", "12월 4일 목요일"),
        ("vi", "Thứ Năm, 4 tháng 12"),
        ("ar", "الخميس، 4 ديسمبر"),
    ],
)
def test_day_heading_writes_the_weekday_out_without_the_year(tag: str, expected: str) -> None:
    assert format_day_heading(THURSDAY, tag) == expected


def test_full_dates_differ_in_every_language() -> None:
    texts = {language.tag: format_date(THURSDAY, language.tag, "full") for language in LANGUAGES}
    assert len(set(texts.values())) == len(LANGUAGES), texts
    assert texts["en"] == "Thursday, December 4, 2025"
    assert texts["es"] == "jueves, 4 de diciembre de 2025"
    assert texts["zh-Hans"] == "2025年12月4日星期四"


def test_short_dates_follow_local_order() -> None:
    assert format_date(THURSDAY, "en", "short") == "12/4/25"
    assert format_date(THURSDAY, "fr", "short") == "04/12/2025"
    assert format_date(THURSDAY, "ru", "short") == "04.12.2025"


def test_times_use_each_language_clock() -> None:
    nine = dt.datetime(2025, 12, 4, 21, 5, tzinfo=NEW_YORK)
    assert format_time(nine, "en") == f"9:05{NNBSP}PM"
    assert format_time(nine, "es") == f"9:05{NNBSP}p.m."
    assert format_time(nine, "fr") == "21:05"
    assert format_time(nine, "ht") == "21:05"
    assert format_time(nine, "ko") == "오후 9:05"


def test_times_stay_in_the_zone_they_carry() -> None:
    """9:00 at a Los Angeles courthouse is 9:00 on screen, wherever the laptop is."""
    hearing = dt.datetime(2025, 12, 4, 9, 0, tzinfo=LOS_ANGELES)
    assert format_time(hearing, "en") == f"9:00{NNBSP}AM"
    same_instant_in_new_york = hearing.astimezone(NEW_YORK)
    assert format_time(same_instant_in_new_york, "en") == f"12:00{NNBSP}PM"


def test_datetime_joins_date_and_short_time() -> None:
    moment = dt.datetime(2025, 12, 4, 14, 30, tzinfo=NEW_YORK)
    assert format_datetime(moment, "en") == f"Dec 4, 2025, 2:30{NNBSP}PM"
    assert format_datetime(moment, "fr", "long") == "4 décembre 2025, 14:30"


def test_weekday_from_a_number_or_a_date() -> None:
    assert format_weekday(3, "en") == "Thursday"
    assert format_weekday(THURSDAY, "es") == "jueves"
    assert format_weekday(THURSDAY, "en", "abbreviated") == "Thu"
    with pytest.raises(ValueError):
        format_weekday(7, "en")


def test_numbers_use_each_language_separators() -> None:
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert format_number(1234.5, "pt-BR") == "1.234,5"
    assert format_number(1234.5, "ru") == "1\xa0234,5"


def test_hearing_time_for_the_witness_in_the_courthouse_zone() -> None:
    hearing = dt.datetime(2025, 12, 4, 9, 0, tzinfo=LOS_ANGELES)
    assert format_hearing_datetime(hearing, "en") == (
        f"Thursday, December 4, 2025 at 9:00{NNBSP}AM"
    )
    assert format_hearing_datetime(hearing, "ht") == "jedi 4 desanm 2025 a 09:00"
    assert format_hearing_datetime(hearing, "es") == (
        f"jueves, 4 de diciembre de 2025, 9:00{NNBSP}a.m."
    )


def test_hearing_time_across_a_daylight_saving_change() -> None:
    """The clock time the court set is what the witness reads, on either side of DST."""
    before = dt.datetime(2026, 3, 6, 9, 0, tzinfo=NEW_YORK)
    after = dt.datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK)
    assert format_hearing_datetime(before, "en").endswith(f"at 9:00{NNBSP}AM")
    assert format_hearing_datetime(after, "en").endswith(f"at 9:00{NNBSP}AM")


def test_hearing_time_must_know_its_zone() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_hearing_datetime(dt.datetime(2025, 12, 4, 9, 0), "en")


def test_unknown_language_is_a_typed_error() -> None:
    with pytest.raises(UnsupportedLanguageError):
        format_date(THURSDAY, "so")


def test_pseudo_locale_formats_dates_in_english() -> None:
    assert format_date(THURSDAY, "x-pseudo", "long") == "December 4, 2025"


MONDAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        # CLDR's "MMMEd" pattern of each language, with its abbreviated names.
        ("en", "Mon, Dec 7"),  # E, MMM d
        ("es", "lun, 7 de dic"),  # E, d 'de' MMM
        ("fr", "lun. 7 déc."),  # E d MMM
        ("pt-BR", "seg., 7 de dez."),  # E, d 'de' MMM
        ("ru", "пн, 7 дек."),  # ccc, d MMM
        ("zh-Hans", "12月7日周一"),  # M月d日E
        ("ko", "12월 7일 (월)"),  # MMM d일 (E)
        ("ht", "len 7 des"),  # E d MMM, with the Kreyòl names
    ],
)
def test_short_day_is_weekday_and_date_without_the_year(tag: str, expected: str) -> None:
    assert format_short_day(MONDAY, tag) == expected


def test_short_day_of_a_time_is_its_date_in_its_own_zone() -> None:
    """Late on Monday evening in Los Angeles is already Tuesday in UTC."""
    evening = dt.datetime(2026, 12, 7, 23, 30, tzinfo=LOS_ANGELES)
    assert format_short_day(evening, "en") == "Mon, Dec 7"
    assert format_short_day(evening, "es") == "lun, 7 de dic"


def test_short_day_without_a_weekday_pattern_is_the_medium_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formatting, "_short_day_pattern", lambda tag: None)
    assert format_short_day(MONDAY, "en") == "Dec 7, 2026"
    assert format_short_day(MONDAY, "es") == "7 dic 2026"


@pytest.mark.parametrize(
    ("tag", "items", "expected"),
    [
        ("en", ["Transport", "childcare", "an escort"], "Transport, childcare, and an escort"),
        ("en", ["Transport", "childcare"], "Transport and childcare"),
        ("en", ["Transport"], "Transport"),
        (
            "es",
            ["Transporte", "cuidado de niños", "acompañante"],
            "Transporte, cuidado de niños y acompañante",
        ),
        ("es", ["Transporte", "acompañante"], "Transporte y acompañante"),
        (
            "fr",
            ["Transport", "garde d’enfants", "accompagnement"],
            "Transport, garde d’enfants et accompagnement",
        ),
        ("zh-Hans", ["交通", "托儿", "陪同"], "交通、托儿和陪同"),
        # CLDR has no Kreyòl list: without ours it read "transpò, gadri, entèprèt".
        ("ht", ["transpò", "gadri", "entèprèt"], "transpò, gadri ak entèprèt"),
        ("ht", ["transpò", "entèprèt"], "transpò ak entèprèt"),
    ],
)
def test_list_is_joined_as_the_language_writes_it(
    tag: str, items: list[str], expected: str
) -> None:
    assert format_list(items, tag) == expected


def test_empty_list_is_empty_text() -> None:
    assert format_list([], "en") == ""
    assert format_list([], "es") == ""


def test_medium_is_the_default_date_length() -> None:
    assert format_date(THURSDAY, "en") == "Dec 4, 2025"
    assert format_date(THURSDAY, "es") == "4 dic 2025"


def test_weekday_out_of_range_names_the_number() -> None:
    with pytest.raises(ValueError, match=r"^weekday must be 0\.\.6, got 7$"):
        format_weekday(7, "en")
    with pytest.raises(ValueError, match=r"^weekday must be 0\.\.6, got -1$"):
        format_weekday(-1, "en")


class _NoOffset(dt.tzinfo):
    """A zone that does not know its offset: as good as none for a hearing."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, moment: dt.datetime | None) -> str | None:
        return None


@pytest.mark.parametrize("tzinfo", [None, _NoOffset()], ids=["naive", "zone-without-offset"])
def test_hearing_time_without_a_known_offset_is_refused_saying_why(
    tzinfo: dt.tzinfo | None,
) -> None:
    with pytest.raises(
        ValueError,
        match=r"^a hearing time must be timezone-aware \(in the courthouse's zone\)$",
    ):
        format_hearing_datetime(dt.datetime(2025, 12, 4, 9, 0, tzinfo=tzinfo), "en")
