"""The agenda: upcoming hearings with their people, for the morning look and for calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from companion.domain.models import AttendanceStatus, HearingStatus, HearingType
from companion.outreach.model import NeedKind
from companion.store.base import Repository
from companion.store.rows import hearing_start


@dataclass(frozen=True)
class AgendaPerson:
    id: int
    given_name: str
    family_name: str
    native_name: str
    language: str
    must_testify: bool
    attendance: AttendanceStatus
    uid: str = ""
    #: Needs for this hearing not yet arranged (``NeedKind`` values, in their order).
    open_needs: tuple[str, ...] = ()
    #: They asked not to be contacted: never on a call list, whatever their attendance.
    do_not_contact: bool = False

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True)
class AgendaEntry:
    hearing_id: int
    starts_at: dt.datetime
    expected_minutes: int
    hearing_type: HearingType
    status: HearingStatus
    courtroom: str
    courthouse_id: int
    courthouse_name: str
    case_id: int
    docket_number: str
    people: list[AgendaPerson] = field(default_factory=list)
    #: The stable ids (see ``companion.store.identity``) of the hearing, case and courthouse.
    hearing_uid: str = ""
    case_uid: str = ""
    courthouse_uid: str = ""
    # When a continued hearing was moved to (the start of the hearing continuing it).
    continued_to: dt.datetime | None = None

    @property
    def is_active(self) -> bool:
        """Still to happen as scheduled: not continued to another date, not cancelled."""
        return self.status not in (HearingStatus.CONTINUED, HearingStatus.CANCELLED)

    @property
    def testimony_needed(self) -> bool:
        return any(person.must_testify for person in self.people)

    @property
    def open_needs(self) -> bool:
        """Someone still needs something arranged to come (transport, childcare...)."""
        return self.is_active and any(person.open_needs for person in self.people)

    @property
    def needs_call(self) -> bool:
        """Someone has not yet said whether they will come to a hearing that is still on."""
        return self.status is HearingStatus.SCHEDULED and any(
            person.attendance in (AttendanceStatus.UNKNOWN, AttendanceStatus.DECLINED)
            and not person.do_not_contact
            for person in self.people
        )

    @property
    def not_to_be_called(self) -> bool:
        """Someone who has not said whether they will come asked not to be contacted."""
        return self.status is HearingStatus.SCHEDULED and any(
            person.attendance in (AttendanceStatus.UNKNOWN, AttendanceStatus.DECLINED)
            and person.do_not_contact
            for person in self.people
        )


# The latest hearing that continues hearing ``h``, one column of it.
_NEXT = (
    "(SELECT n.{column} FROM hearings n WHERE n.continued_from_id = h.id "
    "AND n.deleted_at IS NULL ORDER BY n.id DESC LIMIT 1)"
)


class AgendaRepository(Repository):
    def between(
        self,
        start: dt.datetime,
        end: dt.datetime,
        courthouse_id: int | None = None,
        include_cancelled: bool = True,
    ) -> list[AgendaEntry]:
        """Hearings starting in ``[start, end)``, in time order, with their people."""
        sql = (
            "SELECT h.id, h.uid, c.uid AS case_uid, ch.uid AS courthouse_uid, "
            "h.starts_at_utc, h.timezone, h.expected_minutes, h.hearing_type, "
            "h.status, h.courtroom, h.courthouse_id, ch.name AS courthouse_name, h.case_id, "
            f"c.docket_number, {_NEXT.format(column='starts_at_utc')} AS next_utc, "
            f"{_NEXT.format(column='timezone')} AS next_timezone FROM hearings h "
            "JOIN cases c ON c.id = h.case_id JOIN courthouses ch ON ch.id = h.courthouse_id "
            "WHERE h.deleted_at IS NULL AND c.deleted_at IS NULL "
            "AND h.starts_at_utc >= ? AND h.starts_at_utc < ?"
        )
        params: list[object] = [_utc_text(start), _utc_text(end)]
        if courthouse_id is not None:
            sql += " AND h.courthouse_id = ?"
            params.append(courthouse_id)
        if not include_cancelled:
            sql += " AND h.status != 'cancelled'"
        sql += " ORDER BY h.starts_at_utc, h.id"
        rows = self.rows(sql, params)
        people = self._people_for([row["id"] for row in rows])
        return [
            AgendaEntry(
                hearing_id=row["id"],
                starts_at=hearing_start(row),
                expected_minutes=row["expected_minutes"],
                hearing_type=HearingType(row["hearing_type"]),
                status=HearingStatus(row["status"]),
                courtroom=row["courtroom"],
                courthouse_id=row["courthouse_id"],
                courthouse_name=row["courthouse_name"],
                case_id=row["case_id"],
                docket_number=row["docket_number"],
                people=people.get(row["id"], []),
                hearing_uid=row["uid"],
                case_uid=row["case_uid"],
                courthouse_uid=row["courthouse_uid"],
                continued_to=_next_start(row),
            )
            for row in rows
        ]

    def upcoming(self, days: int, now: dt.datetime | None = None) -> list[AgendaEntry]:
        """Hearings from twelve hours ago (so this morning's stay in view) for ``days`` days."""
        moment = now or dt.datetime.now(dt.UTC)
        return self.between(moment - dt.timedelta(hours=12), moment + dt.timedelta(days=days))

    def _people_for(self, hearing_ids: list[int]) -> dict[int, list[AgendaPerson]]:
        found: dict[int, list[AgendaPerson]] = {}
        order = {kind.value: index for index, kind in enumerate(NeedKind)}
        for chunk_start in range(0, len(hearing_ids), 500):
            chunk = hearing_ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" for _ in chunk)
            needs: dict[tuple[int, int], list[str]] = {}
            for row in self.rows(
                "SELECT hearing_id, person_id, kind FROM hearing_needs "
                f"WHERE hearing_id IN ({marks}) AND status = 'open' AND deleted_at IS NULL",
                chunk,
            ):
                needs.setdefault((row["hearing_id"], row["person_id"]), []).append(row["kind"])
            for row in self.rows(
                "SELECT a.hearing_id, p.id, p.uid, p.given_name, p.family_name, p.native_name, "
                "p.language, p.do_not_contact, a.must_testify, a.status FROM attendance a "
                f"JOIN people p ON p.id = a.person_id WHERE a.hearing_id IN ({marks}) "
                "AND a.deleted_at IS NULL AND p.deleted_at IS NULL "
                "ORDER BY p.family_name, p.given_name",
                chunk,
            ):
                found.setdefault(row["hearing_id"], []).append(
                    AgendaPerson(
                        id=row["id"],
                        given_name=row["given_name"],
                        family_name=row["family_name"],
                        native_name=row["native_name"],
                        language=row["language"],
                        must_testify=bool(row["must_testify"]),
                        attendance=AttendanceStatus(row["status"]),
                        uid=row["uid"],
                        do_not_contact=bool(row["do_not_contact"]),
                        open_needs=tuple(
                            sorted(
                                needs.get((row["hearing_id"], row["id"]), []),
                                key=lambda kind: order.get(kind, len(order)),
                            )
                        ),
                    )
                )
        return found


def _next_start(row: dict[str, object]) -> dt.datetime | None:
    if not row.get("next_utc") or not row.get("next_timezone"):
        return None
    return hearing_start({"starts_at_utc": row["next_utc"], "timezone": row["next_timezone"]})


def _utc_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("agenda bounds must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
