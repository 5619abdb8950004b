"""Who is due for a call on which day: the reminder schedule, worked by hand on a calendar.

The hearing is on Friday 18 December 2026; it was scheduled on Monday 30 November.
Default steps: scheduled (30 Nov), 7 days before (Fri 11 Dec), 2 days before (Wed 16 Dec),
1 day before (Thu 17 Dec).
"""

from __future__ import annotations

import datetime as dt

import pytest

from companion.errors import ValidationErrors
from companion.outreach.model import ContactOutcome, DueKind
from companion.outreach.schedule import (
    AttemptSeen,
    HearingTimeline,
    ReminderSchedule,
    due_reason,
    next_working_day,
    validate_schedule,
)

DEFAULT = ReminderSchedule()
HEARING = dt.date(2026, 12, 18)
SCHEDULED = dt.date(2026, 11, 30)
TIMELINE = HearingTimeline(hearing_on=HEARING, scheduled_on=SCHEDULED)


def day(n: int) -> dt.date:
    return dt.date(2026, 12, n)


def kind_on(
    on: dt.date,
    attempts: list[AttemptSeen] | None = None,
    timeline: HearingTimeline = TIMELINE,
    schedule: ReminderSchedule = DEFAULT,
) -> tuple[DueKind, int | None] | None:
    reason = due_reason(timeline, attempts or [], on, schedule)
    return None if reason is None else (reason.kind, reason.days)


def test_each_step_makes_the_person_due_until_reached() -> None:
    assert kind_on(SCHEDULED - dt.timedelta(days=1)) is None
    assert kind_on(SCHEDULED) == (DueKind.SCHEDULED, None)
    assert kind_on(day(10)) == (DueKind.SCHEDULED, None)  # never reached: still due
    assert kind_on(day(11)) == (DueKind.DAYS_BEFORE, 7)
    assert kind_on(day(15)) == (DueKind.DAYS_BEFORE, 7)
    assert kind_on(day(16)) == (DueKind.DAYS_BEFORE, 2)
    assert kind_on(day(17)) == (DueKind.DAYS_BEFORE, 1)
    assert kind_on(HEARING) == (DueKind.DAYS_BEFORE, 1)
    assert kind_on(day(19)) is None  # the hearing is past


def test_a_reaching_contact_covers_its_step_only() -> None:
    confirmed = [AttemptSeen(SCHEDULED, ContactOutcome.CONFIRMED)]
    assert kind_on(SCHEDULED, confirmed) is None
    assert kind_on(day(10), confirmed) is None
    assert kind_on(day(11), confirmed) == (DueKind.DAYS_BEFORE, 7)
    both = [*confirmed, AttemptSeen(day(11), ContactOutcome.CONFIRMED)]
    assert kind_on(day(15), both) is None
    assert kind_on(day(16), both) == (DueKind.DAYS_BEFORE, 2)


@pytest.mark.parametrize(
    "outcome",
    [
        ContactOutcome.CONFIRMED,
        ContactOutcome.DECLINED,
        ContactOutcome.NEEDS_HELP,
        ContactOutcome.DO_NOT_CONTACT,
    ],
)
def test_outcomes_that_reach_the_person_end_the_step(outcome: ContactOutcome) -> None:
    attempts = [AttemptSeen(day(11), outcome)]
    for n in (11, 12, 14, 15):
        assert kind_on(day(n), attempts) is None, n
    assert kind_on(day(16), attempts) == (DueKind.DAYS_BEFORE, 2)


@pytest.mark.parametrize(
    "outcome",
    [
        ContactOutcome.NO_ANSWER,
        ContactOutcome.LEFT_VOICEMAIL,
        ContactOutcome.WRONG_NUMBER,
        ContactOutcome.NUMBER_CHANGED,
    ],
)
def test_outcomes_that_reach_nobody_make_them_due_the_next_working_day(
    outcome: ContactOutcome,
) -> None:
    tried_friday = [AttemptSeen(day(11), outcome)]  # 11 December 2026 is a Friday
    assert kind_on(day(11), tried_friday) is None
    assert kind_on(day(12), tried_friday) is None  # Saturday
    assert kind_on(day(13), tried_friday) is None  # Sunday
    reason = due_reason(TIMELINE, tried_friday, day(14), DEFAULT)
    assert reason is not None
    assert reason.kind is DueKind.RETRY
    assert (reason.previous, reason.previous_on, reason.days) == (outcome, day(11), 7)
    # Tried again on Monday with no answer: Tuesday again.
    twice = [*tried_friday, AttemptSeen(day(14), ContactOutcome.NO_ANSWER)]
    assert kind_on(day(14), twice) is None
    assert kind_on(day(15), twice) == (DueKind.RETRY, 7)
    # The 2-days-before step starts afresh.
    assert kind_on(day(16), twice) == (DueKind.DAYS_BEFORE, 2)


def test_a_moved_hearing_makes_its_people_due_once() -> None:
    moved = HearingTimeline(hearing_on=HEARING, scheduled_on=SCHEDULED, moved_on=day(3))
    assert kind_on(day(2), timeline=moved) == (DueKind.SCHEDULED, None)
    assert kind_on(day(3), timeline=moved) == (DueKind.MOVED, None)
    told = [AttemptSeen(day(3), ContactOutcome.CONFIRMED)]
    assert kind_on(day(4), told, timeline=moved) is None
    assert kind_on(day(10), told, timeline=moved) is None
    assert kind_on(day(11), told, timeline=moved) == (DueKind.DAYS_BEFORE, 7)


def test_a_cancelled_hearing_makes_its_people_due_once_then_not() -> None:
    cancelled = HearingTimeline(hearing_on=HEARING, scheduled_on=SCHEDULED, cancelled_on=day(3))
    assert kind_on(day(2), timeline=cancelled) is None  # the step is the day it was cancelled
    assert kind_on(day(3), timeline=cancelled) == (DueKind.CANCELLED, None)
    assert kind_on(day(11), timeline=cancelled) == (DueKind.CANCELLED, None)  # not yet told
    no_answer = [AttemptSeen(day(3), ContactOutcome.NO_ANSWER)]
    assert kind_on(day(3), no_answer, timeline=cancelled) is None
    assert kind_on(day(4), no_answer, timeline=cancelled) == (DueKind.RETRY, None)
    told = [*no_answer, AttemptSeen(day(4), ContactOutcome.CONFIRMED)]
    for n in (4, 11, 16, 17, 18):
        assert kind_on(day(n), told, timeline=cancelled) is None, n
    assert kind_on(day(19), timeline=cancelled) is None


def test_nobody_is_due_who_asked_not_to_be_contacted_or_whose_hearing_moved_on() -> None:
    assert due_reason(TIMELINE, [], day(11), DEFAULT, do_not_contact=True) is None
    superseded = HearingTimeline(hearing_on=HEARING, scheduled_on=SCHEDULED, superseded=True)
    assert kind_on(day(11), timeline=superseded) is None


def test_the_office_can_change_the_steps() -> None:
    three_days = ReminderSchedule(days_before=(3,), when_scheduled=False)
    assert kind_on(SCHEDULED, schedule=three_days) is None
    assert kind_on(day(14), schedule=three_days) is None
    assert kind_on(day(15), schedule=three_days) == (DueKind.DAYS_BEFORE, 3)
    # A hearing scheduled after a step's day does not get that step.
    late = HearingTimeline(hearing_on=HEARING, scheduled_on=day(15))
    assert kind_on(day(15), timeline=late) == (DueKind.SCHEDULED, None)
    assert kind_on(day(16), timeline=late) == (DueKind.DAYS_BEFORE, 2)


def test_schedule_steps_are_checked_and_kept_in_order() -> None:
    assert validate_schedule(ReminderSchedule(days_before=(1, 7, 2, 7))).days_before == (7, 2, 1)
    with pytest.raises(ValidationErrors):
        validate_schedule(ReminderSchedule(days_before=(0,)))
    restored = ReminderSchedule.from_setting({"days_before": [10, 3], "when_scheduled": False})
    assert restored == ReminderSchedule((10, 3), False, True)
    assert ReminderSchedule.from_setting(None) == DEFAULT


def test_next_working_day_skips_the_weekend() -> None:
    assert next_working_day(day(10)) == day(11)  # Thursday -> Friday
    assert next_working_day(day(11)) == day(14)  # Friday -> Monday
    assert next_working_day(day(12)) == day(14)  # Saturday -> Monday
