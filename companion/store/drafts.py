"""Drafts: what staff had typed into an open dialog when the app locked, not yet saved.

A draft lives in the encrypted store like every other record, so it is as safe at rest
as the records themselves. ``kind`` names the dialog, ``opened_for`` holds the ids the
dialog was opened for, and ``state`` the fields as typed. Both are JSON objects the
interface writes and reads back; the store does not interpret them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from companion.store.base import Repository


@dataclass(frozen=True)
class Draft:
    kind: str
    opened_for: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    saved_at: str = ""


def _object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


class DraftsRepository(Repository):
    def kept(self) -> list[Draft]:
        """Every kept draft, oldest first."""
        return [
            Draft(
                kind=row["kind"],
                opened_for=_object(row["opened_for"]),
                state=_object(row["state"]),
                id=row["id"],
                saved_at=row["saved_at"],
            )
            for row in self.rows("SELECT * FROM drafts ORDER BY id")
        ]

    def replace_all(self, drafts: Sequence[Draft]) -> list[int]:
        """Forget the drafts kept so far and keep ``drafts`` instead, in one transaction."""
        ids: list[int] = []
        with self.writing():
            self.db.execute("DELETE FROM drafts")
            for draft in drafts:
                ids.append(
                    self.insert(
                        "drafts",
                        {
                            "kind": draft.kind,
                            "opened_for": json.dumps(draft.opened_for, ensure_ascii=False),
                            "state": json.dumps(draft.state, ensure_ascii=False),
                        },
                    )
                )
        return ids

    def delete(self, draft_id: int) -> None:
        with self.writing():
            self.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])

    def count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM drafts") or 0)
