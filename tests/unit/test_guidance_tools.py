"""The translators' stamp tool and the content reviewer's HTML export."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from companion.guidance import DocumentKind, GuidanceFormatError, GuidanceLibrary, Status
from companion.guidance.files import read_file
from companion.guidance.review_export import main as review_main
from companion.guidance.review_export import write_review
from companion.guidance.stamp import main as stamp_main
from companion.guidance.stamp import stamp
from companion.i18n import LANGUAGES
from companion.paths import resource_path

TOPIC = "immigration-enforcement"
OLD_HASH = "0" * 64


@pytest.fixture
def library(tmp_path: Path) -> GuidanceLibrary:
    guidance = tmp_path / "guidance"
    jurisdictions = tmp_path / "jurisdictions"
    # English sources only: each test writes the translations it is about.
    english_only = shutil.ignore_patterns("[!e]*.md", "e[!n]*.md")
    shutil.copytree(resource_path("guidance"), guidance, ignore=english_only)
    shutil.copytree(resource_path("jurisdictions"), jurisdictions, ignore=english_only)
    return GuidanceLibrary(guidance, jurisdictions)


def write_es(library: GuidanceLibrary, *, status: str = "draft", extra: str = "") -> Path:
    path = library.file_path(DocumentKind.TOPIC, TOPIC, "es")
    path.write_text(
        "---\n"
        "title: La inmigración y el tribunal\n"
        f"status: {status}\n"
        f"source_hash: {OLD_HASH}\n"
        f"{extra}"
        "sources:\n"
        "---\n"
        "\n"
        "> Información general, no es asesoría legal. No es un mensaje del tribunal.\n"
        "\n"
        "Hable con su defensora antes de ir al tribunal.\n",
        encoding="utf-8",
    )
    return path


def english_hash_by_hand(library: GuidanceLibrary) -> str:
    """SHA-256 of the English body as written after the header, trailing blank lines removed."""
    text = library.file_path(DocumentKind.TOPIC, TOPIC, "en").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return hashlib.sha256(body.strip("\n").encode("utf-8")).hexdigest()


def test_stamp_records_the_english_hash_and_sources(library: GuidanceLibrary) -> None:
    path = write_es(library)
    assert library.topic(TOPIC, "es").is_stale

    result = stamp(path)

    assert result.changed and result.was_stale and not result.review_reset
    stamped = read_file(path)
    assert stamped.header.source_hash == english_hash_by_hand(library)
    assert stamped.header.sources == library.topic(TOPIC, "en").sources
    assert stamped.header.title == "La inmigración y el tribunal"
    assert stamped.body.strip().endswith("Hable con su defensora antes de ir al tribunal.")
    document = library.topic(TOPIC, "es")
    assert not document.is_stale
    assert document.status is Status.DRAFT
    assert stamp(path).changed is False


def test_stamping_a_changed_text_sets_a_review_back_to_draft(library: GuidanceLibrary) -> None:
    path = write_es(
        library, status="reviewed", extra="reviewer: Ana Ruiz\nreviewed_on: 2026-12-01\n"
    )
    result = stamp(path)
    assert result.review_reset
    header = read_file(path).header
    assert header.status is Status.DRAFT
    assert header.reviewer is None and header.reviewed_on is None


def test_check_mode_changes_nothing_and_fails_on_stale(
    library: GuidanceLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_es(library)
    before = path.read_text(encoding="utf-8")
    assert stamp_main(["--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == before
    assert "stale" in capsys.readouterr().out

    assert stamp_main([str(path)]) == 0
    assert stamp_main(["--check", str(path)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_stamp_refuses_the_english_file_and_odd_names(
    library: GuidanceLibrary, tmp_path: Path
) -> None:
    with pytest.raises(GuidanceFormatError, match="source"):
        stamp(library.file_path(DocumentKind.TOPIC, TOPIC, "en"))
    odd = library.file_path(DocumentKind.TOPIC, TOPIC, "spanish")
    odd.write_text("---\n---\n", encoding="utf-8")
    with pytest.raises(GuidanceFormatError, match="language tag"):
        stamp(odd)
    assert stamp_main([str(odd)]) == 2


def test_review_export_writes_one_page_per_language(
    library: GuidanceLibrary, tmp_path: Path
) -> None:
    write_es(library)  # stale: made from an old hash
    out = tmp_path / "review"
    written = write_review(library, out)
    assert {path.name for path in written} == {f"{lang.tag}.html" for lang in LANGUAGES} | {
        "index.html"
    }

    spanish = (out / "es.html").read_text(encoding="utf-8")
    assert "La inmigración y el tribunal" in spanish
    assert "Immigration enforcement and the courthouse" in spanish  # English beside it
    assert "The English text changed after this translation was made" in spanish
    assert "state-stale" in spanish
    assert "Not translated yet." in spanish  # every other topic has no Spanish file yet
    assert "https://immpolicytracking.org/" in spanish

    arabic = (out / "ar.html").read_text(encoding="utf-8")
    assert "Not translated yet." in arabic

    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('href="') == len(LANGUAGES)


def test_review_export_escapes_file_text(library: GuidanceLibrary, tmp_path: Path) -> None:
    path = library.file_path(DocumentKind.TOPIC, TOPIC, "ar")
    path.write_text(
        f"---\ntitle: <script>alert(1)</script>\nstatus: draft\nsource_hash: {OLD_HASH}\n"
        "sources:\n---\n\n> تنبيه & <b>\n\nنص.\n",
        encoding="utf-8",
    )
    write_review(library, tmp_path / "review")
    arabic = (tmp_path / "review" / "ar.html").read_text(encoding="utf-8")
    assert "<script>" not in arabic
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in arabic
    assert "تنبيه &amp; &lt;b&gt;" in arabic
    assert 'width="50%" lang="ar" dir="rtl"' in arabic


def test_review_export_shows_a_broken_translation_instead_of_failing(
    library: GuidanceLibrary, tmp_path: Path
) -> None:
    path = library.file_path(DocumentKind.TOPIC, TOPIC, "ko")
    path.write_text("no header at all\n", encoding="utf-8")
    write_review(library, tmp_path / "review")
    korean = (tmp_path / "review" / "ko.html").read_text(encoding="utf-8")
    assert "ko.md:1: the file must start with a '---' header line" in korean


def test_review_export_command_prints_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert review_main(["--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out.resolve())
    assert (out / "en.html").is_file()
