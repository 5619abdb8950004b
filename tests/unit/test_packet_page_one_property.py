"""Property: in every language, at any morning or evening time, with any options, page 1
of the packet says the witness's name, the hearing's date and its time.

The expected date and time are formatted here independently of the packet's own
formatter: with Babel directly for the languages Babel knows, and from a hand-written
table for Haitian Creole (which Babel has no calendar data for). The comparison ignores
whitespace (lines wrap, CJK text has none) and compatibility forms (the narrow no-break
space before "PM", ligatures). Arabic is laid out right to left and the PDF's text comes
out in visual order, so for Arabic each word of the date and time must be on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata
from zoneinfo import ZoneInfo

from babel import dates
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from companion.packets.content import PacketOptions, PaperSize
from companion.packets.renderer import render_packet
from tests.kreyol_calendar import KREYOL_MONTHS, KREYOL_WEEKDAYS
from tests.unit.test_packet_samples import FIXED_NOW, sample_content

#: The packet's languages and the Babel locale each one reads dates in (Tagalog as
#: Filipino; Haitian Creole by hand below).
BABEL_LOCALES = {
    "en": "en_US",
    "es": "es_US",
    "zh-Hans": "zh_Hans_CN",
    "zh-Hant": "zh_Hant_TW",
    "vi": "vi",
    "tl": "fil",
    "ar": "ar",
    "fr": "fr",
    "ht": None,
    "ko": "ko",
    "ru": "ru",
    "pt-BR": "pt_BR",
}
RIGHT_TO_LEFT = {"ar"}
US_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
)
NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTUVWYZáéíóúñçàèòâêôäëïöüãõđơưạệ"

names = st.lists(
    st.text(alphabet=NAME_LETTERS, min_size=2, max_size=10), min_size=1, max_size=3
).map(" ".join)
mornings = st.builds(dt.time, st.integers(7, 11), st.integers(0, 59))
evenings = st.builds(dt.time, st.integers(17, 23), st.integers(0, 59))


def _expected_date_and_time(moment: dt.datetime, language: str) -> tuple[str, str]:
    locale = BABEL_LOCALES[language]
    if locale is None:
        weekday = KREYOL_WEEKDAYS[moment.weekday()]
        month = KREYOL_MONTHS[moment.month - 1]
        return f"{weekday} {moment.day} {month} {moment.year}", f"{moment:%H:%M}"
    return (
        dates.format_date(moment.date(), "full", locale=locale),
        dates.format_time(moment.time(), "short", locale=locale),
    )


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text.replace("\ue000", " ")).split())


def _on_page(expected: str, page: str, language: str) -> bool:
    if language in RIGHT_TO_LEFT:
        words = unicodedata.normalize("NFKC", expected).split()
        return all(_compact(word) in _compact(page) for word in words)
    return _compact(expected) in _compact(page)


@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    language=st.sampled_from(sorted(BABEL_LOCALES)),
    second=st.sampled_from(sorted(BABEL_LOCALES)),
    name=names,
    day=st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
    clock=st.one_of(mornings, evenings),
    zone=st.sampled_from(US_ZONES),
    bilingual=st.booleans(),
    large_print=st.booleans(),
    grayscale=st.booleans(),
    paper=st.sampled_from(list(PaperSize)),
)
def test_page_one_names_the_witness_the_date_and_the_time(
    language: str,
    second: str,
    name: str,
    day: dt.date,
    clock: dt.time,
    zone: str,
    bilingual: bool,
    large_print: bool,
    grayscale: bool,
    paper: PaperSize,
) -> None:
    moment = dt.datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    base = sample_content("en")
    content = dataclasses.replace(
        base,
        language=language,
        person_name=name,
        native_name="",
        starts_at=moment,
        courthouse=dataclasses.replace(base.courthouse, timezone=zone),
        second_language=second if bilingual else None,
        options=PacketOptions(
            paper=paper, large_print=large_print, bilingual=bilingual, grayscale=grayscale
        ),
    )
    page_one = PdfReader(io.BytesIO(render_packet(content, now=FIXED_NOW))).pages[0]
    text = page_one.extract_text() or ""

    expected_date, expected_time = _expected_date_and_time(moment, language)
    assert _compact(name) in _compact(text)
    assert _on_page(expected_date, text, language), (expected_date, text)
    assert _on_page(expected_time, text, language), (expected_time, text)
