"""Stamps are not reviews: the review export lists English sentences changed since a
translation's own text was last edited, read from the git history."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from companion.guidance import DocumentKind, GuidanceLibrary
from companion.guidance.history import GitHistory, changed_sentences, english_sentences
from companion.guidance.review_export import DocumentRef, changes_html
from companion.guidance.review_export import _document_section as document_section
from companion.guidance.stamp import main as stamp_main
from companion.guidance.stamp import stamp
from companion.i18n import Language, language_for_tag

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HEADER_EN = "---\ntitle: Getting there\nstatus: source\nsource_hash: none\nsources:\n---\n\n"
ENGLISH_V1 = HEADER_EN + (
    "> General information, not legal advice.\n\n"
    "Come early. Bring your letter.\n\n"
    "- Ask the U.S. clerk for help.\n"
)
ENGLISH_V2 = HEADER_EN + (
    "> General information, not legal advice.\n\n"
    "Come early. Bring your subpoena and your letter.\n\n"
    "- Ask the U.S. clerk for help.\n"
    "- Call your advocate before the court date.\n"
)
SPANISH = (
    "---\ntitle: Cómo llegar\nstatus: draft\nsource_hash: {hash}\nsources:\n---\n\n"
    "> Información general, no es asesoría legal.\n\n"
    "Llegue temprano. Traiga su carta.\n\n"
    "- Pida ayuda al secretario.\n"
)


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> GuidanceLibrary:
    guidance = tmp_path / "guidance"
    folder = guidance / "getting-there"
    folder.mkdir(parents=True)
    (tmp_path / "jurisdictions").mkdir()
    git(tmp_path, "init", "-q")
    (folder / "en.md").write_text(ENGLISH_V1, encoding="utf-8")
    (folder / "es.md").write_text(SPANISH.format(hash="0" * 64), encoding="utf-8")
    stamp(folder / "es.md")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "English and Spanish")
    return GuidanceLibrary(guidance, tmp_path / "jurisdictions")


def paths(library: GuidanceLibrary) -> tuple[Path, Path]:
    return (
        library.file_path(DocumentKind.TOPIC, "getting-there", "es"),
        library.file_path(DocumentKind.TOPIC, "getting-there", "en"),
    )


def test_sentences_split_on_ends_but_not_inside_abbreviations() -> None:
    assert english_sentences(ENGLISH_V1, "en.md") == (
        "General information, not legal advice.",
        "Come early.",
        "Bring your letter.",
        "Ask the U.S. clerk for help.",
    )


def test_changed_sentences_are_the_new_or_reworded_ones() -> None:
    assert changed_sentences(ENGLISH_V1, ENGLISH_V2, "en.md") == (
        "Bring your subpoena and your letter.",
        "Call your advocate before the court date.",
    )
    assert changed_sentences(ENGLISH_V2, ENGLISH_V2, "en.md") == ()


def test_a_restamp_without_editing_the_translation_still_shows_the_changes(
    repo: GuidanceLibrary,
) -> None:
    spanish, english = paths(repo)
    root = english.parents[2]
    english.write_text(ENGLISH_V2, encoding="utf-8")
    git(root, "commit", "-q", "-am", "English changed")
    result = stamp(spanish)  # the translator only re-stamps; the Spanish words stay
    assert result.was_stale
    git(root, "commit", "-q", "-am", "Re-stamp")

    edit = GitHistory().last_edit(spanish, english)
    assert edit is not None and edit.commit is not None
    assert edit.english_then == ENGLISH_V1  # the English of the commit that brought the text

    html = changes_html(repo, GitHistory(), _ref(), "es")
    assert "2 English sentence(s) changed or are new" in html
    assert "<mark>Bring your subpoena and your letter.</mark>" in html
    assert "<mark>Call your advocate before the court date.</mark>" in html
    section = document_section(repo, GitHistory(), _ref(), _spanish())
    assert section.index("<mark>Call your advocate") < section.index('<table class="pair">')


def test_the_stamp_tool_lists_the_sentences_to_reread(
    repo: GuidanceLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    spanish, english = paths(repo)
    english.write_text(ENGLISH_V2, encoding="utf-8")
    git(english.parents[2], "commit", "-q", "-am", "English changed")
    assert stamp_main([str(spanish)]) == 0
    out = capsys.readouterr().out
    assert "stamped" in out
    assert "  - Bring your subpoena and your letter.\n" in out
    assert "  - Call your advocate before the court date.\n" in out
    assert "Come early." not in out  # unchanged sentences are not listed


def test_editing_the_translation_clears_the_marks(repo: GuidanceLibrary) -> None:
    spanish, english = paths(repo)
    root = english.parents[2]
    english.write_text(ENGLISH_V2, encoding="utf-8")
    git(root, "commit", "-q", "-am", "English changed")
    text = spanish.read_text(encoding="utf-8").replace(
        "Traiga su carta.", "Traiga su citación y su carta."
    )
    spanish.write_text(text + "- Llame a su defensora antes de la fecha.\n", encoding="utf-8")
    # Edited but not committed: it is taken to follow today's English.
    assert "No English sentence changed" in changes_html(repo, GitHistory(), _ref(), "es")
    stamp(spanish)
    git(root, "commit", "-q", "-am", "Spanish updated")
    edit = GitHistory().last_edit(spanish, english)
    assert edit is not None and edit.english_then == ENGLISH_V2
    assert "No English sentence changed" in changes_html(repo, GitHistory(), _ref(), "es")


def test_outside_a_git_checkout_the_history_is_reported_missing(tmp_path: Path) -> None:
    folder = tmp_path / "guidance" / "getting-there"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(ENGLISH_V1, encoding="utf-8")
    (folder / "es.md").write_text(SPANISH.format(hash="0" * 64), encoding="utf-8")
    stamp(folder / "es.md")
    library = GuidanceLibrary(tmp_path / "guidance", tmp_path / "jurisdictions")
    if GitHistory().last_edit(folder / "es.md", folder / "en.md") is not None:
        pytest.skip("the temporary folder is inside a git checkout")
    assert "Edit history not available" in changes_html(library, GitHistory(), _ref(), "es")


def _ref() -> DocumentRef:
    return DocumentRef(DocumentKind.TOPIC, "getting-there")


def _spanish() -> Language:
    language = language_for_tag("es")
    assert language is not None
    return language
