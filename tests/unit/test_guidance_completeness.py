"""Every topic and jurisdiction section exists in every shipped language, fresh and whole.

A translation passes when its file exists and parses, was made from the current English
text (not stale), is marked ``draft`` or ``reviewed``, lists the English sources, and
has the English structure: the disclaimer notice first, then the same headings,
paragraphs, list items, notices and slots in the same order, each citing the same
sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.guidance import (
    JURISDICTION_CODES,
    TOPIC_IDS,
    Block,
    BulletList,
    DocumentKind,
    GuidanceFormatError,
    GuidanceLibrary,
    Heading,
    Notice,
    Paragraph,
    Slot,
    Status,
    bundled_library,
)
from companion.guidance.stamp import stamp
from companion.i18n import LANGUAGES, SOURCE_TAG, Language
from companion.paths import resource_path

DOCUMENTS = [(DocumentKind.TOPIC, topic_id) for topic_id in TOPIC_IDS] + [
    (DocumentKind.JURISDICTION, code) for code in JURISDICTION_CODES
]


def shape(block: Block) -> tuple[object, ...]:
    """What a translation must keep of a block: its kind, items, citations and slot."""
    if isinstance(block, Heading):
        return ("heading",)
    if isinstance(block, Paragraph):
        return ("paragraph", block.citations)
    if isinstance(block, Notice):
        return ("notice", block.citations)
    if isinstance(block, BulletList):
        return ("list", tuple(block.item_citations(i) for i in range(len(block.items))))
    if isinstance(block, Slot):
        return ("slot", block.name)
    raise AssertionError(f"unknown block {block!r}")


def problems_in(
    library: GuidanceLibrary,
    language: Language,
    documents: list[tuple[DocumentKind, str]] = DOCUMENTS,
) -> list[str]:
    problems: list[str] = []
    for kind, doc_id in documents:
        where = f"{kind.value} {doc_id} [{language.tag}]"
        english = (
            library.jurisdiction(doc_id, SOURCE_TAG)
            if kind is DocumentKind.JURISDICTION
            else library.topic(doc_id, SOURCE_TAG)
        )
        path = library.file_path(kind, doc_id, language.tag)
        if not path.is_file():
            problems.append(f"{where}: missing {path.name}")
            continue
        try:
            document = (
                library.jurisdiction(doc_id, language.tag)
                if kind is DocumentKind.JURISDICTION
                else library.topic(doc_id, language.tag)
            )
        except GuidanceFormatError as error:
            problems.append(f"{where}: {error}")
            continue
        if document.is_stale:
            problems.append(f"{where}: stale, made from an older English text")
        expected_status = (
            (Status.SOURCE,) if language.tag == SOURCE_TAG else (Status.DRAFT, Status.REVIEWED)
        )
        if document.status not in expected_status:
            problems.append(f"{where}: status {document.status.value}")
        if not document.blocks or not isinstance(document.blocks[0], Notice):
            problems.append(f"{where}: does not start with the disclaimer notice")
        if document.sources != english.sources:
            problems.append(f"{where}: sources differ from the English (run the stamp tool)")
        if [shape(block) for block in document.blocks] != [shape(b) for b in english.blocks]:
            problems.append(f"{where}: structure or citations differ from the English")
    return problems


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_every_document_is_complete_and_fresh(language: Language) -> None:
    problems = problems_in(bundled_library(), language)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# --- the checker itself, on a private copy with one hand-made translation ---

NY = [(DocumentKind.JURISDICTION, "US-NY")]
SPANISH = LANGUAGES[1]


@pytest.fixture
def library_with_spanish_ny(tmp_path: Path) -> tuple[GuidanceLibrary, Path]:
    """A copy whose US-NY has an ``es.md`` with the English structure, freshly stamped."""
    english_only = shutil.ignore_patterns("[!e]*.md", "e[!n]*.md")
    shutil.copytree(resource_path("guidance"), tmp_path / "guidance", ignore=english_only)
    shutil.copytree(resource_path("jurisdictions"), tmp_path / "jurisdictions", ignore=english_only)
    library = GuidanceLibrary(tmp_path / "guidance", tmp_path / "jurisdictions")
    english = library.file_path(DocumentKind.JURISDICTION, "US-NY", "en")
    spanish = english.with_name("es.md")
    text = english.read_text(encoding="utf-8")
    text = text.replace("title: New York", "title: Nueva York").replace(
        "status: source\nsource_hash: none", "status: draft\nsource_hash: " + "0" * 64
    )
    spanish.write_text(text.replace("## Arrests at court", "## Arrestos en el tribunal"))
    stamp(spanish)
    return library, spanish


def test_checker_accepts_a_whole_fresh_translation(
    library_with_spanish_ny: tuple[GuidanceLibrary, Path],
) -> None:
    library, _ = library_with_spanish_ny
    assert problems_in(library, SPANISH, NY) == []
    assert problems_in(library, LANGUAGES[2], NY) == [
        "jurisdiction US-NY [zh-Hans]: missing zh-Hans.md"
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("[1]. Federal officers", ". Federal officers", "structure or citations differ"),
        ("> This summary does not cover", "This summary does not cover", "structure"),
        (
            "checked: 2026-11\n  effective: unconfirmed",
            "checked: 2026-10\n  effective: unconfirmed",
            "sources differ",
        ),
        ("> This is general information", "This is general information", "disclaimer"),
        ("status: draft", "status: source", "an English source file has source_hash: none"),
        ("## Arrestos", "### Arrestos", "headings are written"),
    ],
)
def test_checker_reports_each_kind_of_problem(
    library_with_spanish_ny: tuple[GuidanceLibrary, Path], old: str, new: str, problem: str
) -> None:
    library, spanish = library_with_spanish_ny
    text = spanish.read_text(encoding="utf-8")
    assert old in text
    spanish.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = problems_in(library, SPANISH, NY)
    assert any(problem in line for line in problems), problems


def test_checker_reports_a_stale_translation(
    library_with_spanish_ny: tuple[GuidanceLibrary, Path],
) -> None:
    library, spanish = library_with_spanish_ny
    text = spanish.read_text(encoding="utf-8")
    recorded = library.english_hash(DocumentKind.JURISDICTION, "US-NY")
    assert f"source_hash: {recorded}" in text
    spanish.write_text(text.replace(recorded, "1" * 64), encoding="utf-8")
    assert problems_in(library, SPANISH, NY) == [
        "jurisdiction US-NY [es]: stale, made from an older English text"
    ]
