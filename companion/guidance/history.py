"""Which English sentences changed since a translation's text was last edited.

A stamp records the English hash, so a re-stamped translation looks up to date even when
nobody touched its words. For the content reviewer, this module looks at the git history
of the source tree: it finds the commit that brought in the translation's current body
(header-only commits, such as a re-stamp, do not count), reads the English file as it was
at that commit, and compares it sentence by sentence with the English today.

Only the review export uses this; the app itself never runs git. Outside a git checkout,
or when git is not installed, the history is simply reported as not available.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.files import parse_file_text
from companion.guidance.hashing import normalise_body
from companion.guidance.header import split_file
from companion.guidance.model import block_plain_texts

_CITATION_RE = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’)]?\s+")
_ABBREVIATIONS = ("U.S.", "e.g.", "i.e.")
_PROTECTED_DOT = "\u2024"  # one-dot leader: stands in for an abbreviation's dots


@dataclass(frozen=True)
class LastEdit:
    """When the translation's current text came in, and the English text of that time.

    ``commit`` is ``None`` when the text was edited in the working tree and not committed
    yet (it is taken to follow the English as it is now). ``english_then`` is ``None``
    when the English file did not exist at that commit or could not be read.
    """

    commit: str | None
    date: str | None
    english_then: str | None


def english_sentences(file_text: str, path: str) -> tuple[str, ...]:
    """The sentences of an English guidance file's body, citations left out, in order."""
    parsed = parse_file_text(file_text, path)
    sentences: list[str] = []
    for block in parsed.blocks:
        for text in block_plain_texts(block):
            cleaned = _CITATION_RE.sub("", text)
            for abbreviation in _ABBREVIATIONS:
                cleaned = cleaned.replace(abbreviation, abbreviation.replace(".", _PROTECTED_DOT))
            for part in _SENTENCE_SPLIT_RE.split(cleaned):
                sentence = part.strip().replace(_PROTECTED_DOT, ".")
                if sentence:
                    sentences.append(sentence)
    return tuple(sentences)


def changed_sentences(english_then: str, english_now: str, path: str) -> tuple[str, ...]:
    """Sentences of today's English that were not in the English of that time, in order."""
    before = set(english_sentences(english_then, path))
    return tuple(s for s in english_sentences(english_now, path) if s not in before)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _repository_root(path: Path) -> Path | None:
    output = _git(path.parent, "rev-parse", "--show-toplevel")
    return Path(output.strip()).resolve() if output else None


def _body(text: str, path: str) -> str | None:
    try:
        return normalise_body(split_file(text, path).body)
    except GuidanceFormatError:
        return None


class GitHistory:
    """Reads past versions of guidance files from the git checkout they live in."""

    def __init__(self) -> None:
        self._shown: dict[tuple[Path, str, str], str | None] = {}

    def _show(self, root: Path, commit: str, relative: str) -> str | None:
        key = (root, commit, relative)
        if key not in self._shown:
            self._shown[key] = _git(root, "show", f"{commit}:{relative}")
        return self._shown[key]

    def last_edit(self, translation: Path, english: Path) -> LastEdit | None:
        """The last edit of ``translation``'s body, or ``None`` if there is no history."""
        translation = translation.resolve()
        root = _repository_root(translation)
        if root is None:
            return None
        relative = translation.relative_to(root).as_posix()
        english_relative = english.resolve().relative_to(root).as_posix()
        log = _git(root, "log", "--format=%H %cs", "--", relative)
        if log is None:
            return None
        commits = [line.split(" ", 1) for line in log.splitlines() if line.strip()]
        current = _body(translation.read_text(encoding="utf-8"), relative)
        english_now = english.read_text(encoding="utf-8")
        if not commits or _body(self._show(root, commits[0][0], relative) or "", relative) != (
            current
        ):
            return LastEdit(commit=None, date=None, english_then=english_now)
        introducing = commits[0]
        for commit in commits[1:]:
            if _body(self._show(root, commit[0], relative) or "", relative) != current:
                break
            introducing = commit
        english_then = self._show(root, introducing[0], english_relative)
        return LastEdit(commit=introducing[0], date=introducing[1], english_then=english_then)
