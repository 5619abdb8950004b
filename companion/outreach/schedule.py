"""The reminder schedule, and who is due for a call on a given day.

Steps are counted in local days at the hearing's courthouse. The default schedule: when
a hearing is scheduled, 7, 2 and 1 days before it, and at once when it is moved or
cancelled. A person is due when a step has been reached and no contact since that step
has *reached* them (confirmed, declined, needs help, asked not to be contacted: see
``REACHED_OUTCOMES``). After an attempt that reached nobody (no answer, voicemail, wrong
or changed number) they are due again the next working day (Monday to Friday; the app
knows no public holidays). A moved hearing (continued to a new one, or its time changed)
and a cancelled one make their people due once, to tell them; once reached, not again.
Nobody is due for a hearing already past, nor when they asked not to be contacted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from companion.errors import ValidationError, ValidationErrors
from companion.outreach.model import ContactOutcome, DueKind, DueReason

SCHEDULE_SETTING = "reminder_schedule"


@dataclass(frozen=True)
class ReminderSchedule:
    days_before: tuple[int, ...] = (7, 2, 1)
    when_scheduled: bool = True
    when_moved_or_cancelled: bool = True

    def to_setting(self) -> dict[str, Any]:
        return {
            "days_before": list(self.days_before),
            "when_scheduled": self.when_scheduled,
            "when_moved_or_cancelled": self.when_moved_or_cancelled,
        }

    @classmethod
    def from_setting(cls, value: Any) -> ReminderSchedule:
        if not isinstance(value, dict):
            return cls()
        default = cls()
        return validate_schedule(
            cls(
                days_before=tuple(int(n) for n in value.get("days_before", default.days_before)),
                when_scheduled=bool(value.get("when_scheduled", default.when_scheduled)),
                when_moved_or_cancelled=bool(
                    value.get("when_moved_or_cancelled", default.when_moved_or_cancelled)
                ),
            )
        )


def validate_schedule(schedule: ReminderSchedule) -> ReminderSchedule:
    """Steps are whole days from 1 to 365; duplicates are dropped, largest first."""
    bad = [n for n in schedule.days_before if not 1 <= n <= 365]
    if bad:
        raise ValidationErrors([ValidationError("days", "days_out_of_range", bad[0])])
    return ReminderSchedule(
        tuple(sorted(set(schedule.days_before), reverse=True)),
        schedule.when_scheduled,
        schedule.when_moved_or_cancelled,
    )


@dataclass(frozen=True)
class AttemptSeen:
    """An attempt as the schedule sees it: its local day and outcome (and its instant, to
    tell a call made before a hearing was moved that day from one made after)."""

    on: dt.date
    outcome: ContactOutcome
    at: dt.datetime | None = None


@dataclass(frozen=True)
class HearingTimeline:
    """What the schedule needs to know of one person's place at one hearing (local days)."""

    hearing_on: dt.date
    scheduled_on: dt.date
    #: The day the hearing was moved (continued here from another, or its time changed).
    moved_on: dt.date | None = None
    #: The day it was cancelled; None while it is on.
    cancelled_on: dt.date | None = None
    #: The instants of the move and the cancellation, where known.
    moved_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    #: Continued to another hearing, or already held: its people are called about that one.
    superseded: bool = False


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _steps(timeline: HearingTimeline, schedule: ReminderSchedule) -> list[DueReason]:
    if timeline.cancelled_on is not None:
        if not schedule.when_moved_or_cancelled:
            return []
        return [DueReason(DueKind.CANCELLED, timeline.cancelled_on)]
    steps = []
    if schedule.when_scheduled:
        steps.append(DueReason(DueKind.SCHEDULED, timeline.scheduled_on))
    for days in schedule.days_before:
        step_on = timeline.hearing_on - dt.timedelta(days=days)
        if step_on >= timeline.scheduled_on:  # a step before it was scheduled is no step
            steps.append(DueReason(DueKind.DAYS_BEFORE, step_on, days=days))
    if timeline.moved_on is not None and schedule.when_moved_or_cancelled:
        steps.append(DueReason(DueKind.MOVED, timeline.moved_on))
    # The latest step wins; on one day "moved" says more than "7 days before".
    order = {DueKind.SCHEDULED: 0, DueKind.DAYS_BEFORE: 1, DueKind.MOVED: 2}
    return sorted(steps, key=lambda step: (step.step_on, order[step.kind]))


def due_reason(
    timeline: HearingTimeline,
    attempts: list[AttemptSeen],
    on: dt.date,
    schedule: ReminderSchedule,
    do_not_contact: bool = False,
) -> DueReason | None:
    """Why this person is due for a call about this hearing on day ``on``, or None."""
    if do_not_contact or timeline.superseded or on > timeline.hearing_on:
        return None
    reached = [step for step in _steps(timeline, schedule) if step.step_on <= on]
    if not reached:
        return None
    step = reached[-1]
    instant = {DueKind.MOVED: timeline.moved_at, DueKind.CANCELLED: timeline.cancelled_at}.get(
        step.kind
    )

    def after_step(attempt: AttemptSeen) -> bool:
        if instant is not None and attempt.at is not None and attempt.on == step.step_on:
            return attempt.at >= instant
        return step.step_on <= attempt.on <= on

    since = sorted(filter(after_step, attempts), key=lambda attempt: attempt.on)
    if any(attempt.outcome.reached for attempt in since):
        return None
    if not since:
        return step
    last = since[-1]
    if on < next_working_day(last.on):
        return None
    return DueReason(
        DueKind.RETRY, step.step_on, days=step.days, previous=last.outcome, previous_on=last.on
    )
