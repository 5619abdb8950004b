"""Turning names, docket numbers and phone numbers into full-text index entries, and typed
text into queries.

Both sides are folded the same way (``companion.i18n.folding``): case, diacritics, the
Vietnamese Đ, Arabic letter forms and harakat, Persian and Arabic keyboard letters,
joiners, apostrophes and hyphens. "Dang" finds "Đặng", "احمد" finds "أحمد", "obrien" and
"O'Brien" find "O’Brien".

A word joined by an apostrophe or hyphen is indexed whole and in its parts, so "Jean-Pierre"
is found by "jeanpierre", "jean-pierre", "jean" and "pierre".

Phone numbers are indexed as digits only, once from each digit on (while four or more are
left). A query is matched against the start of index words, so any run of four or more
digits from the number, typed with any punctuation, finds it.

SQLite's ``unicode61`` tokenizer keeps a run of Chinese characters or Hangul syllables
as one token, so typing the given name alone would not find ``王小明``. We index such
text one character per token (as well as whole), and split queries the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from companion.i18n.folding import IGNORED, fold, fold_words, is_ideographic, split_words
from companion.store.database import Database

# Apostrophes and hyphens: they join the parts of one name ("O'Brien", "Jean-Pierre").
_JOINERS = frozenset(ch for ch in IGNORED if ch not in "\u200c\u200d\u0640")

# What may be typed around the digits of a phone number.
_PHONE_TEXT = re.compile(r"^[\d\s+()./\-\u2010-\u2013]+$")
MIN_PHONE_DIGITS = 4


def _spaced(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if is_ideographic(ch):
            out.extend((" ", ch, " "))
        else:
            out.append(ch)
    return "".join(out)


def _split_at_joiners(text: str) -> str:
    """``text`` folded, with apostrophes and hyphens as spaces ("jean pierre")."""
    return "".join(" " if ch in _JOINERS else ch for ch in fold(text, keep=_JOINERS))


def index_body(parts: Iterable[str]) -> str:
    """The text stored in the search index for one record."""
    text = " ".join(part for part in parts if part)
    joined = fold(text)
    split = _split_at_joiners(text)
    body = joined if split == joined else f"{joined} {split}"
    return _spaced(body)


def phone_terms(number: str) -> list[str]:
    """The index words of one phone number: its digits from every position that leaves at
    least four (``+1 312-555-0161`` gives 13125550161, 3125550161, ..., 0161)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return [digits[start:] for start in range(len(digits) - MIN_PHONE_DIGITS + 1)]


def _terms(words: Iterable[str]) -> str:
    return " ".join('"' + word + '"*' for word in words)


def fts_query(text: str) -> str | None:
    """An FTS5 query where every typed word must match the start of an indexed word.

    The words are tried as typed (folded) and split at apostrophes and hyphens; text that
    looks like a phone number is also tried as its digits alone. Returns ``None`` when
    nothing searchable was typed. User text is always quoted, so FTS syntax characters in
    it (``"``, ``*``, ``OR``) are just text.
    """
    alternatives: list[list[str]] = []
    for words in (
        fold_words(_spaced(text)),
        split_words(_spaced(_split_at_joiners(text))),
    ):
        if words and words not in alternatives:
            alternatives.append(words)
    digits = "".join(ch for ch in text if ch.isdigit())
    looks_like_phone = bool(_PHONE_TEXT.match(text.strip())) and len(digits) >= MIN_PHONE_DIGITS
    if looks_like_phone and [digits] not in alternatives:
        alternatives.append([digits])
    if not alternatives:
        return None
    if len(alternatives) == 1:
        return _terms(alternatives[0])
    return " OR ".join("(" + _terms(words) + ")" for words in alternatives)


def match_rank(text: str, given_name: str, family_name: str, native_name: str) -> int:
    """How well typed ``text`` matches a person's names, for ordering results (lower is
    better): 0 the whole name as typed (given and family names in either order, or the
    name in the person's own script), 1 every typed word is a whole word of the names,
    2 typed words only start words."""
    typed = _folded_words(text)
    given, family, native = (_folded_words(name) for name in (given_name, family_name, native_name))
    if not typed:
        return 2
    if typed in (given + family, family + given, native):
        return 0
    if all(word in {*given, *family, *native} for word in typed):
        return 1
    return 2


@lru_cache(maxsize=8192)
def _folded_words(text: str) -> tuple[str, ...]:
    """``fold_words``, remembered: ranking 500 results folds the same names and the same
    typed text again at every keystroke."""
    return tuple(fold_words(text))


def _columns(db: Database, table: str) -> set[str]:
    return {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})").fetchall()}


def person_body(db: Database, person_id: int) -> str:
    return person_bodies(db, [person_id]).get(person_id, "")


def person_bodies(db: Database, person_ids: Iterable[int]) -> dict[int, str]:
    """The index entries of many people at once (an import reindexes thousands): their
    names, the dockets of their cases and their phone numbers."""
    wanted = json.dumps(sorted(set(person_ids)))
    among = "IN (SELECT value FROM json_each(?))"
    names = {
        int(pid): [str(given), str(family), str(native)]
        for pid, given, family, native in db.execute(
            f"SELECT id, given_name, family_name, native_name FROM people WHERE id {among}",
            [wanted],
        ).fetchall()
    }
    dockets: dict[int, list[str]] = {}
    for pid, docket in db.execute(
        "SELECT cp.person_id, c.docket_number FROM cases c JOIN case_people cp "
        f"ON cp.case_id = c.id WHERE cp.person_id {among} AND c.deleted_at IS NULL",
        [wanted],
    ).fetchall():
        dockets.setdefault(int(pid), []).append(str(docket))
    sql = f"SELECT person_id, value FROM contact_methods WHERE person_id {among} AND kind = 'phone'"
    if "deleted_at" in _columns(db, "contact_methods"):  # soft deletes came with m005
        sql += " AND deleted_at IS NULL"
    phones: dict[int, list[str]] = {}
    for pid, value in db.execute(sql, [wanted]).fetchall():
        phones.setdefault(int(pid), []).extend(phone_terms(value))
    bodies = {}
    for pid, parts in names.items():
        body = index_body([*parts, *dockets.get(pid, [])])
        bodies[pid] = " ".join([body, *phones[pid]]) if phones.get(pid) else body
    return bodies


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
    """Index every record from scratch (the migrations that add or change the index).

    Reads each table once and writes the index in one batch: a large store (10,000
    people) is rebuilt in seconds, where a query per person took minutes."""
    db.execute("DELETE FROM search_index")
    dockets: dict[int, list[str]] = {}
    for person_id, docket in db.execute(
        "SELECT cp.person_id, c.docket_number FROM case_people cp "
        "JOIN cases c ON c.id = cp.case_id WHERE c.deleted_at IS NULL ORDER BY cp.rowid"
    ).fetchall():
        dockets.setdefault(person_id, []).append(docket)
    sql = "SELECT person_id, value FROM contact_methods WHERE kind = 'phone'"
    if "deleted_at" in _columns(db, "contact_methods"):  # soft deletes came with m005
        sql += " AND deleted_at IS NULL"
    phones: dict[int, list[str]] = {}
    for person_id, value in db.execute(sql + " ORDER BY rowid").fetchall():
        phones.setdefault(person_id, []).extend(phone_terms(value))
    entries: list[tuple[int, str, int, str]] = []
    for person_id, *names in db.execute(
        "SELECT id, given_name, family_name, native_name FROM people"
    ).fetchall():
        body = " ".join(
            [index_body([*names, *dockets.get(person_id, [])]), *phones.get(person_id, [])]
        )
        entries.append((index_rowid("person", person_id), "person", person_id, body.strip()))
    for courthouse_id, name in db.execute("SELECT id, name FROM courthouses").fetchall():
        entries.append(
            (
                index_rowid("courthouse", courthouse_id),
                "courthouse",
                courthouse_id,
                index_body([name]),
            )
        )
    for case_id, docket, court in db.execute(
        "SELECT id, docket_number, court FROM cases"
    ).fetchall():
        entries.append((index_rowid("case", case_id), "case", case_id, index_body([docket, court])))
    db.conn.executemany(
        "INSERT INTO search_index (rowid, kind, record_id, body) VALUES (?, ?, ?, ?)",
        [entry for entry in entries if entry[3]],
    )
