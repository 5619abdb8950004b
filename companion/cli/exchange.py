"""``companion export``, ``export-ics`` and ``handoff``: data out of the store, and in from
a colleague's laptop. The work is done by ``companion.exchange``; this module reads the
arguments and says what happened."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.packet_arguments import record_number
from companion.errors import ValidationError
from companion.i18n.catalog import Translator, translator

if TYPE_CHECKING:
    # Loaded by the command that runs, not by the app's start (the unlock screen first).
    from companion.store.store import Store

CODE_VARIABLE = "COMPANION_HANDOFF_CODE"


class NoHandoffCodeError(Exception):
    """No ``--code``, no ``COMPANION_HANDOFF_CODE`` and no terminal to type it on."""


def _people_ids(text: str) -> list[int]:
    return [record_number(part.strip()) for part in text.split(",") if part.strip()]


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="people, hearings or a docket as CSV or .xlsx")
    export.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    export.add_argument("--what", choices=["people", "hearings", "docket"], required=True)
    export.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    export.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
    export.add_argument("--format", choices=["csv", "xlsx"], required=True, dest="file_format")
    export.add_argument("-o", "--output", type=Path, required=True)

    ics = commands.add_parser("export-ics", help="hearings of a period for your own calendar")
    ics.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    ics.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    ics.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    ics.add_argument("--names", action="store_true", help="full names instead of initials")
    ics.add_argument("-o", "--output", type=Path, required=True)

    handoff = commands.add_parser("handoff", help="hand people over to another laptop")
    steps = handoff.add_subparsers(dest="handoff_command", required=True)
    out = steps.add_parser("export", help="seal chosen people in a .cchandoff file")
    out.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    out.add_argument("--people", type=_people_ids, required=True, help="ID[,ID...]")
    out.add_argument(
        "--mark-handed-over", action="store_true", help="note the handover in their history"
    )
    out.add_argument("-o", "--output", type=Path, required=True)
    into = steps.add_parser("import", help="merge a .cchandoff file into this store")
    into.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    into.add_argument("file", type=Path)
    into.add_argument("--code", default=None, help=f"the handoff code (or {CODE_VARIABLE})")
    into.add_argument("--dry-run", action="store_true", help="show what would merge")
    into.add_argument("--json", action="store_true", help="print JSON")


def _warn_names(t: Translator) -> None:
    print(
        t.gettext(
            "This file holds names and other personal data. Keep it safe, and delete it when "
            "it is no longer needed."
        ),
        file=sys.stderr,
    )


def _days(arguments: argparse.Namespace) -> tuple[dt.date, dt.date]:
    from companion.domain.validation import parse_date  # Babel and phonenumbers: not at start

    if arguments.start is None or arguments.end is None:
        raise ValidationError("from", "required", None)
    first = parse_date(arguments.start, "from")
    last = parse_date(arguments.end, "to")
    if last < first:
        raise ValidationError("to", "before_start", arguments.end)
    return first, last


def command_export(store: Store, arguments: argparse.Namespace) -> str:
    from companion.exchange.spreadsheet import ExportFormat, ExportKind, export_table

    t = translator("en")
    kind = ExportKind(arguments.what)
    first: dt.date | None = None
    last: dt.date | None = None
    if kind is not ExportKind.PEOPLE:
        first, last = _days(arguments)
    result = export_table(
        store,
        kind,
        ExportFormat(arguments.file_format),
        arguments.output,
        first,
        last,
    )
    _warn_names(t)
    return t.ngettext(
        "Saved {count} row to {path}.", "Saved {count} rows to {path}.", result.rows
    ).format(count=result.rows, path=result.path)


def command_export_ics(store: Store, arguments: argparse.Namespace) -> str:
    from companion.exchange.calendar_export import export_calendar

    t = translator("en")
    first, last = _days(arguments)
    result = export_calendar(
        store,
        first,
        last,
        arguments.output,
        t,
        names=arguments.names,
    )
    if arguments.names:
        _warn_names(t)
    return t.ngettext(
        "Saved {count} hearing to {path}.", "Saved {count} hearings to {path}.", result.events
    ).format(count=result.events, path=result.path)


def command_handoff_export(store: Store, arguments: argparse.Namespace) -> str:
    from companion.exchange.handoff import export_handoff

    t = translator("en")
    result = export_handoff(
        store, arguments.people, arguments.output, mark_handed_over=arguments.mark_handed_over
    )
    _warn_names(t)
    print(
        t.ngettext(
            "Sealed {count} person in {path}. Give the code below by phone or in person; "
            "it is shown only this once.",
            "Sealed {count} people in {path}. Give the code below by phone or in person; "
            "it is shown only this once.",
            result.people,
        ).format(count=result.people, path=result.path),
        file=sys.stderr,
    )
    return result.code


def handoff_code(arguments: argparse.Namespace) -> str:
    code = arguments.code or os.environ.get(CODE_VARIABLE, "")
    if code:
        return str(code)
    if not sys.stdin.isatty():
        raise NoHandoffCodeError()
    return getpass.getpass(translator("en").gettext("Handoff code: "))


def command_handoff_import(store: Store, arguments: argparse.Namespace) -> str:
    from companion.exchange.handoff import import_handoff, preview_handoff, read_handoff

    t = translator("en")
    payload = read_handoff(arguments.file, handoff_code(arguments))
    plan = preview_handoff(store, payload) if arguments.dry_run else import_handoff(store, payload)
    if arguments.json:
        return json.dumps(
            {"dry_run": arguments.dry_run, **plan.to_json()}, ensure_ascii=False, indent=2
        )
    new_records = sum(len(uids) for uids in plan.new.values())
    lines = [
        t.gettext(
            "New: {people} people, {records} records in all. Already here: {unchanged}. "
            "Conflicts (this laptop's record kept): {conflicts}."
        ).format(
            people=plan.new_people,
            records=new_records,
            unchanged=sum(plan.unchanged.values()),
            conflicts=len(plan.conflicts),
        )
    ]
    if plan.updated or plan.kept:
        lines.append(
            t.gettext(
                "Changed on the other laptop only, taken from the file: {updated}. "
                "Changed on this laptop only, kept: {kept}."
            ).format(
                updated=sum(len(uids) for uids in plan.updated.values()),
                kept=sum(len(uids) for uids in plan.kept.values()),
            )
        )
    for conflict in plan.conflicts:
        lines.append(
            t.gettext("Conflict: {table} {uid} differs in {fields}.").format(
                table=conflict.table, uid=conflict.uid, fields=", ".join(conflict.fields)
            )
        )
    lines.append(
        t.gettext("Dry run: nothing was written.")
        if arguments.dry_run
        else t.gettext("Merged in one step and recorded in the audit trail.")
    )
    return "\n".join(lines)
