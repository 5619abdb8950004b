"""Per-language lists of forbidden claims and required caveats for the guidance text.

Each shipped language has ``resources/guidance-claims/<tag>.toml``. It lists, in that
language's own words:

- ``[[forbidden]]`` claims the facts file says the guide must never make ("you will be
  safe", "ICE cannot arrest you", "a visa protects you", "a free interpreter", "a free
  lawyer in immigration court", a warrant read apart from "signed by a judge", and the
  old uncited advice list). No page in that language may match any of their patterns.
- ``[[required]]`` caveats that named pages must keep ("state courts only", "signed by a
  judge" for both the warrant and the order, "before the court date", ...). Every
  pattern of an entry must match somewhere in each page the entry names.
- ``allowed``: honest denials such as "cannot promise that you will be safe"; text that
  matches them is taken out before the forbidden patterns are tried.

Every entry has ``examples``: sentences its patterns must catch, so a pattern that has
stopped matching anything is noticed. A list is ``status = "draft"`` until a native
reader has checked it; then ``status = "checked"`` with ``checked_by`` and
``checked_on``. Patterns are Python regular expressions, matched case-insensitively on
NFC text with runs of white space made single spaces.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from companion.guidance.model import DocumentKind
from companion.paths import resource_path

CLAIMS_FOLDER = "guidance-claims"
DRAFT = "draft"
CHECKED = "checked"
_SPACES_RE = re.compile(r"\s+")


class ClaimsFormatError(ValueError):
    """A claims file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ClaimRule:
    """One forbidden claim or required caveat, in one language."""

    rule_id: str
    meaning: str  # what it says, in English, for the reviewer
    patterns: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]
    pages: tuple[str, ...]  # required caveats only: "topic/<id>" or "jurisdiction/<code>" globs


@dataclass(frozen=True)
class LanguageClaims:
    tag: str
    status: str
    checked_by: str | None
    checked_on: str | None
    allowed: tuple[re.Pattern[str], ...]
    forbidden: tuple[ClaimRule, ...]
    required: tuple[ClaimRule, ...]

    @property
    def is_draft(self) -> bool:
        return self.status != CHECKED


def normalise_text(text: str) -> str:
    return _SPACES_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def page_key(kind: DocumentKind, doc_id: str) -> str:
    return f"{kind.value}/{doc_id}"


def claims_path(tag: str) -> Path:
    return resource_path(CLAIMS_FOLDER) / f"{tag}.toml"


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise ClaimsFormatError(f"{where}: a pattern must be a non-empty string")
    try:
        return re.compile(unicodedata.normalize("NFC", pattern), re.IGNORECASE)
    except re.error as error:
        raise ClaimsFormatError(f"{where}: bad pattern {pattern!r}: {error}") from None


def _strings(value: object, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ClaimsFormatError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _rules(entries: object, where: str, *, required: bool) -> tuple[ClaimRule, ...]:
    if not isinstance(entries, list):
        raise ClaimsFormatError(f"{where}: expected a list of tables")
    rules = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise ClaimsFormatError(f"{where}: every entry needs an id")
        here = f"{where} {entry['id']}"
        patterns = _strings(entry.get("patterns"), here, "patterns")
        examples = _strings(entry.get("examples"), here, "examples")
        pages = _strings(entry.get("pages", []), here, "pages")
        if not patterns or not examples:
            raise ClaimsFormatError(f"{here}: needs patterns and examples")
        if required and not pages:
            raise ClaimsFormatError(f"{here}: a required caveat names its pages")
        rules.append(
            ClaimRule(
                rule_id=entry["id"],
                meaning=str(entry.get("meaning", "")),
                patterns=tuple(_compile(pattern, here) for pattern in patterns),
                examples=tuple(normalise_text(example) for example in examples),
                pages=pages,
            )
        )
    return tuple(rules)


def load_claims(tag: str, path: Path | None = None) -> LanguageClaims:
    path = path or claims_path(tag)
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ClaimsFormatError(f"{where}: {error}") from None
    if data.get("language") != tag:
        raise ClaimsFormatError(f"{where}: language must be {tag!r}")
    status = data.get("status")
    if status not in (DRAFT, CHECKED):
        raise ClaimsFormatError(f"{where}: status must be draft or checked")
    checked_by = data.get("checked_by") or None
    checked_on = data.get("checked_on") or None
    if status == CHECKED and not (checked_by and checked_on):
        raise ClaimsFormatError(f"{where}: a checked list names checked_by and checked_on")
    if status == DRAFT and (checked_by or checked_on):
        raise ClaimsFormatError(f"{where}: checked_by and checked_on belong to status checked")
    allowed = tuple(
        _compile(pattern, f"{where} allowed")
        for pattern in _strings(data.get("allowed", []), where, "allowed")
    )
    return LanguageClaims(
        tag=tag,
        status=status,
        checked_by=str(checked_by) if checked_by else None,
        checked_on=str(checked_on) if checked_on else None,
        allowed=allowed,
        forbidden=_rules(data.get("forbidden", []), f"{where} forbidden", required=False),
        required=_rules(data.get("required", []), f"{where} required", required=True),
    )


def without_allowed(claims: LanguageClaims, text: str) -> str:
    text = normalise_text(text)
    for pattern in claims.allowed:
        text = pattern.sub(" … ", text)
    return text


def forbidden_found(claims: LanguageClaims, texts: list[str]) -> list[tuple[str, str]]:
    """(rule id, text) for every text that makes a forbidden claim."""
    found = []
    for text in texts:
        cleaned = without_allowed(claims, text)
        for rule in claims.forbidden:
            if any(pattern.search(cleaned) for pattern in rule.patterns):
                found.append((rule.rule_id, text))
    return found


def applies_to(rule: ClaimRule, key: str) -> bool:
    return any(fnmatch.fnmatchcase(key, page) for page in rule.pages)


def required_missing(rule: ClaimRule, texts: list[str]) -> list[str]:
    """The patterns of ``rule`` that match none of ``texts``."""
    joined = [normalise_text(text) for text in texts]
    return [
        pattern.pattern
        for pattern in rule.patterns
        if not any(pattern.search(text) for text in joined)
    ]
