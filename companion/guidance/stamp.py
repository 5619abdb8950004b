"""Record in a translation which English text it now matches.

For translators: after bringing ``<topic>/<lang>.md`` up to date with ``<topic>/en.md``,
run::

    python -m companion.guidance.stamp resources/guidance/<topic>/<lang>.md

This writes the current English hash into ``source_hash`` and copies the English
``sources`` list (citations stay in English, as a lawyer would look them up). If the
hash changed, a ``reviewed`` translation goes back to ``draft``: the review covered the
old text. ``--check`` changes nothing and exits with status 1 if any file is stale or lists other
sources than the English.

A stamp is not a review: when the English changed, the tool also prints the English
sentences that changed since the translation's own words were last edited (from the git
history, when there is one), so that a stamp without a re-read is noticed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.files import read_file
from companion.guidance.hashing import content_hash
from companion.guidance.header import Header, format_header, split_file
from companion.guidance.history import GitHistory, changed_sentences
from companion.guidance.model import Status
from companion.i18n.languages import SOURCE_TAG, language_for_tag


@dataclass(frozen=True)
class StampResult:
    path: Path
    changed: bool
    was_stale: bool
    sources_differed: bool
    review_reset: bool

    @property
    def needs_stamp(self) -> bool:
        return self.was_stale or self.sources_differed


def english_sibling(path: Path) -> Path:
    return path.with_name(f"{SOURCE_TAG}.md")


def _check_translation_path(path: Path) -> None:
    language = language_for_tag(path.stem)
    if path.stem == SOURCE_TAG:
        raise GuidanceFormatError(str(path), 0, "en.md is the source; stamp a translation")
    if language is None or language.tag != path.stem:
        raise GuidanceFormatError(
            str(path), 0, "a translation file is named after a shipped language tag, e.g. es.md"
        )


def stamped_header(translation: Header, english: Header, english_hash: str) -> Header:
    """The translation's header, recording ``english_hash`` and the English sources."""
    was_stale = translation.source_hash != english_hash
    header = replace(translation, source_hash=english_hash, sources=english.sources)
    if was_stale and header.status is Status.REVIEWED:
        header = replace(header, status=Status.DRAFT, reviewer=None, reviewed_on=None)
    return header


def stamp(path: Path, *, check_only: bool = False) -> StampResult:
    _check_translation_path(path)
    translation = read_file(path)
    english = read_file(english_sibling(path))
    english_hash = content_hash(english.body)
    header = stamped_header(translation.header, english.header, english_hash)
    was_stale = translation.header.source_hash != english_hash
    text = path.read_text(encoding="utf-8")
    new_text = format_header(header) + split_file(text, str(path)).body
    changed = new_text != text
    if changed and not check_only:
        path.write_text(new_text, encoding="utf-8")
    return StampResult(
        path=path,
        changed=changed,
        was_stale=was_stale,
        sources_differed=translation.header.sources != english.header.sources,
        review_reset=was_stale and translation.header.status is Status.REVIEWED,
    )


def sentences_to_reread(path: Path, history: GitHistory) -> tuple[str, ...]:
    """English sentences changed since the translation at ``path`` was last edited."""
    english = english_sibling(path)
    edit = history.last_edit(path, english)
    if edit is None or edit.english_then is None:
        return ()
    return changed_sentences(edit.english_then, english.read_text(encoding="utf-8"), str(english))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m companion.guidance.stamp",
        description="Record the current English hash and sources in translation files.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="translation files, e.g. es.md")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if any file needs stamping"
    )
    args = parser.parse_args(argv)
    needs_stamp = False
    history = GitHistory()
    for path in args.files:
        try:
            result = stamp(path, check_only=args.check)
        except (GuidanceFormatError, OSError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 2
        needs_stamp = needs_stamp or result.needs_stamp
        if args.check:
            if result.was_stale:
                print(f"{path}: stale (the English text changed)")
            elif result.sources_differed:
                print(f"{path}: sources differ from the English")
            else:
                print(f"{path}: up to date")
        elif result.changed:
            note = " (status set back to draft: re-review it)" if result.review_reset else ""
            print(f"{path}: stamped{note}")
        if result.was_stale:
            reread = sentences_to_reread(path, history)
            if reread:
                print("  English sentences changed since this translation was last edited:")
                for sentence in reread:
                    print(f"  - {sentence}")
        else:
            print(f"{path}: already up to date")
    return 1 if args.check and needs_stamp else 0


if __name__ == "__main__":
    sys.exit(main())
