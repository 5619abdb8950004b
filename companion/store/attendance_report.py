"""The office's attendance record for a period, and hearings whose outcome is not yet
recorded. Aggregates only: no names, no record numbers in the figures.

The unit is one person who must testify at one hearing that went ahead (scheduled or
held; continued and cancelled hearings did not take place). Its outcome is *attended*
or *missed* once recorded, else *unknown*. Each breakdown maps a key to the number of
such appearances (``hearings``) and how many were attended and missed:

- ``by_language``: the person's language tag;
- ``by_contacts``: logged attempts for that hearing before it started (corrected
  attempts not counted): ``0``, ``1``, ``2``, ``3+``;
- ``by_packet``: ``yes`` when a packet for that hearing was saved or printed for them;
- ``by_needs``: ``none`` recorded, ``all_met``, or ``some_open``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from companion.store.base import Repository
from companion.store.rows import hearing_start

#: Person-history kinds that say a packet was given (saved or printed) for a hearing.
PACKET_HISTORY_KINDS = ("packet_saved", "packet_printed")


@dataclass
class Tally:
    hearings: int = 0
    attended: int = 0
    missed: int = 0

    @property
    def rate(self) -> float | None:
        """Attended out of those with a recorded outcome; None when none is recorded."""
        known = self.attended + self.missed
        return self.attended / known if known else None

    def as_json(self) -> dict[str, object]:
        return {
            "hearings": self.hearings,
            "attended": self.attended,
            "missed": self.missed,
            "rate": None if self.rate is None else round(self.rate, 4),
        }


@dataclass
class AttendanceReport:
    start: dt.date
    end: dt.date
    #: Hearings (not appearances) in the period with someone who must testify.
    hearings: int = 0
    appearances: int = 0
    attended: int = 0
    missed: int = 0
    unknown: int = 0
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_contacts: dict[str, Tally] = field(default_factory=dict)
    by_packet: dict[str, Tally] = field(default_factory=dict)
    by_needs: dict[str, Tally] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        def group(tallies: dict[str, Tally]) -> dict[str, object]:
            return {key: tallies[key].as_json() for key in sorted(tallies)}

        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "hearings": self.hearings,
            "appearances": self.appearances,
            "attended": self.attended,
            "missed": self.missed,
            "unknown": self.unknown,
            "by_language": group(self.by_language),
            "by_contacts": group(self.by_contacts),
            "by_packet": group(self.by_packet),
            "by_needs": group(self.by_needs),
        }

    def csv_rows(self) -> list[tuple[str, str, int, int, int]]:
        """(breakdown, key, hearings, attended, missed) for a CSV export."""
        rows = [("total", "", self.appearances, self.attended, self.missed)]
        for name, tallies in (
            ("language", self.by_language),
            ("contacts", self.by_contacts),
            ("packet", self.by_packet),
            ("needs", self.by_needs),
        ):
            for key in sorted(tallies):
                tally = tallies[key]
                rows.append((name, key, tally.hearings, tally.attended, tally.missed))
        return rows


@dataclass(frozen=True)
class OutcomeDue:
    """A past hearing where this person's attendance is not yet recorded."""

    hearing_id: int
    person_id: int
    starts_at: dt.datetime
    courthouse_name: str
    courtroom: str
    display_name: str
    must_testify: bool


def _contacts_key(count: int) -> str:
    return "3+" if count >= 3 else str(count)


class AttendanceReportRepository(Repository):
    def report(self, start: dt.date, end: dt.date) -> AttendanceReport:
        """Hearings whose local date is from ``start`` to ``end``, both included."""
        rows = self.rows(
            "SELECT a.person_id, a.hearing_id, a.status, p.language, h.starts_at_utc, "
            "(SELECT count(*) FROM contact_attempts ca WHERE ca.person_id = a.person_id "
            " AND ca.hearing_id = a.hearing_id AND julianday(ca.at) < julianday(h.starts_at_utc) "
            " AND ca.id NOT IN (SELECT corrects_id FROM contact_attempts "
            "  WHERE corrects_id IS NOT NULL)) AS contacts, "
            "EXISTS (SELECT 1 FROM person_history ph WHERE ph.person_id = a.person_id "
            " AND ph.hearing_id = a.hearing_id AND ph.kind IN (?, ?)) AS packet, "
            "(SELECT count(*) FROM hearing_needs n WHERE n.person_id = a.person_id "
            " AND n.hearing_id = a.hearing_id AND n.deleted_at IS NULL) AS needs, "
            "(SELECT count(*) FROM hearing_needs n WHERE n.person_id = a.person_id "
            " AND n.hearing_id = a.hearing_id AND n.deleted_at IS NULL "
            " AND n.status = 'open') AS open_needs "
            "FROM attendance a JOIN hearings h ON h.id = a.hearing_id "
            "JOIN people p ON p.id = a.person_id JOIN cases c ON c.id = h.case_id "
            "WHERE a.must_testify = 1 AND a.deleted_at IS NULL AND h.deleted_at IS NULL "
            "AND c.deleted_at IS NULL AND h.status IN ('scheduled', 'held') "
            "AND substr(h.local_start, 1, 10) BETWEEN ? AND ?",
            [*PACKET_HISTORY_KINDS, start.isoformat(), end.isoformat()],
        )
        report = AttendanceReport(start, end)
        report.hearings = len({row["hearing_id"] for row in rows})
        counts = Counter(row["status"] for row in rows)
        report.appearances = len(rows)
        report.attended = counts["attended"]
        report.missed = counts["missed"]
        report.unknown = report.appearances - report.attended - report.missed
        for row in rows:
            needs = "some_open" if row["open_needs"] else "all_met"
            if row["needs"] == 0:
                needs = "none"
            keys = (
                (report.by_language, row["language"]),
                (report.by_contacts, _contacts_key(row["contacts"])),
                (report.by_packet, "yes" if row["packet"] else "no"),
                (report.by_needs, needs),
            )
            for tallies, key in keys:
                tally = tallies.setdefault(key, Tally())
                tally.hearings += 1
                tally.attended += row["status"] == "attended"
                tally.missed += row["status"] == "missed"
        return report

    def outcomes_due(self, now: dt.datetime | None = None) -> list[OutcomeDue]:
        """Past hearings that went ahead where someone's attendance is still unrecorded,
        most recent first."""
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        rows = self.rows(
            "SELECT a.person_id, a.hearing_id, a.must_testify, h.starts_at_utc, h.timezone, "
            "h.courtroom, ch.name AS courthouse_name, p.given_name, p.family_name "
            "FROM attendance a JOIN hearings h ON h.id = a.hearing_id "
            "JOIN people p ON p.id = a.person_id JOIN cases c ON c.id = h.case_id "
            "JOIN courthouses ch ON ch.id = h.courthouse_id "
            "WHERE a.deleted_at IS NULL AND h.deleted_at IS NULL AND p.deleted_at IS NULL "
            "AND c.deleted_at IS NULL AND h.status IN ('scheduled', 'held') "
            "AND a.status NOT IN ('attended', 'missed') AND h.starts_at_utc < ? "
            "ORDER BY h.starts_at_utc DESC, a.person_id",
            [moment.strftime("%Y-%m-%dT%H:%M:%SZ")],
        )
        return [
            OutcomeDue(
                hearing_id=row["hearing_id"],
                person_id=row["person_id"],
                starts_at=hearing_start(row),
                courthouse_name=row["courthouse_name"],
                courtroom=row["courtroom"],
                display_name=" ".join(
                    part for part in (row["given_name"], row["family_name"]) if part
                ),
                must_testify=bool(row["must_testify"]),
            )
            for row in rows
        ]
