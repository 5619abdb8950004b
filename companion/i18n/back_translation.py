"""The back-translation review of the strings printed for the witness.

Every string on a hearing packet or a witness's calendar entry (the messages
marked in ``companion/packets/``, and the kinds of hearing the packet names)
has, for each language, a row in ``translations/<catalog>/LC_MESSAGES/review.tsv``:

``msgid``
    the English source (the singular, for a plural entry);
``translation``
    the translation the reviewer read (plural forms joined by `` | ``);
``back_translation``
    what that translation says, written back into English by a reviewer who
    reads the language, from the translation alone, without the English;
``verdict``
    ``match`` when the back-translation means what the English means,
    ``mismatch`` when it does not;
``note``
    why, for a mismatch (and anything worth knowing for a match).

This is not a qualified translator's review: the catalogs stay ``draft``.
``review_findings`` lists what still needs attention: a mismatch, a witness
string without a row, or a row whose translation has changed since.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog, Message

from companion.i18n.catalog import po_path

REVIEW_FILE = "review.tsv"
COLUMNS = ("msgid", "translation", "back_translation", "verdict", "note")
VERDICTS = ("match", "mismatch")
FORM_SEPARATOR = " | "
WITNESS_SOURCES = ("companion/packets/",)

FindingKind = Literal["mismatch", "missing", "changed", "unknown"]


@dataclass(frozen=True)
class ReviewRow:
    msgid: str
    translation: str
    back_translation: str
    verdict: str
    note: str


@dataclass(frozen=True)
class ReviewFinding:
    msgid: str
    kind: FindingKind
    reason: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.msgid!r}: {self.reason}"


def review_path(catalog: str, root: Path) -> Path:
    return po_path(catalog, root).with_name(REVIEW_FILE)


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def translation_text(message: Message) -> str:
    """The translation of ``message`` as one line (plural forms joined)."""
    if isinstance(message.string, str):
        forms: Sequence[str] = (message.string,)
    else:
        forms = tuple(message.string or ())
    return FORM_SEPARATOR.join(forms)


def hearing_type_labels() -> tuple[str, ...]:
    """The kinds of hearing, which the packet prints under "Kind of hearing"."""
    from companion.domain.models import HearingType  # the domain imports this package

    return tuple(kind.label for kind in HearingType)


def witness_facing_msgids(template: Catalog, extra: Iterable[str] | None = None) -> tuple[str, ...]:
    """English msgids printed for the witness, in template order."""
    extra_ids = set(hearing_type_labels() if extra is None else extra)
    found = []
    for message in template:
        if not message.id:
            continue
        from_packets = any(
            location.startswith(WITNESS_SOURCES) for location, _line in message.locations
        )
        if from_packets or _msgid(message) in extra_ids:
            found.append(_msgid(message))
    return tuple(found)


def read_review(path: Path) -> list[ReviewRow]:
    """The rows of a review file; ``ValueError`` when it is malformed."""
    with path.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source, delimiter="\t")
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: expected the columns {COLUMNS}, got {reader.fieldnames}")
        rows = []
        for number, record in enumerate(reader, start=2):
            row = ReviewRow(**{column: (record[column] or "").strip() for column in COLUMNS})
            if row.verdict not in VERDICTS:
                raise ValueError(f"{path}:{number}: verdict {row.verdict!r} not in {VERDICTS}")
            if not row.back_translation:
                raise ValueError(f"{path}:{number}: no back-translation")
            if row.verdict == "mismatch" and not row.note:
                raise ValueError(f"{path}:{number}: a mismatch needs a note saying why")
            rows.append(row)
    return rows


def review_text(rows: Iterable[ReviewRow]) -> str:
    """Rows as the text of a review file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.msgid, row.translation, row.back_translation, row.verdict, row.note])
    return buffer.getvalue()


def review_findings(
    catalog: Catalog, rows: Sequence[ReviewRow], witness_msgids: Sequence[str]
) -> list[ReviewFinding]:
    """What the review still flags for this catalog, in witness-string order."""
    by_msgid = {row.msgid: row for row in rows}
    messages = {_msgid(message): message for message in catalog if message.id}
    findings = []
    for msgid in witness_msgids:
        row = by_msgid.get(msgid)
        message = messages.get(msgid)
        if row is None:
            findings.append(ReviewFinding(msgid, "missing", "no back-translation yet"))
        elif message is None or translation_text(message) != row.translation:
            findings.append(
                ReviewFinding(msgid, "changed", "the translation changed since it was reviewed")
            )
        elif row.verdict == "mismatch":
            findings.append(ReviewFinding(msgid, "mismatch", row.note))
    for row in rows:
        if row.msgid not in witness_msgids:
            findings.append(
                ReviewFinding(row.msgid, "unknown", "not a witness-facing string (any more)")
            )
    return findings
