"""Translated sentences for the core's typed errors, shared by the desktop app and the CLI.

The core raises ``companion.errors`` with codes; here each code becomes one
catalog message with named placeholders, in the language of the translator given.
"""

from __future__ import annotations

import datetime as dt

from companion.errors import (
    BackupKeysDifferError,
    BackupNewerError,
    CompanionError,
    CurrentSecretError,
    FolderProblemError,
    InUseError,
    KeyCostError,
    KeyFileError,
    NoStoreError,
    NotAStoreError,
    NotFoundError,
    OtherOfficeError,
    RestoredButNotOpenedError,
    StaleEditError,
    StoreDamagedError,
    StoreExistsError,
    StoreInUseError,
    StoreNewerError,
    StoreWriteError,
    UnsupportedLanguageError,
    ValidationError,
    ValidationErrors,
    WeakPassphraseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from companion.i18n.catalog import N_, Translator

FIELD_LABELS: dict[str, str] = {
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "native_name": N_("Name in own script"),
    "language": N_("Preferred language"),
    "alternate_name": N_("Trusted contact"),
    "alternate_phone": N_("Trusted contact's phone"),
    "notes": N_("Notes"),
    "name": N_("Name"),
    "address": N_("Address"),
    "timezone": N_("Time zone"),
    "jurisdiction": N_("Jurisdiction"),
    "docket_number": N_("Docket number"),
    "court": N_("Court"),
    "person_ids": N_("People"),
    "case_id": N_("Case"),
    "courthouse_id": N_("Courthouse"),
    "date": N_("Date"),
    "time": N_("Time"),
    "starts_at": N_("Date and time"),
    "expected_minutes": N_("Expected length"),
    "courtroom": N_("Courtroom"),
    "status": N_("Status"),
    "reason": N_("Reason"),
    "phone": N_("Phone"),
    "value": N_("Contact"),
    "safe_hours": N_("Safe hours"),
    "ok_to_text": N_("OK to text"),
    "passphrase": N_("Passphrase"),
    "days": N_("Days before the hearing to call"),
    "from": N_("First day"),
    "to": N_("Last day"),
    "arrive_minutes_before": N_("Arrive this many minutes early"),
    "paper": N_("Paper size"),
    # The other fields of a record, named as its edit window names them (stale edits).
    "role": N_("Role"),
    "needs_interpreter": N_("Needs an interpreter"),
    "alternate_relationship": N_("Trusted contact's relationship"),
    "contacts": N_("Safe ways to reach this person"),
    "description": N_("Description"),
    "advocate": N_("Advocate"),
    "closed_on": N_("Closed on"),
    "hearing_type": N_("Hearing type"),
    "must_testify": N_("Must testify"),
    "entrance_notes": N_("Public entrance"),
    "security_notes": N_("Security screening"),
    "accessibility_notes": N_("Accessibility"),
    "transit_notes": N_("Transit and parking"),
    "do_not_contact": N_("Asked not to be contacted"),
    "note": N_("Note"),
    "outcome": N_("Outcome"),
    "method": N_("Method"),
    "kind": N_("Kind"),
}

LIST_FIELD_LABELS: dict[str, str] = {
    "contacts": N_("Contact {number}"),
    "advocates": N_("Advocate {number}"),
    "hotlines": N_("Hotline {number}"),
    "local_notes": N_("Local note {number}"),
}

REASONS: dict[str, str] = {
    "required": N_("{field}: this is required."),
    "unknown_role": N_("{field}: “{value}” is not a role. Write victim, witness or both."),
    "not_yes_or_no": N_("{field}: “{value}” is not yes or no. Write yes or no."),
    "too_long": N_("{field}: this is too long."),
    "invalid_date": N_(
        "{field}: “{value}” is not a real date. Use year-month-day, like 2026-12-03."
    ),
    "date_out_of_range": N_(
        "{field}: {value} is outside the years Court Companion works with (1900 to 2999)."
    ),
    "invalid_time": N_("{field}: “{value}” is not a time. Use 24-hour time, like 09:30."),
    "date_unreadable": N_("{field}: “{value}” is not a date we can read. Write it like {example}."),
    "date_impossible": N_(
        "{field}: “{value}” is not a real date. Check the day and month, written like {example}."
    ),
    "date_weekday_mismatch": N_(
        "{field}: the weekday in “{value}” does not fall on that date. Check the date."
    ),
    "time_unreadable": N_("{field}: “{value}” is not a time we can read. Write it like {example}."),
    "time_impossible": N_("{field}: “{value}” is not a real time. Write it like {example}."),
    "time_ambiguous": N_(
        "{field}: “{value}” could be morning or evening. Add AM or PM, like {example}."
    ),
    "nonexistent_local_time": N_(
        "{field}: {value} does not exist at this courthouse, because the clocks change that "
        "night. Check the time with the court."
    ),
    "missing_timezone": N_("{field}: the courthouse's time zone is missing."),
    "invalid_timezone": N_("{field}: “{value}” is not a known time zone."),
    "invalid_phone": N_("{field}: “{value}” is not a valid phone number."),
    "invalid_email": N_("{field}: “{value}” is not a valid email address."),
    "invalid_language": N_("{field}: “{value}” is not a language tag we know, like es or zh-Hant."),
    "chinese_script_unsaid": N_(
        "{field}: say which Chinese: Chinese (Simplified) or zh-Hans, "
        "Chinese (Traditional) or zh-Hant."
    ),
    "invalid_jurisdiction": N_("{field}: use US or a state code such as US-NY."),
    "safe_hours_incomplete": N_("{field}: give both the start and the end of the safe hours."),
    "not_a_phone": N_("{field}: texts and voicemail need a phone number."),
    "out_of_range": N_("{field}: this number is out of range."),
    "days_out_of_range": N_("{field}: {value} is not between 1 and 365."),
    "not_days": N_(
        "{field}: “{value}” is not a number of days. Write whole days from 1 to 365, like 7, 2, 1."
    ),
    "not_a_choice": N_("{field}: “{value}” is not one of the choices."),
    "unknown_person": N_("{field}: one of the people no longer exists."),
    "unknown_case": N_("{field}: choose a case."),
    "unknown_courthouse": N_("{field}: choose a courthouse."),
    "not_scheduled": N_("{field}: only a scheduled hearing can be continued."),
    "before_start": N_("{field}: the last day comes before the first day."),
    "outcome_not_chosen": N_(
        "{field}: the hearing is over. Choose what happened, such as Attended or Missed."
    ),
    "outcome_before_hearing": N_(
        "{field}: “attended” and “missed” can only be recorded after the hearing."
    ),
}

PASSPHRASE_REASONS: dict[str, str] = {
    "too_short": N_("The passphrase is too short. Use at least {minimum} characters."),
    "too_common": N_(
        "This passphrase is, or is close to, a commonly used password. Choose another."
    ),
    "about_the_app": N_(
        "Words about courts, legal aid or this office are among the first an attacker tries."
    ),
    "keyboard_pattern": N_("Rows of keys, like qwerty or asdf, are easy to guess."),
    "repeated": N_("Repeated letters or words, like aaa or abcabc, are easy to guess."),
    "sequence": N_("Runs like abc or 6543 are easy to guess."),
    "dates": N_("Dates and years are easy to guess."),
    "too_guessable": N_("This is still easy to guess. Add a word or two that are not obvious."),
}

FOLDER_PROBLEMS: dict[str, str] = {
    "disk_full": N_(
        "The disk that holds {folder} is full. Nothing was changed. Make room, then try again."
    ),
    "read_only": N_(
        "{folder} is read-only: the disk, the folder or its files cannot be written. Nothing "
        "was changed. Use a folder you can write to."
    ),
    "no_permission": N_(
        "{folder} cannot be used: the folder is missing, its path is too long, or you may not "
        "write there. Nothing was changed."
    ),
    "not_a_folder": N_("{folder} is a file, not a folder. Nothing was changed."),
}

KEY_FILE_PROBLEMS: dict[str, str] = {
    "missing": N_(
        "The key file {path} is missing, so the store beside it cannot be unlocked. Nothing "
        "was changed. Put back the keys.json copied with this store, restore the latest "
        "backup, or ask your IT contact for help."
    ),
    "unreadable": N_(
        "The key file {path} cannot be read ({detail}). Nothing was changed. Check that it "
        "belongs to you and may be read, or ask your IT contact for help."
    ),
    "not_a_file": N_(
        "The key file {path} is not a file ({detail}). Nothing was changed. Restore the "
        "latest backup, or ask your IT contact for help."
    ),
    "damaged": N_(
        "The key file {path} is malformed ({detail}), as a file changed by hand or cut "
        "short is. Nothing was changed. Restore the latest backup, or ask your IT contact "
        "for help."
    ),
}

NOT_FOUND: dict[str, str] = {
    "person": N_("No person with number {id} was found."),
    "case": N_("No case with number {id} was found."),
    "hearing": N_("No hearing with number {id} was found."),
    "courthouse": N_("No courthouse with number {id} was found."),
    "contact": N_("No logged contact with number {id} was found."),
}


def field_label(field: str, t: Translator) -> str:
    """``contacts[1].value`` → "Contact 2"; ``family_name`` → "Family name"."""
    if "[" in field:
        list_name = field[: field.index("[")]
        index = int(field[field.index("[") + 1 : field.index("]")])
        template = LIST_FIELD_LABELS.get(list_name)
        if template is not None:
            return t.gettext(template).format(number=index + 1)
    return t.gettext(FIELD_LABELS.get(field, field))


def describe_validation(error: ValidationError, t: Translator) -> str:
    template = REASONS.get(error.reason, N_("{field}: this value is not accepted."))
    value = "" if error.value is None else str(error.value)
    return t.gettext(template).format(
        field=field_label(error.field, t), value=value, example=_example(error.reason, t)
    )


def _example(reason: str, t: Translator) -> str:
    """A date or time written in the translator's language's own way, for the reasons that
    show one ("12/15/2026", "15/12/2026", "2:30 PM", "오후 2:30")."""
    if not reason.startswith(("date_", "time_")):
        return ""
    from companion.i18n.parsing import date_example, time_example

    tag = t.language.tag
    return date_example(tag) if reason.startswith("date_") else time_example(tag)


def conflict_value(value: object, t: Translator) -> str:
    """A value of a stale edit as the person would read it in the edit window."""
    # Here, not at the top: the start-up path loads this module, and these rarely.
    from companion.domain.models import ContactMethod, LabelledEnum
    from companion.i18n.formatting import format_date, format_datetime

    tag = t.language.tag
    if value is None:
        return ""
    if isinstance(value, bool):
        return t.gettext("Yes") if value else t.gettext("No")
    if isinstance(value, LabelledEnum):
        return t.gettext(value.label)
    if isinstance(value, dt.datetime):
        return format_datetime(value, tag)
    if isinstance(value, dt.date):
        return format_date(value, tag)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        parts = [item.value if isinstance(item, ContactMethod) else str(item) for item in value]
        return ", ".join(parts)
    return str(value)


def describe_stale_edit(error: StaleEditError, t: Translator) -> str:
    """Why the edit was not saved, then each field with the stored value and the edit's."""
    lines = [
        t.gettext(
            "This record was changed in another window after you opened it. Your changes "
            "were not saved, and the newer version was kept. Open the record again to make "
            "your change."
        )
    ]
    for conflict in error.conflicts:
        lines.append(
            t.gettext("{field}: now “{theirs}”, yours “{yours}”.").format(
                field=field_label(conflict.field, t),
                theirs=conflict_value(conflict.theirs, t),
                yours=conflict_value(conflict.yours, t),
            )
        )
    return "\n".join(lines)


#: A file named to be read that is not a regular file, by what it is.
NOT_A_FILE: dict[str, str] = {
    "folder": N_("{path} is a folder, not a file. Nothing was read."),
    "device": N_("{path} is a device, not a file. Nothing was read."),
    "pipe": N_("{path} is a pipe or a socket, not a saved file. Nothing was read."),
}

#: A file named to be written that exists and is not a regular file, by what it is.
NOT_A_FILE_TO_WRITE: dict[str, str] = {
    "device": N_("{path} is a device, not a file. Nothing was written."),
    "pipe": N_("{path} is a pipe or a socket, not a file. Nothing was written."),
    "link": N_("{path} is a link, not a file: name the file itself. Nothing was written."),
}

HANDOFF_FILE_PROBLEMS: dict[str, str] = {
    "not_a_handoff": N_("This is not a Court Companion handoff file. Nothing was changed."),
    "unknown_format": N_(
        "This handoff file was made by a newer version of Court Companion. Nothing was changed."
    ),
    "damaged": N_(
        "This handoff file is damaged or was changed after it was sealed. Nothing was changed. "
        "Ask for a new one."
    ),
    "too_large": N_("This file is too large to be a handoff file. Nothing was changed."),
}


def describe(error: CompanionError, t: Translator) -> str:
    """One clear, translated sentence (or a few lines, for several fields) for an error."""
    if isinstance(error, ValidationErrors):
        return "\n".join(describe_validation(item, t) for item in error.errors)
    if isinstance(error, ValidationError):
        return describe_validation(error, t)
    if isinstance(error, StaleEditError):
        return describe_stale_edit(error, t)
    if isinstance(error, WrongPassphraseError):
        return t.gettext("That passphrase is not right. Nothing was changed.")
    if isinstance(error, WrongRecoveryCodeError):
        return t.gettext("That recovery code is not right. Check each group of letters.")
    if isinstance(error, WeakPassphraseError):
        return t.gettext(PASSPHRASE_REASONS[error.reason]).format(minimum=error.minimum_length)
    if isinstance(error, KeyCostError):
        return t.gettext(
            "The key file {path} asks for a key derivation out of bounds ({parameter}="
            "{value}; accepted: {minimum} to {maximum}), as a file changed by hand or planted "
            "would. Nothing was tried and nothing was changed. Restore the latest backup, or "
            "ask your IT contact for help."
        ).format(
            path=error.path,
            parameter=error.parameter,
            value=error.value,
            minimum=error.minimum,
            maximum=error.maximum,
        )
    if isinstance(error, KeyFileError):
        template = KEY_FILE_PROBLEMS.get(error.reason, KEY_FILE_PROBLEMS["damaged"])
        return t.gettext(template).format(path=error.path, detail=error.detail)
    if isinstance(error, FolderProblemError):
        template = FOLDER_PROBLEMS.get(error.reason, FOLDER_PROBLEMS["no_permission"])
        return t.gettext(template).format(folder=error.path)
    if isinstance(error, NoStoreError):
        return t.gettext("There is no Court Companion store in {folder}.").format(folder=error.path)
    if isinstance(error, StoreExistsError):
        return t.gettext("{folder} already holds a store. Nothing was changed.").format(
            folder=error.path
        )
    if isinstance(error, NotAStoreError):
        return t.gettext(
            "{path} is not a Court Companion store, or its key file does not match it. "
            "The file was left untouched."
        ).format(path=error.path)
    if isinstance(error, StoreNewerError):
        return t.gettext(
            "This store was written by a newer version of Court Companion. Install the newer "
            "version to open it. The store was left untouched."
        )
    if isinstance(error, BackupNewerError):
        return t.gettext(
            "This backup was made by a newer version of Court Companion (data version "
            "{backup_version}; this version reads up to {app_version}). Install the newer "
            "version to restore it. Nothing was changed."
        ).format(backup_version=error.backup_version, app_version=error.app_version)
    if isinstance(error, StoreInUseError):
        return t.gettext(
            "The store in {folder} is open in another Court Companion window or command. "
            "Close it there, then try again. Nothing was changed."
        ).format(folder=error.path)
    if isinstance(error, OtherOfficeError):
        return t.gettext(
            "This backup is of another office's store, not of the store open here. "
            "Nothing was changed."
        )
    if isinstance(error, CurrentSecretError):
        return t.gettext(
            "That is not the passphrase or the recovery code of the store in {folder}. "
            "Restoring a backup over a store needs the store's own passphrase. Nothing was "
            "changed."
        ).format(folder=error.path)
    if isinstance(error, BackupKeysDifferError):
        from companion.i18n.formatting import format_date

        return t.gettext(
            "This backup was made on {date}, before the store's key was changed: restoring "
            "it would bring back the passphrase and the recovery code in use then. Nothing "
            "was changed."
        ).format(date=format_date(error.made_at.date(), t.language.tag))
    if isinstance(error, RestoredButNotOpenedError):
        return t.gettext(
            "The backup was put in place, but opening it afterwards failed ({detail}). "
            "Start Court Companion again; if it still fails, restore the before-restore "
            "backup."
        ).format(detail=error.detail)
    if isinstance(error, StoreDamagedError):
        return t.gettext(
            "The store file is damaged ({detail}). It was left untouched. Restore the latest "
            "backup, or ask your IT contact for help."
        ).format(detail=error.detail)
    if isinstance(error, StoreWriteError):
        return t.gettext(
            "Could not save: the disk may be full or read-only. Nothing stored before was "
            "changed. Details: {detail}"
        ).format(detail=error.detail)
    if isinstance(error, NotFoundError):
        template = NOT_FOUND.get(error.kind, NOT_FOUND["person"])
        return t.gettext(template).format(id=error.record_id)
    if isinstance(error, InUseError):
        return t.ngettext(
            "This courthouse still has {count} hearing. Move or delete it first.",
            "This courthouse still has {count} hearings. Move or delete them first.",
            error.dependants,
        ).format(count=error.dependants)
    if isinstance(error, UnsupportedLanguageError):
        return t.gettext("“{tag}” is not one of the languages Court Companion prints in.").format(
            tag=error.tag
        )
    if error.code == "not_a_regular_file":
        template = NOT_A_FILE.get(getattr(error, "kind", ""), NOT_A_FILE["device"])
        return t.gettext(template).format(path=getattr(error, "path", ""))
    if error.code == "not_a_file_to_write":
        template = NOT_A_FILE_TO_WRITE.get(
            getattr(error, "kind", ""), NOT_A_FILE_TO_WRITE["device"]
        )
        return t.gettext(template).format(path=getattr(error, "path", ""))
    if error.code == "handoff_code":
        return t.gettext("That code does not open this handoff file. Nothing was changed.")
    if error.code == "handoff_file":
        template = HANDOFF_FILE_PROBLEMS.get(
            getattr(error, "reason", ""), HANDOFF_FILE_PROBLEMS["damaged"]
        )
        return t.gettext(template)
    # Packet, backup and self-test errors are matched by code: importing their modules
    # here would load the PDF engine at start-up.
    if error.code == "office_details_missing":
        if getattr(error, "missing", "") == "name":
            return t.gettext("The office has no name yet. Add it in Preferences, Office.")
        return t.gettext(
            "The office has no phone number to call back. Add an advocate's or a hotline's "
            "phone in Preferences, Office."
        )
    if error.code in ("voicemail_not_allowed", "text_not_allowed"):
        name = getattr(error, "person_name", "") or t.gettext("Person {id}").format(
            id=getattr(error, "person_id", "")
        )
        if error.code == "voicemail_not_allowed":
            return t.gettext(
                "None of {name}'s phones is marked “OK to leave a voicemail”. If they "
                "agreed, tick it on their phone in Edit person."
            ).format(name=name)
        return t.gettext(
            "None of {name}'s phones is marked “OK to text”. If they agreed, tick it on "
            "their phone in Edit person."
        ).format(name=name)
    if error.code == "output_write":
        return t.gettext("Could not write {path}: {detail}. Nothing was left there.").format(
            path=getattr(error, "path", ""), detail=getattr(error, "detail", "")
        )
    if error.code == "render_cancelled":
        return t.gettext("Printing was cancelled. Nothing was saved.")
    if error.code == "restore_failed":
        return t.gettext(
            "The backup was not restored: it did not pass the checks made before a restore "
            "({detail}). The store was left as it was. Choose another backup."
        ).format(detail=getattr(error, "detail", ""))
    if error.code == "no_backup_file":
        return t.gettext(
            "There is no file {path}. Check the backup's name and folder. Nothing was changed."
        ).format(path=getattr(error, "path", ""))
    if error.code == "backup_failed":
        return t.gettext(
            "The backup could not be made or checked ({detail}). Earlier backups were kept."
        ).format(detail=getattr(error, "detail", ""))
    if error.code == "not_a_backup":
        return t.gettext("{path} is not a Court Companion backup.").format(
            path=getattr(error, "path", "")
        )
    if error.code == "self_test_failed":
        return t.gettext("Self-test failed: {detail}").format(detail=str(error))
    if error.code == "missing_glyphs":
        return t.gettext(
            "Nothing was saved: no font in Court Companion has these characters of the "
            "packet for {names}: {characters}."
        ).format(names=getattr(error, "names", ""), characters=getattr(error, "characters", ""))
    if error.code == "nothing_to_print":
        return t.gettext("There is no packet to print: no hearing with people matched.")
    if error.code == "no_postal_address":
        return t.gettext(
            "Person {id} has no postal address. Add one to their contacts to mail a letter."
        ).format(id=getattr(error, "person_id", ""))
    if error.code == "guidance_not_found":
        return t.gettext("There is no guidance topic named “{topic}”.").format(
            topic=getattr(error, "doc_id", "")
        )
    if error.code == "guidance_format":
        return t.gettext(
            "The guidance file {path} is damaged (line {line}). Reinstall Court Companion."
        ).format(path=getattr(error, "path", ""), line=getattr(error, "line", ""))
    return t.gettext("Something went wrong: {code}").format(code=error.code)
