"""Handing people over to a colleague's laptop: one encrypted ``.cchandoff`` file.

The file holds the chosen people with their contacts, cases, hearings (and their
courthouses), attendance and history, every reference written as the other record's
``uid``. It is sealed with a code made for this one handoff and shown once:

- the code is 24 letters and digits in six groups of four from a 32-symbol alphabet
  without look-alikes (120 bits); typing is forgiving (case, spaces, dashes, O for 0,
  I and L for 1);
- Argon2id (64 MiB, 3 passes) turns it into a key; HKDF splits that into the AES-256-GCM
  key and a check value, so a wrong code ("not this code") is told apart from a file
  changed after sealing ("damaged");
- the header (format, costs, salt, nonce, check value) is the GCM associated data.

On import, records are matched by ``uid``: new ones are added, identical ones left alone.
For a record that differs, both laptops' memory of their last exchange of it decides
(``handoff_versions``, m012): changed on the sending laptop only, the file's copy is
taken; changed on this laptop only, this one is kept; changed on both (or never
exchanged before, so nothing tells which is newer), it is listed as a conflict for a
person and the local copy kept: never overwritten silently. The whole import is one
transaction, recorded in the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.errors import HandoffCodeError, HandoffFileError
from companion.exchange.handoff_versions import remember, remembered
from companion.private_files import write_private_output
from companion.regular_files import read_regular_file
from companion.store.connection import DatabaseError
from companion.store.rows import utc_now_text
from companion.store.search import reindex_case, reindex_courthouse, reindex_person
from companion.store.store import Store

MAGIC = b"CCHANDOFF1\n"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_GROUPS = 6
CODE_GROUP_LENGTH = 4
ARGON2_TIME = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_LANES = 1
#: A handoff file above this size is refused before anything is decrypted.
MAX_FILE_BYTES = 200 * 1024 * 1024
HANDED_OVER_KIND = "handed_over"

#: Tables in the order they are merged (a record's references come before it), and for
#: each, its columns that point to another record: column -> referenced table.
TABLES: dict[str, dict[str, str]] = {
    "people": {},
    "contact_methods": {"person_id": "people"},
    "courthouses": {},
    "cases": {},
    "case_people": {"case_id": "cases", "person_id": "people"},
    "hearings": {
        "case_id": "cases",
        "courthouse_id": "courthouses",
        "continued_from_id": "hearings",
    },
    "attendance": {"person_id": "people", "hearing_id": "hearings"},
    "person_history": {
        "person_id": "people",
        "hearing_id": "hearings",
        "corrects_id": "person_history",
    },
    "attendance_outcomes": {
        "person_id": "people",
        "hearing_id": "hearings",
        "corrects_id": "attendance_outcomes",
    },
}
#: Columns that say when or how often a record was stored on one laptop: not compared.
_LOCAL_COLUMNS = frozenset({"id", "rowid", "row_version", "created_at", "updated_at"})


def new_code() -> str:
    """A fresh handoff code, e.g. ``7QK2-M9XD-...``: six groups of four symbols."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(
        symbols[start : start + CODE_GROUP_LENGTH]
        for start in range(0, len(symbols), CODE_GROUP_LENGTH)
    )


def normalize_code(typed: str) -> str:
    """The code's symbols as typed by a person: case, spaces and dashes do not matter, and
    O, I and L are read as 0, 1 and 1."""
    text = "".join(ch for ch in typed.upper() if not ch.isspace() and ch != "-")
    return text.translate(str.maketrans("OIL", "011"))


def _keys(code: str, salt: bytes) -> tuple[bytes, bytes]:
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    master = hash_secret_raw(
        normalize_code(code).encode("ascii", "replace"),
        salt,
        time_cost=ARGON2_TIME,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_LANES,
        hash_len=32,
        type=Type.ID,
    )
    both = HKDF(
        algorithm=hashes.SHA256(), length=64, salt=None, info=b"court-companion handoff"
    ).derive(master)
    return both[:32], both[32:]


def seal(payload: dict[str, Any], code: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    key, check = _keys(code, salt)
    header = json.dumps(
        {
            "format": 1,
            "kdf": {"name": "argon2id", "t": ARGON2_TIME, "m": ARGON2_MEMORY_KIB, "p": 1},
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "check": base64.b64encode(hashlib.sha256(check).digest()).decode(),
        },
        sort_keys=True,
    ).encode()
    body = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return MAGIC + header + b"\n" + AESGCM(key).encrypt(nonce, body, MAGIC + header)


def unseal(data: bytes, code: str) -> dict[str, Any]:
    """The payload of a sealed file. ``HandoffCodeError`` for a wrong code,
    ``HandoffFileError`` for anything that is not an intact handoff file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not data.startswith(MAGIC) or b"\n" not in data[len(MAGIC) :]:
        raise HandoffFileError("not_a_handoff")
    header, _, sealed = data[len(MAGIC) :].partition(b"\n")
    try:
        fields = json.loads(header)
        kdf = fields["kdf"]
        if fields["format"] != 1 or kdf != {
            "name": "argon2id",
            "t": ARGON2_TIME,
            "m": ARGON2_MEMORY_KIB,
            "p": 1,
        }:
            raise HandoffFileError("unknown_format")
        salt = base64.b64decode(fields["salt"], validate=True)
        nonce = base64.b64decode(fields["nonce"], validate=True)
        expected_check = base64.b64decode(fields["check"], validate=True)
    except (ValueError, KeyError, TypeError) as error:
        raise HandoffFileError("damaged") from error
    if len(salt) != 16 or len(nonce) != 12:
        raise HandoffFileError("damaged")
    key, check = _keys(code, salt)
    if not hmac.compare_digest(hashlib.sha256(check).digest(), expected_check):
        raise HandoffCodeError()
    try:
        body = AESGCM(key).decrypt(nonce, sealed, MAGIC + header)
        payload: dict[str, Any] = json.loads(zlib.decompress(body).decode("utf-8"))
    except (InvalidTag, zlib.error, ValueError) as error:
        raise HandoffFileError("damaged") from error
    if not isinstance(payload.get("tables"), dict):
        raise HandoffFileError("damaged")
    return payload


# --- export -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoffExport:
    path: Path
    code: str
    people: int
    records: int


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return store.people.rows(sql, params)


def _marks(ids: list[int]) -> str:
    return ",".join("?" for _ in ids) or "NULL"


def collect(store: Store, person_ids: list[int]) -> dict[str, list[dict[str, Any]]]:
    """The chosen people's records, table by table, with references as uids."""
    for person_id in person_ids:
        store.people.get(person_id)  # NotFoundError for an unknown or deleted person
    people = person_ids
    case_ids = [
        row["case_id"]
        for row in _rows(
            store,
            f"SELECT DISTINCT case_id FROM case_people WHERE person_id IN ({_marks(people)})",
            people,
        )
    ]
    hearing_ids = [
        row["id"]
        for row in _rows(
            store,
            f"SELECT id FROM hearings WHERE case_id IN ({_marks(case_ids)}) "
            f"OR id IN (SELECT hearing_id FROM attendance WHERE person_id IN ({_marks(people)}))",
            [*case_ids, *people],
        )
    ]
    # A hearing a person attends may belong to a case they are not linked to: its case
    # travels too, or the hearing would arrive without one.
    case_ids = sorted(
        set(case_ids)
        | {
            row["case_id"]
            for row in _rows(
                store,
                f"SELECT case_id FROM hearings WHERE id IN ({_marks(hearing_ids)})",
                hearing_ids,
            )
        }
    )
    courthouse_ids = [
        row["courthouse_id"]
        for row in _rows(
            store,
            f"SELECT DISTINCT courthouse_id FROM hearings WHERE id IN ({_marks(hearing_ids)})",
            hearing_ids,
        )
    ]
    wanted = {
        "people": ("id", people),
        "contact_methods": ("person_id", people),
        "courthouses": ("id", courthouse_ids),
        "cases": ("id", case_ids),
        "case_people": ("person_id", people),
        "hearings": ("id", hearing_ids),
        "attendance": ("person_id", people),
        "person_history": ("person_id", people),
        "attendance_outcomes": ("person_id", people),
    }
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, references in TABLES.items():
        column, ids = wanted[table]
        rows = _rows(
            store,
            f"SELECT * FROM {table} WHERE {column} IN ({_marks(ids)}) ORDER BY rowid",
            ids,
        )
        for row in rows:
            for reference, target in references.items():
                if row.get(reference) is not None:
                    row[reference] = store.people.uid_of(target, row[reference])
            row.pop("id", None)
        tables[table] = rows
    return tables


def export_handoff(
    store: Store, person_ids: list[int], path: Path, *, mark_handed_over: bool = False
) -> HandoffExport:
    """Seal the chosen people's records into ``path`` (0600) under a new code.

    With ``mark_handed_over``, each person's history says they were handed over."""
    from companion.store.audit import AuditAction

    tables = collect(store, person_ids)
    versions = _versions(tables)
    code = new_code()
    payload = {
        "format": 1,
        "created_at": utc_now_text(),
        "tables": tables,
        # What this laptop remembered before this handoff: the receiver tells by it
        # which records changed here since the last exchange.
        "exchanged": {
            table: remembered(store.db, table, [uid for uid, _ in rows])
            for table, rows in versions.items()
        },
    }
    write_private_output(path, seal(payload, code))
    with store.people.writing():
        remember(
            store.db,
            [(table, uid, version) for table, rows in versions.items() for uid, version in rows],
            agreed=False,
        )
        for person_id in person_ids:
            store.audit.record(AuditAction.EXPORTED, "person", person_id, "handoff")
            if mark_handed_over:
                store.people.insert(
                    "person_history",
                    {"person_id": person_id, "kind": HANDED_OVER_KIND, "detail": ""},
                )
    return HandoffExport(
        path=path,
        code=code,
        people=len(person_ids),
        records=sum(len(rows) for rows in tables.values()),
    )


def _versions(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[tuple[str, int]]]:
    """(uid, row_version) of every record that has a version, by table."""
    return {
        table: [(str(row["uid"]), int(row["row_version"])) for row in rows]
        for table, rows in tables.items()
        if rows and "row_version" in rows[0]
    }


# --- import -----------------------------------------------------------------------------


#: Why a record is a conflict: changed on both laptops since they last exchanged it, or
#: different on the two without ever having been exchanged (nothing tells which is newer).
CHANGED_ON_BOTH = "changed_on_both"
NO_SHARED_HISTORY = "no_shared_history"


@dataclass(frozen=True)
class Conflict:
    table: str
    uid: str
    fields: list[str]
    reason: str = CHANGED_ON_BOTH


@dataclass
class MergePlan:
    """What an import adds, leaves alone, and refuses to overwrite."""

    new: dict[str, list[str]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    #: Changed on the other laptop only since the last exchange: taken from the file.
    updated: dict[str, list[str]] = field(default_factory=dict)
    #: Changed on this laptop only since the last exchange: this laptop's record kept.
    kept: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "new": {table: len(uids) for table, uids in self.new.items()},
            "new_uids": self.new,
            "unchanged": self.unchanged,
            "updated_uids": self.updated,
            "kept_uids": self.kept,
            "conflicts": [
                {"table": c.table, "uid": c.uid, "fields": c.fields, "reason": c.reason}
                for c in self.conflicts
            ],
        }

    @property
    def new_people(self) -> int:
        return len(self.new.get("people", []))


def read_handoff(path: Path, code: str) -> dict[str, Any]:
    data = read_regular_file(path, MAX_FILE_BYTES, lambda _: HandoffFileError("too_large"))
    return unseal(data, code)


def _columns(store: Store, table: str) -> set[str]:
    return {row["name"] for row in store.people.rows(f"PRAGMA table_info({table})")}


def _local(store: Store, table: str, uid: str) -> dict[str, Any] | None:
    return store.people.row(f"SELECT * FROM {table} WHERE uid = ?", [uid])


def _localised(store: Store, table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its uid references replaced by the local ids (``None`` if not here)."""
    values = dict(row)
    for reference, target in TABLES[table].items():
        uid = values.get(reference)
        if uid is not None:
            local = store.people.scalar(f"SELECT id FROM {target} WHERE uid = ?", [uid])
            values[reference] = local
    return values


def _plan_and_apply(store: Store, payload: dict[str, Any], apply: bool) -> MergePlan:
    """Match every record of the file by uid (and add the new ones when ``apply``).

    A record the store refuses (a reference to a record neither here nor in the file)
    means the file does not hold what a handoff holds: ``HandoffFileError``, and the
    caller's transaction is rolled back."""
    try:
        return _merge(store, payload, apply)
    except DatabaseError as error:
        raise HandoffFileError("damaged") from error


def _exchanged(payload: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The sender's remembered versions (none in a file from before m012)."""
    found = payload.get("exchanged", {})
    if not isinstance(found, dict) or not all(
        isinstance(versions, dict)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in versions.values())
        for versions in found.values()
    ):
        raise HandoffFileError("damaged")
    return found


def _merge(store: Store, payload: dict[str, Any], apply: bool) -> MergePlan:
    plan = MergePlan()
    tables: dict[str, Any] = payload["tables"]
    sent = _exchanged(payload)
    exchanged: list[tuple[str, str, int]] = []
    for table in TABLES:
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            raise HandoffFileError("damaged")
        columns = _columns(store, table) - {"id"}
        versioned = "row_version" in columns
        if not all(isinstance(row, dict) and isinstance(row.get("uid"), str) for row in rows):
            raise HandoffFileError("damaged")
        here = remembered(store.db, table, [row["uid"] for row in rows]) if versioned else {}
        there = sent.get(table, {})
        for row in rows:
            incoming = {key: value for key, value in row.items() if key in columns}
            uid = incoming["uid"]
            if versioned and not isinstance(incoming.get("row_version"), int):
                raise HandoffFileError("damaged")
            local = _local(store, table, uid)
            values = _localised(store, table, incoming)
            if local is None:
                plan.new.setdefault(table, []).append(uid)
                if apply:
                    store.people.insert(table, values)
                    if versioned:
                        exchanged.append((table, uid, int(incoming["row_version"])))
                continue
            differing = sorted(
                key
                for key, value in values.items()
                if key not in _LOCAL_COLUMNS and local.get(key) != value
            )
            if not differing:
                plan.unchanged[table] = plan.unchanged.get(table, 0) + 1
                if versioned:
                    exchanged.append((table, uid, int(local["row_version"])))
                continue
            if not versioned or uid not in here or uid not in there:
                plan.conflicts.append(Conflict(table, uid, differing, NO_SHARED_HISTORY))
                continue
            changed_here = int(local["row_version"]) != here[uid]
            changed_there = int(incoming["row_version"]) != there[uid]
            if changed_there and not changed_here:
                plan.updated.setdefault(table, []).append(uid)
                if apply:
                    _take(store, table, values, differing)
                    exchanged.append((table, uid, int(local["row_version"]) + 1))
            elif changed_here and not changed_there:
                plan.kept.setdefault(table, []).append(uid)
            else:
                plan.conflicts.append(Conflict(table, uid, differing, CHANGED_ON_BOTH))
    if apply:
        remember(store.db, exchanged, agreed=True)
    return plan


def _take(store: Store, table: str, values: dict[str, Any], columns: list[str]) -> None:
    """Put the file's ``columns`` into this laptop's record (one version later)."""
    assignments = "".join(f"{column} = ?, " for column in columns)
    store.db.execute(
        f"UPDATE {table} SET {assignments}row_version = row_version + 1, updated_at = ? "
        "WHERE uid = ?",
        [*(values[column] for column in columns), utc_now_text(), values["uid"]],
    )


def preview_handoff(store: Store, payload: dict[str, Any]) -> MergePlan:
    """What ``import_handoff`` would do, writing nothing.

    Run inside a transaction that is rolled back, so that records referring to records
    the same file adds are checked as the real import checks them."""
    store.db.execute("SAVEPOINT handoff_preview")
    try:
        return _plan_and_apply(store, payload, apply=True)
    finally:
        store.db.execute("ROLLBACK TO handoff_preview")
        store.db.execute("RELEASE handoff_preview")


def import_handoff(store: Store, payload: dict[str, Any]) -> MergePlan:
    """Merge the file into the store in one transaction; conflicts keep the local record."""
    from companion.store.audit import AuditAction

    with store.people.writing():
        plan = _plan_and_apply(store, payload, apply=True)
        touched = {
            table: plan.new.get(table, []) + plan.updated.get(table, [])
            for table in ("people", "courthouses", "cases", "contact_methods")
        }
        for uid in touched["people"]:
            person_id = store.people.scalar("SELECT id FROM people WHERE uid = ?", [uid])
            reindex_person(store.db, person_id)
        for uid in plan.updated.get("contact_methods", []):  # a phone is in the index
            person_id = store.people.scalar(
                "SELECT person_id FROM contact_methods WHERE uid = ?", [uid]
            )
            reindex_person(store.db, person_id)
        for uid in touched["courthouses"]:
            reindex_courthouse(
                store.db, store.people.scalar("SELECT id FROM courthouses WHERE uid = ?", [uid])
            )
        for uid in touched["cases"]:
            reindex_case(store.db, store.people.scalar("SELECT id FROM cases WHERE uid = ?", [uid]))
        store.audit.record(
            AuditAction.IMPORTED_HANDOFF,
            "handoff",
            None,
            json.dumps(
                {
                    "new": {table: len(uids) for table, uids in plan.new.items()},
                    "updated": {table: len(uids) for table, uids in plan.updated.items()},
                    "conflicts": len(plan.conflicts),
                }
            ),
        )
    return plan
