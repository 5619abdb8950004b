import datetime as dt
from zoneinfo import ZoneInfo

from companion.domain.models import Attendance, Case, CaseStatus, Courthouse, Hearing, Person
from companion.store.audit import AuditAction
from companion.store.retention import RETENTION_SETTING, months_before
from companion.store.store import Store


def _case(store: Store, docket: str, people: list[int], closed_on: dt.date | None) -> int:
    case = store.cases.add(
        Case(
            docket,
            "Court",
            status=CaseStatus.CLOSED if closed_on else CaseStatus.OPEN,
            closed_on=closed_on,
            person_ids=people,
        )
    )
    assert case.id is not None
    return case.id


def test_months_before_handles_short_months() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_nothing_is_due_while_retention_is_off(store: Store) -> None:
    person = store.people.add(Person("Old", "Case", language="es"))
    assert person.id
    _case(store, "OLD-1", [person.id], dt.date(2020, 1, 1))
    assert store.retention.due(dt.date(2026, 11, 29)) == []


def test_purge_removes_closed_case_and_people_without_other_cases(store: Store) -> None:
    store.settings.set(RETENTION_SETTING, 12)
    gone = store.people.add(Person("Zarathustrina", "Purgeable", language="es"))
    stays = store.people.add(Person("Kept", "Person", language="fr"))
    assert gone.id and stays.id
    old_case = _case(store, "OLD-1", [gone.id, stays.id], dt.date(2025, 1, 10))
    _case(store, "OPEN-2", [stays.id], None)
    _case(store, "RECENT-3", [stays.id], dt.date(2026, 10, 1))
    courthouse = store.courthouses.add(Courthouse("Fictional Court", "1 Road", "America/Chicago"))
    assert courthouse.id
    store.hearings.add(
        Hearing(old_case, courthouse.id, dt.datetime(2024, 12, 1, 9, tzinfo=ZoneInfo("UTC"))),
        [Attendance(gone.id, 0)],
    )
    due = store.retention.due(dt.date(2026, 11, 29))
    assert [candidate.docket_number for candidate in due] == ["OLD-1"]

    assert store.retention.purge([c.case_id for c in due]) == (1, 1)

    assert [p.id for p in store.people.list()] == [stays.id]
    assert store.people.search("Zarathustrina") == []
    assert store.db.execute("SELECT count(*) FROM hearings").fetchone()[0] == 0
    entries = store.audit.entries(action=AuditAction.PURGED)
    assert [(e.record_kind, e.record_id) for e in entries] == [("case", old_case)]
    assert "Zarathustrina" not in repr(entries)
    assert store.check() == []
    # Vacuumed: no free page is left holding what was deleted.
    assert store.db.execute("PRAGMA freelist_count").fetchone()[0] == 0
