"""Hearings of a period of days, each day as the courthouse counts it."""

from __future__ import annotations

import datetime as dt

from companion.store.agenda import AgendaEntry
from companion.store.store import Store


def entries_in_days(store: Store, first: dt.date, last: dt.date) -> list[AgendaEntry]:
    """Hearings whose local date at their courthouse is from ``first`` to ``last``
    (both included), cancelled ones too, in time order."""
    start = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC) - dt.timedelta(days=1)
    end = dt.datetime.combine(last, dt.time.max, tzinfo=dt.UTC) + dt.timedelta(days=1)
    return [
        entry
        for entry in store.agenda.between(start, end)
        if first <= entry.starts_at.date() <= last
    ]
