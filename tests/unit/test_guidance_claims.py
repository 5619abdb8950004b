"""Every page in every language is checked against that language's list of forbidden
claims and required caveats (resources/guidance-claims/<tag>.toml)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from companion.guidance import JURISDICTION_CODES, TOPIC_IDS, DocumentKind, block_plain_texts
from companion.guidance.claims import (
    ClaimsFormatError,
    LanguageClaims,
    applies_to,
    forbidden_found,
    load_claims,
    page_key,
    required_missing,
)
from companion.guidance.files import ParsedFile, read_file
from companion.guidance.library import GuidanceLibrary
from companion.i18n import LANGUAGES

LIBRARY = GuidanceLibrary.bundled()
TAGS = [language.tag for language in LANGUAGES]
PAGES = [(DocumentKind.TOPIC, topic_id) for topic_id in TOPIC_IDS] + [
    (DocumentKind.JURISDICTION, code) for code in JURISDICTION_CODES
]
STATE_PAGES = [(DocumentKind.JURISDICTION, code) for code in JURISDICTION_CODES if code != "US"]
ENGLISH = load_claims("en")


@cache
def claims_for(tag: str) -> LanguageClaims:
    """A language's list; a missing or broken list fails that language's tests only."""
    return load_claims(tag)


# The sources of GUIDANCE-FACTS.md items 16 (ignoring a subpoena) and 23 (a U visa needs
# continued help), as the facts file lists them.
ITEM_16_URLS = {
    "https://ilga.gov/legislation/ilcs/documents/072500050K109-3.htm",
    "https://www.nysenate.gov/legislation/laws/CPL/620.40",
    "https://www.nysenate.gov/legislation/laws/JUD/750",
    "https://www.nysenate.gov/legislation/laws/CVP/2308",
    "https://app.leg.wa.gov/RCW/default.aspx?cite=2.28.300",
    "https://www.ice.gov/secure_communities/",
    "https://www.law.cornell.edu/cfr/text/8/236.1",
}
ITEM_23_URLS = {
    "https://www.uscis.gov/policy-manual/volume-3-part-b-chapter-13",
    "https://omb.report/icr/202404-1615-001/doc/141402900",
}


def _page_id(page: tuple[DocumentKind, str]) -> str:
    return page_key(*page)


def parsed(kind: DocumentKind, doc_id: str, tag: str) -> ParsedFile:
    path = LIBRARY.file_path(kind, doc_id, tag)
    assert path.is_file(), f"{path} is missing"
    return read_file(path)


def page_texts(document: ParsedFile) -> list[str]:
    texts = [document.header.title]
    texts += [text for block in document.blocks for text in block_plain_texts(block)]
    return texts


def cited_numbers(document: ParsedFile) -> set[int]:
    numbers: set[int] = set()
    for text in page_texts(document):
        for group in re.findall(r"\[(\d+(?:\s*,\s*\d+)*)\]", text):
            numbers.update(int(number) for number in group.split(","))
    return numbers


# --- the lists themselves ------------------------------------------------------------


@pytest.mark.parametrize("tag", TAGS)
def test_every_language_lists_the_same_claims_and_caveats(tag: str) -> None:
    claims = claims_for(tag)
    assert [rule.rule_id for rule in claims.forbidden] == [
        rule.rule_id for rule in ENGLISH.forbidden
    ]
    assert [rule.rule_id for rule in claims.required] == [rule.rule_id for rule in ENGLISH.required]
    for rule, english_rule in zip(claims.required, ENGLISH.required, strict=True):
        assert rule.pages == english_rule.pages, f"{tag} {rule.rule_id}"


@pytest.mark.parametrize("tag", TAGS)
def test_a_list_nobody_has_checked_is_marked_draft(tag: str) -> None:
    claims = claims_for(tag)
    assert claims.is_draft == (claims.checked_by is None)
    if not claims.is_draft:
        assert claims.checked_on is not None


@pytest.mark.parametrize("tag", TAGS)
def test_every_forbidden_pattern_catches_its_examples(tag: str) -> None:
    claims = claims_for(tag)
    for rule in claims.forbidden:
        for example in rule.examples:
            assert any(pattern.search(example) for pattern in rule.patterns), (
                f"{tag} {rule.rule_id}: {example!r}"
            )
            # The honest denials must not hide a real promise.
            assert (rule.rule_id, example) in forbidden_found(claims, [example]), (
                f"{tag} {rule.rule_id}: {example!r} is hidden by an allowed pattern"
            )


@pytest.mark.parametrize("tag", TAGS)
def test_every_required_caveat_matches_its_examples(tag: str) -> None:
    for rule in claims_for(tag).required:
        assert required_missing(rule, list(rule.examples)) == [], f"{tag} {rule.rule_id}"


def test_a_bad_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "es.toml"
    path.write_text('language = "es"\nstatus = "checked"\n', encoding="utf-8")
    with pytest.raises(ClaimsFormatError, match="checked_by"):
        load_claims("es", path)
    path.write_text(
        'language = "es"\nstatus = "draft"\n[[forbidden]]\nid = "x"\npatterns = ["(("]\n'
        'examples = ["a"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ClaimsFormatError, match="bad pattern"):
        load_claims("es", path)
    path.write_text(
        'language = "es"\nstatus = "draft"\n[[required]]\nid = "x"\npatterns = ["a"]\n'
        'examples = ["a"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ClaimsFormatError, match="names its pages"):
        load_claims("es", path)


# --- the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_page_makes_a_forbidden_claim(page: tuple[DocumentKind, str], tag: str) -> None:
    claims = claims_for(tag)
    assert forbidden_found(claims, page_texts(parsed(*page, tag))) == []


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_page_keeps_its_required_caveats(page: tuple[DocumentKind, str], tag: str) -> None:
    texts = page_texts(parsed(*page, tag))
    missing = {
        rule.rule_id: required_missing(rule, texts)
        for rule in claims_for(tag).required
        if applies_to(rule, _page_id(page))
    }
    assert {rule_id: gaps for rule_id, gaps in missing.items() if gaps} == {}


def test_the_required_caveats_cover_the_pages_the_issue_names() -> None:
    rules = {rule.rule_id: rule for rule in ENGLISH.required}
    for page in STATE_PAGES:
        assert applies_to(rules["state-courts-only"], _page_id(page))
    for key in ("topic/immigration-enforcement", "jurisdiction/US-NY", "jurisdiction/US-CT"):
        assert applies_to(rules["judge-signed-both"], key)
    assert applies_to(rules["call-before-the-date"], "topic/if-you-cannot-come")


@pytest.mark.parametrize("tag", TAGS)
def test_if_you_cannot_come_cites_facts_items_16_and_23(tag: str) -> None:
    document = parsed(DocumentKind.TOPIC, "if-you-cannot-come", tag)
    cited = cited_numbers(document)
    urls = {source.url for source in document.header.sources if source.number in cited}
    assert urls & ITEM_16_URLS, f"{tag}: no source of facts item 16 is cited"
    assert urls & ITEM_23_URLS, f"{tag}: no source of facts item 23 is cited"


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_page_keeps_the_uncited_advice_list(page: tuple[DocumentKind, str], tag: str) -> None:
    found = forbidden_found(claims_for(tag), page_texts(parsed(*page, tag)))
    assert [text for rule_id, text in found if rule_id == "uncited-list"] == []


@pytest.mark.parametrize("tag", ["ht", "vi", "tl"])
@pytest.mark.parametrize(
    "page",
    [
        (DocumentKind.TOPIC, "immigration-enforcement"),
        (DocumentKind.JURISDICTION, "US-NY"),
        (DocumentKind.JURISDICTION, "US-CT"),
        (DocumentKind.JURISDICTION, "US-OR"),
    ],
    ids=_page_id,
)
def test_warrant_sentences_say_signed_by_a_judge_for_both(
    page: tuple[DocumentKind, str], tag: str
) -> None:
    claims = claims_for(tag)
    texts = page_texts(parsed(*page, tag))
    both = next(rule for rule in claims.required if rule.rule_id == "judge-signed-both")
    assert required_missing(both, texts) == []
    ambiguous = [rule_id for rule_id, _ in forbidden_found(claims, texts)]
    assert "warrant-apart-from-judge" not in ambiguous


@pytest.mark.parametrize("tag", ["ht", "vi", "tl"])
def test_the_old_ambiguous_warrant_wording_is_caught(tag: str) -> None:
    old = {
        "ht": "san yon manda oswa yon lòd yon jij siyen",
        "vi": "nếu không có lệnh bắt hoặc lệnh do thẩm phán ký",
        "tl": "nang walang warrant o utos ng hukom",
    }[tag]
    assert ("warrant-apart-from-judge", old) in forbidden_found(claims_for(tag), [old])
