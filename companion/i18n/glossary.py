"""The agreed words for key terms, read from the glossary in ``translations/README.md``.

The glossary has one table saying how each English term is found in an English
string (a regular expression), then one table per catalog::

    ### es: Spanish (Español)

    | English term | Agreed translation | The translation contains one of |
    | --- | --- | --- |
    | advocate | persona de apoyo | `persona de apoyo` / `personas de apoyo` |

``term_problems`` lists the entries of a catalog whose English uses a term while
the translation has none of that term's accepted forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

GLOSSARY_HEADING = "## Glossary"
_CODE = re.compile(r"`([^`]+)`")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LANGUAGE_HEADING = re.compile(r"^###\s+([A-Za-z_]+):")


class GlossaryError(ValueError):
    """The glossary text is not in the expected shape."""


@dataclass(frozen=True)
class GlossaryTerm:
    english: str
    pattern: re.Pattern[str]
    translation: str
    accepted: tuple[str, ...]

    def used_in(self, english_text: str) -> bool:
        """``english_text`` uses the term; placeholder names (``{courthouse}``) do not count."""
        return bool(self.pattern.search(_PLACEHOLDER.sub("", english_text)))

    def rendered_in(self, translation: str) -> bool:
        """``translation`` holds one of the accepted forms (case and ``&`` accelerators aside)."""
        text = translation.replace("&", "").casefold()
        return any(form.casefold() in text for form in self.accepted)


@dataclass(frozen=True)
class TermProblem:
    msgid: str
    term: str
    translation: str

    def __str__(self) -> str:
        return f"{self.msgid!r} uses {self.term!r}; the translation lacks it: {self.translation!r}"


def glossary_section(readme: str) -> str:
    start = readme.find(GLOSSARY_HEADING + "\n")
    if start < 0:
        raise GlossaryError(f"no '{GLOSSARY_HEADING}' section")
    end = readme.find("\n## ", start + len(GLOSSARY_HEADING))
    return readme[start : end if end >= 0 else len(readme)]


def _table_rows(lines: Iterable[str]) -> list[list[str]]:
    rows = []
    for line in lines:
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if all(set(cell) <= {"-", " ", ":"} for cell in cells):
            continue  # the line under the header
        rows.append(cells)
    return rows[1:] if rows else []  # without the header row


def read_glossary(readme: str) -> dict[str, tuple[GlossaryTerm, ...]]:
    """Catalog name (``es``, ``zh_Hans`` …) to its glossary terms."""
    section = glossary_section(readme)
    blocks = re.split(r"(?m)^(?=### )", section)
    patterns: dict[str, re.Pattern[str]] = {}
    for cells in _table_rows(blocks[0].splitlines()):
        if len(cells) != 2:
            raise GlossaryError(f"expected term and pattern, got {cells}")
        found = _CODE.findall(cells[1])
        if len(found) != 1:
            raise GlossaryError(f"{cells[0]}: one `pattern` expected")
        patterns[cells[0]] = re.compile(found[0], re.IGNORECASE)
    if not patterns:
        raise GlossaryError("the glossary lists no English terms")
    glossary: dict[str, tuple[GlossaryTerm, ...]] = {}
    for block in blocks[1:]:
        heading = _LANGUAGE_HEADING.match(block)
        if heading is None:
            continue
        catalog = heading.group(1)
        terms = []
        for cells in _table_rows(block.splitlines()[1:]):
            if len(cells) != 3:
                raise GlossaryError(f"{catalog}: expected three cells, got {cells}")
            english, translation, forms = cells
            if english not in patterns:
                raise GlossaryError(f"{catalog}: {english!r} is not in the list of terms")
            accepted = tuple(form.strip() for form in _CODE.findall(forms) if form.strip())
            if not accepted:
                raise GlossaryError(f"{catalog}: {english!r} has no accepted form")
            terms.append(GlossaryTerm(english, patterns[english], translation, accepted))
        missing = set(patterns) - {term.english for term in terms}
        if missing:
            raise GlossaryError(f"{catalog}: no row for {sorted(missing)}")
        glossary[catalog] = tuple(terms)
    return glossary


def read_glossary_file(path: Path) -> dict[str, tuple[GlossaryTerm, ...]]:
    return read_glossary(path.read_text(encoding="utf-8"))


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(str(item) for item in value)
    return ()


def msgid_text(message: Message) -> str:
    """The singular English of ``message``."""
    return _texts(message.id)[0]


def term_problems(
    catalog: Catalog,
    terms: Iterable[GlossaryTerm],
    exceptions: Mapping[str, object] = {},
) -> list[TermProblem]:
    """Entries whose English uses a term and whose translation lacks its agreed word.

    ``exceptions`` maps an English msgid to the reason it is left out. Every
    plural form is checked; an untranslated entry is left to the completeness test.
    """
    terms = tuple(terms)
    problems = []
    for message in catalog:
        if not message.id or msgid_text(message) in exceptions:
            continue
        english = " ".join(_texts(message.id))
        forms = [form for form in _texts(message.string) if form]
        if not forms:
            continue
        for term in terms:
            if not term.used_in(english):
                continue
            for form in forms:
                if not term.rendered_in(form):
                    problems.append(TermProblem(msgid_text(message), term.english, form))
                    break
    return problems
