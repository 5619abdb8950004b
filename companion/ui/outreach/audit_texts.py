"""The audit trail's details of outreach entries in words: a logged contact's outcome,
a need changed, a letter saved. The trail stores codes and record numbers only."""

from __future__ import annotations

from companion.outreach.model import ContactOutcome, NeedKind, NeedStatus
from companion.store.audit import AuditAction, AuditEntry
from companion.ui.i18n import _
from companion.ui.records.person_page import HISTORY_KINDS

_OUTCOMES = {outcome.value: outcome for outcome in ContactOutcome}
_NEEDS = {kind.value: kind for kind in NeedKind}
_STATUSES = {status.value: status for status in NeedStatus}
_LETTERS = ("letter_saved", "employer_letter_saved")


def outreach_details(entry: AuditEntry) -> str | None:
    """The detail in words, or None when ``entry`` is not an outreach entry this knows."""
    words = entry.detail.split()
    if entry.action is AuditAction.LOGGED_CONTACT and len(words) == 5:
        # "attempt 12 hearing 3 no_answer" ("-" for no hearing)
        outcome = _OUTCOMES.get(words[4])
        if outcome is None:
            return None
        if not words[3].isdigit():
            return _(outcome.label)
        return _("{outcome}, hearing {id}").format(outcome=_(outcome.label), id=words[3])
    if entry.action is AuditAction.CHANGED_NEED and len(words) == 4 and words[1].isdigit():
        # "hearing 3 transport open", or "... off" when it was taken off
        need = _NEEDS.get(words[2])
        if need is None:
            return None
        if words[3] == "off":
            return _("{need} taken off, hearing {id}").format(need=_(need.label), id=words[1])
        status = _STATUSES.get(words[3])
        if status is None:
            return None
        return _("{need}: {status}, hearing {id}").format(
            need=_(need.label), status=_(status.label), id=words[1]
        )
    if entry.action is AuditAction.EXPORTED and entry.detail in _LETTERS:
        return _(HISTORY_KINDS[entry.detail])
    return None
