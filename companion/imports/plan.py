"""What an import would do, worked out without writing anything (the dry run).

One row is one person's part in one hearing. People match on an external id, else on
name plus phone or date of birth (a name alone is a *doubtful* match, listed for staff to
confirm); cases on docket number; hearings on case, courthouse and date. A case's
scheduled hearing that the file gives a new date is a *move*: importing continues it.
A scheduled hearing of a case in the file that the file no longer lists is *missing*:
listed, never deleted.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from companion.domain.models import (
    Case,
    ContactKind,
    ContactMethod,
    Hearing,
    HearingType,
    Person,
    Role,
)
from companion.domain.validation import (
    MAX_TEXT_LENGTH,
    validate_case,
    validate_hearing,
    validate_person,
)
from companion.errors import ValidationError, ValidationErrors
from companion.imports import values
from companion.imports.errors import ImportCancelled
from companion.imports.mapping import Mapping
from companion.imports.reading import Cell, Table
from companion.store.store import Store

Progress = Callable[[int, int], None]

# An export repeats its values (the same dates, courtrooms, languages, a person's phone
# on each of their rows): each distinct value is read once. The readers are pure.
_split_date_time = functools.lru_cache(maxsize=16_384)(values.split_date_time)
_read_role = functools.lru_cache(maxsize=1024)(values.read_role)
_read_language = functools.lru_cache(maxsize=1024)(values.read_language)
_read_yes_no = functools.lru_cache(maxsize=1024)(values.read_yes_no)
_read_phone = functools.lru_cache(maxsize=16_384)(values.read_phone)
_read_date = functools.lru_cache(maxsize=16_384)(values.read_date)
_read_time = functools.lru_cache(maxsize=4096)(values.read_time)

#: How much of a cell an error report quotes.
SHOWN_VALUE_LENGTH = 80


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    #: Why, as a stable untranslated reason ("date_unreadable", "unknown_courthouse", ...).
    reason: str


@dataclass
class PersonPlan:
    key: tuple[str, ...]
    given_name: str = ""
    family_name: str = ""
    native_name: str = ""
    role: Role = Role.WITNESS
    language: str = "en"
    #: Whether the file gave a language (a stored person's is then replaced).
    language_given: bool = False
    needs_interpreter: bool | None = None
    phone: str = ""
    email: str = ""
    date_of_birth: dt.date | None = None
    external_id: str = ""
    notes: list[str] = field(default_factory=list)
    #: The stored person this is, or None for a new one.
    person_id: int | None = None
    #: Whether the file changes the stored person (a new contact, language, ...): an
    #: unchanged person is neither written nor counted as updated.
    changes_stored: bool = False
    rows: list[int] = field(default_factory=list)


@dataclass
class HearingPlan:
    docket_number: str
    court: str
    courthouse_id: int
    starts_at: dt.datetime
    hearing_type: HearingType
    courtroom: str
    #: person key -> must testify
    people: dict[tuple[str, ...], bool] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    case_id: int | None = None
    #: The stored hearing on this date, if any.
    hearing_id: int | None = None
    #: The stored hearing this one moves (continues), if any.
    moves_hearing_id: int | None = None
    #: A hearing the import adds whose date has already passed (often a date read in the
    #: wrong order): warned about in the dry run, imported all the same.
    in_past: bool = False


@dataclass
class Plan:
    people: dict[tuple[str, ...], PersonPlan] = field(default_factory=dict)
    hearings: list[HearingPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: (row, stored person id): the same name, nothing else to confirm it; imported as a
    #: new person unless staff confirm the match.
    doubtful: list[tuple[int, int]] = field(default_factory=list)
    #: Stored scheduled hearings of the file's cases that the file no longer lists.
    missing_hearing_ids: list[int] = field(default_factory=list)
    rows_read: int = 0
    skipped_rows: list[int] = field(default_factory=list)

    @property
    def new_people(self) -> int:
        return sum(1 for person in self.people.values() if person.person_id is None)

    @property
    def updated_people(self) -> int:
        return sum(
            1
            for person in self.people.values()
            if person.person_id is not None and person.changes_stored
        )

    @property
    def new_cases(self) -> int:
        return len({h.docket_number for h in self.hearings if h.case_id is None})

    @property
    def new_hearings(self) -> int:
        return sum(1 for h in self.hearings if h.hearing_id is None and h.moves_hearing_id is None)

    @property
    def moved_hearings(self) -> int:
        return sum(1 for h in self.hearings if h.moves_hearing_id is not None)

    @property
    def past_hearing_rows(self) -> list[int]:
        """The rows of the hearings the import adds with a date already past."""
        return sorted(row for h in self.hearings if h.in_past for row in h.rows)

    @property
    def unchanged(self) -> int:
        return sum(1 for h in self.hearings if h.hearing_id is not None)

    def summary(self) -> dict[str, object]:
        return {
            "new_people": self.new_people,
            "updated_people": self.updated_people,
            "new_cases": self.new_cases,
            "new_hearings": self.new_hearings,
            "moved_hearings": self.moved_hearings,
            "unchanged": self.unchanged,
            "missing_hearings": list(self.missing_hearing_ids),
            "past_hearing_rows": self.past_hearing_rows,
            "doubtful_matches": [
                {"row": row, "person_id": person_id} for row, person_id in self.doubtful
            ],
            "errors": [
                {"row": e.row, "column": e.column, "value": e.value, "message": e.reason}
                for e in self.errors
            ],
        }


def _fold_name(*parts: str) -> str:
    text = " ".join(part for part in parts if part).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _docket(text: str) -> str:
    return " ".join(text.split()).upper()


_TYPES = {
    "arraignment": HearingType.ARRAIGNMENT,
    "lectura de cargos": HearingType.ARRAIGNMENT,
    "preliminary": HearingType.PRELIMINARY,
    "preliminary hearing": HearingType.PRELIMINARY,
    "audiencia preliminar": HearingType.PRELIMINARY,
    "motion": HearingType.MOTION,
    "motion hearing": HearingType.MOTION,
    "status": HearingType.STATUS,
    "status conference": HearingType.STATUS,
    "protective order": HearingType.PROTECTIVE_ORDER,
    "protective order hearing": HearingType.PROTECTIVE_ORDER,
    "orden de proteccion": HearingType.PROTECTIVE_ORDER,
    "trial": HearingType.TRIAL,
    "jury trial": HearingType.TRIAL,
    "juicio": HearingType.TRIAL,
    "sentencing": HearingType.SENTENCING,
    "sentencia": HearingType.SENTENCING,
    "restitution": HearingType.RESTITUTION,
    "restitucion": HearingType.RESTITUTION,
}


class _Row:
    """One data row's cells by field, and the header each came from."""

    def __init__(self, number: int, cells: dict[str, tuple[str, Cell]], notes: list[str]):
        self.number = number
        self.cells = cells
        self.notes = notes
        self.errors: list[RowError] = []

    def text(self, name: str) -> str:
        found = self.cells.get(name)
        if found is None or found[1] is None:
            return ""
        value = found[1]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def raw(self, name: str) -> Cell:
        found = self.cells.get(name)
        return None if found is None else found[1]

    def fail(self, name: str, error: ValidationError) -> None:
        header = self.cells[name][0] if name in self.cells else name
        value = ("" if error.value is None else str(error.value)) or self.text(name)
        if len(value) > SHOWN_VALUE_LENGTH:  # a report quotes a huge cell, not all of it
            value = value[: SHOWN_VALUE_LENGTH - 1] + "…"
        self.errors.append(RowError(self.number, header, value, error.reason))


def build_plan(
    store: Store,
    table: Table,
    mapping: Mapping,
    date_order: str | None = None,
    confirmed: dict[int, int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: dt.datetime | None = None,
) -> Plan:
    """The dry run of importing ``table`` under ``mapping`` into ``store``.

    ``date_order`` answers the question an ambiguous date column asks (mdy, dmy, ymd);
    ``confirmed`` maps a row number to the stored person staff confirmed it is.
    ``progress`` is called with (rows done, rows in all); ``cancelled`` is asked as it goes.
    """
    confirmed = confirmed or {}
    now = now or dt.datetime.now(dt.UTC)
    plan = Plan(rows_read=len(table.rows))
    rows = _rows(table, mapping)
    date_column = [
        r.text("hearing_date") for r in rows if not isinstance(r.raw("hearing_date"), dt.date)
    ]
    dates_only = [_split_date_time(text)[0] for text in date_column]
    order = date_order or values.date_order(dates_only)
    times = [r.text("hearing_time") for r in rows] or []
    times += [_split_date_time(text)[1] for text in date_column]
    clock_24 = values.column_is_24_hour([t for t in times if t])
    birth_order = date_order or values.date_order(r.text("date_of_birth") for r in rows)
    index = _StoreIndex(store)
    courthouses = index.courthouses
    hearings: dict[tuple[str, int, dt.date], HearingPlan] = {}
    for done, row in enumerate(rows, start=1):
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None and (done % 250 == 0 or done == len(rows)):
            progress(done, len(rows))
        person = _person(row, birth_order)
        hearing = _hearing(row, order, clock_24, courthouses)
        if person is not None and hearing is not None and not row.errors:
            _check_records(row, person, hearing, index.courthouse_names)
        if row.errors:
            plan.errors.extend(row.errors)
            continue
        assert person is not None and hearing is not None
        key = _person_key(person, row.number)
        merged = plan.people.setdefault(key, person)
        if merged is not person:
            added = [n for n in person.notes if n not in merged.notes]
            if len("\n".join(merged.notes + added)) > MAX_TEXT_LENGTH:
                plan.errors.append(RowError(row.number, "notes", "", "too_long"))
                continue
            merged.notes.extend(added)
        merged.rows.append(row.number)
        if merged.person_id is None:
            merged.person_id = confirmed.get(row.number) or index.match(merged, plan, row.number)
        hearing_key = (hearing.docket_number, hearing.courthouse_id, hearing.starts_at.date())
        existing = hearings.setdefault(hearing_key, hearing)
        existing.rows.append(row.number)
        must = bool(hearing.people.get(("_",)))
        existing.people[key] = existing.people.get(key, False) or must
    for hearing in hearings.values():
        hearing.people.pop(("_",), None)
    plan.hearings = sorted(hearings.values(), key=lambda h: (h.docket_number, h.starts_at))
    index.place_hearings(plan, now)
    for hearing in plan.hearings:
        hearing.in_past = hearing.hearing_id is None and hearing.starts_at < now
    index.find_changes(plan)
    return plan


def new_contacts(person: PersonPlan, known: list[str]) -> list[ContactMethod]:
    """The file's phone and email for this person that the store does not hold yet."""
    found = []
    if person.phone:
        found.append(ContactMethod(ContactKind.PHONE, person.phone))
    if person.email:
        found.append(ContactMethod(ContactKind.EMAIL, person.email))
    return [contact for contact in found if contact.value not in known]


def stored_person_changes(person: PersonPlan, row: dict[str, Any]) -> dict[str, object]:
    """The columns of a stored person's row that the file changes: its language,
    interpreter need and birth date where the file gives them and they differ."""
    changes: dict[str, object] = {}
    if person.language_given and person.language != row["language"]:
        changes["language"] = person.language
    if person.needs_interpreter is not None and int(person.needs_interpreter) != int(
        row["needs_interpreter"]
    ):
        changes["needs_interpreter"] = int(person.needs_interpreter)
    born = person.date_of_birth.isoformat() if person.date_of_birth else None
    if born is not None and born != row["date_of_birth"]:
        changes["date_of_birth"] = born
    return changes


def _rows(table: Table, mapping: Mapping) -> list[_Row]:
    found = []
    for number, cells in zip(table.numbers, table.rows, strict=True):
        by_field: dict[str, tuple[str, Cell]] = {}
        notes: list[str] = []
        for header, value in zip(table.headers, cells, strict=True):
            target = mapping.columns.get(header)
            if target is None and mapping.unknown_to_notes and header:
                target = "notes"
            if target == "notes":
                if value is not None and str(value).strip():
                    notes.append(f"{header}: {str(value).strip()}")
            elif target:
                by_field[target] = (header, value)
        found.append(_Row(number, by_field, notes))
    return found


def _person(row: _Row, birth_order: str | None) -> PersonPlan | None:
    person = PersonPlan(key=())
    person.given_name = row.text("given_name")
    person.family_name = row.text("family_name")
    full = row.text("full_name")
    if full and not (person.given_name or person.family_name):
        if "," in full:  # "Last, First", the way many exports list names
            family, given = (part.strip() for part in full.split(",", 1))
        else:
            given, _, family = full.rpartition(" ") if " " in full else ("", "", full)
            given, family = (given or family, family if given else "")
        person.given_name, person.family_name = given, family
    person.native_name = row.text("native_name")
    if not (person.given_name or person.family_name or person.native_name):
        name_column = "given_name" if "given_name" in row.cells else "full_name"
        row.fail(name_column, ValidationError(name_column, "required", ""))
    person.external_id = row.text("external_id")
    person.notes = list(row.notes)
    if row.text("notes"):
        person.notes.insert(0, row.text("notes"))
    _read(row, "role", lambda text: _read_role(text, "role"), person, "role")
    _read(row, "language", lambda text: _read_language(text, "language"), person, "language")
    person.language_given = bool(row.text("language"))
    if row.text("needs_interpreter"):
        _read(
            row,
            "needs_interpreter",
            lambda _: _read_yes_no(row.raw("needs_interpreter"), "needs_interpreter"),
            person,
            "needs_interpreter",
        )
    _read(row, "phone", lambda text: _read_phone(text, "phone"), person, "phone")
    if row.text("email"):
        email = row.text("email")
        if "@" not in email or " " in email:
            row.fail("email", ValidationError("email", "invalid_email", email))
        person.email = email
    if row.text("date_of_birth") or isinstance(row.raw("date_of_birth"), dt.date):
        _read(
            row,
            "date_of_birth",
            lambda _: _read_date(row.raw("date_of_birth"), birth_order, "date_of_birth"),
            person,
            "date_of_birth",
        )
    return person


def _read(
    row: _Row, name: str, reader: Callable[[str], object], target: object, attribute: str
) -> None:
    text = row.text(name)
    if not text:
        return
    try:
        setattr(target, attribute, reader(text))
    except ValidationError as error:
        row.fail(name, error)


def _hearing(
    row: _Row, order: str | None, clock_24: bool, courthouses: dict[str, tuple[int, str]]
) -> HearingPlan | None:
    docket = _docket(row.text("docket_number"))
    if not docket:
        row.fail("docket_number", ValidationError("docket_number", "required", ""))
    courthouse_name = row.text("courthouse")
    if courthouse_name:
        place = courthouses.get(_fold_name(courthouse_name))
    elif len(courthouses) == 1:
        place = next(iter(courthouses.values()))
    else:
        place = None
    if place is None:
        row.fail("courthouse", ValidationError("courthouse", "unknown_courthouse", courthouse_name))
    raw_date = row.raw("hearing_date")
    day: dt.date | None = None
    clock: dt.time | None = None
    time_text = row.text("hearing_time")
    if raw_date is None or not str(raw_date).strip():
        row.fail("hearing_date", ValidationError("hearing_date", "required", ""))
    else:
        date_text, inline_time = ("", "")
        if isinstance(raw_date, dt.datetime) and raw_date.time() != dt.time(0, 0):
            clock = raw_date.time()
        if not isinstance(raw_date, dt.date | int | float):
            date_text, inline_time = _split_date_time(str(raw_date))
        try:
            day = _read_date(date_text or raw_date, order, "hearing_date")
        except ValidationError as error:
            row.fail("hearing_date", error)
        if inline_time and not time_text:
            time_text = inline_time
    raw_time = row.raw("hearing_time")
    if clock is None:
        if isinstance(raw_time, dt.time | dt.datetime | float) and not isinstance(raw_time, str):
            try:
                clock = _read_time(raw_time, clock_24, "hearing_time")
            except ValidationError as error:
                row.fail("hearing_time", error)
        elif time_text:
            try:
                clock = _read_time(time_text, clock_24, "hearing_time")
            except ValidationError as error:
                row.fail("hearing_time", error)
        else:
            row.fail("hearing_time", ValidationError("hearing_time", "required", ""))
    kind = HearingType.OTHER
    type_text = row.text("hearing_type")
    if type_text:
        kind = _TYPES.get(_fold_name(type_text), HearingType.OTHER)
    must = False
    if row.text("must_testify"):
        try:
            must = _read_yes_no(row.raw("must_testify"), "must_testify")
        except ValidationError as error:
            row.fail("must_testify", error)
    if row.errors or place is None or day is None or clock is None:
        return None
    courthouse_id, zone = place
    from zoneinfo import ZoneInfo

    starts_at = dt.datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    hearing = HearingPlan(
        docket_number=docket,
        court=row.text("court"),
        courthouse_id=courthouse_id,
        starts_at=starts_at,
        hearing_type=kind,
        courtroom=row.text("courtroom"),
    )
    hearing.people[("_",)] = must
    return hearing


# Fields of the domain records as a row names them (an email is the person's contact).
_ROW_FIELDS = {"contacts[0].value": "email", "contacts[1].value": "email"}


def _check_records(
    row: _Row, person: PersonPlan, hearing: HearingPlan, courthouse_names: dict[int, str]
) -> None:
    """The domain's own checks of the person, case and hearing a row makes (lengths,
    email, language), as row errors; the values they normalise (NFC, trimmed) are kept,
    so writing needs no second pass."""
    contacts = [ContactMethod(ContactKind.EMAIL, person.email)] if person.email else []
    record = Person(
        given_name=person.given_name,
        family_name=person.family_name,
        native_name=person.native_name,
        role=person.role,
        language=person.language,
        notes="\n".join(person.notes),
        contacts=contacts,
    )
    hearing.court = hearing.court or courthouse_names.get(hearing.courthouse_id, "")
    case = Case(hearing.docket_number, hearing.court)
    meeting = Hearing(
        case_id=0,
        courthouse_id=hearing.courthouse_id,
        starts_at=hearing.starts_at,
        hearing_type=hearing.hearing_type,
        courtroom=hearing.courtroom,
    )
    checks: list[Callable[[], object]] = [
        lambda: validate_person(record),
        lambda: validate_case(case),
        lambda: validate_hearing(meeting),
    ]
    for check in checks:
        try:
            check()
        except ValidationErrors as problems:
            for problem in problems.errors:
                name = _ROW_FIELDS.get(problem.field, problem.field)
                shown = "" if problem.reason == "too_long" else problem.value
                row.fail(name, ValidationError(name, problem.reason, shown))
            return
    person.given_name, person.family_name = record.given_name, record.family_name
    person.native_name, person.language = record.native_name, record.language
    person.email = contacts[0].value.strip() if contacts else ""
    hearing.court, hearing.courtroom = case.court, meeting.courtroom


def _person_key(person: PersonPlan, row: int) -> tuple[str, ...]:
    name = _fold_name(person.given_name, person.family_name, person.native_name)
    if person.external_id:
        return ("external", person.external_id)
    if person.phone:
        return ("phone", name, person.phone)
    if person.date_of_birth:
        return ("born", name, person.date_of_birth.isoformat())
    return ("row", name, str(row))


class _StoreIndex:
    """What the store holds that rows match against, read once."""

    def __init__(self, store: Store) -> None:
        db = store.db
        self.db = db
        self.courthouses: dict[str, tuple[int, str]] = {}
        #: courthouse id -> its name, the court of a new case whose row names none.
        self.courthouse_names: dict[int, str] = {}
        for cid, name, zone in db.execute(
            "SELECT id, name, timezone FROM courthouses WHERE deleted_at IS NULL"
        ):
            self.courthouses[_fold_name(str(name))] = (int(cid), str(zone))
            self.courthouse_names[int(cid)] = str(name)
        self.by_external = {
            str(ext): int(pid)
            for pid, ext in db.execute(
                "SELECT e.person_id, e.external_id FROM person_external_ids e "
                "JOIN people p ON p.id = e.person_id WHERE p.deleted_at IS NULL"
            )
        }
        self.by_name: dict[str, list[int]] = {}
        self.phones: set[tuple[int, str]] = set()
        self.births: set[tuple[int, str]] = set()
        for pid, given, family, native, born in db.execute(
            "SELECT id, given_name, family_name, native_name, date_of_birth FROM people "
            "WHERE deleted_at IS NULL"
        ):
            self.by_name.setdefault(_fold_name(given, family, native), []).append(int(pid))
            if born:
                self.births.add((int(pid), str(born)))
        for pid, value in db.execute(
            "SELECT person_id, value FROM contact_methods WHERE kind = 'phone' "
            "AND deleted_at IS NULL"
        ):
            self.phones.add((int(pid), str(value)))
        self.cases = {
            _docket(str(docket)): int(cid)
            for cid, docket in db.execute(
                "SELECT id, docket_number FROM cases WHERE deleted_at IS NULL"
            )
        }

    def match(self, person: PersonPlan, plan: Plan, row: int) -> int | None:
        if person.external_id and person.external_id in self.by_external:
            return self.by_external[person.external_id]
        candidates = self.by_name.get(
            _fold_name(person.given_name, person.family_name, person.native_name), []
        )
        for pid in candidates:
            if person.phone and (pid, person.phone) in self.phones:
                return pid
            if person.date_of_birth and (pid, person.date_of_birth.isoformat()) in self.births:
                return pid
        for pid in candidates:
            plan.doubtful.append((row, pid))
        return None

    def find_changes(self, plan: Plan) -> None:
        """Mark each matched person whom the file really changes."""
        matched = [p for p in plan.people.values() if p.person_id is not None]
        if not matched:
            return
        ids = json.dumps(sorted({int(p.person_id or 0) for p in matched}))
        cursor = self.db.execute(
            "SELECT id, language, needs_interpreter, date_of_birth FROM people "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [ids],
        )
        columns = [d[0] for d in cursor.description]
        rows = {int(r[0]): dict(zip(columns, r, strict=True)) for r in cursor.fetchall()}
        known: dict[int, list[str]] = {}
        for pid, value in self.db.execute(
            "SELECT person_id, value FROM contact_methods WHERE deleted_at IS NULL "
            "AND person_id IN (SELECT value FROM json_each(?))",
            [ids],
        ):
            known.setdefault(int(pid), []).append(str(value))
        for person in matched:
            pid = int(person.person_id or 0)
            row = rows.get(pid)
            person.changes_stored = row is None or bool(
                stored_person_changes(person, row) or new_contacts(person, known.get(pid, []))
            )

    def place_hearings(self, plan: Plan, now: dt.datetime) -> None:
        """Each planned hearing: unchanged (same case, courthouse and date), a move of a
        stored scheduled hearing of its case and courthouse, or new."""
        from zoneinfo import ZoneInfo

        stored: dict[int, list[tuple[int, int, dt.datetime]]] = {}
        for hid, cid, chid, local, zone in self.db.execute(
            "SELECT id, case_id, courthouse_id, local_start, timezone FROM hearings "
            "WHERE status = 'scheduled' AND deleted_at IS NULL ORDER BY starts_at_utc"
        ):
            start = dt.datetime.fromisoformat(str(local)).replace(tzinfo=ZoneInfo(str(zone)))
            stored.setdefault(int(cid), []).append((int(hid), int(chid), start))
        by_case: dict[str, list[HearingPlan]] = {}
        for hearing in plan.hearings:
            hearing.case_id = self.cases.get(hearing.docket_number)
            by_case.setdefault(hearing.docket_number, []).append(hearing)
        for hearings in by_case.values():
            case_id = hearings[0].case_id
            if case_id is None:
                continue
            left = list(stored.get(case_id, []))
            for hearing in hearings:
                for entry in left:
                    hid, chid, start = entry
                    if chid == hearing.courthouse_id and start.date() == hearing.starts_at.date():
                        hearing.hearing_id = hid
                        left.remove(entry)
                        break
            for hearing in hearings:
                if hearing.hearing_id is not None:
                    continue
                for entry in left:
                    hid, chid, start = entry
                    if chid == hearing.courthouse_id and start >= now:
                        hearing.moves_hearing_id = hid
                        left.remove(entry)
                        break
            plan.missing_hearing_ids.extend(hid for hid, _, start in left if start >= now)
