"""Stable record ids: a time-ordered UUID (version 7, RFC 9562) on every record.

The local integer ``id`` stays what the command line and the desk use; the ``uid`` is
what another laptop, an export or a shared office server knows a record by. It is set
once, when the record is created (or kept from the file it was imported from), and the
database refuses to change it (see ``m005_stable_ids``).
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Callable
from functools import cache
from typing import cast

from companion.store.database import Database

#: Tables whose rows are records: each row has a ``uid``.
RECORD_TABLES: tuple[str, ...] = (
    "people",
    "contact_methods",
    "courthouses",
    "cases",
    "case_people",
    "hearings",
    "attendance",
    "person_history",
    "attendance_outcomes",
    "audit_log",
    "contact_attempts",
    "hearing_needs",
)

#: Records that are edited in place: each row has ``row_version``, raised on every update,
#: and ``updated_at`` (UTC), and goes to the Trash (``deleted_at``) before it is removed.
EDITABLE_TABLES: tuple[str, ...] = (
    "people",
    "contact_methods",
    "courthouses",
    "cases",
    "hearings",
    "attendance",
    "hearing_needs",
)

#: History that is only ever appended to: a correction is a new entry with ``corrects_id``.
APPEND_ONLY_TABLES: tuple[str, ...] = (
    "person_history",
    "attendance_outcomes",
    "audit_log",
    "contact_attempts",
)

#: Tables added after the first schema, whose ``created_at``/``updated_at`` have no
#: database default (SQLite cannot add a column whose default is an expression): the
#: store writes them itself.
STORE_STAMPED_TABLES: tuple[str, ...] = ("contact_methods", "case_people", "attendance")


class _Uuid7:
    """UUID version 7 (RFC 9562, section 5.7), increasing within this process.

    48 bits of Unix time in milliseconds, the version, 12 bits of ``rand_a``, the variant
    and 62 random bits. ``rand_a`` is a counter (RFC 9562, section 6.2, method 1) that
    starts at a random value in its lower half each millisecond and goes up by one for
    each id made in the same millisecond, so ids made one after another always sort in
    the order they were made; if it runs out, the time part moves on by a millisecond.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._milliseconds = -1
        self._counter = 0

    def __call__(self) -> uuid.UUID:
        with self._lock:
            milliseconds = time.time_ns() // 1_000_000
            if milliseconds > self._milliseconds:
                self._milliseconds = milliseconds
                self._counter = secrets.randbits(11)
            else:  # the same millisecond, or the clock went back: keep increasing
                self._counter += 1
                if self._counter > 0xFFF:
                    self._milliseconds += 1
                    self._counter = secrets.randbits(11)
            value = (
                (self._milliseconds & 0xFFFF_FFFF_FFFF) << 80
                | 0x7 << 76
                | self._counter << 64
                | 0b10 << 62
                | secrets.randbits(62)
            )
        return uuid.UUID(int=value)


@cache
def uuid7_generator() -> Callable[[], uuid.UUID]:
    """The standard library's generator where the Python version has one (3.14), else
    this module's."""
    standard = getattr(uuid, "uuid7", None)
    if standard is not None:
        return cast(Callable[[], uuid.UUID], standard)
    return _Uuid7()


def new_uid() -> str:
    """A new UUID version 7 as text: 48 bits of Unix time in milliseconds, then random."""
    return str(uuid7_generator()())


def identity_problems(db: Database) -> list[str]:
    """Records without a well-formed uid (the schema refuses them; this finds damage)."""
    problems = []
    for table in RECORD_TABLES:
        (missing,) = db.execute(
            f"SELECT count(*) FROM {table} WHERE uid IS NULL OR length(uid) <> 36"
        ).fetchone()
        if missing:
            problems.append(f"uid: {missing} rows of {table} have no stable id")
    return problems
