"""Why someone is due for a call, in the words of the person reading the list."""

from __future__ import annotations

import datetime as dt

from companion.i18n.catalog import Translator
from companion.i18n.formatting import format_date
from companion.outreach.model import DueKind, DueReason


def describe_reason(reason: DueReason, t: Translator, today: dt.date) -> str:
    """ "7 days before", "Hearing moved", "Last try yesterday: No answer"."""
    if reason.kind is DueKind.SCHEDULED:
        return t.gettext("Hearing scheduled")
    if reason.kind is DueKind.DAYS_BEFORE:
        days = reason.days or 0
        return t.ngettext("{days} day before", "{days} days before", days).format(days=days)
    if reason.kind is DueKind.MOVED:
        return t.gettext("Hearing moved")
    if reason.kind is DueKind.CANCELLED:
        return t.gettext("Hearing cancelled")
    outcome = t.gettext(reason.previous.label) if reason.previous else ""
    if reason.previous_on == today - dt.timedelta(days=1):
        return t.gettext("Last try yesterday: {outcome}").format(outcome=outcome)
    when = format_date(reason.previous_on or today, t.language.tag)
    return t.gettext("Last try on {date}: {outcome}").format(date=when, outcome=outcome)
