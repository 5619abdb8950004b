"""The dry run warns about each hearing the import would add with a date already past
(an ambiguous 03/04 read in the wrong order, say), and imports it all the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from companion.domain.models import Courthouse
from companion.imports.mapping import guess_mapping
from companion.imports.plan import build_plan
from companion.imports.reading import read_table
from companion.store.store import Store


def test_a_hearing_added_in_the_past_is_warned_about_per_row(store: Store, tmp_path: Path) -> None:
    store.courthouses.add(Courthouse("Fictional Hall", "1 Sample Road", "America/New_York"))
    path = tmp_path / "dates.csv"
    path.write_text(
        "First Name,Last Name,Cell,Case Number,Court Date,Time\n"
        "Ana,Fictional,+1 202-555-0101,CR-1,03/04/2027,9:30 AM\n"
        "Bo,Sample,+1 202-555-0102,CR-2,09/10/2027,9:30 AM\n",
        "utf-8",
    )
    table = read_table(path)
    now = dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC)
    plan = build_plan(store, table, guess_mapping(table.headers), date_order="mdy", now=now)
    assert plan.errors == []
    assert plan.past_hearing_rows == [2]  # March 4 has passed, September 10 has not
    assert plan.summary()["past_hearing_rows"] == [2]
    assert plan.new_hearings == 2  # warned, not refused
