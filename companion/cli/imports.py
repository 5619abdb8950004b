"""``companion import`` and ``companion import-undo``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from companion.cli.results import show
from companion.cli.terminal_text import one_line
from companion.i18n.catalog import Translator
from companion.imports.batches import apply_plan, last_batch, undo_last_import
from companion.imports.errors import UnknownMappingError
from companion.imports.mapping import (
    Mapping,
    completed,
    guess_mapping,
    load_mapping,
    save_mapping,
)
from companion.imports.messages import describe_row_reason
from companion.imports.plan import Plan, build_plan
from companion.imports.reading import read_table
from companion.store.store import Store


def _mapping(store: Store, name: str | None, headers: list[str]) -> Mapping:
    if name is None:
        return guess_mapping(headers)
    if name.endswith(".json") and Path(name).is_file():
        return completed(Mapping.from_json(Path(name).read_text("utf-8")), headers)
    return completed(load_mapping(store.db, name), headers)


def _mapping_or_none(store: Store, name: str | None, headers: list[str]) -> Mapping | None:
    try:
        return _mapping(store, name, headers)
    except UnknownMappingError:
        return None


def command_import(store: Store, arguments: argparse.Namespace, t: Translator) -> int:
    """Exit 0 when imported (or a clean dry run), 2 when rows have errors and nothing
    was written."""
    table = read_table(arguments.file, arguments.sheet)
    mapping = _mapping_or_none(store, arguments.mapping, table.headers)
    if mapping is None:
        print(
            t.gettext("There is no saved mapping named “{name}”.").format(name=arguments.mapping),
            file=sys.stderr,
        )
        return 2
    if arguments.save_mapping:
        save_mapping(store.db, arguments.save_mapping, mapping)
        mapping.name = arguments.save_mapping
    plan = build_plan(store, table, mapping, arguments.date_order)
    refused = bool(plan.errors) and not arguments.skip_bad_rows
    _report(plan, arguments.json, t)
    if refused:
        print(
            t.gettext("{count} rows have errors. Nothing was imported.").format(
                count=len({error.row for error in plan.errors})
            ),
            file=sys.stderr,
        )
        return 2
    if arguments.dry_run:
        return 0
    apply_plan(store, plan, arguments.file.name, mapping.name, skip_bad_rows=True)
    if not arguments.json:
        show(t.gettext("Imported. A backup was made first; import-undo takes it back."))
    return 0


def _report(plan: Plan, as_json: bool, t: Translator) -> None:
    summary = plan.summary()
    if as_json:
        for entry in summary["errors"]:  # type: ignore[attr-defined]
            entry["message"] = describe_row_reason(entry["message"], t)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    print(
        t.gettext(
            "New people: {new_people}. Updated people: {updated_people}. New cases: "
            "{new_cases}. New hearings: {new_hearings}. Moved hearings: {moved_hearings}. "
            "Unchanged: {unchanged}."
        ).format(**{key: value for key, value in summary.items() if isinstance(value, int)})
    )
    for hearing_id in plan.missing_hearing_ids:
        print(
            t.gettext("Hearing {id} is no longer in this file; it was kept.").format(id=hearing_id)
        )
    for row in plan.past_hearing_rows:
        print(
            t.gettext(
                "Row {row}: this hearing's date is in the past. It is imported all the same; "
                "check the date and its order."
            ).format(row=row)
        )
    for row, person_id in plan.doubtful:
        print(
            t.gettext(
                "Row {row} has the name of person {id} but no phone or birth date to confirm "
                "it; imported as a new person."
            ).format(row=row, id=person_id)
        )
    for error in plan.errors:
        print(
            t.gettext("Row {row}, column “{column}”, value “{value}”: {why}.").format(
                row=error.row,
                column=one_line(error.column),
                value=one_line(error.value),
                why=describe_row_reason(error.reason, t),
            )
        )


def command_import_undo(store: Store, arguments: argparse.Namespace, t: Translator) -> int:
    batch = last_batch(store)
    if batch is None:
        print(t.gettext("There is no import to undo."), file=sys.stderr)
        return 2
    if not arguments.yes:
        if not sys.stdin.isatty():
            print(t.gettext("Add --yes to undo without a terminal."), file=sys.stderr)
            return 2
        answer = input(t.gettext("Undo the last import? Type yes to go on: "))
        if answer.strip().casefold() not in {t.gettext("yes").casefold(), "yes"}:
            print(t.gettext("Nothing was changed."))
            return 1
    undo_last_import(store)
    show(t.gettext("The last import was undone."))
    return 0
