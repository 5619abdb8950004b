"""The store's schema, as numbered migrations. Each runs in one transaction with its record.

Rules for new migrations: append, never edit an applied one; write defensively (the
oldest store in the field must still migrate); add a test in
``tests/unit/test_store_migrations.py``.
"""

from __future__ import annotations

import unicodedata

from sqlite_utils import Database, Migrations

from companion.store import search

MIGRATION_SET = "court_companion"

migrations = Migrations(MIGRATION_SET)

_TIMESTAMPS = """
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    deleted_at TEXT
"""


@migrations()
def m001_initial(db: Database) -> None:
    db.execute(
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        f"""CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('victim', 'witness', 'both')),
            given_name TEXT NOT NULL DEFAULT '',
            family_name TEXT NOT NULL DEFAULT '',
            native_name TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL,
            needs_interpreter INTEGER NOT NULL DEFAULT 0,
            alternate_name TEXT NOT NULL DEFAULT '',
            alternate_relationship TEXT NOT NULL DEFAULT '',
            alternate_phone TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            {_TIMESTAMPS}
        )"""
    )
    db.execute(
        """CREATE TABLE contact_methods (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'postal')),
            value TEXT NOT NULL,
            ok_to_text INTEGER NOT NULL DEFAULT 0,
            ok_to_voicemail INTEGER NOT NULL DEFAULT 0,
            safe_hours_start TEXT,
            safe_hours_end TEXT,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX contact_methods_person ON contact_methods(person_id)")
    db.execute(
        f"""CREATE TABLE courthouses (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            address TEXT NOT NULL,
            timezone TEXT NOT NULL,
            jurisdiction TEXT NOT NULL DEFAULT 'US',
            entrance_notes TEXT NOT NULL DEFAULT '',
            security_notes TEXT NOT NULL DEFAULT '',
            accessibility_notes TEXT NOT NULL DEFAULT '',
            transit_notes TEXT NOT NULL DEFAULT '',
            {_TIMESTAMPS}
        )"""
    )
    db.execute(
        f"""CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            docket_number TEXT NOT NULL,
            court TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            advocate TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            closed_on TEXT,
            {_TIMESTAMPS}
        )"""
    )
    db.execute(
        """CREATE TABLE case_people (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (case_id, person_id)
        )"""
    )
    db.execute("CREATE INDEX case_people_person ON case_people(person_id)")
    db.execute(
        f"""CREATE TABLE hearings (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            courthouse_id INTEGER NOT NULL REFERENCES courthouses(id),
            starts_at_utc TEXT NOT NULL,
            local_start TEXT NOT NULL,
            timezone TEXT NOT NULL,
            hearing_type TEXT NOT NULL,
            courtroom TEXT NOT NULL DEFAULT '',
            expected_minutes INTEGER NOT NULL DEFAULT 60 CHECK (expected_minutes > 0),
            status TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'continued', 'cancelled', 'held')),
            notes TEXT NOT NULL DEFAULT '',
            continued_from_id INTEGER REFERENCES hearings(id) ON DELETE SET NULL,
            calendar_uid TEXT NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0,
            {_TIMESTAMPS}
        )"""
    )
    db.execute("CREATE INDEX hearings_starts ON hearings(starts_at_utc)")
    db.execute("CREATE INDEX hearings_case ON hearings(case_id)")
    db.execute("CREATE INDEX hearings_courthouse ON hearings(courthouse_id)")
    db.execute(
        """CREATE TABLE attendance (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
            must_testify INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'unknown'
                CHECK (status IN ('unknown', 'confirmed', 'declined', 'attended', 'missed')),
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (person_id, hearing_id)
        )"""
    )
    db.execute("CREATE INDEX attendance_hearing ON attendance(hearing_id)")
    db.execute(
        """CREATE TABLE person_history (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            kind TEXT NOT NULL,
            hearing_id INTEGER REFERENCES hearings(id) ON DELETE SET NULL,
            detail TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX person_history_person ON person_history(person_id)")


@migrations()
def m002_search_index(db: Database) -> None:
    """Full-text search over names in every script, docket numbers and courthouse names."""
    db.execute(
        """CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED,
            record_id UNINDEXED,
            body,
            tokenize = 'unicode61 remove_diacritics 2'
        )"""
    )
    search.rebuild(db)


@migrations()
def m003_audit_log(db: Database) -> None:
    """The append-only audit trail: ids and actions, never names."""
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            os_user TEXT NOT NULL DEFAULT '',
            staff_name TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            record_kind TEXT NOT NULL DEFAULT '',
            record_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX audit_log_at ON audit_log(at)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""
        )


@migrations()
def m004_drafts(db: Database) -> None:
    """Unsaved edits of open dialogs, kept (encrypted, like everything here) while locked."""
    db.execute(
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            opened_for TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT '{}',
            saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )"""
    )


# The free text of each table as m001 created it: names, addresses, notes.
_TEXT_COLUMNS = {
    "people": (
        "given_name",
        "family_name",
        "native_name",
        "alternate_name",
        "alternate_relationship",
        "notes",
    ),
    "contact_methods": ("value", "note"),
    "courthouses": (
        "name",
        "address",
        "entrance_notes",
        "security_notes",
        "accessibility_notes",
        "transit_notes",
    ),
    "cases": ("docket_number", "court", "description", "advocate"),
    "hearings": ("courtroom", "notes"),
    "attendance": ("reason",),
}


@migrations()
def m006_compose_text_and_fold_search(db: Database) -> None:
    """Names and notes in NFC (the form every save now stores), and the search index rebuilt
    with the spelling-blind folding and phone numbers (``companion.store.search``)."""
    for table, columns in _TEXT_COLUMNS.items():
        selected = ", ".join(columns)
        for row in db.execute(f"SELECT rowid, {selected} FROM {table}").fetchall():
            rowid, values = row[0], row[1:]
            composed = [
                unicodedata.normalize("NFC", value) if isinstance(value, str) else value
                for value in values
            ]
            if composed != list(values):
                assignments = ", ".join(f"{column} = ?" for column in columns)
                db.execute(f"UPDATE {table} SET {assignments} WHERE rowid = ?", [*composed, rowid])
    search.rebuild(db)


def known_migration_names() -> list[str]:
    return [migration.name for migration in migrations._migrations]
