"""Turning names and docket numbers into full-text index entries, and typed text into queries.

SQLite's ``unicode61`` tokenizer keeps a run of Chinese characters or Hangul syllables
as one token, so typing the given name alone would not find ``王小明``. We index such
text one character per token (as well as whole), and split queries the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlite_utils import Database

_SPLIT_RANGES = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FFFF),  # CJK Extensions B and later
)


def _is_split_char(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _SPLIT_RANGES)


def _spaced(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if _is_split_char(ch):
            out.extend((" ", ch, " "))
        else:
            out.append(ch)
    return "".join(out)


def index_body(parts: Iterable[str]) -> str:
    """The text stored in the search index for one record."""
    normalised = unicodedata.normalize("NFKC", " ".join(part for part in parts if part))
    return _spaced(normalised)


def fts_query(text: str) -> str | None:
    """An FTS5 query where every typed word must match the start of an indexed word.

    Returns ``None`` when nothing searchable was typed. User text is always quoted, so
    FTS syntax characters in it (``"``, ``*``, ``OR``) are just text.
    """
    spaced = _spaced(unicodedata.normalize("NFKC", text))
    # The tokenizer splits on anything that is not a letter, digit or mark; so do we.
    words = "".join(
        ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else " " for ch in spaced
    ).split()
    terms = ['"' + word + '"*' for word in words]
    return " ".join(terms) if terms else None


def person_body(db: Database, person_id: int) -> str:
    row = db.execute(
        "SELECT given_name, family_name, native_name FROM people WHERE id = ?", [person_id]
    ).fetchone()
    if row is None:
        return ""
    dockets = [
        docket
        for (docket,) in db.execute(
            "SELECT c.docket_number FROM cases c JOIN case_people cp ON cp.case_id = c.id "
            "WHERE cp.person_id = ? AND c.deleted_at IS NULL",
            [person_id],
        ).fetchall()
    ]
    return index_body([*row, *dockets])


# Each record's entry lives at a rowid computed from its kind and id, so replacing
# it is a lookup by rowid rather than a scan of the whole index.
KIND_CODES = {"person": 0, "courthouse": 1, "case": 2}
_KIND_SLOTS = 4


def index_rowid(kind: str, record_id: int) -> int:
    return record_id * _KIND_SLOTS + KIND_CODES[kind]


def matching_ids_sql(kind: str) -> str:
    """SQL for the ids of records of ``kind`` whose entry matches the one ``?`` parameter."""
    return (
        f"SELECT rowid / {_KIND_SLOTS} FROM search_index WHERE search_index MATCH ? "
        f"AND rowid % {_KIND_SLOTS} = {KIND_CODES[kind]}"
    )


def reindex(db: Database, kind: str, record_id: int, body: str | None) -> None:
    """Replace the index entry of one record (``body=None`` removes it)."""
    rowid = index_rowid(kind, record_id)
    db.execute("DELETE FROM search_index WHERE rowid = ?", [rowid])
    if body:
        db.execute(
            "INSERT INTO search_index (rowid, kind, record_id, body) VALUES (?, ?, ?, ?)",
            [rowid, kind, record_id, body],
        )


def reindex_person(db: Database, person_id: int) -> None:
    reindex(db, "person", person_id, person_body(db, person_id))


def reindex_courthouse(db: Database, courthouse_id: int) -> None:
    row = db.execute("SELECT name FROM courthouses WHERE id = ?", [courthouse_id]).fetchone()
    reindex(db, "courthouse", courthouse_id, index_body([row[0]]) if row else None)


def reindex_case(db: Database, case_id: int) -> None:
    row = db.execute("SELECT docket_number, court FROM cases WHERE id = ?", [case_id]).fetchone()
    reindex(db, "case", case_id, index_body(row) if row else None)
    for (person_id,) in db.execute(
        "SELECT person_id FROM case_people WHERE case_id = ?", [case_id]
    ).fetchall():
        reindex_person(db, person_id)


def rebuild(db: Database) -> None:
    """Index every record from scratch (used by the migration that adds the index)."""
    db.execute("DELETE FROM search_index")
    for (person_id,) in db.execute("SELECT id FROM people").fetchall():
        reindex_person(db, person_id)
    for (courthouse_id,) in db.execute("SELECT id FROM courthouses").fetchall():
        reindex_courthouse(db, courthouse_id)
    for (case_id,) in db.execute("SELECT id FROM cases").fetchall():
        row = db.execute(
            "SELECT docket_number, court FROM cases WHERE id = ?", [case_id]
        ).fetchone()
        reindex(db, "case", case_id, index_body(row))
