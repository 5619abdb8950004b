"""The store's schema, as numbered migrations. Each runs in one transaction with its record.

Rules for new migrations: append, never edit an applied one; write defensively (the
oldest store in the field must still migrate); add a test in
``tests/unit/test_store_migrations.py``.
"""

from __future__ import annotations

import unicodedata

from companion.store import search
from companion.store.database import Database, Migrations
from companion.store.identity import (
    EDITABLE_TABLES,
    RECORD_TABLES,
    STORE_STAMPED_TABLES,
    new_uid,
)

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


_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

#: The stamps that rows of tables without them until m005 get: their parent record's
#: (the closest that is known of when they were made and last changed).
_STAMPS_FROM_PARENT = {
    "contact_methods": "SELECT created_at, updated_at FROM people WHERE id = {t}.person_id",
    "case_people": "SELECT created_at, created_at FROM cases WHERE id = {t}.case_id",
    "attendance": "SELECT created_at, updated_at FROM hearings WHERE id = {t}.hearing_id",
}


def give_uids(db: Database, table: str, also_required: tuple[str, ...] = ()) -> None:
    """Give ``table`` a ``uid`` column, a new uid for every row (in rowid order), a
    unique index, and triggers that refuse a row without a uid (or without any of
    ``also_required``) and any change of a uid. Later migrations call it on the record
    tables they add."""
    if "uid" not in db[table].columns_dict:
        db.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
    # One statement per table, its uids made by a Python function: a hundred thousand
    # single-row updates take many times longer on an encrypted store.
    db.conn.create_function("companion_new_uid", 0, new_uid)
    db.execute(f"UPDATE {table} SET uid = companion_new_uid() WHERE uid IS NULL")
    db.execute(f"CREATE UNIQUE INDEX {table}_uid ON {table}(uid)")
    missing = "".join(f" OR NEW.{column} IS NULL" for column in also_required)
    db.execute(
        f"""CREATE TRIGGER {table}_uid_required BEFORE INSERT ON {table}
        WHEN NEW.uid IS NULL OR length(NEW.uid) <> 36{missing}
        BEGIN SELECT RAISE(ABORT, 'a new {table} row needs a uid and its stamps'); END"""
    )
    db.execute(
        f"""CREATE TRIGGER {table}_uid_fixed BEFORE UPDATE OF uid ON {table}
        WHEN NEW.uid IS NOT OLD.uid
        BEGIN SELECT RAISE(ABORT, 'the uid of a {table} row never changes'); END"""
    )


def give_versions(db: Database, table: str) -> None:
    """Give an editable table ``row_version`` (1 for the rows already there): every update,
    whoever makes it (the store, a foreign-key cascade), raises it by one and stamps
    ``updated_at``, unless the update itself raised it."""
    db.execute(f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
    db.execute(
        f"""CREATE TRIGGER {table}_row_version AFTER UPDATE ON {table}
        WHEN NEW.row_version <= OLD.row_version
        BEGIN
            UPDATE {table} SET row_version = OLD.row_version + 1, updated_at = {_NOW}
            WHERE rowid = NEW.rowid;
        END"""
    )


def make_append_only(
    db: Database,
    table: str,
    parents: dict[str, str] | None = None,
    nullable_links: dict[str, str] | None = None,
) -> None:
    """Make the database refuse updates and deletes of ``table``'s rows.

    ``parents`` maps a column to the table of the record an entry belongs to
    (``person_id``: ``people``): once that record is deleted for good (the Trash emptied,
    a retention purge), its entries may go with it. ``nullable_links`` maps a column the
    database sets to NULL when the record it points to is deleted for good
    (``hearing_id``: ``hearings``): that is the one update allowed.
    """
    refuse = f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: add a correction'); END"
    gone = " OR ".join(
        f"NOT EXISTS (SELECT 1 FROM {parent} WHERE id = OLD.{column})"
        for column, parent in (parents or {}).items()
    )
    when = f"WHEN NOT ({gone})" if gone else ""
    db.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} {when} {refuse}")
    columns = list(db[table].columns_dict)
    allowed = " OR ".join(
        "("
        + " AND ".join(f"NEW.{other} IS OLD.{other}" for other in columns if other != column)
        + f" AND NEW.{column} IS NULL AND OLD.{column} IS NOT NULL"
        + f" AND NOT EXISTS (SELECT 1 FROM {target} WHERE id = OLD.{column}))"
        for column, target in (nullable_links or {}).items()
    )
    when = f"WHEN NOT ({allowed})" if allowed else ""
    db.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} {when} {refuse}")


#: The tables m005 gave uids and versions to (later migrations add theirs themselves).
M005_RECORD_TABLES = RECORD_TABLES[: RECORD_TABLES.index("audit_log") + 1]
M005_EDITABLE_TABLES = EDITABLE_TABLES[: EDITABLE_TABLES.index("attendance") + 1]


@migrations()
def m005_stable_ids(db: Database) -> None:
    """Records that keep their identity across laptops.

    - Every record gets a ``uid`` (UUID version 7): unique, set once, never changed.
    - Editable records get ``row_version``, raised on every update, with ``updated_at``;
      contacts and attendance get soft deletes (``deleted_at``) like the other records.
    - History is append-only: a correction of a ``person_history`` entry is a new entry
      pointing to it (``corrects_id``); attendance outcomes get their own insert-only
      history; the audit trail stays insert-only.

    A hearing's ``calendar_uid`` is left as it is: it is what witnesses' phones know.
    """
    db.conn.create_function("companion_new_uid", 0, new_uid)
    for table, parent in _STAMPS_FROM_PARENT.items():
        for column in ("uid", "created_at", "updated_at"):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
        # Each row is rewritten once: its stamps and its uid together.
        db.execute(
            f"UPDATE {table} SET uid = companion_new_uid(), "
            f"(created_at, updated_at) = ({parent.format(t=table)})"
        )
    for table in ("contact_methods", "attendance"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN deleted_at TEXT")
    db.execute(
        "ALTER TABLE person_history ADD COLUMN corrects_id INTEGER "
        "REFERENCES person_history(id) ON DELETE CASCADE"
    )
    db.execute(
        f"""CREATE TABLE attendance_outcomes (
            id INTEGER PRIMARY KEY,
            uid TEXT,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
            status TEXT NOT NULL
                CHECK (status IN ('unknown', 'confirmed', 'declined', 'attended', 'missed')),
            reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL DEFAULT ({_NOW}),
            corrects_id INTEGER REFERENCES attendance_outcomes(id) ON DELETE CASCADE
        )"""
    )
    db.execute("CREATE INDEX attendance_outcomes_of ON attendance_outcomes(hearing_id, person_id)")
    # Outcomes recorded before this migration become the first entries of their history.
    db.execute(
        "INSERT INTO attendance_outcomes (person_id, hearing_id, status, reason, recorded_at) "
        "SELECT person_id, hearing_id, status, reason, updated_at FROM attendance "
        "WHERE status IN ('attended', 'missed') ORDER BY rowid"
    )
    # The audit trail's entries get their uids too: its triggers are made again below.
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for table in M005_RECORD_TABLES:
        stamps = ("created_at", "updated_at") if table in STORE_STAMPED_TABLES else ()
        give_uids(db, table, stamps)
    for table in M005_EDITABLE_TABLES:
        give_versions(db, table)
    make_append_only(db, "person_history", {"person_id": "people"}, {"hearing_id": "hearings"})
    make_append_only(db, "attendance_outcomes", {"person_id": "people", "hearing_id": "hearings"})
    make_append_only(db, "audit_log")


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


@migrations()
def m009_outreach(db: Database) -> None:
    """Outreach: the contact log, needs per hearing, and what the reminder schedule reads.

    - ``contact_attempts``: every call, text, letter or visit and its outcome; insert-only,
      a correction is a new attempt pointing to the one it corrects (``corrects_id``).
    - ``hearing_needs``: what a person needs to come to one hearing, open or met; editable.
    - ``people.do_not_contact``: set when a person asks not to be contacted.
    - ``contact_methods.voicemail_details``: a voicemail on this number may name the
      hearing (by default a voicemail names only the office and a callback number).
    - ``hearings.moved_at`` and ``cancelled_at``: when its time was changed or it was
      cancelled, so the schedule can call its people once to tell them.
    """
    if "do_not_contact" not in db["people"].columns_dict:
        db.execute("ALTER TABLE people ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0")
    if "voicemail_details" not in db["contact_methods"].columns_dict:
        db.execute(
            "ALTER TABLE contact_methods ADD COLUMN voicemail_details INTEGER NOT NULL DEFAULT 0"
        )
    for column in ("moved_at", "cancelled_at"):
        if column not in db["hearings"].columns_dict:
            db.execute(f"ALTER TABLE hearings ADD COLUMN {column} TEXT")
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS contact_attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            hearing_id INTEGER REFERENCES hearings(id) ON DELETE SET NULL,
            at TEXT NOT NULL DEFAULT ({_NOW}),
            staff_name TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL CHECK (method IN ('phone', 'text', 'letter', 'in_person')),
            outcome TEXT NOT NULL CHECK (outcome IN ('confirmed', 'declined', 'no_answer',
                'left_voicemail', 'wrong_number', 'number_changed', 'do_not_contact',
                'needs_help')),
            note TEXT NOT NULL DEFAULT '',
            corrects_id INTEGER REFERENCES contact_attempts(id) ON DELETE CASCADE
        )"""
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS contact_attempts_of ON contact_attempts(person_id, hearing_id)"
    )
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS hearing_needs (
            id INTEGER PRIMARY KEY,
            uid TEXT,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('interpreter', 'transport', 'childcare',
                'companion', 'accessibility', 'time_off_work', 'separate_waiting_area',
                'escort')),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met')),
            language TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            {_TIMESTAMPS},
            UNIQUE (person_id, hearing_id, kind)
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS hearing_needs_hearing ON hearing_needs(hearing_id)")
    give_uids(db, "contact_attempts")
    give_uids(db, "hearing_needs")
    give_versions(db, "hearing_needs")
    make_append_only(db, "contact_attempts", {"person_id": "people"}, {"hearing_id": "hearings"})


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
def m007_courthouse_notes(db: Database) -> None:
    """A courthouse's notes in languages other than English (the English ones stay in
    ``courthouses``): one row per courthouse, language and kind of note."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS courthouse_notes (
            courthouse_id INTEGER NOT NULL REFERENCES courthouses(id) ON DELETE CASCADE,
            language TEXT NOT NULL CHECK (language <> 'en' AND language <> ''),
            kind TEXT NOT NULL
                CHECK (kind IN ('entrance', 'security', 'accessibility', 'transit')),
            text TEXT NOT NULL,
            PRIMARY KEY (courthouse_id, language, kind)
        )"""
    )


@migrations()
def m010_imports(db: Database) -> None:
    """Spreadsheet imports (issue 18): each import is one batch that can be undone.

    - ``import_batches``: one row per import (file name, counts), ``undone_at`` once undone.
    - ``import_batch_items``: what a batch did to one row of a record table: ``added``
      (removed on undo) or ``changed`` (its columns before the import kept in ``before``,
      JSON, and put back on undo).
    - ``import_mappings``: a column mapping saved under a name, for next week's export.
    - ``person_external_ids``: a person's id in the office's other system ("source" is
      what staff call that system, or the file's mapping name), matched on re-import.
    - ``people.date_of_birth`` (ISO date or NULL), for matching a name on re-import.
    """
    if "date_of_birth" not in db["people"].columns_dict:
        db.execute("ALTER TABLE people ADD COLUMN date_of_birth TEXT")
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS import_batches (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL DEFAULT '',
            mapping_name TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '{{}}',
            undone_at TEXT,
            {_TIMESTAMPS}
        )"""
    )
    db.execute(
        """CREATE TABLE IF NOT EXISTS import_batch_items (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_uid TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('added', 'changed')),
            before TEXT
        )"""
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS import_batch_items_batch ON import_batch_items(batch_id)"
    )
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS import_mappings (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            columns TEXT NOT NULL DEFAULT '{{}}',
            {_TIMESTAMPS}
        )"""
    )
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS person_external_ids (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            source TEXT NOT NULL DEFAULT '',
            external_id TEXT NOT NULL,
            {_TIMESTAMPS},
            UNIQUE (source, external_id)
        )"""
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS person_external_ids_person ON person_external_ids(person_id)"
    )
    for table in ("import_batches", "import_batch_items", "import_mappings", "person_external_ids"):
        give_uids(db, table)
    for table in ("import_batches", "import_mappings", "person_external_ids"):
        give_versions(db, table)


@migrations()
def m012_handoff_versions_and_batch_rows(db: Database) -> None:
    """Two-sided handoffs, and imports that record what they added in a few rows (issue 18).

    - ``handoff_versions``: per record (table and uid) the ``row_version`` this store had
      when the record last went out in, or came in from, a handoff. A later handoff
      tells "changed here" (the record's version moved on since) from "changed there"
      (the file says the sender's version moved on since its own exchange), so it can
      apply a change made on one side only and list one made on both.
    - ``import_batch_rows``: the uids of the rows an import added to one table, one JSON
      array per table (10,000 spreadsheet rows add some 60,000 records; an item row per
      record cost more than the import itself).
    """
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS handoff_versions (
            id INTEGER PRIMARY KEY,
            record_table TEXT NOT NULL,
            record_uid TEXT NOT NULL,
            row_version INTEGER NOT NULL,
            {_TIMESTAMPS},
            UNIQUE (record_table, record_uid)
        )"""
    )
    db.execute(
        """CREATE TABLE IF NOT EXISTS import_batch_rows (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_uids TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS import_batch_rows_batch ON import_batch_rows(batch_id)")
    for table in ("handoff_versions", "import_batch_rows"):
        give_uids(db, table)


@migrations()
def m013_lookup_indexes(db: Database) -> None:
    """Indexes for lookups that scanned whole tables on a large store:

    - ``hearings(continued_from_id)``: the agenda finds the hearing that continues each
      one it lists (10,000 people and 50,000 hearings: 50 s to open the agenda, without);
    - ``case_people(person_id)``: a person's cases (their search entry, their page);
    - ``attendance(person_id)``: a person's hearings (their page, the call list).
    """
    db.execute("CREATE INDEX IF NOT EXISTS hearings_continued_from ON hearings(continued_from_id)")
    db.execute("CREATE INDEX IF NOT EXISTS case_people_person ON case_people(person_id)")
    db.execute("CREATE INDEX IF NOT EXISTS attendance_person ON attendance(person_id)")


def known_migration_names() -> list[str]:
    return [migration.name for migration in migrations._migrations]
