"""Retention: purging closed cases a set number of months after they closed.

Off by default. Purging is explicit: staff review what is due, then confirm. It deletes
the cases, their hearings, and every person who has no other case left, with SQLite's
``secure_delete`` on (freed pages are overwritten), then vacuums and truncates the
write-ahead log so no old page survives in the file. The audit trail keeps one entry
per purged case, with ids and counts but never names.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from companion.store import search
from companion.store.audit import AuditAction
from companion.store.base import Repository

log = logging.getLogger(__name__)

RETENTION_SETTING = "retention_months"


@dataclass(frozen=True)
class PurgeCandidate:
    case_id: int
    docket_number: str
    closed_on: dt.date
    person_ids: list[int] = field(default_factory=list)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the last day of the month where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate_day in range(day.day, 0, -1):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError("unreachable")


class RetentionRepository(Repository):
    def months(self) -> int | None:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [RETENTION_SETTING])
        months = int(value) if value not in (None, "null") else 0
        return months if months > 0 else None

    def due(self, today: dt.date | None = None) -> list[PurgeCandidate]:
        """Closed cases past the retention period. Empty while retention is off."""
        months = self.months()
        if months is None:
            return []
        cutoff = months_before(today or dt.date.today(), months)
        found = []
        for row in self.rows(
            "SELECT id, docket_number, closed_on FROM cases WHERE status = 'closed' "
            "AND closed_on IS NOT NULL AND closed_on <= ? ORDER BY closed_on, id",
            [cutoff.isoformat()],
        ):
            person_ids = [
                int(person_id)
                for (person_id,) in self.db.execute(
                    "SELECT person_id FROM case_people WHERE case_id = ?", [row["id"]]
                ).fetchall()
            ]
            found.append(
                PurgeCandidate(
                    row["id"],
                    row["docket_number"],
                    dt.date.fromisoformat(row["closed_on"]),
                    person_ids,
                )
            )
        return found

    def purge(self, case_ids: list[int]) -> tuple[int, int]:
        """Delete these cases for good, with everyone who has no other case. Returns the
        numbers of cases and people purged."""
        people_purged = 0
        with self.writing():
            for case_id in case_ids:
                person_ids = [
                    int(person_id)
                    for (person_id,) in self.db.execute(
                        "SELECT person_id FROM case_people WHERE case_id = ?", [case_id]
                    ).fetchall()
                ]
                self.db.execute("DELETE FROM hearings WHERE case_id = ?", [case_id])
                self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
                search.reindex(self.db, "case", case_id, None)
                purged_here = 0
                for person_id in person_ids:
                    still_in_a_case = self.scalar(
                        "SELECT 1 FROM case_people WHERE person_id = ?", [person_id]
                    )
                    if still_in_a_case:
                        search.reindex_person(self.db, person_id)
                        continue
                    self.db.execute("DELETE FROM people WHERE id = ?", [person_id])
                    search.reindex(self.db, "person", person_id, None)
                    purged_here += 1
                people_purged += purged_here
                self.audit.record(
                    AuditAction.PURGED, "case", case_id, detail=f"people={purged_here}"
                )
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("purged %d cases and %d people", len(case_ids), people_purged)
        return len(case_ids), people_purged
