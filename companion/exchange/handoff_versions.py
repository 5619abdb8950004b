"""What a laptop remembers of its handoffs (m012): for each record that went out in a
handoff file or came in from one, the ``row_version`` the record had here right then.

A later handoff compares on both sides: the receiver's record moved on since its
remembered version is "changed here"; the sender writes its own remembered versions
into the file, so a record whose version moved on since them is "changed there". A
change on one side only is taken (or kept); a change on both sides is a conflict for a
person to settle. A laptop learns that the other holds its version only when the record
comes back to it; until then a change on both sides is listed rather than guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from companion.store.database import Database
from companion.store.identity import new_uid
from companion.store.rows import utc_now_text


def remembered(db: Database, table: str, uids: Iterable[str]) -> dict[str, int]:
    """The remembered version of each of ``uids`` of ``table`` that has one."""
    return {
        str(uid): int(version)
        for uid, version in db.execute(
            "SELECT record_uid, row_version FROM handoff_versions WHERE record_table = ? "
            "AND record_uid IN (SELECT value FROM json_each(?))",
            [table, json.dumps(sorted(set(uids)))],
        ).fetchall()
    }


def remember(db: Database, entries: Iterable[tuple[str, str, int]], *, agreed: bool) -> None:
    """Note (table, uid, version) as exchanged.

    ``agreed``: the record came in and both laptops now hold the same (it was new, the
    same, or taken from the file): the version replaces what was remembered. Otherwise
    it went out, and the other laptop may still refuse it as a conflict: it is noted
    only for a record never exchanged before, so a change the other laptop refused is
    never taken for one it holds.
    """
    now = utc_now_text()
    on_conflict = (
        "DO UPDATE SET row_version = excluded.row_version, updated_at = excluded.updated_at"
        if agreed
        else "DO NOTHING"
    )
    db.conn.executemany(
        "INSERT INTO handoff_versions (uid, record_table, record_uid, row_version, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
        f"ON CONFLICT (record_table, record_uid) {on_conflict}",
        [(new_uid(), table, uid, int(version), now, now) for table, uid, version in entries],
    )
